"""Herald's own export formats, registered through the same hook third-party plugins use."""

from __future__ import annotations

from herald.plugins._formats import ExportFormat
from herald.plugins._specs import hookimpl

__all__ = ["herald_export_formats"]


def _gdelt(records, target) -> int:
    from herald.export import write_gdelt_tsv
    return write_gdelt_tsv(records, target)


def _plover(records, target) -> int:
    from herald.export import write_plover_json
    return write_plover_json(records, target)


def _parquet(records, target) -> int:
    from herald.export import write_parquet
    return write_parquet(records, target)


@hookimpl
def herald_export_formats():
    return [
        ExportFormat("gdelt", "GDELT 2.0 event table (61 tab-separated columns, no header)", _gdelt),
        ExportFormat("plover", "PLOVER JSON records, one per line", _plover),
        ExportFormat("parquet", "a hive-partitioned Parquet dataset (year=/month=) in a folder", _parquet,
                     folder=True),
    ]
