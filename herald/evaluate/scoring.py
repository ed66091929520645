"""Score predicted events against gold at three levels: type, +source, +source+target.

Per sentence the gold and the predictions are turned into SETS of keys, so a sentence that
says the same thing twice is neither rewarded nor punished twice; TP/FP/FN are the set
differences summed over sentences. A gold field that is null was not coded: the events of
that type are left out of that level on both sides, so herald is neither credited nor
blamed for what the annotators did not look at. An empty country list is a coded actor
without a country (an IGO, a rebel group) and must be matched by a prediction whose actor
has no country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from herald.evaluate.gold import GoldRecord

__all__ = ["LEVELS", "Miss", "Report", "Score", "evaluate"]

LEVELS = ("type", "type_source", "type_source_target")
_LEVEL_LABEL = {"type": "type", "type_source": "type+source", "type_source_target": "type+source+target"}
UNTYPED = "UNTYPED"  # a prediction with no type in the record's scheme
NONE = "NONE"  # confusion column: the record got no prediction at all

Key = tuple[str | None, ...]


def _div(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts at one level; ratios are None when undefined (nothing to divide by)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return _div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Score:
        return cls(int(d["tp"]), int(d["fp"]), int(d["fn"]))


def _sort_keys(keys: Any) -> tuple[Key, ...]:
    return tuple(sorted((tuple(k) for k in keys), key=lambda k: tuple((x is None, x or "") for x in k)))


def _levels_map(d: Mapping[str, Any]) -> dict[str, tuple[Key, ...]]:
    return {lvl: _sort_keys(d.get(lvl, ())) for lvl in LEVELS}


@dataclass(frozen=True)
class Miss:
    """A record with at least one false positive or negative, with what the coder said and why."""

    id: str
    text: str
    gold: dict[str, tuple[Key, ...]]
    predicted: dict[str, tuple[Key, ...]]
    false_negatives: dict[str, tuple[Key, ...]]
    false_positives: dict[str, tuple[Key, ...]]
    predictions: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        def lists(m: dict[str, tuple[Key, ...]]) -> dict[str, list[list[str | None]]]:
            return {lvl: [list(k) for k in keys] for lvl, keys in m.items()}
        return {"id": self.id, "text": self.text, "gold": lists(self.gold), "predicted": lists(self.predicted),
                "false_negatives": lists(self.false_negatives), "false_positives": lists(self.false_positives),
                "predictions": [dict(p) for p in self.predictions]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Miss:
        return cls(id=d["id"], text=d["text"], gold=_levels_map(d["gold"]), predicted=_levels_map(d["predicted"]),
                   false_negatives=_levels_map(d["false_negatives"]),
                   false_positives=_levels_map(d["false_positives"]),
                   predictions=tuple(dict(p) for p in d.get("predictions", ())))


@dataclass(frozen=True)
class Report:
    """Everything one evaluation measured; `summary()` holds the figures floors are pinned on."""

    n_records: int
    n_gold_events: int
    n_predictions: int
    schemes: dict[str, int]  # records scored by PLOVER type / by CAMEO root
    levels: dict[str, Score]
    per_class: dict[str, dict[str, Score]]
    top1_correct: int
    top1_total: int
    confusion: dict[str, dict[str, int]]
    unscored: dict[str, int]  # gold events left out of a level because its field was null
    misses: tuple[Miss, ...] = field(default=())

    @property
    def top1_accuracy(self) -> float | None:
        return _div(self.top1_correct, self.top1_total)

    def summary(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for lvl in LEVELS:
            s = self.levels[lvl]
            out[f"{lvl}_precision"] = s.precision
            out[f"{lvl}_recall"] = s.recall
            out[f"{lvl}_f1"] = s.f1
        out["top1_accuracy"] = self.top1_accuracy
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "records": self.n_records,
            "gold_events": self.n_gold_events,
            "predictions": self.n_predictions,
            "schemes": dict(self.schemes),
            "levels": {lvl: s.to_json() for lvl, s in self.levels.items()},
            "per_class": {t: {lvl: s.to_json() for lvl, s in by.items()} for t, by in self.per_class.items()},
            "top1": {"correct": self.top1_correct, "total": self.top1_total, "accuracy": self.top1_accuracy},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "unscored": dict(self.unscored),
            "misses": [m.to_json() for m in self.misses],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Report:
        """Rebuild a report from `to_json()` output (derived ratios are recomputed, not read)."""
        return cls(
            n_records=int(d["records"]), n_gold_events=int(d["gold_events"]), n_predictions=int(d["predictions"]),
            schemes={k: int(v) for k, v in d["schemes"].items()},
            levels={lvl: Score.from_json(s) for lvl, s in d["levels"].items()},
            per_class={t: {lvl: Score.from_json(s) for lvl, s in by.items()} for t, by in d["per_class"].items()},
            top1_correct=int(d["top1"]["correct"]), top1_total=int(d["top1"]["total"]),
            confusion={g: {p: int(n) for p, n in row.items()} for g, row in d["confusion"].items()},
            unscored={k: int(v) for k, v in d["unscored"].items()},
            misses=tuple(Miss.from_json(m) for m in d.get("misses", ())),
        )

    def format_table(self, *, errors: bool = False, max_errors: int = 50) -> str:
        """Plain-text tables for a terminal; `errors` appends up to `max_errors` misses."""
        lines: list[str] = []
        schemes = ", ".join(f"{k} {v}" for k, v in sorted(self.schemes.items()))
        lines.append(f"records {self.n_records} ({schemes}), gold events {self.n_gold_events}, "
                     f"predictions {self.n_predictions}")
        lines.append("")
        rows = [["level", "P", "R", "F1", "TP", "FP", "FN", "unscored"]]
        for lvl in LEVELS:
            s = self.levels[lvl]
            rows.append([_LEVEL_LABEL[lvl], _f(s.precision), _f(s.recall), _f(s.f1),
                         str(s.tp), str(s.fp), str(s.fn), str(self.unscored.get(lvl, 0))])
        lines += _align(rows)
        lines.append("")
        lines.append(f"top-1 type accuracy: {_f(self.top1_accuracy)} ({self.top1_correct}/{self.top1_total} records)")
        lines.append("")
        lines.append("per class (P/R/F1 at the type level; F1 with source, with source+target)")
        rows = [["class", "support", "P", "R", "F1", "TP", "FP", "FN", "F1+src", "F1+src+tgt"]]
        for t in sorted(self.per_class, key=lambda t: (-self.per_class[t]["type"].support, t)):
            by = self.per_class[t]
            s = by["type"]
            rows.append([t, str(s.support), _f(s.precision), _f(s.recall), _f(s.f1), str(s.tp), str(s.fp),
                         str(s.fn), _f(by["type_source"].f1), _f(by["type_source_target"].f1)])
        lines += _align(rows)
        lines.append("")
        lines += self._confusion_lines()
        if errors:
            lines.append("")
            lines += self._miss_lines(max_errors)
        return "\n".join(lines)

    def _confusion_lines(self) -> list[str]:
        gold_types = sorted(self.confusion)
        predicted = {p for row in self.confusion.values() for p in row}
        cols = gold_types + sorted(predicted - set(gold_types) - {NONE}) + ([NONE] if NONE in predicted else [])
        cols = [c for c in cols if any(row.get(c) for row in self.confusion.values())]
        lines = ["confusion (rows: gold type of the first gold event; columns: top-1 predicted type)"]
        rows = [["gold \\ pred", *cols]]
        for g in gold_types:
            rows.append([g, *(str(self.confusion[g].get(c, 0) or ".") for c in cols)])
        return lines + _align(rows)

    def _miss_lines(self, max_errors: int) -> list[str]:
        shown = self.misses[:max_errors]
        lines = [f"misses ({len(shown)} of {len(self.misses)} records with a false positive or negative)"]
        for m in shown:
            text = m.text if len(m.text) <= 240 else m.text[:237] + "..."
            lines.append(f"- {m.id}: {text}")
            for lvl in LEVELS:
                if m.false_negatives.get(lvl) or m.false_positives.get(lvl):
                    lines.append(f"    {_LEVEL_LABEL[lvl]:<19} gold {_keys(m.gold.get(lvl, ()))}  "
                                 f"pred {_keys(m.predicted.get(lvl, ()))}")
            for p in m.predictions:
                why = " ".join(x for x in (f"trigger={p['trigger']!r}" if p.get("trigger") else "",
                                           f"rule={p['rule']}" if p.get("rule") else "") if x)
                lines.append(f"    > {p.get('type')} {p.get('source') or '-'}->{p.get('target') or '-'}"
                             f" conf={_f(p.get('confidence'))}{' symmetric' if p.get('symmetric') else ''}"
                             f"{' ' + why if why else ''}")
        return lines


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _keys(keys: Sequence[Key]) -> str:
    return "{" + ", ".join("|".join("-" if x is None else x for x in k) for k in keys) + "}"


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        out.append("  ".join(cells).rstrip())
    return out


def _country(actor: Any) -> str | None:
    if isinstance(actor, Mapping):
        c = actor.get("country")
        return c.upper() if isinstance(c, str) and c else None
    return None


def _pred_type(pred: Mapping[str, Any], scheme: str) -> str:
    if scheme == "plover":
        t = pred.get("plover")
        return t.upper() if isinstance(t, str) and t else UNTYPED
    root = pred.get("cameo_root") or (pred.get("cameo") or "")[:2]
    return root if isinstance(root, str) and root else UNTYPED


def _scheme(rec: GoldRecord, default: str) -> str:
    if any(e.plover for e in rec.events):
        return "plover"
    if any(e.cameo_root for e in rec.events):
        return "cameo"
    return default


def evaluate(records: Sequence[GoldRecord],
             code: Callable[[Sequence[GoldRecord]], list[list[dict[str, Any]]]], *,
             symmetric_types: frozenset[str] = frozenset({"CONSULT"}),
             symmetric_roots: frozenset[str] = frozenset({"04"})) -> Report:
    """Run `code` on all records once and score its output against their gold events.

    A record is typed by PLOVER when its gold codes PLOVER, otherwise by CAMEO root.
    Symmetric predictions (type in `symmetric_types`/`symmetric_roots`, or flagged
    `symmetric`) that name a target count in both directions, as "A met B" is also
    "B met A". `code` must return one list of `Event.as_output()`-shaped dicts per record,
    in record order.
    """
    records = list(records)
    predictions = code(records)
    if not isinstance(predictions, list) or len(predictions) != len(records):
        n = len(predictions) if isinstance(predictions, list) else type(predictions).__name__
        raise ValueError(f"coder returned {n} results for {len(records)} records")
    default = "plover" if any(e.plover for r in records for e in r.events) else "cameo"

    totals = {lvl: Score() for lvl in LEVELS}
    per_class: dict[str, dict[str, Counter[str]]] = {}
    unscored: Counter[str] = Counter()
    schemes: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    misses: list[Miss] = []
    top1_correct = top1_total = n_preds = n_gold = 0

    for rec, preds in zip(records, predictions):
        if not isinstance(preds, list) or not all(isinstance(p, Mapping) for p in preds):
            raise ValueError(f"coder output for record {rec.id!r} must be a list of dicts")
        scheme = _scheme(rec, default)
        schemes[scheme] += 1
        if scheme == "plover":
            # PLOVER has no type for plain statements (CAMEO 01x): they are not PLOVER events
            preds = [p for p in preds if p.get("plover")]
        n_preds += len(preds)
        gold, coded, first_type, n_typed = _gold_keys(rec, scheme, unscored)
        n_gold += n_typed
        pred_keys, pred_info = _pred_keys(preds, scheme, coded, symmetric_types, symmetric_roots)

        fns: dict[str, tuple[Key, ...]] = {}
        fps: dict[str, tuple[Key, ...]] = {}
        for lvl in LEVELS:
            g, p = gold[lvl], pred_keys[lvl]
            tp, fp, fn = g & p, p - g, g - p
            totals[lvl] = totals[lvl] + Score(len(tp), len(fp), len(fn))
            for name, keys in (("tp", tp), ("fp", fp), ("fn", fn)):
                for k in keys:
                    per_class.setdefault(k[0] or UNTYPED, {lv: Counter() for lv in LEVELS})[lvl][name] += 1
            fns[lvl], fps[lvl] = _sort_keys(fn), _sort_keys(fp)

        if first_type is not None:
            top1_total += 1
            best = max(pred_info, key=lambda p: p["confidence"] or 0.0) if pred_info else None
            top = best["type"] if best else NONE
            top1_correct += (top,) in gold["type"]
            confusion.setdefault(first_type, Counter())[top] += 1

        if any(fns.values()) or any(fps.values()):
            misses.append(Miss(id=rec.id, text=rec.text,
                               gold={lvl: _sort_keys(gold[lvl]) for lvl in LEVELS},
                               predicted={lvl: _sort_keys(pred_keys[lvl]) for lvl in LEVELS},
                               false_negatives=fns, false_positives=fps, predictions=tuple(pred_info)))

    return Report(
        n_records=len(records), n_gold_events=n_gold, n_predictions=n_preds, schemes=dict(schemes),
        levels=totals,
        per_class={t: {lvl: Score(c[lvl]["tp"], c[lvl]["fp"], c[lvl]["fn"]) for lvl in LEVELS}
                   for t, c in sorted(per_class.items())},
        top1_correct=top1_correct, top1_total=top1_total,
        confusion={g: dict(row) for g, row in sorted(confusion.items())},
        unscored={lvl: unscored.get(lvl, 0) for lvl in LEVELS},
        misses=tuple(misses),
    )


def _gold_keys(rec: GoldRecord, scheme: str, unscored: Counter[str]
               ) -> tuple[dict[str, set[Key]], dict[str, set[str]], str | None, int]:
    """Gold key sets per level, the types coded at each level, the first gold type, typed events."""
    keys: dict[str, set[Key]] = {lvl: set() for lvl in LEVELS}
    coded: dict[str, set[str]] = {lvl: set() for lvl in LEVELS}
    first: str | None = None
    n = 0
    for ev in rec.events:
        t = ev.plover if scheme == "plover" else ev.cameo_root
        if t is None:  # this event is coded in the other scheme only
            for lvl in LEVELS:
                unscored[lvl] += 1
            continue
        n += 1
        first = first or t
        keys["type"].add((t,))
        coded["type"].add(t)
        if ev.source is None:
            unscored["type_source"] += 1
            unscored["type_source_target"] += 1
            continue
        sources = ev.source or (None,)
        coded["type_source"].add(t)
        keys["type_source"].update((t, s) for s in sources)
        if ev.target is None:
            unscored["type_source_target"] += 1
            continue
        coded["type_source_target"].add(t)
        keys["type_source_target"].update((t, s, g) for s in sources for g in (ev.target or (None,)))
    return keys, coded, first, n


def _pred_keys(preds: Sequence[Mapping[str, Any]], scheme: str, coded: dict[str, set[str]],
               symmetric_types: frozenset[str], symmetric_roots: frozenset[str]
               ) -> tuple[dict[str, set[Key]], list[dict[str, Any]]]:
    """Predicted key sets per level; a type the gold has but left uncoded at a level is skipped there."""
    keys: dict[str, set[Key]] = {lvl: set() for lvl in LEVELS}
    info: list[dict[str, Any]] = []
    gold_types = coded["type"]
    sym_set = symmetric_types if scheme == "plover" else symmetric_roots
    for p in preds:
        t = _pred_type(p, scheme)
        s, g = _country(p.get("source")), _country(p.get("target"))
        sym = bool(p.get("symmetric")) or t in sym_set
        # the reverse direction needs a second actor: "A met" with no one named is not "(nobody) met A"
        swap = sym and isinstance(p.get("target"), Mapping)
        keys["type"].add((t,))
        if t not in gold_types or t in coded["type_source"]:
            keys["type_source"].add((t, s))
            if swap:
                keys["type_source"].add((t, g))
        if t not in gold_types or t in coded["type_source_target"]:
            keys["type_source_target"].add((t, s, g))
            if swap:
                keys["type_source_target"].add((t, g, s))
        evidence = p.get("evidence") if isinstance(p.get("evidence"), Mapping) else {}
        prov = p.get("provenance") if isinstance(p.get("provenance"), Mapping) else {}
        conf = p.get("confidence")
        info.append({"type": t, "source": s, "target": g,
                     "confidence": float(conf) if isinstance(conf, (int, float)) else None,
                     "symmetric": sym, "trigger": evidence.get("trigger") or None, "rule": prov.get("rule")})
    return keys, info
