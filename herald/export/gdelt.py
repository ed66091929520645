"""Herald events as rows of the GDELT 2.0 Event table (61 tab-separated columns, no header).

The column list lives in data/gdelt_events_v2_columns.csv. What herald cannot know is left
empty, never guessed:
- AvgTone: herald computes no tone.
- Ethnic/Religion codes, ADM2 codes, ADM1 below country level.
- Actor1Geo_*/Actor2Geo_*: herald geocodes the event, not each actor; only ActionGeo_* is set.
- IsRootEvent: GDELT marks events from the lead paragraph. Herald keeps no paragraph
  structure, so it is 1 only when the evidence sentence starts the article body
  (evidence.start == 0), else 0; an explicit `is_root` key on the event wins.
Geo country codes are FIPS 10-4 (data/iso3_to_fips.csv), as in GDELT; actor country codes
stay CAMEO/ISO alpha-3. Values are written verbatim (no quoting, like GDELT files) with tabs,
line breaks and control characters replaced by spaces, so a reader must split on tabs only
(csv with quoting=QUOTE_NONE).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import os
import string
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import IO, Any

from herald.export._common import (
    article_info,
    as_date,
    clean_cell,
    data_rows,
    event_url,
    normalise_event,
    open_text_out,
)

__all__ = ["GDELT_COLUMNS", "gdelt_event_id", "gdelt_row", "iso3_to_fips", "write_gdelt_tsv"]

GDELT_COLUMNS: tuple[str, ...] = tuple(r["name"] for r in data_rows("gdelt_events_v2_columns.csv"))
_N_COLS = len(GDELT_COLUMNS)
_HEX = frozenset(string.hexdigits)
_US_FIPS = "US"


@functools.cache
def _fips_table() -> dict[str, str]:
    return {r["iso3"]: r["fips"] for r in data_rows("iso3_to_fips.csv")}


@functools.cache
def _actor_types() -> frozenset[str]:
    return frozenset(r["code"] for r in data_rows("cameo_actor_types.csv"))


def iso3_to_fips(iso3: str | None, place_name: str | None = None) -> str:
    """FIPS 10-4 code of an ISO alpha-3 country ('' if unknown).

    Palestine splits in FIPS: West Bank (WE) and Gaza Strip (GZ); a place whose name
    mentions Gaza gets GZ.
    """
    if not iso3:
        return ""
    iso3 = iso3.upper()
    if iso3 == "PSE" and place_name and "gaza" in place_name.casefold():
        return "GZ"
    return _fips_table().get(iso3, "")


def gdelt_event_id(event_id: str) -> int:
    """A deterministic GlobalEventID below 2**53 (exact in doubles, so safe in JS/pandas).

    Herald's event ids are hex digests: their first 15 hex digits are used directly so the id
    can be traced back by eye; any other id (e.g. merged 'M...' ids) is hashed first.
    """
    h = event_id if event_id and all(c in _HEX for c in event_id[:15]) and len(event_id) >= 15 else \
        hashlib.sha256(event_id.encode("utf-8")).hexdigest()
    return int(h[:15], 16) % (1 << 53)


def _actor_cols(actor: Mapping[str, Any] | None) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1-3."""
    if not actor:
        return [""] * 10
    code = (actor.get("code") or "").upper()
    country = (actor.get("country") or "").upper()
    rest = code[len(country):] if country and code.startswith(country) else code
    types: list[str] = []
    while rest[:3] in _actor_types() and len(rest) >= 3:
        types.append(rest[:3])
        rest = rest[3:]
    role = (actor.get("role") or "").upper()
    if role and role not in types:
        types.append(role)
    # what remains after country and type codes names a known group (IGOUNO -> UNO)
    known_group = rest
    name = actor.get("name") or actor.get("text") or ""
    types = (types + ["", "", ""])[:3]
    return [code, name.upper(), country, known_group, "", "", "", *types]


@functools.cache
def _country_names(iso3: str) -> frozenset[str]:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return frozenset()
    names = {getattr(c, k, None) for k in ("name", "common_name", "official_name")}
    return frozenset(n.casefold() for n in names if n)


@functools.cache
def _centroids() -> dict[str, tuple[float, float]]:
    """The geocoder's country centroids: a location at one of them is a country-level fix."""
    import csv

    try:
        text = (resources.files("herald.geocoding") / "data" / "country_centroids.csv").read_text("utf-8")
        return {r["alpha3"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(text.splitlines())}
    except (ModuleNotFoundError, FileNotFoundError, KeyError, ValueError):
        return {}


def _is_country_level(loc: Mapping[str, Any]) -> bool:
    feature = loc.get("feature")
    if feature:
        return feature == "country"
    iso3 = (loc.get("country") or "").upper()
    if not iso3:
        return False
    if (loc.get("name") or "").casefold() in _country_names(iso3):
        return True
    lat, lon, cen = loc.get("lat"), loc.get("lon"), _centroids().get(iso3)
    return cen is not None and lat is not None and lon is not None and \
        abs(lat - cen[0]) < 1e-6 and abs(lon - cen[1]) < 1e-6


def _num(x: Any) -> str:
    return "" if x is None else repr(round(float(x), 4))


def _geo_cols(loc: Mapping[str, Any] | None) -> list[Any]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if not loc:
        return [""] * 8
    name = loc.get("name") or ""
    fips = iso3_to_fips(loc.get("country"), name)
    country_level = _is_country_level(loc)
    if country_level:
        gtype = 1
    elif loc.get("feature") in ("region", "state", "territory"):
        gtype = 2 if fips == _US_FIPS else 5
    else:
        gtype = 3 if fips == _US_FIPS else 4
    adm1 = fips if country_level else ""
    feature_id = loc.get("geonameid") or (fips if country_level and fips else name)
    return [gtype, name, fips, adm1, "", _num(loc.get("lat")), _num(loc.get("lon")), feature_id]


def _event_codes(cameo: str, root: str | None) -> tuple[str, str, str]:
    """EventCode, EventBaseCode, EventRootCode; a bare root ('19') is written '190' as GDELT does."""
    code = cameo or ""
    if len(code) == 2:
        code += "0"
    return code, code[:3], (root or code[:2])


def gdelt_row(ev: Mapping[str, Any], *, articles: Mapping[str, Any] | None = None,
              date_added: _dt.datetime | None = None) -> list[str]:
    """One event dict -> the 61 GDELT cells (strings, already cleaned)."""
    ev = normalise_event(ev)
    art = article_info(articles, ev.get("article_id"))
    day = as_date(ev.get("date")) or as_date(art.get("date"))
    if day is not None:
        doy = day.timetuple().tm_yday
        date_cols: list[Any] = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year,
                                f"{day.year + doy / 365:.4f}"]
    else:
        date_cols = ["", "", "", ""]
    evidence = ev.get("evidence") or {}
    is_root = ev.get("is_root")
    if is_root is None:
        is_root = evidence.get("start") == 0
    code, base, root = _event_codes(ev.get("cameo") or "", ev.get("cameo_root"))
    goldstein = ev.get("goldstein")
    added = (date_added or _dt.datetime.now(_dt.timezone.utc))
    if added.tzinfo is not None:
        added = added.astimezone(_dt.timezone.utc)
    row = [
        gdelt_event_id(str(ev.get("event_id") or "")), *date_cols,
        *_actor_cols(ev.get("source")), *_actor_cols(ev.get("target")),
        1 if is_root else 0, code, base, root, ev.get("quad_class"),
        "" if goldstein is None else repr(round(float(goldstein), 2)),
        ev.get("num_mentions") or 1, ev.get("num_sources") or 1, ev.get("num_articles") or 1,
        "",  # AvgTone
        *_geo_cols(None), *_geo_cols(None), *_geo_cols(ev.get("location")),
        added.strftime("%Y%m%d%H%M%S"), event_url(ev, art),
    ]
    assert len(row) == _N_COLS, len(row)
    return [clean_cell(v) for v in row]


def write_gdelt_tsv(events: Iterable[Mapping[str, Any]], out: IO[str] | str | os.PathLike[str], *,
                    articles: Mapping[str, Any] | None = None, header: bool = False,
                    date_added: _dt.datetime | None = None) -> int:
    """Write events as GDELT 2.0 Event rows; returns the number of rows (header excluded).

    `articles` maps article_id -> {"url", "date", ...} (dict or Article) for SOURCEURL and
    undated events. `date_added` fixes DATEADDED (default: now, UTC) for reproducible files.
    """
    added = date_added or _dt.datetime.now(_dt.timezone.utc)
    n = 0
    with open_text_out(out) as fh:
        if header:
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        for ev in events:
            fh.write("\t".join(gdelt_row(ev, articles=articles, date_added=added)) + "\n")
            n += 1
    return n
