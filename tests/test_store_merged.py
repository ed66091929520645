"""Dedup and event merging through the store: constructed multi-article cases coded by the
real pipeline, and the incremental re-merge pinned to a full re-merge."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from herald.coding import build_pipeline, ingest_articles
from herald.pipeline import ArticleState
from herald.records import Actor, ActorMention, Article, Event, Evidence, Location
from herald.store import Store
from herald.store.synthetic import synthetic_states

CALLS = [  # one phone call, three outlets, three wordings
    Article("call-a", "Russian President Vladimir Putin held a phone call with Turkish President Recep Tayyip "
            "Erdogan on Tuesday, the Kremlin said.", outlet="Agency One", url="https://one.example/a",
            date=dt.date(2024, 3, 12)),
    Article("call-b", "Turkish President Recep Tayyip Erdogan held a telephone conversation with Vladimir Putin "
            "on Tuesday, his office said.", outlet="Daily Two", url="https://two.example/b",
            date=dt.date(2024, 3, 12)),
    Article("call-c", "Vladimir Putin and Recep Tayyip Erdogan held telephone talks on Tuesday, Turkish "
            "officials said.", outlet="Three News", url="https://three.example/c", date=dt.date(2024, 3, 13)),
]
STRIKES = [  # two different attacks on the same day, in cities 500 km apart
    Article("strike-kharkiv", "Russian missiles struck an apartment building in Kharkiv on Monday, killing three "
            "civilians, Ukrainian officials said.", outlet="Agency One", date=dt.date(2024, 3, 11)),
    Article("strike-odesa", "Russian forces shelled the port of Odesa on Monday, wounding five people, the "
            "regional governor said.", outlet="Daily Two", date=dt.date(2024, 3, 11)),
]
WIRE = ("KYIV, March 12 (Agency One) - Ukraine's parliament on Tuesday approved a law lowering the age of "
        "military mobilisation from 27 to 25, after months of debate over how to replenish troops exhausted "
        "by two years of fighting. The bill, backed by the defence ministry, now goes to the president for "
        "signature. Lawmakers rejected amendments that would have exempted students and some public sector "
        "workers, the speaker's office said in a statement.")
REPOST = ("Ukraine's parliament on Tuesday approved a law lowering the age of military mobilisation from 27 to 25, "
          "after months of debate over how to replenish troops exhausted by two years of fighting. The bill, "
          "backed by the defence ministry, now goes to the president for signature. Lawmakers rejected "
          "amendments that would have exempted students and some public-sector workers, the speaker's office "
          "said in a statement.\nRead more: our Ukraine coverage. Subscribe to our newsletter.")


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _mentions(store: Store, merged_id: str) -> set[str]:
    return {a for (a,) in store.fetch(
        "SELECT e.article_id FROM merged_event_mentions m JOIN events e ON e.event_id = m.event_id "
        "WHERE m.merged_id = ?", [merged_id])}


def test_one_call_three_outlets_is_one_event_two_strikes_are_two(tmp_path, pipeline):
    with Store.open(tmp_path / "m.duckdb") as store:
        # outlets arrive in separate batches: the merge must span batches
        report = ingest_articles(store, CALLS + STRIKES, pipeline=pipeline, batch_size=2)
        assert report.new_articles == 5 and report.duplicates == 0
        calls = store.fetch("SELECT merged_id, num_mentions, num_articles, num_sources, source_country, "
                            "target_country FROM merged_events WHERE cameo_root = '04'")
        assert len(calls) == 1, calls
        merged_id, n_mentions, n_articles, n_sources, src, tgt = calls[0]
        assert (n_articles, n_sources) == (3, 3) and n_mentions >= 3
        assert {src, tgt} == {"RUS", "TUR"}
        assert _mentions(store, merged_id) == {"call-a", "call-b", "call-c"}

        strikes = store.fetch("SELECT merged_id, location_name FROM merged_events WHERE cameo_root IN "
                              "('18', '19', '20')")
        spans = [_mentions(store, m) for m, _ in strikes]
        assert {"Kharkiv", "Odesa"} <= {loc for _, loc in strikes}
        assert not any({"strike-kharkiv", "strike-odesa"} <= s for s in spans)  # never one event

        # every mention belongs to exactly one merged event
        (unlinked,) = store.fetch("SELECT count(*) FROM events e WHERE NOT EXISTS "
                                  "(SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.event_id)")[0]
        assert unlinked == 0


def test_wire_copy_is_stored_once_with_every_carrier(tmp_path, pipeline):
    first = Article("wire-1", WIRE, outlet="Agency One", url="https://one.example/ukraine-law",
                    date=dt.date(2024, 3, 12))
    copy = Article("repost-7", REPOST, outlet="Portal Seven", url="https://seven.example/news/881",
                   date=dt.date(2024, 3, 12))
    other = Article("other-1", CALLS[0].text, outlet="Agency One", date=dt.date(2024, 3, 12))
    path = tmp_path / "d.duckdb"
    with Store.open(path) as store:
        r1 = ingest_articles(store, [first], pipeline=pipeline)
        events_before = store.count_events()
    with Store.open(path) as store:  # another run, another day: the copy is found through the store
        r2 = ingest_articles(store, [copy, other], pipeline=pipeline)
        assert (r1.new_articles, r2.new_articles, r2.duplicates) == (1, 1, 1)
        carriers = store.fetch("SELECT copy_id, outlet, url, similarity FROM article_copies WHERE article_id = ? "
                               "ORDER BY similarity DESC, copy_id", ["wire-1"])
        assert [c[:3] for c in carriers] == [("wire-1", "Agency One", "https://one.example/ukraine-law"),
                                             ("repost-7", "Portal Seven", "https://seven.example/news/881")]
        assert 0.5 <= carriers[1][3] < 1.0
        assert store.count_events(article_id="repost-7") == 0  # the copy was not coded again
        assert store.count_events() > events_before  # the unrelated article was
        again = ingest_articles(store, [first, copy, other], pipeline=pipeline)
        assert (again.present, again.new_articles, again.duplicates, again.new_events) == (3, 0, 0, 0)


def _merged_state(store: Store) -> tuple:
    rows = store.fetch("SELECT * FROM merged_events ORDER BY merged_id")
    links = store.fetch("SELECT event_id, merged_id FROM merged_event_mentions ORDER BY event_id")
    return json.dumps(rows, default=str), links


PLACES = [Location("Kharkiv", "UKR", 49.99, 36.23, "city"), Location("Odesa", "UKR", 46.48, 30.72, "city"),
          Location("Ukraine", "UKR", 49.0, 32.0, "country"), None]


def _dense_states(rng: random.Random, n: int) -> list[ArticleState]:
    """Articles whose events share dyads, roots and places on neighbouring days, so clusters
    span day boundaries and compete for members: the hard case for an incremental merge."""
    states = []
    for i in range(n):
        day = dt.date(2024, 3, 1) + dt.timedelta(rng.randrange(12))
        art = Article(f"dense-{i:03d}", f"Report number {i}.", outlet=f"Outlet {rng.randrange(4)}", date=day)
        events = []
        for j in range(3):
            s, t = rng.sample(["RUS", "UKR", "TUR"], 2)
            src = ActorMention(s, 0, 3, 0, 1, Actor(s + rng.choice(["GOV", "MIL", ""]), s), "test")
            tgt = ActorMention(t, 0, 3, 0, 1, Actor(t + "GOV", t, "GOV"), "test")
            root, cameo, quad, gs, pl = rng.choice([("19", "190", 4, -10.0, "ASSAULT"), ("04", "040", 1, 1.0,
                                                                                          "CONSULT")])
            events.append(Event(art.id, f"{art.id}-{j}", rng.choice([day, day - dt.timedelta(1), None]), cameo, root,
                                quad, gs, pl, src, tgt, rng.choice(PLACES), Evidence(art.text, 0, len(art.text)),
                                0.5, symmetric=root == "04"))
        states.append(ArticleState(article=art, actors=(), events=tuple(events)))
    return states


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_merge_equals_full_remerge(tmp_path, seed):
    """Batches in a random order, each re-merging only what it touches, give exactly the
    merged events of one re-merge of the whole store."""
    rng = random.Random(seed)
    states = synthetic_states(60, 6, named=True, days=20) + _dense_states(rng, 150)
    rng.shuffle(states)
    with Store.open(tmp_path / f"i{seed}.duckdb") as store:
        for k in range(0, len(states), 17):
            store.add_batch(states[k:k + 17])
        incremental = _merged_state(store)
        assert store.remerge() == 0  # nothing pending
        store.remerge(full=True)
        assert _merged_state(store) == incremental
        (multi, spans) = store.fetch("SELECT count(*), count(*) FILTER (WHERE last_seen > first_seen) "
                                     "FROM merged_events WHERE num_mentions > 1")[0]
        assert multi > 0 and spans > 0  # the corpus merges, across days: not a comparison of empty tables


def test_mentions_left_unmerged_by_an_interrupted_run_are_merged_by_the_next(tmp_path):
    states = synthetic_states(40, 5, named=True, days=6)
    with Store.open(tmp_path / "ref.duckdb") as ref:
        ref.add_batch(states)
        want = _merged_state(ref)
    with Store.open(tmp_path / "cut.duckdb") as cut:
        cut.add_batch(states[:25], merge=False)  # a run that died before its final merge
        assert cut.pending_merge() == 25 * 5 and cut.count_events(merged=True) == 0
        report = ingest_articles(cut, [s.article for s in states[:25]], pipeline=None, n_process=1)
        assert report.present == 25 and report.merged_events > 0 and cut.pending_merge() == 0
        cut.add_batch(states[25:])
        assert _merged_state(cut) == want


def test_merged_queries_and_exports_agree_on_both_backends(new_store_target):
    """The same batches give the same merged events, filters and export records on DuckDB and
    PostgreSQL (the SQL of merging, keyset paging and the new filters is shared)."""
    rng = random.Random(7)
    states = _dense_states(rng, 60) + synthetic_states(20, 4, named=True, days=4)
    with Store.open(new_store_target()) as store:
        for k in range(0, len(states), 25):
            store.add_batch(states[k:k + 25])
        rows, links = _merged_state(store)
        got = {
            "n": store.count_events(merged=True),
            "dyad": [m["merged_id"] for m in store.merged_events(dyad="RUS-UKR", limit=50)],
            "place": store.count_events(place="kharkiv"),
            "min2": store.count_events(min_mentions=2),
            "export": [r["event_id"] for r in store.iter_records(page=7)],
            "mentions": len(list(store.iter_records(merged=False, page=9))),
        }
    assert got["n"] == len(json.loads(rows)) and len(links) == sum(len(s.events) for s in states)
    assert got["export"] == sorted(got["export"]) and len(got["export"]) == got["n"]
    assert got["mentions"] == len(links) and got["min2"] > 0 and got["place"] > 0 and got["dyad"]
    # DuckDB is the reference: PostgreSQL must give the very same answers
    with Store.open(":memory:") as ref:
        for k in range(0, len(states), 25):
            ref.add_batch(states[k:k + 25])
        assert _merged_state(ref)[1] == links
        assert [m["merged_id"] for m in ref.merged_events(dyad="RUS-UKR", limit=50)] == got["dyad"]
        assert [r["event_id"] for r in ref.iter_records(page=7)] == got["export"]
