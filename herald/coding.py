"""Assemble herald's standard pipeline: parse → actors → events (with dates and places)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from herald.actors import ActorStage
from herald.events import CoderSettings, EventCoder, EventStage, ModalityPolicy
from herald.parse import DEFAULT_MODEL, ParseStage
from herald.pipeline import ArticleState, Pipeline
from herald.records import Article

__all__ = ["build_pipeline", "run_parallel"]


def build_pipeline(*, model: str | None = None, n_process: int = 1, batch_size: int = 32,
                   policy: ModalityPolicy | None = None, geocode: bool = True, resolve_dates: bool = True,
                   predicates: str | None = None) -> Pipeline:
    """The coding pipeline with every stage in order.

    `model` is any installed spaCy pipeline (name or path); `predicates` a user's own
    predicate file in the layout of herald/events/data/predicates.yaml.
    """
    from herald.events.lexicon import load_lexicon

    date_resolver = None
    if resolve_dates:
        from herald.dating import resolve_event_date
        date_resolver = resolve_event_date
    geocoder = None
    if geocode:
        from herald.geocoding import Geocoder
        geocoder = Geocoder()
    coder = EventCoder(lexicon=load_lexicon(predicates), settings=CoderSettings(policy=policy or ModalityPolicy()),
                       date_resolver=date_resolver, geocoder=geocoder)
    return Pipeline([
        ParseStage(model=model or DEFAULT_MODEL, n_process=n_process, batch_size=batch_size),
        ActorStage(),
        EventStage(coder=coder),
    ])


_WORKER: Pipeline | None = None


def _init_worker(kwargs: dict) -> None:
    global _WORKER
    _WORKER = build_pipeline(**kwargs)


def _run_chunk(articles: list[Article]) -> list[ArticleState]:
    assert _WORKER is not None, "worker pipeline not initialised"
    # the spaCy Doc stays in the worker: every offset in actors and events points into the text
    return [dataclasses.replace(s, doc=None) for s in _WORKER.run_batch(articles)]


def run_parallel(articles: Iterable[Article], *, n_process: int = 2, batch_size: int = 32,
                 **build_kwargs) -> Iterator[ArticleState]:
    """Run the whole pipeline (parse, actors, events) in `n_process` worker processes.

    Each worker builds the pipeline once; batches go out and come back in input order.
    Yielded states carry `doc=None` (a Doc is costly to ship between processes).
    """
    if n_process <= 1:
        yield from build_pipeline(**build_kwargs).run(articles, batch_size=batch_size)
        return
    it = iter(articles)
    chunks = iter(lambda: list(itertools.islice(it, batch_size)), [])
    with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker,
                             initargs=(dict(build_kwargs, n_process=1),)) as pool:
        # keep a bounded number of batches in flight so memory stays flat on long inputs
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, chunk))
            if len(pending) >= 2 * n_process:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()
