"""HTTP API latency on a 1,000,000-event store, with the dashboard's calls fired concurrently.

    .venv/bin/python bench/bench_api.py [--db /tmp/herald-api-bench.duckdb] [--events 1000000]
                                        [--concurrency 8] [--rounds 30]

1. Build (or reuse, if it already holds --events events) a DuckDB store of synthetic coded
   articles (herald.store.synthetic, 10 events each), bulk-inserted from the same Arrow
   tables `Store.add_batch` writes; merged_events / merged_event_mentions get one merged
   event per mention (INSERT ... SELECT), which is the worst case for merged-table size,
   written in date order as a store filled day by day would hold them (the synthetic
   articles themselves cycle through the year, so `events` is not in date order).
2. Start `herald serve` (uvicorn) on 127.0.0.1 in a second process.
3. Fire the dashboard's calls from --concurrency threads: stats, an events page (several
   filter sets), a weekly dyad series, the network, places, one event detail, actors; print
   p50/p95 ms per endpoint and overall. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from herald.store import Store  # noqa: E402
from herald.store import rows as _rows  # noqa: E402
from herald.store.synthetic import synthetic_states  # noqa: E402

PER_ARTICLE = 10
TARGET_MS = 200.0


def build(path: Path, n_events: int, *, batch_articles: int = 5000) -> None:
    """Fill an empty store fast: Arrow tables straight into DuckDB, merged tables by SQL."""
    import datetime as dt

    import duckdb

    if path.exists():
        path.unlink()
    with Store.open(str(path)):
        pass  # creates the schema (all migrations)
    con = duckdb.connect(str(path))
    n_articles = n_events // PER_ARTICLE
    now = dt.datetime(2024, 1, 1)
    t0 = time.perf_counter()
    actors: dict = {}
    for first in range(0, n_articles, batch_articles):
        states = synthetic_states(min(batch_articles, n_articles - first), PER_ARTICLE, first=first, named=True)
        mentions = [(s.article.id, i, m) for s in states for i, m in enumerate(s.actors)]
        for _, _, m in mentions:
            actors.setdefault(_rows.actor_id(m.actor), m.actor)
        tables = {"articles": _rows.article_table([s.article for s in states], now=now),
                  "actor_mentions": _rows.mention_table(mentions),
                  "events": _rows.event_table([e for s in states for e in s.events])}
        con.execute("BEGIN")
        for name, table in tables.items():
            con.register("_batch", table)
            cols = ", ".join(f'"{c}"' for c in table.column_names)
            con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _batch")
            con.unregister("_batch")
        con.execute("COMMIT")
        print(f"\r  {first + batch_articles:,}/{n_articles:,} articles", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    table = _rows.actor_table(list(actors.values()))
    con.register("_batch", table)
    con.execute("INSERT INTO actors SELECT * FROM _batch")
    con.unregister("_batch")
    con.execute("""
        INSERT INTO merged_events
        SELECT 'M' || e.event_id, e.date, a.date, a.date, e.cameo, e.cameo_root, e.quad_class, e.goldstein,
               e.plover, e.modality, e."symmetric", e.source_code, e.source_country, e.target_code,
               e.target_country, e.location_name, e.location_country, e.location_lat, e.location_lon,
               e.location_feature, e.location_geonameid, 1, 1, 1, e.confidence
        FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date, e.event_id""")
    con.execute("INSERT INTO merged_event_mentions SELECT event_id, 'M' || event_id FROM events")
    con.execute("CHECKPOINT")
    con.close()
    print(f"built {n_events:,} events in {time.perf_counter() - t0:.0f}s -> {path}")


def events_in(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with Store.open(str(path), read_only=True) as s:
            return s.fetch("SELECT count(*) FROM merged_events")[0][0]
    except Exception:  # noqa: BLE001 - an old or broken file is rebuilt
        return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def calls(base: httpx.Client, rng: random.Random) -> list[tuple[str, str, dict]]:
    """One dashboard visit's worth of requests (with filters that vary between rounds)."""
    countries = ["RUS", "UKR", "USA", "CHN", "ISR", "IRN", "FRA", "DEU", "KEN", "BRA"]
    a, b = rng.sample(countries, 2)
    month = rng.randint(1, 12)
    page = base.get("/api/events", params={"limit": 50, "offset": rng.randint(0, 5000)}).json()["items"]
    mid = rng.choice(page)["merged_id"]
    return [
        ("stats", "/api/stats", {}),
        ("events page", "/api/events", {"limit": 50, "offset": rng.randint(0, 2000), "sort": "date"}),
        ("events page (dyad+root)", "/api/events", {"dyad": f"{a}-{b}", "cameo_root": "19", "limit": 50}),
        ("events page (month+country)", "/api/events",
         {"start": f"2023-{month:02d}-01", "end": f"2023-{month:02d}-28", "country": a, "limit": 50}),
        ("series week dyad", "/api/series", {"interval": "week", "dyad": f"{a}-{b}"}),
        ("network", "/api/network", {"limit": 40}),
        ("places", "/api/places", {"limit": 500}),
        ("event detail", f"/api/events/{mid}", {}),
        ("actors", "/api/actors", {"limit": 20}),
        ("actors q", "/api/actors", {"q": rng.choice(["karimi", "rus", "weber", "usagov"]), "limit": 20}),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/herald-api-bench.duckdb")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=30, help="dashboard visits per thread")
    ap.add_argument("--readers", type=int, default=8, help="herald serve --readers")
    ap.add_argument("--no-cube", action="store_true", help="herald serve --no-cube")
    ap.add_argument("--cache-size", type=int, default=1024, help="herald serve --cache-size (0: every call queries)")
    args = ap.parse_args()

    path = Path(args.db)
    have = events_in(path)
    if have != args.events:
        build(path, args.events)
    else:
        print(f"reusing {path} ({have:,} events)")

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "herald.cli", "serve", "--db", str(path), "--port", str(port),
                               "--log-level", "warning", "--readers", str(args.readers),
                               "--cache-size", str(args.cache_size), *(["--no-cube"] if args.no_cube else [])],
                              cwd=ROOT, env={**os.environ, "HERALD_API_TOKEN": ""})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit("herald serve did not start")
            time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=60) as warm:  # first touch of each column from disk
            for name, path_, params in calls(warm, random.Random(0)):
                warm.get(path_, params=params).raise_for_status()

        times: dict[str, list[float]] = {}
        errors = []

        def visit(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=url, timeout=60) as c:
                for _ in range(args.rounds):
                    for name, path_, params in calls(c, rng):
                        t0 = time.perf_counter()
                        r = c.get(path_, params=params)
                        ms = (time.perf_counter() - t0) * 1000
                        if r.status_code != 200:
                            errors.append((name, r.status_code, r.text[:200]))
                        times.setdefault(name, []).append(ms)

        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(visit, range(args.concurrency)))
        wall = time.perf_counter() - t0
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    total = sum(len(v) for v in times.values())
    print(f"{args.events:,} events, {args.concurrency} concurrent clients, {total:,} requests in {wall:.1f}s "
          f"({total / wall:,.0f} req/s); server readers={args.readers}, cache size={args.cache_size}, "
          f"cube={'off' if args.no_cube else 'on'}, "
          f"{os.cpu_count()} CPUs")
    print(f"{'endpoint':<30} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    every = []
    for name, ms in times.items():
        every += ms
        print(f"{name:<30} {len(ms):>5} {statistics.median(ms):>8.1f} {percentile(ms, 0.95):>8.1f} {max(ms):>8.1f}")
    p95 = percentile(every, 0.95)
    print(f"{'overall':<30} {len(every):>5} {statistics.median(every):>8.1f} {p95:>8.1f} {max(every):>8.1f}")
    worst = max(percentile(ms, 0.95) for ms in times.values())
    print(f"target p95 < {TARGET_MS:.0f} ms: overall {'OK' if p95 < TARGET_MS else 'MISSED'}, "
          f"slowest endpoint p95 {worst:.0f} ms {'OK' if worst < TARGET_MS else 'MISSED'}")
    if errors:
        print(f"{len(errors)} non-200 answers, first: {errors[0]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
