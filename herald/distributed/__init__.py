"""Distributed runs: shards of the inputs coded on a Dask cluster, resumable from a manifest.

`herald run` (see `run`) plans shards (`shards`), codes each on a worker into Parquet with the
store's columns (`worker`, `parts`), records finished shards in RUN_DIR/manifest.jsonl
(`manifest`) and loads them into the store through the same ingest path as `herald ingest`.
Names are imported on first use, so `herald --help` does not pay for importing Dask.
"""

from __future__ import annotations

import importlib

__all__ = ["RunReport", "Shard", "plan_shards", "read_shard", "run"]

_WHERE = {"RunReport": "coordinator", "run": "coordinator", "Shard": "shards", "plan_shards": "shards", "read_shard": "shards"}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"herald.distributed.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'herald.distributed' has no attribute {name!r}")
