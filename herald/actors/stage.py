"""Pipeline stage: resolve the actors of each parsed article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from herald.actors.resolver import ActorResolver
from herald.pipeline import ArticleState

__all__ = ["ActorStage"]


class ActorStage:
    name = "actors"
    version = "1"
    reads = ("article", "doc")
    writes = ("actors",)

    def __init__(self, *, resolver: ActorResolver | None = None) -> None:
        self.resolver = resolver or ActorResolver()

    def predict(self, states: Sequence[ArticleState]) -> list[dict[str, Any]]:
        return [{"actors": self.resolver.resolve_doc(s.doc, date=s.article.date)} for s in states]
