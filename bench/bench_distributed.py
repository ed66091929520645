"""Throughput of `herald run` with 1 and 2 Dask workers on this machine.

The corpus is N news-length stories from ../shared/train/ngec_synthetic_events.csv (used only
as text of realistic length, never as labels), written as one JSONL file and cut into shards.
For each worker count a fresh LocalCluster is started and its workers warmed (model loaded by
the worker plugin) before the clock starts, so the figures are steady-state coding rates:

  coding   first shard submitted -> last shard finished (what more workers speed up)
  total    the whole `run` call: planning, coding, the serial store load, the report

Peak RSS is each worker process's maximum resident set (getrusage), model included.
Scaling efficiency = (articles/s with 2 workers) / (2 x articles/s with 1 worker), coding phase.
When other jobs share the cores the wall clock says little, so a CPU-based figure is printed too:
(articles per worker CPU-second, 2 vs 1 workers) x (worker utilisation, 2 vs 1 workers), where
utilisation = time in shard tasks / (workers x coding wall time).

    .venv/bin/python bench/bench_distributed.py [--n 1200] [--shard-size 50] [--workers 1 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT.parent / "shared" / "train" / "ngec_synthetic_events.csv"


def build_corpus(path: Path, n: int, source: Path = CSV) -> int:
    """N stories as JSONL; returns their word count."""
    csv.field_size_limit(1 << 30)
    words = 0
    with source.open(newline="", encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= n:
                break
            text = row["text"].strip()
            words += len(text.split())
            out.write(json.dumps({"id": f"ngec-{i}", "text": text, "date": "2024-01-15"}) + "\n")
    return words


def _peak_rss_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu_seconds() -> float:
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(corpus: Path, workdir: Path, workers: int, shard_size: int, batch_size: int) -> dict:
    from dask.distributed import Client, LocalCluster

    from herald.distributed import run
    from herald.distributed.coordinator import _settings
    from herald.distributed.worker import PipelinePlugin

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        t = time.perf_counter()
        client.register_plugin(PipelinePlugin(_settings(model=None, negated="drop", hypothetical="drop",
                                                        future="intent")), name="bench-warm")
        warm = time.perf_counter() - t
        cpu0 = client.run(_cpu_seconds)
        report = run([str(corpus)], db=str(workdir / f"w{workers}.duckdb"), run_dir=workdir / f"run{workers}",
                     client=client, shard_size=shard_size, batch_size=batch_size, echo=lambda m: None)
        rss = sorted(client.run(_peak_rss_mb).values())
        cpu1 = client.run(_cpu_seconds)
    cpu = sum(cpu1[k] - cpu0.get(k, 0.0) for k in cpu1)
    parquet = sum(f.stat().st_size for f in (workdir / f"run{workers}" / "shards").rglob("*.parquet"))
    return {
        "workers": workers,
        "articles": report.articles,
        "words": report.words,
        "events": report.events,
        "shards": report.shards_done,
        "warm_up_s": round(warm, 1),
        "coding_s": round(report.coding_wall_seconds, 2),
        "load_s": round(report.load_seconds, 2),
        "total_s": round(report.wall_seconds, 2),
        "coding_articles_per_s": round(report.articles / report.coding_wall_seconds, 2),
        "coding_words_per_s": round(report.words / report.coding_wall_seconds, 1),
        "total_articles_per_s": round(report.articles_per_second, 2),
        "peak_rss_mb_per_worker": [round(r) for r in rss],
        # CPU-bound figures, meaningful even when other jobs share the cores
        "worker_cpu_s": round(cpu, 1),
        "articles_per_cpu_s": round(report.articles / cpu, 2) if cpu else None,
        "utilisation": round(report.coding_seconds / (workers * report.coding_wall_seconds), 3),
        "parquet_bytes_per_article": round(parquet / max(report.articles, 1)),
        "load_articles_per_s": round(report.articles / report.load_seconds, 1) if report.load_seconds else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1200, help="stories in the corpus")
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--csv", type=Path, default=CSV, help="source of the story texts")
    args = ap.parse_args()
    if not args.csv.exists():
        sys.exit(f"corpus source not found: {args.csv}")
    with tempfile.TemporaryDirectory(prefix="herald-bench-dist-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        words = build_corpus(corpus, args.n, args.csv)
        print(f"corpus: {args.n} stories, {words} words, shards of {args.shard_size}; {os.cpu_count()} cores, "
              f"load average before {os.getloadavg()[0]:.2f}", flush=True)
        results = []
        for w in args.workers:
            r = measure(corpus, work, w, args.shard_size, args.batch_size)
            r["load_average"] = round(os.getloadavg()[0], 2)
            results.append(r)
            print(f"{w} worker(s): coding {r['coding_s']:.1f}s = {r['coding_articles_per_s']:.1f} articles/s, "
                  f"{r['coding_words_per_s']:.0f} words/s; total {r['total_s']:.1f}s "
                  f"({r['total_articles_per_s']:.1f} articles/s incl. store load {r['load_s']:.1f}s); "
                  f"warm-up {r['warm_up_s']:.1f}s; peak RSS per worker {r['peak_rss_mb_per_worker']} MB; "
                  f"{r['events']} events; {r['articles_per_cpu_s']} articles per worker CPU-second, "
                  f"worker utilisation {r['utilisation']:.0%}; store load {r['load_articles_per_s']} articles/s; "
                  f"{r['parquet_bytes_per_article']} Parquet bytes/article; load average {r['load_average']}", flush=True)
        by = {r["workers"]: r for r in results}
        if 1 in by and 2 in by:
            eff = by[2]["coding_articles_per_s"] / (2 * by[1]["coding_articles_per_s"])
            # what the wall clock would show on otherwise idle cores: per-article CPU cost and idle
            # time (scheduling, the last shard's tail) are what adding a worker can change
            cpu_eff = (by[2]["articles_per_cpu_s"] / by[1]["articles_per_cpu_s"]) * (
                by[2]["utilisation"] / by[1]["utilisation"])
            print(f"scaling efficiency 1 -> 2 workers (coding phase, wall clock): {eff:.0%} (target >= 85%)")
            print(f"scaling efficiency 1 -> 2 workers (CPU cost per article x utilisation): {cpu_eff:.0%}; "
                  f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
            results.append({"scaling_efficiency_1_to_2": round(eff, 3),
                            "scaling_efficiency_cpu_1_to_2": round(cpu_eff, 3)})
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
