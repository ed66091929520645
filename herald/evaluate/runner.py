"""Run herald's real coding pipeline over gold records, one list of event dicts per record."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

from herald.evaluate.gold import GoldRecord
from herald.records import Article

__all__ = ["run_coder"]


def _date(value: str | None) -> _dt.date | None:
    """The gold date as a date (a datetime string keeps its day); unreadable → None."""
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def run_coder(records: Sequence[GoldRecord], *, model: str | None = None) -> list[list[dict[str, Any]]]:
    """Code every record's text as an article and return `Event.as_output()` dicts per record.

    The pipeline is imported here, not at module level, so scoring works (and is testable)
    without the coder's stages installed.
    """
    from herald.coding import build_pipeline

    pipeline = build_pipeline(model=model)
    articles = [Article(id=r.id, text=r.text, date=_date(r.date)) for r in records]
    states = list(pipeline.run(articles))
    if len(states) != len(articles):
        raise RuntimeError(f"pipeline returned {len(states)} states for {len(articles)} records")
    out: list[list[dict[str, Any]]] = []
    for art, state in zip(articles, states):  # by position: gold ids are not always unique
        if state.article is not art:
            raise RuntimeError(f"pipeline reordered its input (expected {art.id!r}, got {state.article.id!r})")
        out.append([e.as_output() for e in (state.events or ())])
    return out
