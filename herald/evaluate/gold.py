"""Read gold JSONL files (one coded text a line) into frozen records.

A gold file is a measuring instrument: a line that does not parse must stop the run with
its line number, never be skipped quietly, or every score computed from it is suspect.
`None` in a coded field means "not coded by the annotators" and is kept as `None`, distinct
from an empty list (an actor coded as having no country, e.g. an IGO).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GoldEvent", "GoldRecord", "gold_hash", "load_gold"]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event. `source`/`target`: ISO alpha-3 tuple, () = no country, None = not coded."""

    plover: str | None
    cameo: str | None
    cameo_root: str | None
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    date: str | None
    text: str
    events: tuple[GoldEvent, ...]
    dataset: str | None = None


def gold_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes: pins the exact gold a floor was measured on."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    val = obj.get(key)
    if val is None:
        return None
    if not isinstance(val, str) or not val.strip():
        raise ValueError(f"{where}: {key!r} must be a non-empty string or null, got {val!r}")
    return val.strip()


def _countries(obj: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    val = obj.get(key)
    if val is None:
        return None
    if not isinstance(val, list) or not all(isinstance(c, str) and c.strip() for c in val):
        raise ValueError(f"{where}: {key!r} must be a list of country codes or null, got {val!r}")
    return tuple(c.strip().upper() for c in val)


def _event(obj: Any, where: str) -> GoldEvent:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: an event must be an object, got {type(obj).__name__}")
    plover = _opt_str(obj, "plover", where)
    cameo = _opt_str(obj, "cameo", where)
    root = _opt_str(obj, "cameo_root", where)
    if root is None and cameo is not None:
        root = cameo[:2]  # a CAMEO code's root is its first two digits
    if plover is None and root is None:
        raise ValueError(f"{where}: event has neither a PLOVER type nor a CAMEO code, nothing to score")
    if plover is not None:
        plover = plover.upper()
    return GoldEvent(plover=plover, cameo=cameo, cameo_root=root,
                     source=_countries(obj, "source", where), target=_countries(obj, "target", where),
                     mode=_opt_str(obj, "mode", where))


def _record(obj: Any, where: str) -> GoldRecord:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    rid = obj.get("id")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool) or str(rid) == "":
        raise ValueError(f"{where}: missing or empty 'id'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: missing or empty 'text'")
    events = obj.get("events")
    if not isinstance(events, list):
        raise ValueError(f"{where}: 'events' must be a list")
    date = obj.get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError(f"{where}: 'date' must be a string or null")
    dataset = obj.get("dataset")
    return GoldRecord(id=str(rid), date=date, text=text,
                      events=tuple(_event(e, f"{where}, event {i}") for i, e in enumerate(events)),
                      dataset=dataset if isinstance(dataset, str) else None)


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Every record of a gold JSONL file, in file order; blank lines are allowed.

    Raises ValueError naming the file and line number on bad JSON, a missing field or a
    wrongly typed field. Ids may repeat (published gold sets do reuse them for different
    texts), so records are matched to predictions by position, never by id.
    """
    path = Path(path)
    records: list[GoldRecord] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not valid JSON ({exc.msg})") from exc
            records.append(_record(obj, where))
    return records
