"""A small learned PLOVER-type classifier for sentences the patterns do not type.

It is a TF-IDF + multinomial logistic regression over word uni- and bigrams, stored as plain
arrays (`.npz`: vocabulary, idf, weights) so it loads with numpy alone and any user can ship
their own (train with `python -m herald.events.tools.train_classifier`). Patterns stay the
first, auditable word; the model only speaks where no pattern fired, and every event it
produces says so in its provenance.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["SentenceClassifier", "analyze", "load_classifier"]

_WORD = re.compile(r"[a-z][a-z'\-]+|\d+")
_DEFAULT = resources.files("herald.events") / "data" / "plover_classifier.npz"


def analyze(text: str) -> list[str]:
    """Features of a text: lower-cased word unigrams and bigrams (digits folded to '0')."""
    words = [("0" if w[0].isdigit() else w) for w in _WORD.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class SentenceClassifier:
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    classes: tuple[str, ...]
    version: str

    def predict_proba(self, text: str) -> dict[str, float]:
        counts: dict[int, int] = {}
        for f in analyze(text):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return {}
        idx = np.fromiter(counts.keys(), dtype=np.int64)
        # sublinear tf, l2 norm: the same transform TfidfVectorizer applied at training time
        vals = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[idx]
        vals /= np.linalg.norm(vals) or 1.0
        scores = self.coef[:, idx] @ vals + self.intercept
        scores = np.exp(scores - scores.max())
        probs = scores / scores.sum()
        return {c: float(p) for c, p in zip(self.classes, probs)}

    def predict(self, text: str) -> tuple[str | None, float]:
        probs = self.predict_proba(text)
        if not probs:
            return None, 0.0
        label = max(probs, key=probs.get)
        return label, probs[label]

    def save(self, path: str | Path) -> None:
        words = sorted(self.vocab, key=self.vocab.get)
        np.savez_compressed(path, vocab=np.array(words), idf=self.idf.astype(np.float32),
                            coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32),
                            classes=np.array(self.classes), version=np.array(self.version))


@functools.lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> SentenceClassifier:
    src = Path(path) if path else _DEFAULT
    with (src.open("rb") if hasattr(src, "open") else open(src, "rb")) as fh:
        data = np.load(fh, allow_pickle=False)
        vocab = {str(w): i for i, w in enumerate(data["vocab"])}
        return SentenceClassifier(vocab=vocab, idf=data["idf"].astype(np.float64),
                                  coef=data["coef"].astype(np.float64), intercept=data["intercept"].astype(np.float64),
                                  classes=tuple(str(c) for c in data["classes"]), version=str(data["version"]))
