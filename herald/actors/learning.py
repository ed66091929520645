"""Learn person aliases from the text: "Israeli Prime Minister Benjamin Netanyahu" teaches that
"Benjamin Netanyahu" was ISRGOV on the article's date.

Why: the hand-made person KB can never list every minister; news introduces people with their
title and country once, then names them bare ("Netanyahu said"). What one article teaches is
stored (table `learned_aliases`), reviewed, and fed back to `ActorResolver(extra_persons=...)`
so that later articles resolve the bare name. This module only derives candidates; it never
writes anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from herald.records import ActorMention

__all__ = ["LearnedAlias", "learn_aliases", "person_records"]

# Mention rules that mean "a title with a country or organisation, then a name" (resolver.py).
_TITLED_RULES = frozenset({"demonym+role", "country+role", "org+role", "seat+role", "capital+role", "appos+title"})
_MAX_EVIDENCE = 200


@dataclass(frozen=True, slots=True)
class LearnedAlias:
    """One title+name apposition the resolver read: `alias` (the name as written) was `code`
    (country+role, or an organisation code) on `date`, per `evidence` (the mention's text)."""

    alias: str
    code: str
    country: str | None
    role: str | None
    name: str
    date: dt.date | None
    article_id: str
    evidence: str


def _name_part(m: ActorMention) -> str | None:
    """The name as written at the end of a titled mention ("... Minister Joseph Wachira")."""
    name = m.actor.name
    if not name:
        return None
    text = m.text
    if text.endswith(name):
        return name
    # the resolver may have normalised the name to the KB's spelling; keep the written words
    n = len(name.split())
    written = " ".join(text.split()[-n:])
    return written or None


def learn_aliases(states: Sequence[Any]) -> list[LearnedAlias]:
    """Title+name appositions resolved in each article (`ArticleState`s after the actors stage),
    one per (article, alias, code), in document order. People the KB already places in the same
    office on that date teach nothing and are left out."""
    from herald.actors.lexicon import load_lexicon
    from herald.actors.resolver import ActorResolver

    kb = load_lexicon()
    role_on = ActorResolver.role_on_record
    out: list[LearnedAlias] = []
    for st in states:
        article = st.article
        seen: set[tuple[str, str]] = set()
        titles = {m.actor: m for m in st.actors or () if m.rule.endswith("=person")}
        for m in st.actors or ():
            a = m.actor
            if a.kind != "person" or m.rule not in _TITLED_RULES or not a.name or not (a.country or a.code):
                continue
            alias = m.text if m.rule == "appos+title" else _name_part(m)
            if not alias or len(alias.split()) < 2 or not all(w[:1].isupper() for w in alias.split()[-1:]):
                continue  # one bare word is too weak a name to learn
            rec = kb.person_by_name.get(alias.lower()) or kb.person_by_name.get(a.name.lower())
            if rec is not None:
                owner, role, _ = role_on(rec, article.date)
                if owner in (a.country, a.code) and role == a.role:
                    continue
            key = (alias.lower(), a.code)
            if key in seen:
                continue
            seen.add(key)
            out.append(LearnedAlias(alias=alias, code=a.code, country=a.country, role=a.role, name=a.name,
                                    date=article.date, article_id=article.id, evidence=_evidence(article, m, titles)))
    return out


def _evidence(article: Any, m: ActorMention, titles: Mapping[Any, ActorMention]) -> str:
    """The span that taught the alias: the mention, or title-comma-name for an apposition."""
    t = titles.get(m.actor) if m.rule == "appos+title" else None
    if t is not None and t.start < m.start and article.text[t.start:m.end].endswith(m.text):
        return article.text[t.start:m.end][:_MAX_EVIDENCE]
    return m.text[:_MAX_EVIDENCE]


def _get(x: Any, key: str, default: Any = None) -> Any:
    if isinstance(x, Mapping):
        return x.get(key, default)
    return getattr(x, key, default)


def _as_date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v.date() if isinstance(v, dt.datetime) else v
    return dt.date.fromisoformat(str(v)[:10])


def person_records(aliases: Iterable[Any]) -> list[tuple[str, list[str], tuple]]:
    """Group learned aliases (LearnedAlias objects, or store rows as mappings with
    first_date/last_date) by person: (name, [aliases], roles) with roles in the KB's form
    (owner, role, title, start, end). Each office runs from its first sighting until the next
    office's first sighting (the last one stays open); rows with status "rejected" are skipped."""
    by_name: dict[str, dict[str, Any]] = {}
    for x in aliases:
        if (_get(x, "status") or "").lower() == "rejected":
            continue
        name = _get(x, "name") or _get(x, "alias")
        code = _get(x, "code")
        if not name or not code:
            continue
        country = _get(x, "country")
        role = _get(x, "role") or ("GOV" if country else None)
        start = _as_date(_get(x, "first_date")) or _as_date(_get(x, "date")) or dt.date.min
        owner = country or code
        p = by_name.setdefault(name, {"aliases": [], "offices": {}})
        alias = _get(x, "alias")
        if alias and alias != name and alias not in p["aliases"]:
            p["aliases"].append(alias)
        k = (owner, role)
        p["offices"][k] = min(start, p["offices"].get(k, dt.date.max))
    out = []
    for name, p in by_name.items():
        offices = sorted(p["offices"].items(), key=lambda kv: kv[1])
        roles = []
        for i, ((owner, role), start) in enumerate(offices):
            end = offices[i + 1][1] if i + 1 < len(offices) else None
            if end is not None and end <= start:
                continue
            roles.append((owner, role or "GOV", "", start, end))
        if roles:
            out.append((name, p["aliases"], tuple(roles)))
    return out
