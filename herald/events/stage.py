from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from herald.events.coder import EventCoder
from herald.pipeline import ArticleState

__all__ = ["EventStage"]


class EventStage:
    """Pipeline stage: code events from the parse and the resolved actors."""

    name = "events"
    version = "1"
    reads = ("article", "doc", "actors")
    writes = ("events",)

    def __init__(self, *, coder: EventCoder | None = None) -> None:
        self.coder = coder or EventCoder()

    def predict(self, states: Sequence[ArticleState]) -> list[dict[str, Any]]:
        return [{"events": tuple(self.coder.code_doc(s.doc, s.article, s.actors or ()))} for s in states]
