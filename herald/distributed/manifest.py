"""The run manifest: an append-only JSON-lines log of finished shards and store loads.

Append-only keeps writing O(1) per shard however long the run, and survives a crash: every
line is flushed and fsynced before the next step relies on it, and a torn last line (the
coordinator died mid-write) is ignored on reading. Only the coordinator writes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

__all__ = ["Manifest"]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Manifest:
    def __init__(self, run_dir: str | Path) -> None:
        self.path = Path(run_dir) / "manifest.jsonl"
        self.done: dict[str, dict[str, Any]] = {}  # shard id -> its "done" line
        self.loaded: dict[str, set[str]] = {}  # store -> shard ids loaded into it
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash
                if rec.get("event") == "done":
                    self.done[rec["shard"]] = rec
                elif rec.get("event") == "loaded":
                    self.loaded.setdefault(rec["store"], set()).update(rec["shards"])

    def _append(self, rec: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def record_done(self, shard: dict[str, Any], summary: dict[str, Any]) -> None:
        rec = {"event": "done", "shard": shard["id"], "content_hash": shard["content_hash"], "spec": shard,
               "summary": summary, "at": _now()}
        self._append(rec)
        self.done[shard["id"]] = rec

    def record_loaded(self, store: str, shard_ids: list[str]) -> None:
        self._append({"event": "loaded", "store": store, "shards": shard_ids, "at": _now()})
        self.loaded.setdefault(store, set()).update(shard_ids)

    def is_done(self, shard_id: str, content_hash: str) -> bool:
        rec = self.done.get(shard_id)
        return rec is not None and rec.get("content_hash") == content_hash
