"""The runner: one place that calls every stage in order.

Each stage declares the fields of `ArticleState` it reads and writes; `Pipeline` checks
at build time that every read is written by an earlier stage (or is the input), and at
run time that a stage returns exactly what it declared. A stage that raises is named in
the error, with the article it failed on. Stages compute (`predict`) and return values;
only the runner writes them into the (frozen) state.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from herald.records import ActorMention, Article, Event

__all__ = ["ArticleState", "Pipeline", "PipelineError", "Stage", "StageError"]


@dataclass(frozen=True)
class ArticleState:
    """What is known about one article at a point in the pipeline."""

    article: Article
    doc: Any = None  # spacy.tokens.Doc once parsed
    actors: tuple[ActorMention, ...] | None = None
    events: tuple[Event, ...] | None = None


_FIELDS = {f.name for f in dataclasses.fields(ArticleState)}


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def predict(self, states: Sequence[ArticleState]) -> list[dict[str, Any]]:
        """Compute the declared outputs for a batch of states, one dict per state."""
        ...


class PipelineError(ValueError):
    """The pipeline was assembled wrongly (caught before any article is read)."""


class StageError(RuntimeError):
    """A stage failed or broke its contract on an article."""

    def __init__(self, stage: str, article_id: str | None, message: str) -> None:
        self.stage = stage
        self.article_id = article_id
        where = f" on article {article_id}" if article_id else ""
        super().__init__(f"stage {stage!r} failed{where}: {message}")


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        available = {"article"}
        seen: set[str] = set()
        for stage in stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"{stage!r} is not a Stage (needs name, version, reads, writes, predict)")
            if stage.name in seen:
                raise PipelineError(f"two stages are named {stage.name!r}")
            seen.add(stage.name)
            for f in (*stage.reads, *stage.writes):
                if f not in _FIELDS:
                    raise PipelineError(f"stage {stage.name!r} declares unknown field {f!r}")
            missing = [f for f in stage.reads if f not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} reads {missing} but no earlier stage writes them")
            available.update(stage.writes)
        self.stages = tuple(stages)

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run_batch(self, articles: Sequence[Article]) -> list[ArticleState]:
        states = [ArticleState(article=a) for a in articles]
        for stage in self.stages:
            try:
                outputs = stage.predict(states)
            except StageError:
                raise
            except Exception as exc:  # name the stage; which article is unknown in a batch
                ids = ",".join(s.article.id for s in states[:3])
                raise StageError(stage.name, ids, f"{type(exc).__name__}: {exc}") from exc
            if len(outputs) != len(states):
                raise StageError(stage.name, None,
                                 f"returned {len(outputs)} results for {len(states)} articles")
            new_states = []
            for state, out in zip(states, outputs):
                if set(out) != set(stage.writes):
                    raise StageError(stage.name, state.article.id,
                                     f"returned keys {sorted(out)}, declared {sorted(stage.writes)}")
                new_states.append(dataclasses.replace(state, **out))
            states = new_states
        return states

    def run(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[ArticleState]:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)
