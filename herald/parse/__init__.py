"""Parse stage: tokens, sentences, POS, dependencies and named entities from spaCy."""

from herald.parse.stage import DEFAULT_MODEL, ParseStage, load_model

__all__ = ["DEFAULT_MODEL", "ParseStage", "load_model"]
