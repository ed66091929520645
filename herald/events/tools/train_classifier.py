"""Train the sentence-level PLOVER classifier shipped in herald/events/data/plover_classifier.npz.

    python -m herald.events.tools.train_classifier ../shared/train/ngec_synthetic_events.csv

Training data: A. Halterman's synthetic stories (MIT), labelled with a PLOVER type per story.
A story's event is told in its lead, so the first two sentences of each story are the
training text. The gold evaluation sets are never used here. Needs scikit-learn (a
development dependency only: the shipped model loads with numpy).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import numpy as np

from herald.events.classifier import SentenceClassifier, analyze

OUT = Path(__file__).resolve().parents[1] / "data" / "plover_classifier.npz"
_SENT = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")


def lead(text: str, n: int = 2) -> str:
    body = re.sub(r"^\s*\(?[A-Z][A-Za-z .,]*\)?\s*[-—–]+\s*", "", text.strip())  # dateline
    return " ".join(_SENT.split(body)[:n])


def main(path: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["text"].strip() and r["label"].strip()]
    texts = [lead(r["text"]) for r in rows]
    labels = [r["label"].strip().upper() for r in rows]
    vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_features=30000)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced")
    acc = cross_val_score(clf, x, labels, cv=5)
    print(f"{len(texts)} leads, {x.shape[1]} features; 5-fold accuracy {acc.mean():.3f} ± {acc.std():.3f}")
    clf.fit(x, labels)
    model = SentenceClassifier(vocab={k: int(v) for k, v in vec.vocabulary_.items()}, idf=vec.idf_,
                               coef=clf.coef_, intercept=clf.intercept_, classes=tuple(clf.classes_),
                               version="ngec-lead2-lr-1")
    model.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/train/ngec_synthetic_events.csv")
