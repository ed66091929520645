"""Coding throughput: herald's whole pipeline next to the bare spaCy parse of the same texts.

    .venv/bin/python bench/bench_coding.py [--n 1000] [--n-process 1] [--corpus CSV]

Prints articles/s, words/s and peak memory for both, and the ratio herald / bare parse.
The corpus defaults to the story texts of ../shared/train/ngec_synthetic_events.csv (used
as news-length text only, not as truth).
"""

from __future__ import annotations

import argparse
import csv
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "train" / "ngec_synthetic_events.csv"


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def load_texts(path: Path, n: int) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh) if r.get("text", "").strip()]
    return texts[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles to code")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()

    from herald.coding import build_pipeline, run_parallel
    from herald.parse import load_model
    from herald.records import Article, content_hash

    texts = load_texts(args.corpus, args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words} words, n_process={args.n_process}")

    nlp = load_model()
    nlp("warm up")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=args.n_process):
        pass
    bare = time.perf_counter() - t0
    print(f"bare spaCy parse : {len(texts) / bare:8.1f} articles/s {words / bare:9.0f} words/s "
          f"({bare:.1f} s)")
    gc.collect()

    arts = [Article(id=content_hash(t), text=t) for t in texts]
    if args.n_process == 1:
        list(build_pipeline().run(arts[:2]))  # load lazy data (geocoder, dates) outside the timing
    t0 = time.perf_counter()  # with workers, their start-up (model load) is inside the timing
    n_events = 0
    for state in run_parallel(arts, n_process=args.n_process, batch_size=args.batch_size):
        n_events += len(state.events)
    full = time.perf_counter() - t0
    print(f"herald pipeline  : {len(texts) / full:8.1f} articles/s {words / full:9.0f} words/s "
          f"({full:.1f} s, {n_events} events)")
    print(f"ratio herald/bare: {bare / full:.2f}")
    print(f"peak RSS         : {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
