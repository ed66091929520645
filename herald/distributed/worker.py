"""What runs on a Dask worker: code one shard into Parquet, with the pipeline loaded once per process.

A shard's output appears all at once: it is written into a hidden temp folder and renamed to
`shards/<shard id>` only when complete, so a worker killed mid-shard leaves at most a temp
folder (cleaned by the coordinator) and never a half shard that a later load could read.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from herald.distributed.parts import PartsWriter, parts_complete
from herald.distributed.shards import Shard, read_shard
from herald.records import SkippedItem

__all__ = ["PAUSE_ENV", "PipelinePlugin", "code_shard", "get_pipeline", "shard_folder"]

# Test hook: when set to a folder, the first shard task that gets there pauses (up to
# 120 s) after coding its first batch, having written its pid to <folder>/paused, so a test
# can SIGKILL that worker mid-shard deterministically. Later attempts do not pause.
PAUSE_ENV = "HERALD_RUN_PAUSE_DIR"

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


def get_pipeline(settings: dict[str, Any]):
    """This process's pipeline for these settings, built on first use (the spaCy model loads once)."""
    from herald.coding import build_pipeline
    from herald.events import ModalityPolicy

    key = repr(sorted(settings.items()))
    with _LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is None:
            kw = dict(settings)
            policy = kw.pop("policy", None)
            pipe = build_pipeline(**kw, policy=ModalityPolicy(**policy) if policy else None)
            _PIPELINES[key] = pipe
        return pipe


class PipelinePlugin(WorkerPlugin):
    """Dask worker plugin: load the pipeline when a worker starts (and when a restarted one
    comes back), so shard tasks never pay for the model."""

    name = "herald-pipeline"

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings

    def setup(self, worker=None) -> None:
        from herald.records import Article
        # one tiny article also loads what the stages build lazily (gazetteer, date parser)
        get_pipeline(self.settings).run_batch([Article(id="warm-up", text=_WARM_UP)])


_WARM_UP = "The foreign minister of Norway met the Kenyan president in Nairobi on Monday, officials said."


def shard_folder(run_dir: str | Path, shard: Shard) -> Path:
    return Path(run_dir) / "shards" / shard.id


def _pause_for_test(pause_dir: str | None) -> None:
    if not pause_dir:
        return
    marker = Path(pause_dir) / "paused"
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return  # someone paused already: this is a later attempt, or another shard
    with os.fdopen(fd, "w") as fh:
        fh.write(str(os.getpid()))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (Path(pause_dir) / "resume").exists():
        time.sleep(0.05)


def code_shard(shard: Shard, run_dir: str, config: dict[str, Any]) -> dict[str, Any]:
    """Code one shard into `run_dir/shards/<id>/*.parquet` and return its counts.

    Idempotent: a shard whose folder is already complete (an earlier attempt that finished
    before its worker died) is not coded again.
    """
    t0 = time.perf_counter()
    final = shard_folder(run_dir, shard)
    summary: dict[str, Any] = {"shard": shard.id, "index": shard.index, "pid": os.getpid(),
                               "host": os.uname().nodename}
    if parts_complete(final):
        return {**summary, "reused": True, "seconds": 0.0}
    pipe = get_pipeline(config["settings"])
    default_date = dt.date.fromisoformat(config["date"]) if config.get("date") else None
    batch_size = int(config.get("batch_size", 32))
    tmp = final.parent / f".tmp-{shard.id}-{uuid.uuid4().hex[:8]}"
    final.parent.mkdir(parents=True, exist_ok=True)
    writer = PartsWriter(tmp)
    records: Counter = Counter()
    n_articles = n_events = n_words = 0
    skipped: Counter = Counter()
    batch, first = [], True
    pause_dir = config.get("pause_dir") or os.environ.get(PAUSE_ENV)

    def flush():
        nonlocal n_events, first
        states = pipe.run_batch(batch)
        writer.add(states)
        n_events += sum(len(s.events or ()) for s in states)
        batch.clear()
        if first:
            first = False
            _pause_for_test(pause_dir)

    try:
        pending_skips: list[SkippedItem] = []
        for item in read_shard(shard, input_format=config.get("input_format", "auto"), default_date=default_date,
                               counts=records):
            if isinstance(item, SkippedItem):
                pending_skips.append(item)
                skipped[_reason_key(item.reason)] += 1
                continue
            batch.append(item)
            n_articles += 1
            n_words += len(item.text.split())
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        writer.skipped(pending_skips)
        writer.close()
        try:
            os.rename(tmp, final)
        except OSError:
            if not parts_complete(final):  # not "another attempt finished first"
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {**summary, "reused": False, "articles": n_articles, "events": n_events, "words": n_words,
            "skipped": dict(skipped), "skipped_examples": [[i.origin, i.reason] for i in pending_skips[:20]],
            "records": dict(records), "seconds": time.perf_counter() - t0}


def _reason_key(reason: str) -> str:
    """Group skip reasons for the report: 'not html: image/png' stays whole, 'bad JSON: line 3...' is 'bad JSON'."""
    head = reason.split(":", 1)[0].strip()
    if reason.startswith("not html:"):
        return reason.split(";", 1)[0]
    return head
