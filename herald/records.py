"""Typed, frozen records that flow through herald's stages.

Every stage reads and writes these, never loose dicts: a record that leaves a stage
cannot be changed by a later one, and each coded thing carries its provenance (which
stage, which version, which rule or model) so an analyst can audit it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "ArticleCopy",
    "Evidence",
    "Event",
    "Location",
    "Provenance",
    "SkippedItem",
    "content_hash",
]


def content_hash(text: str) -> str:
    """Stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who made a record: the stage, its version and the rule/model that fired."""

    stage: str
    version: str
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: boilerplate removed, metadata normalised.

    `text` is the body only (no title); every character offset in herald points into it.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: _dt.date | None = None
    origin: str | None = None  # file path, "path:line" or "<stdin>": where it was read
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Article.id must not be empty")
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """An input that could not become an article, and why. Reported, never silent."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleCopy:
    """One place an article was seen: its own first copy, or an exact/near-duplicate re-post.

    `copy_id` is the id the copy would have had; `article_id` the stored (canonical) article
    it duplicates. Copies are not coded again: they are evidence of reach, not new events.
    """

    article_id: str
    copy_id: str
    similarity: float  # estimated Jaccard of word shingles; 1.0 for an exact copy
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None
    date: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor, CAMEO style: country (ISO alpha-3) + role, or an IGO/NGO.

    `code` is the concatenation used by CAMEO coders ("RUSGOV", "PSEREB", "IGO", "UNO").
    """

    code: str
    country: str | None = None
    role: str | None = None
    name: str | None = None  # a named person or organisation ("Vladimir Putin", "Hamas")
    kind: str = "state"  # state | person | organisation | igo | ngo | group


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in the article where an actor is mentioned.

    `start`/`end` are character offsets into Article.text; `tok_start`/`tok_end` are the
    spaCy token span (end exclusive) so the coder can match parse arguments to actors.
    """

    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    actor: Actor
    rule: str  # how it was resolved: "ner+country", "coref:surname", "pronoun", ...

    def as_output(self) -> dict[str, Any]:
        a = self.actor
        return {"text": self.text, "code": a.code, "country": a.country, "role": a.role, "name": a.name}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city | region | country | territory
    geonameid: int | None = None

    def as_output(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that proves an event, with offsets into Article.text."""

    sentence: str
    start: int
    end: int
    trigger: str = ""  # the predicate word(s) that typed the event
    trigger_start: int = -1
    trigger_end: int = -1


MODALITIES = ("asserted", "negated", "hypothetical", "future", "request")


@dataclass(frozen=True, slots=True)
class Event:
    article_id: str
    event_id: str
    date: _dt.date | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str
    source: ActorMention | None
    target: ActorMention | None
    location: Location | None
    evidence: Evidence
    confidence: float
    modality: str = "asserted"
    plover_mode: str | None = None
    casualties: dict[str, int] = field(default_factory=dict)  # {"killed": 4000, ...}
    symmetric: bool = False
    provenance: Provenance = field(default_factory=lambda: Provenance("events", "0"))

    def __post_init__(self) -> None:
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")
        if not 1 <= self.quad_class <= 4:
            raise ValueError(f"quad_class must be 1-4, got {self.quad_class}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")

    def as_output(self) -> dict[str, Any]:
        """The output contract (`herald code --format jsonl`): keep these keys stable."""
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "date": self.date.isoformat() if self.date else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "modality": self.modality,
            "symmetric": self.symmetric,
            "source": self.source.as_output() if self.source else None,
            "target": self.target.as_output() if self.target else None,
            "location": self.location.as_output() if self.location else None,
            "casualties": dict(self.casualties),
            "evidence": {"sentence": self.evidence.sentence, "start": self.evidence.start,
                         "end": self.evidence.end, "trigger": self.evidence.trigger},
            "confidence": round(self.confidence, 3),
            "provenance": asdict(self.provenance),
        }
