"""Shared pieces of the exporters: reading event dicts leniently, data tables, output targets.

Every exporter consumes dicts in the `Event.as_output()` shape. Merged events
(`MergedEvent.as_output()`) are accepted too: their flat `source_code`/`target_code` keys
and `merged_id` are folded into the same shape here, so exporters see one form.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import functools
import os
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import IO, Any

__all__ = [
    "article_info",
    "as_date",
    "clean_cell",
    "data_rows",
    "event_url",
    "normalise_event",
    "open_text_out",
]

# Tab, every C0/C1 control and every character str.splitlines() breaks on: any of them in a
# value would split a TSV row or line-oriented reader's record.
_BREAKERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def clean_cell(value: Any) -> str:
    """A value as one TSV cell: None -> '', breakers -> space."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return _BREAKERS.sub(" ", str(value))


@functools.cache
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV table in herald/export/data (cached: the tables are read-only)."""
    text = (resources.files("herald.export") / "data" / name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def as_date(value: Any) -> _dt.date | None:
    """An ISO date string, date or datetime -> date; anything unparseable -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _flat_actor(ev: Mapping[str, Any], side: str) -> dict[str, Any] | None:
    code = ev.get(f"{side}_code")
    if not code:
        return None
    return {"text": None, "code": code, "country": ev.get(f"{side}_country"), "role": None, "name": None}


def normalise_event(ev: Mapping[str, Any]) -> dict[str, Any]:
    """A shallow copy in the Event.as_output() shape (merged-event keys folded in)."""
    out = dict(ev)
    if not out.get("event_id") and out.get("merged_id"):
        out["event_id"] = out["merged_id"]
    if not out.get("article_id") and out.get("article_ids"):
        out["article_id"] = out["article_ids"][0]
    for side in ("source", "target"):
        if out.get(side) is None:
            out[side] = _flat_actor(ev, side)
    out.setdefault("evidence", None)
    return out


def article_info(articles: Mapping[str, Any] | None, article_id: str | None) -> dict[str, Any]:
    """What the caller told us about an article: dict or Article-like object -> dict."""
    if not articles or article_id is None:
        return {}
    art = articles.get(article_id)
    if art is None:
        return {}
    if isinstance(art, Mapping):
        return dict(art)
    return {k: getattr(art, k, None) for k in ("url", "outlet", "date", "title")}


def event_url(ev: Mapping[str, Any], art: Mapping[str, Any]) -> str | None:
    """The article's url first (authoritative), else a url carried on the event."""
    return art.get("url") or ev.get("url") or ev.get("source_url")


@contextlib.contextmanager
def open_text_out(out: IO[str] | str | os.PathLike[str]) -> Iterator[IO[str]]:
    """Yield a text stream: a path is opened (UTF-8, no newline translation) and closed."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out
