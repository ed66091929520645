"""Exports: herald events (Event.as_output() dicts, merged events too) in formats other tools read.

- write_gdelt_tsv: GDELT 2.0 Event table rows (61 columns, FIPS geo codes).
- write_plover_json: PLOVER/POLECAT-style records, JSON Lines or a JSON array.
- write_parquet / open_parquet: a flat, hive-partitioned (year/month) Parquet dataset.
"""

from __future__ import annotations

from herald.export.gdelt import GDELT_COLUMNS, gdelt_event_id, gdelt_row, iso3_to_fips, write_gdelt_tsv
from herald.export.parquet import PARQUET_SCHEMA, flatten_event, open_parquet, write_parquet
from herald.export.plover import plover_record, write_plover_json

__all__ = [
    "GDELT_COLUMNS",
    "PARQUET_SCHEMA",
    "flatten_event",
    "gdelt_event_id",
    "gdelt_row",
    "iso3_to_fips",
    "open_parquet",
    "plover_record",
    "write_gdelt_tsv",
    "write_parquet",
    "write_plover_json",
]
