"""A small learned PLOVER-type classifier for sentences the patterns do not type.

Features are word uni- and bigrams of the sentence plus, when it comes as a parsed spaCy
`Span`, a few parse features: the root verb's lemma (with its particle), root+object,
root+preposition+object, the verbs of its xcomp/ccomp/conj/advcl clauses (what a "said" or
"decided to" sentence reports), a negation flag, and the lemmas of inflected verbs and
nouns. A plain string (for tools) gets the word features only. Weights are TF-IDF + multinomial logistic regression, stored as plain
arrays (`.npz`: vocabulary, idf, weights) so the model loads with numpy alone; besides the
PLOVER types it has a NONE class (the sentence reports no codable act) and STATEMENT (a bare
CAMEO 01 statement), both of which mean "no event from the model".

Training (scikit-learn and the spaCy model are needed at training time only; fixed fold
seed and a deterministic solver: the same command rebuilds the same arrays), from the
project root:

    python -m herald.events.tools.train_classifier \
        --ngec ../shared/train/ngec_synthetic_events.csv training/authored_*.jsonl

It prints 5-fold cross-validated accuracy on the authored sentences; the coder's
`classifier_threshold` was set on those out-of-fold predictions.

Patterns stay the first, auditable word; the model only speaks where no pattern fired, and
every event it produces says so in its provenance (`model:<version>:<label>:<p>`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["NO_EVENT", "SentenceClassifier", "analyze", "features", "load_classifier", "parse_features"]

_WORD = re.compile(r"[a-z][a-z'\-]+|\d+")
_DEFAULT = resources.files("herald.events") / "data" / "plover_classifier.npz"
NO_EVENT = frozenset({"NONE", "STATEMENT"})  # classes that mean "the model codes nothing"
_NEG = frozenset({"not", "n't", "never", "no"})
_CLAUSE_DEPS = {"xcomp": "x", "ccomp": "x", "conj": "c", "advcl": "a"}


def analyze(text: str) -> list[str]:
    """Word features of a text: lower-cased unigrams and bigrams (digits folded to '0')."""
    words = [("0" if w[0].isdigit() else w) for w in _WORD.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _lemma(tok: Any) -> str:
    """A verb's lemma with its particle ("pull_out"), lower-cased."""
    prt = [c.lemma_.lower() for c in tok.children if c.dep_ == "prt"]
    return "_".join([tok.lemma_.lower(), *prt])


def _args(tok: Any, tag: str) -> list[str]:
    """Object and prepositional-object features of one verb."""
    lem = _lemma(tok)
    out = [f"@{tag}:{lem}"]
    neg = False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "acomp"):
            out.append(f"@{tag}o:{lem}+{c.lemma_.lower()}")
        elif c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(f"@{tag}p:{lem}+{c.lemma_.lower()}+{p.lemma_.lower()}")
        elif c.dep_ == "agent":
            out.append(f"@{tag}p:{lem}+by")
        elif c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ in ("advmod", "det"):
            neg = True
    if neg:
        out.append(f"@{tag}neg:{lem}")
    return out


def parse_features(sent: Any) -> list[str]:
    """Parse features of a spaCy sentence (a Span): what the root verb does, to what, and
    what its complement clauses report. Prefixed with '@' so they never clash with words."""
    root = sent.root
    feats = _args(root, "r")
    negated = any(f.startswith("@rneg:") for f in feats)
    for c in root.children:
        tag = _CLAUSE_DEPS.get(c.dep_)
        if tag and c.pos_ in ("VERB", "AUX", "NOUN"):
            sub = _args(c, tag)
            feats += sub
            negated = negated or any("neg:" in f for f in sub)
            for cc in c.children:  # "said it would <send> troops", "agreed to <begin> talks"
                if cc.dep_ in ("xcomp", "ccomp") and cc.pos_ in ("VERB", "AUX"):
                    feats += _args(cc, "x")
    if root.pos_ not in ("VERB", "AUX"):
        feats.append("@nominal")
    # lemmas of inflected verbs and nouns: "attacked", "attacks" -> one feature
    feats += [f"@l:{t.lemma_.lower()}" for t in sent if t.pos_ in ("VERB", "NOUN") and t.lemma_.lower() != t.lower_]
    if negated:
        feats.append("@neg")
    return feats


def features(x: Any) -> list[str]:
    """All features of a sentence: words, plus parse features when `x` is a spaCy Span."""
    if isinstance(x, str):
        return analyze(x)
    return analyze(x.text) + parse_features(x)


@dataclass(frozen=True)
class SentenceClassifier:
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    classes: tuple[str, ...]
    version: str

    def vectorize(self, feats: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sparse (indices, values) of a feature list: sublinear tf x idf, l2-normalised, the
        transform sklearn's TfidfVectorizer(sublinear_tf=True) applies at training time."""
        counts: dict[int, int] = {}
        for f in feats:
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        vals = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[idx]
        vals /= np.linalg.norm(vals) or 1.0
        return idx, vals

    def predict_proba(self, x: Any) -> dict[str, float]:
        """Class probabilities of a sentence (a spaCy Span, or plain text for word features
        only); empty when no feature of it is known to the model."""
        idx, vals = self.vectorize(features(x))
        if not len(idx):
            return {}
        return {c: float(p) for c, p in zip(self.classes, self._softmax(idx, vals))}

    def probabilities(self, feats: Iterable[str]) -> np.ndarray:
        """Class probabilities of a feature list (the intercepts alone when no feature is
        known), for the training tool's cross-validation."""
        return self._softmax(*self.vectorize(feats))

    def _softmax(self, idx: np.ndarray, vals: np.ndarray) -> np.ndarray:
        scores = (self.coef[:, idx] @ vals if len(idx) else 0.0) + self.intercept
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def predict(self, x: Any) -> tuple[str | None, float]:
        probs = self.predict_proba(x)
        if not probs:
            return None, 0.0
        label = max(probs, key=probs.get)
        return label, probs[label]

    def save(self, path: str | Path) -> None:
        words = sorted(self.vocab, key=self.vocab.get)
        np.savez_compressed(path, vocab=np.array(words), idf=self.idf.astype(np.float32),
                            coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float32),
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
