"""Store throughput and query latency on synthetic coded articles.

    .venv/bin/python bench/bench_store.py [--ingest-events 100000] [--query-events 1000000] [--repeat 20]
    .venv/bin/python bench/bench_store.py --backend postgres --dsn postgresql://user@127.0.0.1:5432/db

1. Ingest: `--ingest-events` events (10 per article, `--batch-articles` articles per
   `add_batch`) into an empty store: events/s for add_batch alone and peak RSS.
2. Fill the same store up to `--query-events` events, then time filtered `events()` queries
   (limit 1000, the CLI's maximum page is larger but this is the analyst's usual page) and
   `count_events()`: p50/p95 ms over `--repeat` runs each, plus the number of matches; then
   the same for merged (real-world) events. Ingest includes dedup-index rows and merging.
The PostgreSQL database given by --dsn must be empty (or hold only a herald store it may grow).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from herald.store import Store  # noqa: E402
from herald.store.synthetic import synthetic_states  # noqa: E402

PER_ARTICLE = 10
TARGET_MS = 1000.0

QUERIES = {
    "date range (1 month)": {"start": dt.date(2023, 6, 1), "end": dt.date(2023, 6, 30)},
    "country=IRN": {"country": "IRN"},
    "dyad RUS->UKR": {"source_country": "RUS", "target_country": "UKR"},
    "cameo_root=19": {"cameo_root": "19"},
    "plover=CONSULT": {"plover": "CONSULT"},
    "actor name 'karimi'": {"actor": "karimi"},
    "actor code 'ISRGOV'": {"actor": "ISRGOV"},
    "dyad+root+month": {"source_country": "CHN", "target_country": "USA", "cameo_root": "17",
                        "start": dt.date(2023, 3, 1), "end": dt.date(2023, 3, 31)},
    "article_id": {"article_id": "bulk-54321"},
    "dyad RUS-UKR either way": {"dyad": "RUS-UKR"},
    "place 'geneva'": {"place": "geneva"},
    "min_mentions=2": {"min_mentions": 2},
    "no filter": {},
}
# the same filters on merged (real-world) events, as `herald events --merged` and the API run them
MERGED_QUERIES = {
    "merged: date range": {"start": dt.date(2023, 6, 1), "end": dt.date(2023, 6, 30)},
    "merged: dyad+root": {"dyad": "CHN-USA", "cameo_root": "17"},
    "merged: min_mentions=2": {"min_mentions": 2},
    "merged: actor 'karimi'": {"actor": "karimi"},
    "merged: place 'geneva'": {"place": "geneva"},
    "merged: no filter": {},
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(store: Store, first_article: int, n_articles: int, batch_articles: int) -> tuple[float, float, int]:
    """Add articles first_article.. in batches; returns (seconds in add_batch, seconds building records, events)."""
    in_store = building = 0.0
    events = 0
    for start in range(first_article, first_article + n_articles, batch_articles):
        n = min(batch_articles, first_article + n_articles - start)
        t0 = time.perf_counter()
        states = synthetic_states(n, PER_ARTICLE, first=start, named=True)
        t1 = time.perf_counter()
        r = store.add_batch(states, merge=False)
        in_store += time.perf_counter() - t1
        building += t1 - t0
        events += r.new_events
    return in_store, building, events


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def timed(fn, repeat: int) -> tuple[list[float], object]:
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times, out


def time_queries(store: Store, queries: dict[str, dict], *, merged: bool, repeat: int) -> float:
    """Print p50/p95 of a page (limit 1000) and of the count for each filter set; returns the worst p95."""
    page = store.merged_events if merged else store.events
    worst = 0.0
    for name, filters in queries.items():
        page(**filters)  # warm caches once, as a session of several queries would
        ev_times, rows = timed(lambda: page(**filters, limit=1000), repeat)
        ct_times, count = timed(lambda: store.count_events(merged=merged, **filters), repeat)
        assert len(rows) == min(1000, count), name
        p95 = max(percentile(ev_times, 0.95), percentile(ct_times, 0.95))
        worst = max(worst, p95)
        flag = "" if p95 < TARGET_MS else "  <-- over 1 s"
        print(f"  {name:<24} {count:>9,} {statistics.median(ev_times):>13.1f} {percentile(ev_times, 0.95):>8.1f} "
              f"{statistics.median(ct_times):>10.1f} {percentile(ct_times, 0.95):>8.1f}{flag}")
    return worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb")
    ap.add_argument("--dsn", help="PostgreSQL URL (with --backend postgres)")
    ap.add_argument("--db", help="DuckDB file (default: a temporary one, deleted afterwards)")
    ap.add_argument("--ingest-events", type=int, default=100_000)
    ap.add_argument("--query-events", type=int, default=1_000_000)
    ap.add_argument("--batch-articles", type=int, default=1000, help="articles per add_batch (10 events each)")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if args.backend == "postgres" and not args.dsn:
        ap.error("--backend postgres needs --dsn")

    tmp = None
    if args.backend == "postgres":
        target = args.dsn
    else:
        tmp = tempfile.TemporaryDirectory(prefix="herald-bench-")
        target = args.db or str(Path(tmp.name) / "bench.duckdb")

    with Store.open(target) as store:
        have = store.count_events()
        if have:
            sys.exit(f"the store {store.path} already holds {have} events: give an empty one")
        n_ingest = args.ingest_events // PER_ARTICLE
        secs, build, n = fill(store, 0, n_ingest, args.batch_articles)
        print(f"backend: {store.backend}  store: {store.path}")
        print(f"ingest: {n:,} events ({n_ingest:,} articles, {args.batch_articles} articles/batch) "
              f"in {secs:.1f}s add_batch = {n / secs:,.0f} events/s "
              f"(+{build:.1f}s building records; end to end {n / (secs + build):,.0f} events/s); "
              f"peak RSS {peak_rss_mb():,.0f} MB")

        n_query = args.query_events // PER_ARTICLE
        if n_query > n_ingest:
            t0 = time.perf_counter()
            secs2, _, n2 = fill(store, n_ingest, n_query - n_ingest, args.batch_articles)
            print(f"filled to {n + n2:,} events in {time.perf_counter() - t0:.0f}s "
                  f"({(n + n2 - n) / secs2:,.0f} events/s in add_batch at this size); peak RSS {peak_rss_mb():,.0f} MB")
        t0 = time.perf_counter()
        merged = store.remerge()
        secs_m = time.perf_counter() - t0
        print(f"merge: {store.count_events():,} mentions -> {merged:,} merged events in {secs_m:.1f}s "
              f"({store.count_events() / secs_m:,.0f} mentions/s); peak RSS {peak_rss_mb():,.0f} MB")
        if store.backend == "postgres":
            store._db.execute("ANALYZE")  # fresh planner statistics, as autovacuum would soon give

        total = store.count_events()
        print(f"\nqueries on {total:,} events, {args.repeat} runs each (ms):")
        print(f"  {'query':<24} {'matches':>9} {'events() p50':>13} {'p95':>8} {'count p50':>10} {'p95':>8}")
        worst = time_queries(store, QUERIES, merged=False, repeat=args.repeat)
        print(f"\nmerged events: {store.count_events(merged=True):,}")
        worst = max(worst, time_queries(store, MERGED_QUERIES, merged=True, repeat=args.repeat))
        print(f"\nslowest p95: {worst:.0f} ms (target < {TARGET_MS:.0f} ms); peak RSS {peak_rss_mb():,.0f} MB")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
