"""Assemble herald's standard pipeline: parse → actors → events (with dates and places)."""

from __future__ import annotations

from herald.actors import ActorStage
from herald.events import CoderSettings, EventCoder, EventStage, ModalityPolicy
from herald.parse import DEFAULT_MODEL, ParseStage
from herald.pipeline import Pipeline

__all__ = ["build_pipeline"]


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
