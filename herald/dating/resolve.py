"""Resolve the date of an event from its sentence and the article's publication date.

News reports date events relative to the day they are published ("on Monday",
"yesterday", "two days ago"), so every rule needs that anchor. Expressions are found with
the regexes of data/expressions.yaml (fast, and they know what dateparser gets wrong: a
weekday equal to the publication weekday is that very day); dateparser is only a fallback
for spaCy DATE entities that look like numeric dates ("10/07/2023"), which are rare, so its
cost stays off the hot path.

Choices, documented because news English is ambiguous:
- several expressions in one sentence: the leftmost specific one wins; a vague range
  ("last week") only counts when nothing specific is there, and then gives no day.
- "last Monday" in an article published on a Monday is the Monday a week earlier; on any
  other day it is the most recent Monday, same as "on Monday".
- a bare date or weekday governed by a future verb ("will meet on Monday") points forward;
  everything else is taken to be in the past, and a past expression that would land after
  the publication date gives no date at all.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["RULES", "resolve_date_text", "resolve_event_date"]

RULES = ("explicit", "weekday", "relative", "same-day", "pub-date", "none")

_DATA = Path(__file__).with_name("data") / "expressions.yaml"
_DAY = _dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    kind: str
    rule: str
    regex: re.Pattern[str]
    anchor: str = "pub"
    days: int = 0
    sign: int = 0
    unit: int = 0
    future: bool = False


@dataclass(frozen=True, slots=True)
class _Table:
    patterns: tuple[_Pattern, ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    skip_after: re.Pattern[str]
    future_before: re.Pattern[str]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    numeric_date: re.Pattern[str]
    duration: re.Pattern[str]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    raw: dict[str, Any] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    months = {k.casefold(): int(v) for k, v in raw["months"].items()}
    subst = {
        # capitalised month names only: "may" and "march" are verbs far more often
        "{MONTH}": f"(?-i:{_alt(raw['months'])})",
        "{WEEKDAY}": f"(?:{_alt(raw['weekdays'])})",
        "{NUM}": f"(?:\\d{{1,2}}|{_alt(raw['numbers'])})",
        "{PART}": f"(?:{_alt(raw['day_parts'])})",
    }
    pats = []
    for p in raw["patterns"]:
        rx = p["regex"]
        for k, v in subst.items():
            rx = rx.replace(k, v)
        pats.append(_Pattern(name=p["name"], kind=p["kind"], rule=p["rule"], regex=re.compile(rx, re.I),
                             anchor=p.get("anchor", "pub"), days=int(p.get("days", 0)),
                             sign=int(p.get("sign", 0)), unit=int(p.get("unit", 0)),
                             future=bool(p.get("future", False))))
    aux = [a for a in raw["future_aux"] if a.isalpha()]
    heads = raw["future_heads"]
    return _Table(
        patterns=tuple(pats), months=months,
        weekdays={k.casefold(): int(v) for k, v in raw["weekdays"].items()},
        numbers={k.casefold(): int(v) for k, v in raw["numbers"].items()},
        skip_after=re.compile(rf"\b(?:{_alt(raw['skip_after'])})\s+(?:the\s+)?$", re.I),
        # text-only fallback: a future auxiliary in the same clause, before the expression
        future_before=re.compile(rf"(?:\b(?:{_alt(aux)})\b|'ll\b|\b(?:{_alt(heads)})\s+(?:to|for)\b)[^,;:]*$",
                                 re.I),
        future_aux=frozenset(a.casefold() for a in raw["future_aux"]),
        future_heads=frozenset(h.casefold() for h in heads),
        numeric_date=re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b"),
        duration=re.compile(r"\b(?:years?|months?|weeks?|decades?|centur(?:y|ies)|old|aged?)\b|\d0s\b", re.I),
    )


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    pattern: _Pattern
    groups: dict[str, str | None]


def _find(text: str, table: _Table) -> list[_Match]:
    """All non-overlapping expressions, leftmost first; at one position the longest wins."""
    found: list[_Match] = []
    for p in table.patterns:
        for m in p.regex.finditer(text):
            if table.skip_after.search(text, 0, m.start()):
                continue
            found.append(_Match(m.start(), m.end(), p, m.groupdict()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Match] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _number(s: str | None, table: _Table) -> int | None:
    if s is None:
        return None
    s = s.casefold()
    return int(s) if s.isdigit() else table.numbers.get(s)


def _explicit(g: dict[str, str | None], pub: _dt.date | None, future: bool, table: _Table) -> _dt.date | None:
    mo = g["month"] or ""
    month = int(mo) if mo.isdigit() else table.months.get(mo.casefold().rstrip("."))
    try:
        day = int(g["day"] or "")
    except ValueError:
        return None
    if not month:
        return None
    if g.get("year"):
        try:
            return _dt.date(int(g["year"]), month, day)
        except ValueError:
            return None
    if pub is None:
        return None
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(_dt.date(y, month, day))
        except ValueError:  # 29 February
            pass
    if future:
        later = [c for c in cands if c >= pub]
        return later[0] if later else None
    earlier = [c for c in cands if c <= pub]
    return earlier[-1] if earlier else None


def _weekday(g: dict[str, str | None], pub: _dt.date | None, future: bool, table: _Table) -> _dt.date | None:
    if pub is None:
        return None
    wd = table.weekdays[(g["wd"] or "").casefold()]
    mod = (g.get("mod") or "").casefold()
    back = (pub.weekday() - wd) % 7
    if mod == "next":
        return pub + _dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if mod in ("last", "past"):
        return pub - _dt.timedelta(days=back or 7)
    if future:
        return pub + _dt.timedelta(days=(wd - pub.weekday()) % 7)
    return pub - _dt.timedelta(days=back)


def _offset(m: _Match, pub: _dt.date | None, previous: _dt.date | None, table: _Table) -> _dt.date | None:
    p = m.pattern
    if p.anchor == "pub":
        base = pub
    elif p.anchor == "previous":
        base = previous
    else:
        base = previous or pub
    if base is None:
        return None
    if p.sign:
        n = _number(m.groups.get("n"), table)
        if n is None:
            return None
        days = p.sign * n * p.unit
    else:
        days = p.days
    try:
        return base + _dt.timedelta(days=days)
    except OverflowError:
        return None


def _evaluate(matches: list[_Match], pub: _dt.date | None, previous: _dt.date | None,
              is_future, table: _Table, is_main=None) -> tuple[_dt.date | None, str] | None:
    """The first specific expression that resolves; a vague one only if nothing else matched.

    `is_main(m)` says whether a vague expression dates the main clause (a parse knows:
    "the group, founded in 2014, attacked ..." is not dated by "in 2014").
    """
    vague = False
    for m in matches:
        kind = m.pattern.kind
        if kind == "vague":
            vague = vague or is_main is None or is_main(m)
            continue
        future = False
        if kind == "explicit":
            future = is_future(m)
            d = _explicit(m.groups, pub, future, table)
        elif kind == "weekday":
            future = (m.groups.get("mod") or "").casefold() == "next" or (
                (m.groups.get("mod") or "").casefold() not in ("last", "past") and is_future(m))
            d = _weekday(m.groups, pub, future, table)
        else:
            future = m.pattern.future
            d = _offset(m, pub, previous, table)
        if d is None:
            vague = True  # a time expression we cannot place: the publication date would be wrong
            continue
        if pub is not None and d > pub and not future and not (kind == "explicit" and m.groups.get("year")):
            return None, "none"
        return d, m.pattern.rule
    if vague:
        return None, "none"
    return None


def _dateparser_fallback(text: str, pub: _dt.date | None) -> _dt.date | None:
    """dateparser for numeric dates the regexes leave alone; needs day and month present."""
    import dateparser  # slow import and slow parse: only reached for rare numeric dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                                "RETURN_AS_TIMEZONE_AWARE": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = _dt.datetime(pub.year, pub.month, pub.day)
    try:
        got = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is fine
        return None
    return got.date() if got is not None else None


def _text_future(text: str, table: _Table):
    def is_future(m: _Match) -> bool:
        return bool(table.future_before.search(text[max(0, m.start - 60):m.start]))
    return is_future


def _finish(found, pub: _dt.date | None) -> tuple[_dt.date | None, str]:
    if found is not None:
        return found
    return (pub, "pub-date") if pub is not None else (None, "none")


def resolve_date_text(text: str, *, pub_date: _dt.date | None,
                      previous: _dt.date | None = None) -> tuple[_dt.date | None, str]:
    """The event date for a plain sentence and the rule that gave it (see RULES)."""
    table = _table()
    text = text or ""
    found = _evaluate(_find(text, table), pub_date, previous, _text_future(text, table), table)
    if found is None:
        for m in table.numeric_date.finditer(text):
            d = _dateparser_fallback(m.group(0), pub_date)
            if d is not None and (pub_date is None or d <= pub_date):
                return d, "explicit"
    return _finish(found, pub_date)


def _governor(sent, m: _Match):
    """The verb (or root) that the expression's first token hangs from."""
    base = sent.start_char
    toks = [t for t in sent if base + m.start <= t.idx < base + m.end]
    if not toks:
        return None
    tok = toks[0]
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _span_main(sent):
    def is_main(m: _Match) -> bool:
        tok = _governor(sent, m)
        while tok is not None and tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok is None or tok.i == sent.root.i
    return is_main


def _span_future(sent, table: _Table):
    """Is the verb that governs the expression future ("will meet", "is due to visit")?"""
    def is_future(m: _Match) -> bool:
        tok = _governor(sent, m)
        if tok is None:
            return False
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in table.future_aux for c in tok.children):
            return True
        if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return tok.head.lower_ in table.future_heads or tok.head.lemma_.casefold() in table.future_heads
        return False
    return is_future


def resolve_event_date(sent, *, pub_date: _dt.date | None,
                       previous: _dt.date | None = None) -> tuple[_dt.date | None, str]:
    """The event date for a spaCy sentence Span (or a string) and the rule that gave it.

    `previous` is the date of the preceding event in the article: "the same day" and
    "two days later" count from it.
    """
    if isinstance(sent, str):
        return resolve_date_text(sent, pub_date=pub_date, previous=previous)
    table = _table()
    text = sent.text
    found = _evaluate(_find(text, table), pub_date, previous, _span_future(sent, table), table,
                      _span_main(sent))
    if found is None:
        # numeric dates: spaCy does not always tag "10/07/2023" as DATE, so scan the text too
        cands = [e.text for e in sent.ents if e.label_ == "DATE" and not table.duration.search(e.text)]
        cands += [m.group(0) for m in table.numeric_date.finditer(text)]
        for c in cands:
            if not table.numeric_date.search(c):
                continue
            d = _dateparser_fallback(c, pub_date)
            if d is not None and (pub_date is None or d <= pub_date):
                return d, "explicit"
    return _finish(found, pub_date)
