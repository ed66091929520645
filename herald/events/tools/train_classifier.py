"""Train the sentence-level PLOVER classifier shipped in herald/events/data/plover_classifier.npz.

    python -m herald.events.tools.train_classifier \
        --ngec ../shared/train/ngec_synthetic_events.csv training/authored_*.jsonl

Training data:
- herald's authored sentences (training/authored_*.jsonl, gold format): the first event's
  PLOVER type is the label; `events: []` is NONE, an event without a PLOVER type (a CAMEO 01
  statement) is STATEMENT. evalsets/ and the gold sets are never used here.
- A. Halterman's synthetic NGEC stories (MIT), one PLOVER type per story: the first two
  sentences of each story's lead (dateline stripped), down-weighted (`--ngec-weight`) since their style
  is not news wire's and they have no NONE class.

Prints 5-fold cross-validated accuracy on the authored sentences (each fold trains on the
other four plus all NGEC leads), then fits on everything and writes the model. Needs
scikit-learn and the spaCy model (training only: the shipped model loads with numpy).
Deterministic: fixed fold seed, lbfgs solver.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from herald.events.classifier import SentenceClassifier, analyze, parse_features

__all__ = ["cross_validate", "doc_features", "fit", "load_authored", "load_ngec", "main"]

OUT = Path(__file__).resolve().parents[1] / "data" / "plover_classifier.npz"
VERSION = "auth-ngec-parse-lr-5"
_SENT = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")


def lead(text: str, n: int = 1) -> str:
    """The first `n` sentences of a story, dateline stripped."""
    body = re.sub(r"^\s*\(?[A-Z][A-Za-z .,]*\)?\s*[-—–]+\s*", "", text.strip())
    return " ".join(_SENT.split(body)[:n])


def load_authored(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(texts, labels) of gold-format records: first event's PLOVER type, NONE, or STATEMENT."""
    from herald.evaluate import load_gold

    texts, labels = [], []
    for path in paths:
        for rec in load_gold(path):
            texts.append(rec.text)
            labels.append("NONE" if not rec.events else (rec.events[0].plover or "STATEMENT"))
    return texts, labels


def load_ngec(path: str, *, sentences: int = 1) -> tuple[list[str], list[str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["text"].strip() and r["label"].strip()]
    return [lead(r["text"], sentences) for r in rows], [r["label"].strip().upper() for r in rows]


def doc_features(doc) -> list[str]:
    """Features of a parsed text: its words plus every sentence's parse features (a
    one-sentence text gets exactly what the coder's Span gets at run time)."""
    out = analyze(doc.text)
    for sent in doc.sents:
        out += parse_features(sent)
    return out


def featurize(texts: Sequence[str], *, model: str | None = None) -> list[list[str]]:
    from herald.parse import DEFAULT_MODEL, load_model
    nlp = load_model(model or DEFAULT_MODEL)
    return [doc_features(d) for d in nlp.pipe(texts, batch_size=64)]


def fit(feats: Sequence[list[str]], labels: Sequence[str], *, weights: Sequence[float] | None = None,
        c: float = 4.0, min_df: int = 2, max_features: int = 40000, balanced: bool = True,
        version: str = VERSION) -> SentenceClassifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=lambda f: f, sublinear_tf=True, min_df=min_df, max_features=max_features)
    x = vec.fit_transform(list(feats))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    return SentenceClassifier(vocab={k: int(v) for k, v in vec.vocabulary_.items()}, idf=vec.idf_,
                              coef=clf.coef_, intercept=clf.intercept_, classes=tuple(str(k) for k in clf.classes_),
                              version=version)


def folds(labels: Sequence[str], k: int = 5, seed: int = 0) -> list[np.ndarray]:
    """Test indices of `k` stratified folds (fixed seed)."""
    from sklearn.model_selection import StratifiedKFold
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in skf.split(np.zeros(len(labels)), list(labels))]


def cross_validate(feats: Sequence[list[str]], labels: Sequence[str], extra_feats: Sequence[list[str]] = (),
                   extra_labels: Sequence[str] = (), *, extra_weight: float = 0.3, k: int = 5,
                   **fit_kw) -> tuple[list[str], list[float], list[SentenceClassifier]]:
    """Out-of-fold (label, probability) for every authored text, and the fold models."""
    pred: list[str] = [""] * len(labels)
    prob: list[float] = [0.0] * len(labels)
    models = []
    for test in folds(labels, k):
        held = set(test.tolist())
        tr = [i for i in range(len(labels)) if i not in held]
        model = fit([feats[i] for i in tr] + list(extra_feats), [labels[i] for i in tr] + list(extra_labels),
                    weights=[1.0] * len(tr) + [extra_weight] * len(extra_labels), **fit_kw)
        for i in test:
            label, p = _predict_feats(model, feats[i])
            pred[i], prob[i] = label, p
        models.append(model)
    return pred, prob, models


def _predict_feats(model: SentenceClassifier, feats: list[str]) -> tuple[str, float]:
    probs = model.probabilities(feats)
    j = int(np.argmax(probs))
    return model.classes[j], float(probs[j])


def report(pred: Sequence[str], prob: Sequence[float], labels: Sequence[str]) -> str:
    n = len(labels)
    acc = sum(p == g for p, g in zip(pred, labels)) / n
    ev = [i for i, g in enumerate(labels) if g not in ("NONE", "STATEMENT")]
    ev_acc = sum(pred[i] == labels[i] for i in ev) / len(ev)
    lines = [f"5-fold CV on {n} authored texts: accuracy {acc:.3f}; on the {len(ev)} with a PLOVER event {ev_acc:.3f}"]
    for t in (0.16, 0.2, 0.3, 0.5):
        fired = [i for i in range(n) if prob[i] >= t and pred[i] not in ("NONE", "STATEMENT")]
        ok = sum(pred[i] == labels[i] for i in fired)
        lines.append(f"  p>={t:.2f}: model names an event for {len(fired)} texts, precision {ok / max(1, len(fired)):.3f},"
                     f" recall of PLOVER events {ok / len(ev):.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("authored", nargs="+", help="gold-format JSONL training files (training/authored_*.jsonl)")
    ap.add_argument("--ngec", help="NGEC synthetic stories CSV (optional extra training data)")
    ap.add_argument("--ngec-weight", type=float, default=0.3)
    ap.add_argument("--ngec-sentences", type=int, default=2, help="lead sentences per NGEC story")
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--evaluate", action="append", default=[],
                    help="gold JSONL file to score the final model on (aggregate accuracy only)")
    args = ap.parse_args(argv)
    texts, labels = load_authored(args.authored)
    feats = featurize(texts)
    nf, nl = [], []
    if args.ngec:
        nt, nl = load_ngec(args.ngec, sentences=args.ngec_sentences)
        nf = featurize(nt)
    print(f"{len(texts)} authored texts, {len(nl)} NGEC leads (weight {args.ngec_weight})")
    if not args.no_cv:
        pred, prob, _ = cross_validate(feats, labels, nf, nl, extra_weight=args.ngec_weight, c=args.c)
        print(report(pred, prob, labels))
    model = fit(list(feats) + list(nf), list(labels) + list(nl),
                weights=[1.0] * len(feats) + [args.ngec_weight] * len(nl), c=args.c)
    model.save(args.out)
    print(f"{len(model.vocab)} features, {len(model.classes)} classes; wrote {args.out} "
          f"({Path(args.out).stat().st_size // 1024} KB)")
    for path in args.evaluate:
        et, el = load_authored([path])
        pred = [_predict_feats(model, f)[0] for f in featurize(et)]
        ev = [i for i, g in enumerate(el) if g not in ("NONE", "STATEMENT")]
        print(f"{path}: classifier-alone top-1 {sum(p == g for p, g in zip(pred, el)) / len(el):.3f} on {len(el)} texts;"
              f" {sum(pred[i] == el[i] for i in ev) / max(1, len(ev)):.3f} on the {len(ev)} with a PLOVER event")


if __name__ == "__main__":
    main()
