"""Boilerplate removal for plain-text news pages.

Scraped text keeps the site furniture around the article (comment forms, share bars,
related-links rails, newsletter boxes, menus). No library cleans *plain text*, so this does
it in two layers: line patterns and stop markers from data/boilerplate.yaml, then a
real-sentence test that trims non-prose lines from the head and tail of the page while
leaving short sentences in the middle of the article alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

__all__ = ["clean_page_text", "has_sentence", "is_sentence", "normalise_text", "split_paragraphs"]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace except newline
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TERMINAL = re.compile(r"""[.!?…]['"”’»)\]]*$""")
_SEPARATORS = re.compile(r"\s*[|•·»/–—]\s*")
_NAV_CONNECTORS = {"&", "and", "of", "the", "in", "for", "to", "a", "on", "at", "with", "+"}


@dataclass(frozen=True, slots=True)
class _Rules:
    stops: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]
    share_words: frozenset[str]


@functools.cache
def _rules() -> _Rules:
    raw = yaml.safe_load((resources.files("herald.ingest") / "data" / "boilerplate.yaml").read_text("utf-8"))
    comp = lambda pats: tuple(re.compile(p, re.IGNORECASE) for p in pats)  # noqa: E731
    return _Rules(comp(raw["stop_markers"]), comp(raw["line_patterns"]),
                  frozenset(w.lower() for w in raw["share_words"]))


def normalise_text(raw: str) -> str:
    """NFC, one newline style, no zero-width/control characters, single spaces, stripped lines.

    Never makes the text longer than its NFC form: every step deletes or swaps one
    character for one (tabs and no-break spaces become spaces, CR/LS/PS become newlines).
    """
    text = unicodedata.normalize("NFC", raw).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_sentence(text: str, *, min_words: int = 3) -> bool:
    """Does this paragraph read as prose rather than a label, menu item or headline?

    Prose has enough words, mostly lowercase words (Title Case menus and headlines do
    not), and ends in sentence punctuation, unless it is long enough to be prose anyway.
    """
    words = _words(text)
    if len(words) < min_words:
        return False
    lower = sum(w[0].islower() for w in words) / len(words)
    if lower < 0.3:
        return False
    return bool(_TERMINAL.search(text)) or len(words) >= 25


def has_sentence(text: str) -> bool:
    """True if any paragraph of `text` is prose: the test for "there is an article here"."""
    return any(is_sentence(p, min_words=4) for p in split_paragraphs(text))


def split_paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n+", text) if p.strip()]


def _is_share_bar(line: str, share_words: frozenset[str]) -> bool:
    tokens = [t for t in re.split(r"[\s|•·,/:]+", line.lower()) if t]
    return bool(tokens) and len(tokens) <= 15 and all(t in share_words for t in tokens)


def _is_menu_line(line: str) -> bool:
    """A short Title Case label with no sentence punctuation: a menu item, tag or button."""
    if len(line) > 40 or _TERMINAL.search(line) or line.endswith((",", ";")):
        return False
    tokens = line.split()
    if not 1 <= len(tokens) <= 4:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in _NAV_CONNECTORS for t in tokens)


def _is_separated_menu(line: str) -> bool:
    """'Home | World | Politics | Business': one line of short items between separators."""
    parts = [p for p in _SEPARATORS.split(line) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 3 and not _TERMINAL.search(p) for p in parts)


def _furniture(line: str, rules: _Rules) -> bool:
    return (any(p.match(line) for p in rules.lines) or _is_share_bar(line, rules.share_words)
            or _is_separated_menu(line))


def _looks_like_headline(line: str) -> bool:
    words = _words(line)
    return (3 <= len(words) <= 30 and len(line) <= 250 and not line.endswith((".", ",", ";", ":"))
            and not line.endswith("*"))


_WRAP_ENDINGS = {"a", "an", "the", "of", "to", "from", "in", "on", "at", "and", "or", "but", "with", "for",
                 "by", "that", "who", "which", "as", "is", "was", "were", "are", "had", "has", "have"}


def _headline_over_paragraph(head: str, nxt: str) -> bool:
    """Pages that put one paragraph per line with no blank lines: a headline line sits
    directly over a full paragraph line. A hard-wrapped first line does not: its next
    line rarely is one complete sentence, and it often ends on a function word."""
    last = head.rsplit(" ", 1)[-1].lower()
    return (nxt[:1].isupper() and bool(_TERMINAL.search(nxt)) and is_sentence(nxt)
            and last not in _WRAP_ENDINGS and not head.endswith(("-", ",")))


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of non-empty lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _units(block: list[str]) -> list[str]:
    """Lines of a block grouped into paragraphs: hard-wrapped lines are re-joined with a
    space, a line after a finished sentence or a short line starts a new paragraph."""
    units: list[str] = []
    for line in block:
        if units and len(units[-1].rsplit("\n", 1)[-1]) >= 50 and not _TERMINAL.search(units[-1]):
            units[-1] += " " + line
        else:
            units.append(line)
    return units


def _menu_runs(lines: list[str], *, min_run: int = 3) -> set[int]:
    """Indexes of lines inside runs of >= min_run consecutive menu-like lines."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line and _is_menu_line(line):
            run.append(i)
            continue
        if len(run) >= min_run:
            out.update(run)
        run = []
    return out


def clean_body_blocks(blocks: list[list[str]], *, title: str | None = None) -> str:
    """Shared by the text and HTML readers: drop furniture lines, cut at stop markers,
    trim non-prose head and tail, and join paragraphs ("\\n\\n" between blocks)."""
    rules = _rules()
    flat = [line for b in blocks for line in b]
    menus = _menu_runs(flat)
    paras: list[tuple[int, str]] = []  # (block number, paragraph)
    offset = 0
    seen_prose = False
    stopped = False
    for bno, block in enumerate(blocks):
        kept = []
        for i, line in enumerate(block):
            if offset + i in menus:
                continue
            if seen_prose and any(p.match(line) for p in rules.stops):
                stopped = True
                break
            if _furniture(line, rules) or (title is not None and line == title):
                continue
            kept.append(line)
            seen_prose = seen_prose or is_sentence(line)
        offset += len(block)
        for unit in _units(kept):
            paras.append((bno, unit))
            seen_prose = seen_prose or is_sentence(unit)
        if stopped:
            break
    # Trim the head and the tail down to the first and last real sentence.
    prose = [i for i, (_, p) in enumerate(paras) if is_sentence(p)]
    if not prose:
        return ""
    paras = paras[prose[0]:prose[-1] + 1]
    out: list[str] = []
    prev_block = None
    for bno, para in paras:
        if out:
            out.append("\n" if bno == prev_block else "\n\n")
        out.append(para)
        prev_block = bno
    return "".join(out)


def clean_page_text(raw: str) -> tuple[str | None, str]:
    """Split a scraped plain-text page into (title, body), without the site furniture.

    The title is the first line left after furniture removal if it reads as a headline
    (short, no final period, alone in its block, with more text after it); it is not
    repeated in the body. Paragraphs are separated by blank lines ("\\n\\n") as in the
    page; single-newline paragraph breaks inside a block stay single newlines. The body
    is never longer than the NFC form of `raw`, and uses no character it does not contain
    other than space and newline.
    """
    text = normalise_text(raw)
    blocks = _blocks(text)
    rules = _rules()
    title = None
    flat = [line for b in blocks for line in b]
    menus = _menu_runs(flat)
    offset = 0
    for bno, block in enumerate(blocks[:8]):
        live = [line for i, line in enumerate(block)
                if offset + i not in menus and not _furniture(line, rules)]
        offset += len(block)
        if not live:
            continue
        if len(live) == 1 and len(_words(live[0])) < 3 and not _TERMINAL.search(live[0]):
            continue  # a section label or date above the headline
        head = live[0]
        if not _looks_like_headline(head) or any(p.match(head) for p in rules.stops):
            break
        if len(block) == 1 and bno + 1 < len(blocks):
            title = head
            # The headline leaves the body; later exact repeats of it (page title + h1) too.
            blocks = blocks[bno + 1:]
        elif len(live) > 1 and _headline_over_paragraph(head, live[1]):
            title = head
            blocks = [block[block.index(head) + 1:], *blocks[bno + 1:]]
        break
    return title, clean_body_blocks(blocks, title=title)
