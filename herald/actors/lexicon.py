"""Load the actor vocabulary (herald/actors/data) into token-keyed lookup tables.

Why token keys: the resolver matches names against spaCy tokens, so every alias is
tokenised once here with spaCy's English tokenizer ("al-Qaeda" -> al, -, Qaeda) and
stored as a tuple; matching a document is then dict look-ups, never a loop over the KB.
"""

from __future__ import annotations

import csv
import datetime as dt
import copy
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from herald.records import Actor

__all__ = ["DATA_DIR", "ROLES", "Entry", "Lexicon", "PersonRecord", "RoleSpan", "load_lexicon", "with_persons"]

DATA_DIR = Path(__file__).resolve().parent / "data"

ROLES = ("GOV", "MIL", "REB", "INS", "OPP", "PTY", "COP", "JUD", "CVL", "MED", "BUS", "EDU", "REL", "LEG",
         "SPY", "UAF", "LAB", "REF", "HLH", "AGR", "ELI", "CRM", "IGO", "NGO")

# Which entry wins when two vocabularies share a surface form (a name beats a place).
_PRIORITY = {"person": 6, "org": 5, "seat": 4, "country": 3, "capital": 2, "demonym": 1, "surname": 0}


@dataclass(frozen=True, slots=True)
class PersonRecord:
    name: str
    roles: tuple[tuple[str, str, str, dt.date, dt.date | None], ...]  # owner, role, title, start, end


@dataclass(frozen=True, slots=True)
class Entry:
    """What a matched surface form stands for."""

    kind: str  # country | demonym | capital | seat | org | person | surname
    actor: Actor | None = None  # countries, demonyms, capitals, seats, orgs
    persons: tuple[PersonRecord, ...] = ()  # person / surname entries
    # earlier referents of the same name: (until, actor) pairs, oldest first ("Moscow" was the
    # Soviet government until the Union ended); the resolver picks by the article's date
    eras: tuple[tuple[dt.date, Actor], ...] = ()

    def on(self, date: dt.date | None) -> Entry:
        """This entry as it read on `date` (undated text: the current referent)."""
        if date is None or not self.eras:
            return self
        for until, actor in self.eras:
            if date < until:
                return Entry(self.kind, actor, self.persons)
        return self


@dataclass(frozen=True, slots=True)
class RoleSpan:
    role: str | None
    title: str | None
    key: str


@dataclass
class Lexicon:
    names: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # lower-case keys
    exact: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # acronyms, exact case
    roles: dict[tuple[str, ...], RoleSpan] = field(default_factory=dict)
    lens: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first lower token -> lengths
    role_lens: dict[str, tuple[int, ...]] = field(default_factory=dict)
    persons: list[PersonRecord] = field(default_factory=list)
    person_by_name: dict[str, PersonRecord] = field(default_factory=dict)  # lower full name/alias
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 -> display name
    org_codes: set[str] = field(default_factory=set)
    config: dict[str, Any] = field(default_factory=dict)

    def title_class(self, title: str | None) -> str | None:
        """Office class of a title string ("prime minister" -> head_of_government)."""
        if not title:
            return None
        span = self.roles.get(tuple(title.lower().split()))
        return span.title if span else None


def _pluralise(word: str) -> str | None:
    w = word.lower()
    if w.endswith("man"):
        return word[:-3] + "men"
    if w.endswith(("ese", "sh", "ch", "ss", "x", "s", "men", "police", "personnel", "media", "military",
                   "intelligence", "staff", "clergy", "judiciary", "leadership", "opposition")):
        return None
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _plural_phrase(phrase: str) -> str | None:
    words = phrase.split()
    if "of" in words:  # "head of state" -> "heads of state"
        i = words.index("of") - 1
    else:
        i = len(words) - 1
    p = _pluralise(words[i])
    if p is None:
        return None
    return " ".join([*words[:i], p, *words[i + 1:]])


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _read_yaml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class _Builder:
    def __init__(self, tokenize) -> None:
        self.tok = tokenize
        self.lex = Lexicon()

    def add_name(self, alias: str, entry: Entry) -> None:
        alias = alias.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if not alias:
            return
        words = tuple(self.tok(alias))
        letters = [c for c in alias if c.isalpha()]
        acronym = bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6
        table = self.lex.exact if acronym else self.lex.names
        key = words if acronym else tuple(w.lower() for w in words)
        old = table.get(key)
        if old is not None:
            if old.kind == entry.kind == "surname":  # shared surname: keep every candidate
                entry = Entry("surname", None, old.persons + tuple(p for p in entry.persons if p not in old.persons))
            elif _PRIORITY[old.kind] >= _PRIORITY[entry.kind]:
                return
        table[key] = entry
        first = key[0].lower()
        self.lex.lens[first] = tuple(sorted({*self.lex.lens.get(first, ()), len(key)}, reverse=True))

    def add_role(self, phrase: str, span: RoleSpan) -> None:
        key = tuple(w.lower() for w in self.tok(phrase))
        self.lex.roles.setdefault(key, span)
        self.lex.role_lens[key[0]] = tuple(sorted({*self.lex.role_lens.get(key[0], ()), len(key)}, reverse=True))


@functools.lru_cache(maxsize=2)
def load_lexicon() -> Lexicon:
    """Build the lookup tables once per process (every resolver shares them)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    b = _Builder(lambda s: [t.text for t in tokenizer(s)])
    lex = b.lex

    roles_doc = _read_yaml("roles.yaml")
    lex.config = {k: v for k, v in roles_doc.items() if k != "roles"}
    for phrase, spec in roles_doc["roles"].items():
        span = RoleSpan(spec.get("role"), spec.get("title"), phrase)
        b.add_role(phrase, span)
        plural = _plural_phrase(phrase)
        if plural:
            b.add_role(plural, span)

    # countries: generated table, then the hand-made file on top
    cyaml = _read_yaml("countries.yaml")
    names: dict[str, list[str]] = {}
    capitals: dict[str, list[str]] = {}
    with (DATA_DIR / "countries_generated.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["iso3"]] = [n for n in row["names"].split("|") if n]
            capitals[row["iso3"]] = [row["capital"]] if row["capital"] else []
    for iso, label in cyaml.get("historical", {}).items():
        names.setdefault(iso, [label])
    for iso, extra in cyaml.get("aliases", {}).items():
        names.setdefault(iso, [])
        names[iso] = names[iso] + [a for a in extra if a not in names[iso]]
    for iso, extra in cyaml.get("capitals", {}).items():
        capitals[iso] = list(dict.fromkeys(extra + capitals.get(iso, [])))
    for name, iso in cyaml.get("capital_owner", {}).items():  # one state per capital name
        for other, caps in capitals.items():
            if other != iso and name in caps:
                capitals[other] = [c for c in caps if c != name]
        capitals.setdefault(iso, [])
        if name not in capitals[iso]:
            capitals[iso].append(name)
    excluded = set(cyaml.get("capital_exclude", []))
    display = cyaml.get("display", {})
    for iso, ns in names.items():
        lex.country_names[iso] = display.get(iso, ns[0])
        state = Actor(code=iso, country=iso, role=None, name=lex.country_names[iso], kind="state")
        for n in ns:
            b.add_name(n, Entry("country", state))
    regional = cyaml.get("regional_demonyms", {})
    for iso, dems in [*cyaml.get("demonyms", {}).items(), *regional.items()]:
        state = Actor(code=iso, country=iso, role=None, name=lex.country_names.get(iso, iso), kind="state")
        for d in dems:
            b.add_name(d, Entry("demonym", state))
            p = _pluralise(d)
            if p:
                b.add_name(p, Entry("demonym", state))
    for iso, caps in capitals.items():
        gov = Actor(code=iso + "GOV", country=iso, role="GOV", name=lex.country_names.get(iso, iso), kind="state")
        for c in caps:
            if c not in excluded and c != "East Jerusalem":
                b.add_name(c, Entry("capital", gov))
    for seat in cyaml.get("seats", []):
        code = seat["code"]
        iso, role = code[:3], code[3:] or None
        b.add_name(seat["name"], Entry("seat", Actor(code=code, country=iso, role=role, name=seat["name"],
                                                     kind="state")))

    for name, spans in cyaml.get("eras", {}).items():
        key = tuple(w.lower() for w in b.tok(name))
        e = lex.names.get(key)
        if e is None or e.actor is None:
            continue
        eras = []
        for span in spans:
            code = span["code"]
            iso, role = code[:3], code[3:] or None
            eras.append((_date(span["until"]), Actor(code=code, country=iso, role=role,
                                                     name=lex.country_names.get(iso, iso), kind="state")))
        lex.names[key] = Entry(e.kind, e.actor, e.persons, tuple(sorted(eras, key=lambda x: x[0])))

    for org in _read_yaml("organisations.yaml")["organisations"]:
        actor = Actor(code=org["code"], country=org.get("country"), role=org.get("role"), name=org["name"],
                      kind=org.get("kind", "organisation"))
        lex.org_codes.add(org["code"])
        for n in [org["name"], *(org.get("aliases") or [])]:
            b.add_name(n, Entry("org", actor))

    for p in _read_yaml("persons.yaml")["persons"]:
        rec = PersonRecord(p["name"], tuple((r[0], r[1], r[2], _date(r[3]), _date(r[4])) for r in p["roles"]))
        lex.persons.append(rec)
        for n in [p["name"], *(p.get("aliases") or [])]:
            b.add_name(n, Entry("person", persons=(rec,)))
            lex.person_by_name[n.lower()] = rec
        surnames = p.get("surnames")
        if surnames is None:
            surnames = [p["name"].split()[-1]]
        for s in surnames:
            b.add_name(s, Entry("surname", persons=(rec,)))
    return lex


def with_persons(lex: Lexicon, people) -> Lexicon:
    """A copy of `lex` that also knows `people`: (name, aliases, roles) triples with roles as
    (owner, role, title, start, end). The shared cached lexicon is never changed; a name or
    surname the KB already holds keeps its KB entry (hand-checked facts win over learned ones)."""
    import spacy

    new = copy.copy(lex)
    new.names = dict(lex.names)
    new.exact = dict(lex.exact)
    new.lens = dict(lex.lens)
    new.persons = list(lex.persons)
    new.person_by_name = dict(lex.person_by_name)
    tokenizer = spacy.blank("en").tokenizer
    b = _Builder(lambda s: [t.text for t in tokenizer(s)])
    b.lex = new
    for name, aliases, roles in people:
        if name.lower() in new.person_by_name:
            continue
        rec = PersonRecord(name, tuple(roles))
        new.persons.append(rec)
        for n in [name, *aliases]:
            if n.lower() not in new.person_by_name:
                b.add_name(n, Entry("person", persons=(rec,)))
                new.person_by_name[n.lower()] = rec
        surname = name.split()[-1]
        if len(name.split()) > 1 and surname[:1].isupper() and len(surname) > 2:
            b.add_name(surname, Entry("surname", persons=(rec,)))
    return new
