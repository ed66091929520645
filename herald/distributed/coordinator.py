"""The coordinator of a distributed run: plan shards, code them on a Dask cluster, load the store.

Every step can be repeated. Shards already in the manifest (same id, same content hash, output
folder complete) are not coded again; a shard whose worker died is rescheduled by Dask and
coded from scratch into a fresh temp folder; the store load goes through the same ingest path
as `herald ingest` (dedup, merging, one transaction per batch), which adds nothing it already
holds. The shared filesystem is the only channel for data: inputs are read and Parquet written
by the workers at the paths the coordinator gives, so remote workers need the same mounts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from herald.distributed.manifest import Manifest
from herald.distributed.parts import parts_complete, read_parts
from herald.distributed.shards import plan_shards
from herald.distributed.worker import PAUSE_ENV, PipelinePlugin, code_shard, shard_folder
from herald.pipeline import ArticleState
from herald.records import Article, SkippedItem

__all__ = ["RunReport", "run"]


@dataclass
class RunReport:
    """What a run did; `to_json()` is what lands in RUN_DIR/report.json."""

    run_dir: str
    store: str
    scheduler: str
    dashboard: str | None
    workers: int
    shards_total: int = 0
    shards_done: int = 0  # coded in this run
    shards_skipped: int = 0  # already done by an earlier run (manifest)
    shards_failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    articles: int = 0  # coded in this run
    words: int = 0
    events: int = 0  # coded in this run (before cross-shard dedup)
    skipped_items: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    skipped_examples: list[list[str]] = field(default_factory=list)  # [origin, reason], first 200
    warc_records: dict[str, int] = field(default_factory=dict)
    store_load: dict[str, Any] = field(default_factory=dict)
    coding_seconds: float = 0.0  # sum of shard task times
    coding_wall_seconds: float = 0.0  # first shard submitted to last shard finished
    load_seconds: float = 0.0  # the final store load
    wall_seconds: float = 0.0
    started_at: str = ""

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.wall_seconds if self.wall_seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["articles_per_second"] = round(self.articles_per_second, 2)
        out["words_per_second"] = round(self.words_per_second, 1)
        out["wall_seconds"] = round(self.wall_seconds, 3)
        for k in ("coding_seconds", "coding_wall_seconds", "load_seconds"):
            out[k] = round(out[k], 3)
        return out

    def summary(self) -> str:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped_by_reason.items(), key=lambda kv: -kv[1])[:6])
        load = self.store_load
        return (f"herald run: shards {self.shards_done} done, {self.shards_skipped} already done, "
                f"{self.shards_failed} failed (of {self.shards_total}); {self.articles} articles, {self.events} events "
                f"coded in {self.wall_seconds:.1f}s ({self.articles_per_second:.1f} art/s, "
                f"{self.words_per_second:.0f} words/s) on {self.workers} workers; "
                f"{self.skipped_items} skipped{' (' + reasons + ')' if reasons else ''}; "
                f"store: {load.get('new_articles', 0)} new articles, {load.get('duplicates', 0)} duplicates, "
                f"{load.get('new_events', 0)} new events -> {self.store}")


def _settings(*, model: str | None, negated: str, hypothetical: str, future: str) -> dict[str, Any]:
    return {"model": model, "policy": {"negated": negated, "hypothetical": hypothetical, "future": future}}


def _settings_hash(settings: dict[str, Any], input_format: str, date: dt.date | None) -> str:
    from herald import __version__
    key = json.dumps([settings, input_format, date.isoformat() if date else None, __version__], sort_keys=True)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _reason_key(reason: str) -> str:
    from herald.distributed.worker import _reason_key as key
    return key(reason)


class _Precoded:
    """A stand-in pipeline for the store ingest path: hands back the states the workers coded.

    The dedup filter reads articles from `feed` (which queues each article's state as it goes)
    and lets a subsequence through; for each, the queued state is found by identity."""

    def __init__(self, states: Iterable[ArticleState]) -> None:
        self._states = iter(states)
        self._queue: deque[ArticleState] = deque()

    def feed(self) -> Iterator[Article]:
        for s in self._states:
            self._queue.append(s)
            yield s.article

    def run(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[ArticleState]:
        for a in articles:
            while self._queue:
                s = self._queue.popleft()
                if s.article is a:
                    yield s
                    break
            else:  # pragma: no cover - the filter only drops articles, it never invents them
                raise RuntimeError(f"article {a.id} was not among the coded states")


def _load_store(db: str, folders: list[Path], *, batch_size: int, dedup: bool, dedup_threshold: float,
                extra_skipped: list[SkippedItem]) -> dict[str, Any]:
    """Load shard outputs, in shard order, through the store ingest path (one shard in memory at a time)."""
    from herald.coding import ingest_articles
    from herald.store import Store

    skipped: list[SkippedItem] = list(extra_skipped)

    def stream() -> Iterator[ArticleState]:
        for f in folders:
            states, sk = read_parts(f)
            skipped.extend(sk)
            yield from states

    with Store.open(db) as store:
        pre = _Precoded(stream())
        kwargs: dict[str, Any] = {"batch_size": batch_size, "pipeline": pre, "dedup": False}
        if dedup:
            from herald.dedup import ArticleDeduplicator
            kwargs["dedup"] = ArticleDeduplicator(threshold=dedup_threshold)
        r = ingest_articles(store, pre.feed(), **kwargs)
        if skipped:
            store.add_skipped(skipped)
        return {"read": r.read, "new_articles": r.new_articles, "present": r.present, "duplicates": r.duplicates,
                "new_events": r.new_events, "merged_events": r.merged_events, "conflicts": list(r.conflicts)}


def _store_key(db: str) -> str:
    """How the manifest names a store: a file by its absolute path, a server URL by a hash
    (a DSN may hold a password, which must not land in the run folder)."""
    if "://" in db or "=" in db:
        return "dsn:" + hashlib.sha256(db.encode("utf-8")).hexdigest()[:16]
    return str(Path(db).resolve())


def _shown(db: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", db)


class _RunLock:
    """One coordinator per run folder: a second one would delete the first one's temp folders."""

    def __init__(self, run_dir: Path) -> None:
        self._fh = (run_dir / ".lock").open("a")
        try:
            fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise ValueError(f"the run folder {run_dir} is in use by another herald run") from None

    def release(self) -> None:
        fcntl.flock(self._fh, fcntl.LOCK_UN)
        self._fh.close()


def _clean_temp(run_dir: Path) -> None:
    root = run_dir / "shards"
    if root.is_dir():
        for p in root.iterdir():
            if p.name.startswith(".tmp-"):
                shutil.rmtree(p, ignore_errors=True)


def run(inputs: list[str], *, db: str, run_dir: str | Path, scheduler: str | None = None, client=None,
        n_workers: int = 2, shard_size: int = 200, input_format: str = "auto", date: dt.date | None = None,
        model: str | None = None, batch_size: int = 32, negated: str = "drop", hypothetical: str = "drop",
        future: str = "intent", dedup: bool = True, dedup_threshold: float = 0.5, progress: bool = False,
        echo: Callable[[str], None] | None = None) -> RunReport:
    """Code `inputs` on a Dask cluster into RUN_DIR and load the store `db`.

    `client` reuses a connected `distributed.Client`; else `scheduler` is an address to
    connect to; else a LocalCluster of `n_workers` processes (one thread each) is started.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    say = echo or (lambda msg: print(msg, file=sys.stderr))
    t0 = time.perf_counter()
    run_dir = Path(run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    settings = _settings(model=model, negated=negated, hypothetical=hypothetical, future=future)
    shards, plan_skipped = plan_shards([str(Path(p).resolve()) if p != "-" else p for p in inputs],
                                       shard_size=shard_size, input_format=input_format,
                                       settings=_settings_hash(settings, input_format, date))
    lock = _RunLock(run_dir)
    manifest = Manifest(run_dir)
    todo = [s for s in shards if not (manifest.is_done(s.id, s.content_hash) and parts_complete(shard_folder(run_dir, s)))]
    config = {"settings": settings, "input_format": input_format, "date": date.isoformat() if date else None,
              "batch_size": batch_size, "pause_dir": os.environ.get(PAUSE_ENV)}
    _clean_temp(run_dir)

    cluster = own_client = None
    report = RunReport(run_dir=str(run_dir), store=_shown(db), scheduler="", dashboard=None, workers=0,
                       shards_total=len(shards), shards_skipped=len(shards) - len(todo),
                       started_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    reasons: Counter = Counter(_reason_key(s.reason) for s in plan_skipped)
    report.skipped_examples = [[s.origin, s.reason] for s in plan_skipped[:200]]
    records: Counter = Counter()
    try:
        if todo:
            if client is None:
                if scheduler:
                    client = own_client = Client(scheduler)
                else:
                    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
                    client = own_client = Client(cluster)
            report.scheduler = client.scheduler.address
            report.dashboard = client.dashboard_link
            if cluster is not None and importlib.util.find_spec("bokeh") is None:
                report.dashboard += " (served only if bokeh is installed)"
            report.workers = len(client.scheduler_info(n_workers=-1)["workers"])
            say(f"herald run: {len(todo)} of {len(shards)} shards to code on {report.workers} workers "
                f"({report.scheduler}); dashboard: {report.dashboard}")
            # the model loads once per worker process, also on a worker that comes back after a crash
            client.register_plugin(PipelinePlugin(settings), name=f"herald-pipeline-{_settings_hash(settings, '', None)}")
            t_submit = time.perf_counter()
            futures = {client.submit(code_shard, s, str(run_dir), config, pure=False,
                                     key=f"herald-shard-{s.id}-{os.urandom(3).hex()}"): s for s in todo}
            bar = None
            if progress:
                from tqdm import tqdm
                bar = tqdm(total=len(todo), desc="shards", unit=" shard", file=sys.stderr, dynamic_ncols=True)
            for fut in as_completed(futures):
                shard = futures[fut]
                if fut.status == "finished":
                    summary = fut.result()
                    manifest.record_done(shard.as_dict(), summary)
                    report.shards_done += 1
                    report.articles += summary.get("articles", 0)
                    report.words += summary.get("words", 0)
                    report.events += summary.get("events", 0)
                    report.coding_seconds += summary.get("seconds", 0.0)
                    reasons.update(summary.get("skipped", {}))
                    room = 200 - len(report.skipped_examples)
                    report.skipped_examples.extend(summary.get("skipped_examples", [])[:max(room, 0)])
                    records.update(summary.get("records", {}))
                else:
                    exc = fut.exception()
                    report.shards_failed += 1
                    report.failures.append({"shard": shard.id, "input": shard.label,
                                            "error": f"{type(exc).__name__}: {exc}"})
                    say(f"herald run: shard {shard.label} failed: {type(exc).__name__}: {exc}")
                if bar is not None:
                    bar.update(1)
                fut.release()
            if bar is not None:
                bar.close()
            report.coding_wall_seconds = time.perf_counter() - t_submit
        # load every finished shard of this plan the store has not had yet, in input order
        loaded = manifest.loaded.get(_store_key(db), set())
        if _store_key(db).startswith("/") and not Path(db).exists():
            loaded = set()  # the store file was deleted since: load everything again
        to_load = [s for s in shards if s.id in manifest.done and s.id not in loaded
                   and parts_complete(shard_folder(run_dir, s))]
        t_load = time.perf_counter()
        report.store_load = _load_store(db, [shard_folder(run_dir, s) for s in to_load], batch_size=max(batch_size, 64),
                                        dedup=dedup, dedup_threshold=dedup_threshold, extra_skipped=plan_skipped)
        if to_load:
            manifest.record_loaded(_store_key(db), [s.id for s in to_load])
        report.store_load["shards_loaded"] = len(to_load)
        report.load_seconds = time.perf_counter() - t_load
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
        _clean_temp(run_dir)
        lock.release()
    report.skipped_items = sum(reasons.values())
    report.skipped_by_reason = dict(reasons.most_common())
    report.warc_records = dict(records)
    report.wall_seconds = time.perf_counter() - t0
    tmp = run_dir / "report.json.tmp"
    tmp.write_text(json.dumps(report.to_json(), indent=2, default=str), encoding="utf-8")
    os.replace(tmp, run_dir / "report.json")
    say(report.summary())
    return report
