"""Event merging: constructed multi-article cases, order independence, speed."""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from herald.merging import MergedEvent, MergeRules, merge_events
from herald.records import Actor, ActorMention, Event, Evidence, Location

CODEBOOK = {r["code"]: r for r in csv.DictReader(
    (Path(__file__).parents[1] / "herald/events/data/cameo_codebook.csv").open(encoding="utf-8"))}

RUS = Actor("RUS", "RUS", None, "Russia")
RUSGOV = Actor("RUSGOV", "RUS", "GOV", "Vladimir Putin", kind="person")
RUSMIL = Actor("RUSMIL", "RUS", "MIL", "Russian forces", kind="organisation")
UKR = Actor("UKR", "UKR", None, "Ukraine")
USAGOV = Actor("USAGOV", "USA", "GOV", "Joe Biden", kind="person")
FRAGOV = Actor("FRAGOV", "FRA", "GOV", "Emmanuel Macron", kind="person")
KHARKIV = Location("Kharkiv", "UKR", 49.9935, 36.2304, "city")
ODESA = Location("Odesa", "UKR", 46.4825, 30.7233, "city")
CHUHUIV = Location("Chuhuiv", "UKR", 49.8353, 36.6857, "city")  # ~36 km from Kharkiv
UKRAINE = Location("Ukraine", "UKR", 49.0, 32.0, "country")
D = dt.date(2024, 3, 5)


def mention(actor: Actor, text: str, sentence: str) -> ActorMention:
    start = sentence.find(text)
    assert start >= 0, (text, sentence)
    return ActorMention(text, start, start + len(text), 0, len(text.split()), actor, "ner+country")


def ev(eid: str, article: str, code: str, sentence: str, trigger: str, *, src=None, tgt=None,
       date=D, place=None, sym=None, modality="asserted") -> Event:
    row = CODEBOOK[code]
    t = sentence.find(trigger)
    return Event(
        article_id=article, event_id=eid, date=date, cameo=code, cameo_root=row["root"],
        quad_class=int(row["quad_class"]), goldstein=float(row["goldstein"]), plover=row["plover"],
        source=mention(src[0], src[1], sentence) if src else None,
        target=mention(tgt[0], tgt[1], sentence) if tgt else None,
        location=place, evidence=Evidence(sentence, 0, len(sentence), trigger, t, t + len(trigger)),
        confidence=0.8, modality=modality, symmetric=code.startswith("04") if sym is None else sym)


def phone_call_mentions() -> list[Event]:
    s1 = "Putin spoke by telephone with Emmanuel Macron on Tuesday about grain exports."
    s2 = "French President Emmanuel Macron held a phone call with Vladimir Putin, the Elysee said."
    s3 = "Russia's president discussed the Black Sea by phone with France's leader."
    return [
        ev("e1", "a1", "041", s1, "spoke", src=(RUSGOV, "Putin"), tgt=(FRAGOV, "Emmanuel Macron")),
        ev("e2", "a2", "041", s2, "held", src=(FRAGOV, "Emmanuel Macron"), tgt=(RUSGOV, "Vladimir Putin")),
        ev("e3", "a3", "040", s3, "discussed", src=(RUSGOV, "Russia's president"),
           tgt=(FRAGOV, "France's leader"), date=D + dt.timedelta(days=1)),
    ]


OUTLETS = {"a1": "Wire A", "a2": "Paper B", "a3": "Site C", "a4": "Wire A", "a5": "Paper B"}


def test_defaults_come_from_the_yaml_file():
    r = MergeRules.load()
    assert r == MergeRules()
    assert (r.window_days, r.max_place_km, r.require_same_root) == (1, 50.0, True)
    assert r.family("19") == r.family("18") == r.family("20") == "violence"
    assert r.family("02") == r.family("10") == "request"
    assert r.family("99") == "99"


def test_one_phone_call_from_three_outlets_is_one_event():
    out = merge_events(phone_call_mentions(), outlets=OUTLETS)
    assert len(out) == 1
    m = out[0]
    assert isinstance(m, MergedEvent)
    assert (m.num_mentions, m.num_articles, m.num_sources) == (3, 3, 3)
    assert m.cameo == "041" and m.cameo_root == "04" and m.plover == "CONSULT"  # 2 of 3 agree
    assert m.date == D and (m.first_seen, m.last_seen) == (D, D + dt.timedelta(days=1))
    assert m.symmetric and {m.source_code, m.target_code} == {"RUSGOV", "FRAGOV"}
    assert m.mention_ids == ("e1", "e2", "e3")


def test_same_outlet_twice_counts_one_source():
    evs = phone_call_mentions()
    evs.append(replace(evs[0], article_id="a4", event_id="e4"))
    m, = merge_events(evs, outlets=OUTLETS)
    assert (m.num_mentions, m.num_articles, m.num_sources) == (4, 4, 3)
    m, = merge_events(evs)  # no outlets known: each article is its own source
    assert m.num_sources == 4


def _strike(eid, article, code, place, src, date):
    name = place.name if place else "Ukraine"
    s = f"Russian forces struck {name} with drones and missiles, Ukraine said."
    return ev(eid, article, code, s, "struck", src=(src, "Russian forces"), tgt=(UKR, "Ukraine"),
              date=date, place=place)


def test_strikes_in_two_cities_on_one_day_stay_apart():
    evs = [_strike("k1", "a1", "195", KHARKIV, RUSMIL, D), _strike("k2", "a2", "190", KHARKIV, RUS, D),
           _strike("o1", "a3", "195", ODESA, RUSMIL, D), _strike("o2", "a4", "195", ODESA, RUSMIL, D)]
    out = merge_events(evs, outlets=OUTLETS)
    assert sorted(m.mention_ids for m in out) == [("k1", "k2"), ("o1", "o2")]
    k = next(m for m in out if "k1" in m.mention_ids)
    assert k.location == KHARKIV and k.source_code == "RUSMIL"  # the more specific agreed actor
    assert k.cameo == "190"  # 195 has only 1 of 2 mentions; 190 is backed by both


def test_vague_mention_does_not_chain_two_cities():
    vague = _strike("v1", "a5", "195", None, RUSMIL, D)  # no place: compatible with both
    country = _strike("c1", "a5", "195", UKRAINE, RUSMIL, D)  # contains both
    evs = [_strike("k1", "a1", "195", KHARKIV, RUSMIL, D), _strike("o1", "a3", "195", ODESA, RUSMIL, D),
           vague, country]
    out = merge_events(evs)
    ids = [set(m.mention_ids) for m in out]
    assert not any({"k1", "o1"} <= s for s in ids)
    assert len(out) == 2 and sum(len(s) for s in ids) == 4
    near = merge_events([_strike("k1", "a1", "195", KHARKIV, RUSMIL, D),
                         _strike("c2", "a2", "195", CHUHUIV, RUSMIL, D)])
    assert len(near) == 1 and near[0].location in (KHARKIV, CHUHUIV)


def test_same_dyad_ten_days_apart_is_two_events():
    evs = [_strike("k1", "a1", "195", KHARKIV, RUSMIL, D),
           _strike("k2", "a2", "195", KHARKIV, RUSMIL, D + dt.timedelta(days=10))]
    assert len(merge_events(evs)) == 2
    assert len(merge_events(evs, rules=replace(MergeRules(), window_days=10))) == 1


def test_reversed_symmetric_consult_is_one_event_but_reversed_assault_is_two():
    s1 = "Joe Biden met Emmanuel Macron in Paris."
    s2 = "Emmanuel Macron met Joe Biden on Tuesday."
    a = ev("m1", "a1", "040", s1, "met", src=(USAGOV, "Joe Biden"), tgt=(FRAGOV, "Emmanuel Macron"))
    b = ev("m2", "a2", "040", s2, "met", src=(FRAGOV, "Emmanuel Macron"), tgt=(USAGOV, "Joe Biden"))
    assert len(merge_events([a, b])) == 1
    x = _strike("x1", "a1", "190", None, RUSMIL, D)
    y = replace(x, event_id="x2", article_id="a2", source=x.target, target=x.source)
    assert len(merge_events([x, y])) == 2


def test_request_and_assault_in_one_sentence_are_two_events():
    s = "Ukraine urged Russia to halt the attack after Russian forces shelled Kharkiv."
    req = ev("r1", "a1", "020", s, "urged", src=(UKR, "Ukraine"), tgt=(RUS, "Russia"), place=KHARKIV)
    hit = ev("h1", "a1", "190", s, "shelled", src=(RUSMIL, "Russian forces"), tgt=(UKR, "Ukraine"),
             place=KHARKIV)
    out = merge_events([req, hit])
    assert sorted(m.cameo_root for m in out) == ["02", "19"]


def test_actor_roles_and_modality():
    base = _strike("k1", "a1", "195", KHARKIV, RUSMIL, D)
    gov = _strike("k2", "a2", "195", KHARKIV, RUSGOV, D)
    assert len(merge_events([base, gov])) == 2  # RUSMIL vs RUSGOV: different roles
    bare = _strike("k3", "a3", "195", KHARKIV, RUS, D)
    out = merge_events([base, gov, bare])
    assert len(out) == 2  # RUS joins one of them, never both
    denied = replace(_strike("k4", "a4", "195", KHARKIV, RUSMIL, D), modality="negated")
    assert len(merge_events([base, denied])) == 2
    no_actors = replace(base, event_id="n1", source=None, target=None)
    assert len(merge_events([no_actors, replace(no_actors, event_id="n2", article_id="a2")])) == 2


def test_undated_mentions_use_article_date_or_stay_with_undated():
    a = _strike("k1", "a1", "195", KHARKIV, RUSMIL, D)
    b = replace(_strike("k2", "a2", "195", KHARKIV, RUSMIL, D), date=None)
    assert len(merge_events([a, b])) == 2
    m, = merge_events([a, b], article_dates={"a1": D, "a2": D + dt.timedelta(days=1)})
    assert m.date == D and m.last_seen == D + dt.timedelta(days=1)
    c = replace(b, event_id="k3", article_id="a3")
    assert sorted(x.num_mentions for x in merge_events([a, b, c])) == [1, 2]


def _corpus() -> list[Event]:
    evs = phone_call_mentions()
    evs += [_strike("k1", "a1", "195", KHARKIV, RUSMIL, D), _strike("k2", "a2", "190", KHARKIV, RUS, D),
            _strike("o1", "a3", "195", ODESA, RUSMIL, D), _strike("v1", "a4", "195", None, RUSMIL, D),
            _strike("c1", "a5", "195", UKRAINE, RUSMIL, D), _strike("g1", "a5", "195", KHARKIV, RUSGOV, D),
            _strike("k9", "a4", "195", KHARKIV, RUSMIL, D + dt.timedelta(days=1)),
            _strike("k10", "a5", "195", KHARKIV, RUSMIL, D + dt.timedelta(days=2))]
    return evs


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_clusters_and_ids_do_not_depend_on_input_order(rnd):
    evs = _corpus()
    expected = merge_events(evs, outlets=OUTLETS)
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert merge_events(shuffled, outlets=OUTLETS) == expected
    assert len({m.merged_id for m in expected}) == len(expected)


def synthetic_events(n: int, seed: int = 0) -> list[Event]:
    rng = random.Random(seed)
    countries = ["RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "ISR", "PSE", "IRN", "TUR", "SYR",
                 "IND", "PAK", "AFG", "IRQ", "SDN", "ETH", "NGA", "MLI", "YEM", "SAU", "EGY", "JPN",
                 "PRK", "KOR", "BRA", "VEN", "COL", "MEX"]
    weights = [1 / (i + 1) for i in range(len(countries))]
    roles = [None, "GOV", "MIL", "OPP", "REB"]
    codes = ["010", "020", "036", "040", "041", "042", "057", "061", "100", "112", "120",
             "130", "141", "173", "180", "190", "195"]
    cities = [Location(f"City{i}", None, rng.uniform(-40, 60), rng.uniform(-100, 140), "city")
              for i in range(400)]
    actors = {(c, r): Actor(c + (r or ""), c, r) for c in countries for r in roles}
    s = "Alpha did something to Beta in a place."
    out = []
    for i in range(n):
        a, b = rng.choices(countries, weights, k=2)
        code = rng.choice(codes)
        row = CODEBOOK[code]
        src = ActorMention("Alpha", 0, 5, 0, 1, actors[a, rng.choice(roles)], "ner+country")
        tgt = ActorMention("Beta", 25, 29, 4, 5, actors[b, rng.choice(roles)], "ner+country")
        out.append(Event(
            article_id=f"art{i // 3}", event_id=f"ev{i}", date=dt.date(2024, 1, 1) + dt.timedelta(rng.randrange(365)),
            cameo=code, cameo_root=row["root"], quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]), plover=row["plover"], source=src, target=tgt,
            location=rng.choice(cities) if rng.random() < 0.6 else None,
            evidence=Evidence(s, 0, len(s), "did", 6, 9), confidence=0.7, symmetric=code.startswith("04")))
    return out


def test_merge_at_volume_on_synthetic_events():
    """100,000 mentions: every one lands in exactly one merged event. (Speed is measured by
    bench/bench_store.py, not asserted here.)"""
    evs = synthetic_events(100_000)
    t = time.perf_counter()
    out = merge_events(evs)
    secs = time.perf_counter() - t
    assert sum(m.num_mentions for m in out) == len(evs)
    assert len({x for m in out for x in m.mention_ids}) == len(evs)
    print(f"merged {len(evs)} events into {len(out)} in {secs:.1f}s = {len(evs) / secs:,.0f} events/s")
    assert len(out) < len(evs)  # the skewed dyads do produce merges
