"""Store at volume (10,000 events in one batch, both backends) and with two processes on one DuckDB file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time

import pytest

from herald.pipeline import ArticleState
from herald.store import Store, StoreLockedError
from herald.store.synthetic import synthetic_states

def synthetic(n_articles: int, per_article: int) -> list[ArticleState]:
    return synthetic_states(n_articles, per_article)


def _ms(fn, repeat: int = 5) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, out


def test_bulk_10k_events(new_store_target, backend):
    states = synthetic(1000, 10)
    events = [e for s in states for e in s.events]
    assert len(events) == 10_000
    with Store.open(new_store_target()) as store:
        t0 = time.perf_counter()
        r = store.add_batch(states)
        took = time.perf_counter() - t0
        print(f"\n[{backend}] add_batch: 1000 articles, 20000 mentions, 10000 events in {took:.2f}s "
              f"= {10_000 / took:,.0f} events/s")
        assert (r.new_articles, r.new_events, r.new_mentions, r.new_actors) == (1000, 10_000, 20_000, 10)

        t0 = time.perf_counter()
        again = store.add_batch(states)
        print(f"re-add (all present): {time.perf_counter() - t0:.2f}s")
        assert (again.new_articles, again.new_events, again.present_events) == (0, 0, 10_000)

        assert store.count_events() == 10_000
        want_rus = sum(1 for e in events if "RUS" in (e.source.actor.country, e.target.actor.country))
        queries = {
            "count all": lambda: store.count_events(),
            "country=RUS (count)": lambda: store.count_events(country="RUS"),
            "events(country=RUS, limit 1000)": lambda: store.events(country="RUS"),
            "events(cameo_root=19, Q1 2023)": lambda: store.events(cameo_root="19", start=dt.date(2023, 1, 1),
                                                                    end=dt.date(2023, 3, 31)),
            "events(actor=irn, plover=ASSAULT)": lambda: store.events(actor="irn", plover="ASSAULT"),
            "events(article_id)": lambda: store.events(article_id="bulk-00500"),
            "stats": lambda: store.stats(),
        }
        results = {}
        for name, fn in queries.items():
            ms, results[name] = _ms(fn)
            print(f"  {name:<36} {ms:7.1f} ms")
        assert results["country=RUS (count)"] == want_rus
        assert len(results["events(country=RUS, limit 1000)"]) == min(1000, want_rus)
        q1 = [e for e in events if e.cameo_root == "19" and dt.date(2023, 1, 1) <= e.date <= dt.date(2023, 3, 31)]
        assert len(results["events(cameo_root=19, Q1 2023)"]) == min(1000, len(q1))
        by_id = {e.event_id: e for e in events}
        got = results["events(article_id)"]
        assert [g["event_id"] for g in got] == [f"bulk-00500-e{j}" for j in range(10)]
        assert got == [by_id[g["event_id"]].as_output() for g in got]
        assert results["stats"]["events"] == 10_000
        assert sum(results["stats"]["events_per_cameo_root"].values()) == 10_000


_HOLDER = textwrap.dedent("""
    import sys
    from herald.store import Store
    with Store.open(sys.argv[1]) as s:
        print("ready", flush=True)
        sys.stdin.read()
""")


def test_duckdb_second_process_gets_a_clear_lock_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match="another herald process holds it"):
            Store.open(path)
        with pytest.raises(StoreLockedError):
            Store.open(path, read_only=True)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store.open(path) as s:  # free again once the holder exits
        assert s.count_events() == 0
