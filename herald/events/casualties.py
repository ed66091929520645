"""Casualty counts stated in a sentence ("killed 12 people", "more than 4,000 deaths")."""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["count_casualties"]

# lemma of the word a number attaches to -> casualty kind
_KINDS = {
    "kill": "killed", "die": "killed", "death": "killed", "dead": "killed", "fatality": "killed",
    "body": "killed", "toll": "killed", "wound": "injured", "injure": "injured", "injury": "injured",
    "hurt": "injured", "casualty": "casualties", "kidnap": "abducted", "abduct": "abducted",
    "hostage": "abducted", "arrest": "arrested", "detain": "arrested", "displace": "displaced",
}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24, "hundreds": 200,
          "thousands": 2000, "scores": 40}


def _value(tok: Token) -> int | None:
    text = tok.text.lower().replace(",", "")
    if text in _WORDS:
        return _WORDS[text]
    try:
        v = float(text)
    except ValueError:
        return None
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    scale = {"hundred": 100, "thousand": 1000, "million": 1_000_000}.get(nxt, 1)
    return int(v * scale)


def count_casualties(sent: Span) -> dict[str, int]:
    """Largest number per kind that the parse ties to a casualty word in the sentence."""
    out: dict[str, int] = {}
    for tok in sent:
        if not (tok.like_num or tok.lower_ in _WORDS) or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            continue
        value = _value(tok)
        if value is None or value <= 0 or value > 10_000_000:
            continue
        # the number's own head noun, the verb over it, or the noun it is compared with
        cands = [tok.head, tok.head.head]
        if tok.head.dep_ in ("nsubj", "nsubjpass", "dobj") or tok.head.lemma_ in ("people", "person", "civilian"):
            cands.append(tok.head.head)
            cands.extend(c for c in tok.head.head.children if c.dep_ in ("nsubj", "attr"))
            cands.extend(p for c in cands[-1:] for p in c.children if p.dep_ == "prep")
            cands.extend(p for c in list(cands) for p in c.children if p.dep_ == "pobj")
        for c in cands:
            kind = _KINDS.get(c.lemma_.lower())
            if kind:
                out[kind] = max(out.get(kind, 0), value)
                break
    return out
