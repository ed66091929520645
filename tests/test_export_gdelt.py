"""GDELT 2.0 TSV export: 61 columns in GDELT order, values in the right columns, shape-safe."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pycountry
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.export import GDELT_COLUMNS, gdelt_event_id, iso3_to_fips, write_gdelt_tsv
from herald.export._common import data_rows
from herald.records import Actor, ActorMention, Event, Evidence, Location, Provenance

ADDED = dt.datetime(2024, 3, 5, 6, 7, 8, tzinfo=dt.timezone.utc)
COL = {name: i for i, name in enumerate(GDELT_COLUMNS)}


def _mention(text, code, country, role, name=None, kind="state"):
    return ActorMention(text, 0, len(text), 0, 1, Actor(code, country, role, name, kind), "test")


def _event(**kw) -> dict:
    base = dict(
        article_id="art-1", event_id="3fa94c0d12be7a55", date=dt.date(2023, 10, 9),
        cameo="0421", cameo_root="04", quad_class=1, goldstein=1.9, plover="CONSULT",
        source=_mention("Finnish officials", "FINGOV", "FIN", "GOV"),
        target=_mention("the United Nations", "IGOUNO", None, "IGO", "United Nations", "igo"),
        location=Location("Oulu", "FIN", 65.0124, 25.4682, "city", 643492),
        evidence=Evidence("Finnish officials flew to Oulu to meet the United Nations envoy.", 0, 64, "flew"),
        confidence=0.8, plover_mode="visit", provenance=Provenance("events", "1", "pattern:x"),
    )
    base.update(kw)
    return Event(**base).as_output()


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))


def _write(events, **kw) -> list[list[str]]:
    buf = io.StringIO()
    n = write_gdelt_tsv(events, buf, date_added=ADDED, **kw)
    rows = _read(buf.getvalue())
    assert n == len(rows) - (1 if kw.get("header") else 0)
    return rows


def test_column_list_is_gdelt_v2():
    assert len(GDELT_COLUMNS) == 61
    assert len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5] == "Actor1Code" and GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        assert sum(c.startswith(prefix) for c in GDELT_COLUMNS) == 8


def test_known_values_in_known_columns():
    arts = {"art-1": {"url": "https://news.example.org/a/1"}}
    [row] = _write([_event()], articles=arts)
    assert len(row) == 61
    get = lambda name: row[COL[name]]  # noqa: E731
    assert get("GlobalEventID") == str(int("3fa94c0d12be7a5", 16) % 2**53)
    assert (get("Day"), get("MonthYear"), get("Year")) == ("20231009", "202310", "2023")
    assert get("FractionDate") == f"{2023 + 282 / 365:.4f}" == "2023.7726"
    assert (get("Actor1Code"), get("Actor1CountryCode"), get("Actor1Type1Code")) == ("FINGOV", "FIN", "GOV")
    assert get("Actor1Name") == "FINNISH OFFICIALS" and get("Actor1KnownGroupCode") == ""
    assert (get("Actor2Code"), get("Actor2CountryCode")) == ("IGOUNO", "")
    assert (get("Actor2KnownGroupCode"), get("Actor2Type1Code"), get("Actor2Name")) == ("UNO", "IGO", "UNITED NATIONS")
    assert get("IsRootEvent") == "1"
    assert (get("EventCode"), get("EventBaseCode"), get("EventRootCode")) == ("0421", "042", "04")
    assert (get("QuadClass"), get("GoldsteinScale")) == ("1", "1.9")
    assert (get("NumMentions"), get("NumSources"), get("NumArticles"), get("AvgTone")) == ("1", "1", "1", "")
    assert get("ActionGeo_Type") == "4" and get("ActionGeo_FullName") == "Oulu"
    assert get("ActionGeo_CountryCode") == "FI"
    assert (get("ActionGeo_Lat"), get("ActionGeo_Long")) == ("65.0124", "25.4682")
    assert get("Actor1Geo_Type") == "" and get("Actor2Geo_FullName") == ""
    assert get("DATEADDED") == "20240305060708"
    assert get("SOURCEURL") == "https://news.example.org/a/1"


def test_fips_geo_codes_and_country_level():
    evs = [
        _event(location=Location("Germany", "DEU", 51.1, 10.4, "country")),
        _event(location=Location("Khan Younis", "PSE", 31.34, 34.30, "city"),
               evidence=Evidence("Shelling hit Khan Younis in the Gaza Strip on Monday.", 40, 92)),
        _event(location=Location("Jenin", "PSE", 32.46, 35.30)),
        _event(location=Location("Gaza City", "PSE", 31.5, 34.47)),
        _event(location=Location("Denver", "USA", 39.74, -104.99, "city")),
        _event(location=Location("United Kingdom", "GBR", 54.0, -2.0)),  # no feature: name says country
        _event(location=None),
    ]
    rows = _write(evs)
    geo = [(r[COL["ActionGeo_Type"]], r[COL["ActionGeo_CountryCode"]], r[COL["ActionGeo_FeatureID"]]) for r in rows]
    assert geo[0] == ("1", "GM", "GM")
    assert geo[1][:2] == ("4", "WE")  # the name, not the sentence, decides GZ
    assert geo[2][:2] == ("4", "WE") and geo[3][:2] == ("4", "GZ")
    assert geo[4][:2] == ("3", "US")
    assert geo[5] == ("1", "UK", "UK")
    assert geo[6] == ("", "", "")
    assert rows[0][COL["ActionGeo_ADM1Code"]] == "GM"
    assert rows[1][COL["IsRootEvent"]] == "0"


def test_fips_table_covers_every_iso_country():
    table = {r["iso3"]: r["fips"] for r in data_rows("iso3_to_fips.csv")}
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in table]
    assert missing == []
    for iso3, fips in {"GBR": "UK", "DEU": "GM", "RUS": "RS", "ISR": "IS", "CHN": "CH", "JPN": "JA",
                       "CHE": "SZ", "AUT": "AU", "AUS": "AS", "IRQ": "IZ", "UKR": "UP", "SRB": "RI",
                       "ESP": "SP", "ZAF": "SF", "KOR": "KS", "PRK": "KN", "XKX": "KV"}.items():
        assert iso3_to_fips(iso3) == fips
    assert iso3_to_fips("PSE", "Northern Gaza") == "GZ" and iso3_to_fips("PSE", "Ramallah") == "WE"
    # apart from the documented merges, FIPS codes are one per country
    codes = [f for i, f in table.items() if f and i not in ("ALA", "BES", "ANT")]
    assert len(codes) == len(set(codes))
    assert all(len(f) == 2 and f.isupper() for f in codes)


def test_merged_event_counts_and_dateless_event():
    merged = _event()
    merged.update(num_mentions=7, num_sources=3, num_articles=5, url="https://wire.example.com/x")
    undated = _event(date=None, cameo="19", cameo_root="19", quad_class=4, goldstein=-10.0, plover="ASSAULT")
    rows = _write([merged, undated], articles={"art-1": {"date": "2023-09-30"}})
    assert [rows[0][COL[c]] for c in ("NumMentions", "NumSources", "NumArticles")] == ["7", "3", "5"]
    assert rows[0][COL["SOURCEURL"]] == "https://wire.example.com/x"
    assert rows[1][COL["Day"]] == "20230930"  # falls back to the article's date
    assert (rows[1][COL["EventCode"]], rows[1][COL["EventBaseCode"]], rows[1][COL["EventRootCode"]]) == ("190", "190", "19")
    assert rows[1][COL["GoldsteinScale"]] == "-10.0"
    [bare] = _write([_event(date=None)])
    assert bare[COL["Day"]] == bare[COL["FractionDate"]] == ""


def test_merged_event_dict_shape_is_accepted():
    """MergedEvent.as_output() has flat actor codes and merged_id; they still fill the row."""
    m = {"merged_id": "M0a1b2c3d4e5f6a7b", "cameo": "112", "cameo_root": "11", "plover": "ACCUSE",
         "quad_class": 3, "goldstein": -2.0, "source_code": "TURGOV", "source_country": "TUR",
         "target_code": "SWE", "target_country": "SWE", "date": "2023-01-24", "location": None,
         "num_mentions": 4, "num_articles": 4, "num_sources": 2, "mention_ids": ["a", "b", "c", "d"],
         "article_ids": ["x"], "symmetric": False, "modality": "asserted", "confidence": 0.7}
    [row] = _write([m])
    assert row[COL["Actor1Code"]] == "TURGOV" and row[COL["Actor1Type1Code"]] == "GOV"
    assert row[COL["Actor2Code"]] == "SWE" and row[COL["Actor2Type1Code"]] == ""
    assert row[COL["GlobalEventID"]] == str(gdelt_event_id("M0a1b2c3d4e5f6a7b"))
    assert row[COL["NumMentions"]] == "4"


def test_event_id_is_deterministic_and_bounded():
    assert gdelt_event_id("ffffffffffffffff") == int("f" * 15, 16) % 2**53
    assert gdelt_event_id("not-hex-id") == gdelt_event_id("not-hex-id") < 2**53
    assert gdelt_event_id("not-hex-id") != gdelt_event_id("not-hex-id2")


def test_header_and_path_output(tmp_path):
    path = tmp_path / "events.tsv"
    n = write_gdelt_tsv([_event(), _event(event_id="99aa00")], path, header=True, date_added=ADDED)
    rows = _read(path.read_text(encoding="utf-8"))
    assert n == 2 and len(rows) == 3
    assert rows[0] == list(GDELT_COLUMNS)
    assert all(len(r) == 61 for r in rows)


_nasty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(name=_nasty, text=_nasty, sentence=_nasty, place=_nasty, url=_nasty)
def test_arbitrary_strings_never_break_the_61_columns(tmp_path_factory, name, text, sentence, place, url):
    ev = _event(
        source=ActorMention(text or "x", 0, 1, 0, 1, Actor("RUSGOV", "RUS", "GOV", name or None), "t"),
        location=Location(place or "p", "PSE", 31.0, 34.0),
        evidence=Evidence(sentence, 3, 3 + len(sentence), sentence[:5]),
    )
    ev["url"] = url
    path = tmp_path_factory.mktemp("tsv") / "e.tsv"
    assert write_gdelt_tsv([ev, ev], path, date_added=ADDED) == 2
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 2
    assert all(len(r) == 61 for r in rows)
    assert rows[0][COL["EventCode"]] == "0421" and rows[0][COL["Actor1Code"]] == "RUSGOV"
    # also for readers that split lines the Python way
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
