"""Herald events as a hive-partitioned Parquet dataset (year=2023/month=10/part-0.parquet).

The schema is flat (one column per scalar: source_*/target_*/location_*/evidence_*/
provenance_*), so any Parquet reader can filter on it; casualties is a JSON string column
because its keys vary. Events without a date get null year/month, which pyarrow writes as the
partition `year=__HIVE_DEFAULT_PARTITION__` and reads back as null (open_parquet gives the
partition columns their types, which inference cannot do when every value is null). Rows
are written in batches, so memory stays bounded for long event streams. Re-exporting into the same
directory replaces same-named part files (existing_data_behavior="overwrite_or_ignore");
files of partitions the new export does not touch are left alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pds

from herald.export._common import as_date, normalise_event

__all__ = ["PARQUET_SCHEMA", "flatten_event", "open_parquet", "write_parquet"]

_S = pa.string()
_ACTOR = (("text", _S), ("code", _S), ("country", _S), ("role", _S), ("name", _S))

PARQUET_SCHEMA = pa.schema([
    ("article_id", _S), ("event_id", _S), ("date", pa.date32()),
    ("year", pa.int32()), ("month", pa.int32()),
    ("cameo", _S), ("cameo_root", _S), ("quad_class", pa.int8()), ("goldstein", pa.float64()),
    ("plover", _S), ("plover_mode", _S), ("modality", _S), ("symmetric", pa.bool_()),
    ("confidence", pa.float64()),
    *[(f"source_{k}", t) for k, t in _ACTOR],
    *[(f"target_{k}", t) for k, t in _ACTOR],
    ("location_name", _S), ("location_country", _S),
    ("location_lat", pa.float64()), ("location_lon", pa.float64()),
    ("evidence_sentence", _S), ("evidence_start", pa.int32()), ("evidence_end", pa.int32()),
    ("evidence_trigger", _S),
    ("casualties", _S),
    ("provenance_stage", _S), ("provenance_version", _S), ("provenance_rule", _S),
    # merged-event keys: null for single mentions
    ("num_mentions", pa.int32()), ("num_sources", pa.int32()), ("num_articles", pa.int32()),
    ("mention_ids", pa.list_(_S)), ("first_seen", pa.date32()), ("url", _S),
])

_BATCH = 10_000


def flatten_event(ev: Mapping[str, Any]) -> dict[str, Any]:
    """One event dict -> one flat row matching PARQUET_SCHEMA."""
    ev = normalise_event(ev)
    day = as_date(ev.get("date"))
    row: dict[str, Any] = {
        "article_id": ev.get("article_id"), "event_id": ev.get("event_id"), "date": day,
        "year": day.year if day else None, "month": day.month if day else None,
        **{k: ev.get(k) for k in ("cameo", "cameo_root", "quad_class", "goldstein", "plover",
                                   "plover_mode", "modality", "symmetric", "confidence",
                                   "num_mentions", "num_sources", "num_articles")},
    }
    for side in ("source", "target"):
        actor = ev.get(side) or {}
        row.update({f"{side}_{k}": actor.get(k) for k, _ in _ACTOR})
    loc = ev.get("location") or {}
    row.update({f"location_{k}": loc.get(k) for k in ("name", "country", "lat", "lon")})
    evidence = ev.get("evidence") or {}
    row.update({f"evidence_{k}": evidence.get(k) for k in ("sentence", "start", "end", "trigger")})
    row["casualties"] = json.dumps(ev.get("casualties") or {}, sort_keys=True, ensure_ascii=False)
    prov = ev.get("provenance") or {}
    row.update({f"provenance_{k}": prov.get(k) for k in ("stage", "version", "rule")})
    mids = ev.get("mention_ids")
    row["mention_ids"] = list(mids) if mids is not None else None
    row["first_seen"] = as_date(ev.get("first_seen"))
    row["url"] = ev.get("url") or ev.get("source_url")
    if row["symmetric"] is not None:
        row["symmetric"] = bool(row["symmetric"])
    return row


def _batches(events: Iterable[Mapping[str, Any]], counter: list[int]) -> Iterator[pa.RecordBatch]:
    buf: list[dict[str, Any]] = []
    for ev in events:
        buf.append(flatten_event(ev))
        if len(buf) >= _BATCH:
            counter[0] += len(buf)
            yield pa.RecordBatch.from_pylist(buf, schema=PARQUET_SCHEMA)
            buf = []
    if buf:
        counter[0] += len(buf)
        yield pa.RecordBatch.from_pylist(buf, schema=PARQUET_SCHEMA)


def _partitioning(partition_by: Sequence[str]) -> pds.Partitioning | None:
    unknown = [c for c in partition_by if c not in PARQUET_SCHEMA.names]
    if unknown:
        raise ValueError(f"cannot partition by {unknown}: not columns of the export schema")
    if not partition_by:
        return None
    return pds.partitioning(pa.schema([PARQUET_SCHEMA.field(c) for c in partition_by]), flavor="hive")


def open_parquet(out_dir: str | os.PathLike[str], *, partition_by: Sequence[str] = ("year", "month")) -> pds.Dataset:
    """The exported dataset with typed partition columns.

    Prefer this to pds.dataset(..., partitioning="hive"): type inference fails when every
    partition value is null (an export of undated events only).
    """
    return pds.dataset(os.fspath(out_dir), format="parquet", partitioning=_partitioning(partition_by))


def write_parquet(events: Iterable[Mapping[str, Any]], out_dir: str | os.PathLike[str], *,
                  partition_by: Sequence[str] = ("year", "month"),
                  basename_template: str = "part-{i}.parquet") -> int:
    """Write events as a hive-partitioned Parquet dataset under out_dir; returns rows written."""
    partitioning = _partitioning(partition_by)
    counter = [0]
    pds.write_dataset(
        _batches(events, counter), os.fspath(out_dir), schema=PARQUET_SCHEMA, format="parquet",
        partitioning=partitioning, basename_template=basename_template,
        existing_data_behavior="overwrite_or_ignore",
    )
    return counter[0]
