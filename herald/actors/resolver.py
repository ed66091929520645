"""Resolve who is mentioned in a parsed article: names, titles, groups, states.

How: (1) one left-to-right longest-match pass of the token lower-cases against the
vocabulary (countries, demonyms, capitals, seats of government, organisations, persons,
surnames) and the role nouns; (2) PERSON entities the vocabulary missed are added (with a
fuzzy KB look-up for transliterations); (3) adjacent matches that form one noun phrase
("Russian President Vladimir Putin", "Hamas militants") are grouped and read together;
(4) groups are resolved in document order so that what the text says about a person
(its title) teaches later mentions (surname, "the Russian president", pronouns).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Token

from herald.actors.lexicon import Entry, Lexicon, PersonRecord, RoleSpan, load_lexicon, with_persons
from herald.records import Actor, ActorMention

__all__ = ["ActorResolver", "coordinated_mentions", "mention_at"]

# entity labels the small model gives town names it fails to see as places (see _town_places)
_MISTAGGED_TOWN_LABELS = frozenset({"FAC", "ORG", "PERSON"})

_OWNER_KINDS = ("country", "demonym", "capital", "seat", "org")
_PERSON_KINDS = ("person", "surname", "ner-person")
_HEAD_CLASSES = ("head_of_state", "head_of_government", "leader")
# The small model often tags a lone surname GPE ("Blinken held talks"), so only these block
# one; surnames that are also place names are left out of persons.yaml instead.
_BLOCK_SURNAME_ENTS = {"DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "MONEY", "QUANTITY"}
_CONTAINER_ENTS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
# Roles of the state's own forces and offices: a conjunct of one inherits its owner
_STATE_SIDE = frozenset({"GOV", "MIL", "COP", "SPY"})


@functools.lru_cache(maxsize=1)
def _region_countries() -> dict[str, str]:
    """Region/territory name -> country, from the geocoder's places table (a data file)."""
    from importlib import resources

    import yaml

    from herald.geocoding import normalise

    raw = yaml.safe_load((resources.files("herald.geocoding") / "data" / "places.yaml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for p in raw.get("places", []):
        if p.get("country") and p.get("feature") in ("region", "territory", "city"):
            for n in [p["name"], *(p.get("aliases") or [])]:
                out.setdefault(normalise(n), p["country"])
    return out


# First-level divisions whose names news uses alone ("fighting in Helmand", "Borno state")
_SUBDIVISION_TYPES = frozenset({"Province", "State", "Region", "Governorate", "Administrative region",
                                "Autonomous region", "Autonomous province", "Prefecture"})


# Names made of these words only are no one place in news English ("the West", "Central")
_GENERIC_PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "northwest", "northeast", "southwest", "southeast", "coast", "coastal", "littoral", "capital",
    "island", "islands", "upper", "lower", "far", "highlands", "lakes", "lake", "plateau", "mountain",
    "mountains", "river", "valley", "federal", "national", "special", "greater", "new", "region", "province",
    "state", "district", "the", "of", "and",
    # regions wider than the one province that bears the name
    "sahel", "kurdistan", "galicia", "macedonia", "silesia", "tyrol", "flanders", "kashmir"})


@functools.lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, str]:
    """Province/state name -> country (ISO alpha-3), from pycountry's ISO 3166-2 table; a name
    two countries share ("Punjab") is left out."""
    import pycountry

    from herald.geocoding import normalise

    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type in _SUBDIVISION_TYPES:
            seen.setdefault(normalise(sub.name), set()).add(sub.country_code)
    out: dict[str, str] = {}
    for name, codes in seen.items():
        generic = set(name.replace("-", " ").split()) <= _GENERIC_PLACE_WORDS
        if len(codes) == 1 and len(name) >= 4 and not generic:
            country = pycountry.countries.get(alpha_2=next(iter(codes)))
            if country is not None:
                out[name] = country.alpha_3
    return out


def coordinated_mentions(doc: Doc, mention: ActorMention,
                         by_tok: Mapping[int, ActorMention]) -> list[ActorMention]:
    """`mention` and the mentions coordinated with a modifier inside it: for "Hungarian and
    Romanian officials" the resolver gives "Hungarian" (HUNGOV, rule conj+role) and "Romanian
    officials" (ROUGOV); the parse hangs "Hungarian" off "officials" and "Romanian" off
    "Hungarian", so an argument found at "officials" should bring both. For the event coder:
    call it where an argument token's own mention is taken (`by_tok`: token -> mention)."""
    out = [mention]
    for t in doc[mention.tok_start:mention.tok_end]:
        for c in (t.head, *t.conjuncts) if t.dep_ == "conj" else t.conjuncts:
            if mention.tok_start <= c.i < mention.tok_end:
                continue
            m = by_tok.get(c.i)
            if m is not None and m not in out and m.actor.country and m.rule in ("conj+role", "demonym-modifier",
                                                                                 "country-name", "demonym+role"):
                out.append(m)
    return out


def mention_at(mentions: Sequence[ActorMention], tok_i: int) -> ActorMention | None:
    """The mention whose token span covers token `tok_i`, if any."""
    for m in mentions:
        if m.tok_start <= tok_i < m.tok_end:
            return m
        if m.tok_start > tok_i:
            break
    return None


@dataclass(slots=True)
class _Match:
    start: int
    end: int  # exclusive
    kind: str  # an Entry kind, "role" or "ner-person"
    entry: Entry | None = None
    role: RoleSpan | None = None
    text: str = ""


@dataclass(slots=True)
class _Known:
    """A person the document has introduced, for coreference."""

    actor: Actor
    title: str | None
    tok: int
    sent: int


class ActorResolver:
    """Turns a spaCy Doc into ActorMentions. Build once; `resolve_doc` is per article."""

    def __init__(self, *, lexicon: Lexicon | None = None, fuzzy_cutoff: float = 88.0,
                 extra_persons: Iterable[Any] = (), geocoder: Any = None) -> None:
        """`extra_persons`: learned aliases (`herald.actors.learning.LearnedAlias`, or store rows
        of `learned_aliases` as mappings with first_date/last_date/status) to resolve like KB
        people, each office dated from its first sighting; a name the KB already has keeps
        the KB's record."""
        self.lex = lexicon or load_lexicon()
        # herald.geocoding.Geocoder for towns (share the pipeline's: its city list is costly);
        # None: regions and territories from its places table only
        self.geocoder = geocoder
        self._ent_doc: Doc | None = None
        self._ents: list = []
        self._ent_index: dict[int, Any] = {}
        self._aliases_of: dict[int, list[str]] | None = None
        self._lowers: list[str] = []
        extra = list(extra_persons)
        if extra:
            from herald.actors.learning import person_records

            self.lex = with_persons(self.lex, person_records(extra))
        cfg = self.lex.config
        self.honorifics = {h.lower() for h in cfg.get("honorifics", [])}
        self.glue = {w.lower() for w in cfg.get("title_modifiers", [])} | self.honorifics
        self.group_anaphors = set(cfg.get("group_anaphors", []))
        self.needs_owner = set(cfg.get("needs_owner", []))
        self.place_preps = set(cfg.get("place_preps", []))
        self.capital_preps = set(cfg.get("capital_actor_preps", []))
        self.capital_deps = set(cfg.get("capital_actor_deps", []))
        self.pronouns = set(cfg.get("person_pronouns", []))
        self.context_roles = set(cfg.get("context_country_roles", []))
        self.context_preps = set(cfg.get("context_country_preps", []))
        self.ethnic_markers = set(cfg.get("ethnic_markers", []))
        self.collective_pronouns = dict(cfg.get("collective_pronouns", {}))
        self.expletive_heads = set(cfg.get("expletive_heads", []))
        self.no_role_coref = set(cfg.get("no_role_coreference", []))
        self.place_nouns = set(cfg.get("place_nouns", []))
        self.capital_places = bool(cfg.get("capital_places", True))
        self.motion_heads = set(cfg.get("motion_heads", []))
        # "regional leaders" span states, "the regional parliament" is one state's province
        self.subnational_singular = set(cfg.get("subnational_when_singular", ["regional"]))
        self.stance_prefixes = set(cfg.get("stance_prefixes", ["pro", "anti"]))
        self.town_places = bool(cfg.get("town_places", True))
        self.non_national = set(cfg.get("non_national_modifiers", []))
        self.generic_seats = {n.lower() for n in cfg.get("generic_seats", [])}
        self.fuzzy_cutoff = fuzzy_cutoff
        self._fuzzy_names = list(self.lex.person_by_name)

    # ------------------------------------------------------------------ public
    def resolve_text(self, text: str, *, date: dt.date | None = None) -> Actor | None:
        """The actor a free phrase names ("the Russian head of state", "Moscow"): the
        mention covering the phrase's syntactic root, else the longest mention."""
        from herald.parse import load_model

        doc = load_model()(text)
        mentions = self.resolve_doc(doc, date=date, phrase=True)
        if not mentions:
            return None
        roots = [s.root.i for s in doc.sents]
        for r in roots:
            m = mention_at(mentions, r)
            if m is not None:
                return m.actor
        return max(mentions, key=lambda m: m.end - m.start).actor

    def resolve_doc(self, doc: Doc, *, date: dt.date | None = None, phrase: bool = False) -> tuple[ActorMention, ...]:
        """All actor mentions of a parsed article, sorted by start, non-overlapping.

        `phrase=True` treats the doc as a bare noun phrase (no clause: a capital counts
        as its government, as in a gazetteer look-up)."""
        matches = self._match(doc, date)
        groups = self._group(doc, matches)
        sent_of = self._sentence_index(doc)
        st = _DocState(date=date)
        for g in groups:
            for m in g:
                if m.kind in _OWNER_KINDS:
                    for i in range(m.start, m.end):
                        st.owner_at[i] = m
        out: list[ActorMention] = []
        covered = {i for g in groups for m in g for i in range(m.start, m.end)}
        # tokens outside any match: pronouns, and proper nouns that may be a surname the
        # text taught earlier ("Wachira" after "Interior Minister Joseph Wachira")
        extra = [t.i for t in doc if t.i not in covered and (
            (t.lower_ in self.pronouns and t.dep_ in ("nsubj", "nsubjpass"))
            or (t.pos_ == "PROPN" and t.text[:1].isupper()))]
        steps = sorted([(g[0].start, g) for g in groups] + [(i, None) for i in extra], key=lambda x: x[0])
        for i, g in steps:
            n = len(out)
            if g is None:
                self._free_token(doc, i, sent_of, st, out)
            else:
                self._resolve_group(doc, g, sent_of, st, out, phrase=phrase)
            for m in out[n:]:  # the person named last, for pronouns
                if m.actor.kind == "person" and m.rule != "pronoun":
                    st.recent = (m.actor, m.tok_start, sent_of[m.tok_start])
        out.sort(key=lambda m: m.start)
        clean: list[ActorMention] = []
        for m in out:
            if clean and m.start < clean[-1].end:
                continue
            clean.append(m)
        if not phrase:
            dateline = self._dateline_end(doc)
            if dateline:  # "NAIROBI (Reuters) -": where the story was filed, not who acts
                clean = [m for m in clean if m.tok_start >= dateline]
            clean = self._context_countries(doc, clean, sent_of, st)
            if self.town_places:
                clean = self._town_places(doc, clean, st)
            clean = self._appositive_titles(doc, clean)
            clean = self._collective_pronouns(doc, clean, sent_of)
        return tuple(m for m in clean if m.rule != "role:needs-owner")

    def _town_places(self, doc: Doc, ms: list[ActorMention], st: _DocState) -> list[ActorMention]:
        """Towns and regions the vocabulary lacks, named as an object ("shelled Mariupol", "a
        trip to Lahore"): a place mention of their country (rule geo-place), which the coder
        may take as a target but never as a source."""
        covered = {i for m in ms for i in range(m.tok_start, m.tok_end)}
        added: list[ActorMention] = []
        for ent in self._doc_ents(doc):
            if any(i in covered or i in st.owner_at for i in range(ent.start, ent.end)):
                continue
            root = ent.root
            if ent.label_ in ("GPE", "LOC"):
                if root.dep_ not in ("pobj", "dobj", "nsubjpass", "conj"):
                    continue
                country = self._geo_country(root)
            elif ent.label_ in _MISTAGGED_TOWN_LABELS and root.dep_ in ("dobj", "nsubjpass") \
                    and root.head.pos_ == "VERB" and len(ent) <= 2 and self.geocoder is not None:
                # "shelled Kharkiv" (tagged FAC), "struck Rafah" (PERSON): the small model often
                # mislabels a town that is a verb's object; a big city of that name is the place
                loc = self.geocoder.locate_text(ent.text, big_city_only=True)
                country = loc.country if loc is not None else None
            else:
                continue
            if not country:
                continue
            s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            name = self.lex.country_names.get(country, country)
            added.append(self._mention(doc, s, ent.end, Actor(code=country, country=country, role=None,
                                                               name=name, kind="state"), "geo-place"))
        if not added:
            return ms
        return sorted(ms + added, key=lambda m: m.start)

    @staticmethod
    def _dateline_end(doc: Doc) -> int:
        """Token index just past a wire dateline that opens the text ("HANOI (AP) -",
        "KABUL, Afghanistan (Reuters) --", "GENEVA -"), else 0. A dateline is a place in
        capitals, optionally a region after a comma and an agency in brackets, then a dash."""
        n = min(len(doc), 16)
        i = 0
        while i < n and doc[i].is_alpha and doc[i].text.isupper() and len(doc[i].text) > 1:
            i += 1
        if i == 0:
            return 0
        if i < n and doc[i].text == ",":  # "KABUL, Afghanistan"
            j = i + 1
            while j < n and doc[j].text[:1].isupper() and doc[j].is_alpha:
                j += 1
            i = j if j > i + 1 else i
        if i < n and doc[i].text == "(":
            j = i + 1
            while j < n and doc[j].text != ")":
                j += 1
            if j >= n:
                return 0
            i = j + 1
        if i < n and doc[i].text in ("-", "--", "—", "–", ":"):
            return i + 1
        return 0

    def _appositive_titles(self, doc: Doc, ms: list[ActorMention]) -> list[ActorMention]:
        """A title and the name set beside it are one referent: "Iran's foreign minister, Abbas
        Araghchi," and "the presidents of Syria and Egypt, Bashar al-Assad and Hosni Mubarak".
        The title mention takes the person, the person takes the title's country and role
        (the text's word beats the KB's), so a list never yields a state-level and a
        person-level actor for one referent."""
        if not any(m.actor.kind == "person" for m in ms) and not any(
                ent.label_ == "PERSON" for ent in self._doc_ents(doc)):
            return ms
        by_tok = {i: k for k, m in enumerate(ms) for i in range(m.tok_start, m.tok_end)}
        renamed: dict[Actor, Actor] = {}
        titles: dict[int, list[int]] = {}  # role-noun token -> title mentions (in order)
        for k, m in enumerate(ms):
            a = m.actor
            if a.kind != "state" or not a.role or not a.country:
                continue
            tok = doc[m.tok_end - 1]
            if m.rule == "role-of-country":
                t = tok
                while t.dep_ == "conj" and t.head.i < t.i:
                    t = t.head
                if not (t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of"):
                    continue
                tok = t.head.head
            elif not m.rule.endswith("+role"):
                continue
            titles.setdefault(tok.i, []).append(k)
        for role_i, ks in titles.items():
            last = max(ms[k].tok_end for k in ks)
            if last >= len(doc) or doc[last].text != ",":
                continue  # an apposition is set off by a comma
            people: list[int] = []
            for t in doc[role_i].subtree:
                if t.i <= last or t.dep_ not in ("appos", "conj"):
                    continue
                u = t  # the path up to the role noun may only run through lists and "of"
                while u.i != role_i and u.dep_ in ("appos", "conj", "pobj", "prep"):
                    u = u.head
                if u.i != role_i:
                    continue
                j = by_tok.get(t.i)
                if j is None:
                    j = self._appos_person(doc, t, ms, by_tok)
                if j is not None and ms[j].actor.kind == "person" and j not in people:
                    people.append(j)
            if not people:
                continue
            pairs: list[tuple[int, int]] = []
            if len(ks) == 1 and len(people) == 1:
                pairs = [(ks[0], people[0])]
            else:
                free = list(people)
                for k in ks:  # a KB person in the same office first, else the next in order
                    j = next((j for j in free if ms[j].actor.code == ms[k].actor.code), None)
                    if j is None and len(ks) == len(people):
                        j = next((j for j in free if not ms[j].actor.country), None)
                    if j is not None:
                        free.remove(j)
                        pairs.append((k, j))
            for k, j in pairs:
                t, p = ms[k], ms[j]
                ta = t.actor
                person = Actor(code=ta.code, country=ta.country, role=ta.role, name=p.actor.name, kind="person")
                renamed[p.actor] = person
                ms[k] = ActorMention(t.text, t.start, t.end, t.tok_start, t.tok_end, person, t.rule + "=person")
                ms[j] = ActorMention(p.text, p.start, p.end, p.tok_start, p.tok_end, person, "appos+title")
        if renamed:
            for k, m in enumerate(ms):
                if m.actor in renamed and m.rule != "appos+title":
                    ms[k] = ActorMention(m.text, m.start, m.end, m.tok_start, m.tok_end, renamed[m.actor], m.rule)
            # later bare surnames of a person the apposition introduced
            named = {m.actor.name.split()[-1].lower(): m.actor for m in ms
                     if m.rule == "appos+title" and m.actor.name}
            covered = {i for m in ms for i in range(m.tok_start, m.tok_end)}
            first = min((m.tok_end for m in ms if m.rule == "appos+title"), default=len(doc))
            for t in doc[first:]:
                a = named.get(t.lower_)
                if a is not None and t.i not in covered and t.pos_ == "PROPN" and t.text[:1].isupper():
                    ms.append(self._mention(doc, t.i, t.i + 1, a, "coref:surname"))
        ms = [m for m in ms if m.actor.code]
        ms.sort(key=lambda m: m.start)
        return ms

    def _appos_person(self, doc: Doc, t: Token, ms: list[ActorMention], by_tok: dict[int, int]) -> int | None:
        """A PERSON entity headed by `t` that no mention covers yet (an unknown name set beside
        a title): added as a bare person, for `_appositive_titles` to give the title."""
        ent = self._ent_of(doc, t.i)
        if ent is None or ent.label_ != "PERSON" or ent.root.i != t.i:
            return None
        if any(i in by_tok for i in range(ent.start, ent.end)):
            return None
        m = self._mention(doc, ent.start, ent.end, Actor(code="", name=ent.text, kind="person"), "ner-person")
        ms.append(m)
        k = len(ms) - 1
        for i in range(ent.start, ent.end):
            by_tok[i] = k
        return k

    def _collective_pronouns(self, doc: Doc, ms: list[ActorMention], sent_of: list[int]) -> list[ActorMention]:
        """"Hungary said it would ...", "the rebels said they had ...": a subject "it"/"they"
        is the subject actor named last in this sentence or the one before (a state, group or
        organisation for "it"; a plural noun, a people or a group for "they")."""
        cands = [i for i, w in enumerate(self._lowers) if w in self.collective_pronouns] \
            if len(self._lowers) == len(doc) else [t.i for t in doc if t.lower_ in self.collective_pronouns]
        if not cands:
            return ms
        covered = {i for m in ms for i in range(m.tok_start, m.tok_end)}
        added: list[ActorMention] = []
        for i in cands:
            t = doc[i]
            kind = self.collective_pronouns[t.lower_]
            if t.i in covered or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if kind == "singular" and t.head.lemma_ in self.expletive_heads:
                continue  # "it is likely that ...", "it seems"
            for m in reversed(ms):
                if m.tok_end > t.i:
                    continue
                if sent_of[t.i] - sent_of[m.tok_start] > 1:
                    break
                head = doc[m.tok_end - 1]
                if head.dep_ not in ("nsubj", "nsubjpass") or m.rule in ("pronoun",) or m.rule.startswith("pronoun"):
                    continue
                a = m.actor
                plural = head.tag_ in ("NNS", "NNPS") or m.rule.startswith("demonym-people")
                if kind == "singular" and a.kind != "person" and not plural:
                    added.append(self._mention(doc, t.i, t.i + 1, a, "pronoun:it"))
                elif kind == "plural" and a.kind != "person" and (plural or a.kind == "group"):
                    added.append(self._mention(doc, t.i, t.i + 1, a, "pronoun:they"))
                break
        if not added:
            return ms
        return sorted(ms + added, key=lambda m: m.start)

    # ------------------------------------------------------------------ context
    def _place_country(self, tok: Token, st: _DocState) -> str | None:
        """The country a place phrase names: the first country, capital or demonym inside it
        ("in the Ivory Coast", "throughout Indonesia", "in the capital city of Algiers")."""
        for t in tok.subtree:
            m = st.owner_at.get(t.i)
            if m is not None and m.entry is not None and m.entry.actor is not None and m.entry.actor.country:
                return m.entry.actor.country
        return None

    def _geo_country(self, tok: Token, *, whole: bool = True) -> str | None:
        """The country of a town or region the vocabulary lacks, by the offline gazetteer; only
        for a place entity (GPE/LOC) the token heads (or, `whole=False`, belongs to)."""
        ent = self._ent_of(tok.doc, tok.i)
        if ent is None or ent.label_ not in ("GPE", "LOC") or (whole and ent.root.i != tok.i):
            for t in tok.subtree if whole else ():
                e = self._ent_of(tok.doc, t.i)
                if e is not None and e.label_ in ("GPE", "LOC"):
                    ent = e
                    break
            else:
                return None
            if ent is None or ent.label_ not in ("GPE", "LOC"):
                return None
        s = ent.start + (1 if tok.doc[ent.start].lower_ == "the" else 0)
        name = tok.doc[s:ent.end].text
        if not name[:1].isupper():
            return None
        return self._gazetteer_country(name)

    def _gazetteer_country(self, name: str) -> str | None:
        """The pipeline's gazetteer (cities included), then the ISO list of provinces and states."""
        from herald.geocoding import normalise

        if self.geocoder is not None:
            loc = self.geocoder.locate_text(name)
            if loc is not None and loc.country:
                return loc.country
        else:  # no gazetteer passed: regions and territories only (the city list costs seconds to load)
            country = _region_countries().get(normalise(name))
            if country:
                return country
        return _subdivision_countries().get(normalise(name))

    def _untagged_town(self, tok: Token, st: _DocState) -> str | None:
        """The country of a proper noun the tagger left without a place label, in a phrase that
        can only be a place ("residents of Goma", "rebels near Kidal"): by the gazetteer, which
        refuses common English words. Needs the pipeline's geocoder (towns)."""
        if self.geocoder is None or tok.pos_ != "PROPN" or not tok.text[:1].isupper() \
                or tok.ent_type_ not in ("", "GPE", "LOC", "FAC") or tok.i in st.owner_at:
            return None
        parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if any(c.ent_type_ == "PERSON" for c in parts):
            return None
        start = min([tok.i, *(c.i for c in parts)])
        return self._gazetteer_country(tok.doc[start:tok.i + 1].text)

    def _context_countries(self, doc: Doc, ms: list[ActorMention], sent_of: list[int],
                           st: _DocState) -> list[ActorMention]:
        """Give a country to actors the phrase left without one ("rebels in the Ivory Coast",
        "President Suharto's government", "ethnic Albanians in Serbia", an untitled "President
        X" in an article about one country), in the news convention that domestic roles
        belong to the state where they act."""
        if not ms:
            return ms
        roles = self.context_roles
        if not any((m.actor.country is None and m.actor.role in roles)
                   or m.rule.startswith(("demonym-modifier", "country", "demonym-people")) for m in ms):
            return [m for m in ms if m.rule != "role:needs-owner"]
        # every country the text names, actor or place (a capital as a place counts too)
        # (a named group's country does not count: "Hezbollah fighters clashed with soldiers")
        doc_countries = {m.entry.actor.country for m in st.owner_at.values()
                         if m.entry is not None and m.entry.actor is not None and m.entry.actor.country
                         and m.kind != "org"}
        doc_countries |= {m.actor.country for m in ms if m.actor.country and m.actor.kind in ("state", "person")}
        place_by_sent: dict[int, set[str]] = {}
        for i, m in st.owner_at.items():
            a = m.entry.actor if m.entry is not None else None
            if a is None or not a.country or i != m.end - 1:
                continue
            if m.kind in ("country", "capital") and self._is_place(doc[i]):
                place_by_sent.setdefault(sent_of[i], set()).add(a.country)
            elif m.kind == "demonym" and doc[i].dep_ in ("amod", "compound", "nmod") \
                    and doc[i].head.lemma_.lower() in self.place_nouns and self._is_place(doc[i].head):
                place_by_sent.setdefault(sent_of[i], set()).add(a.country)  # "in the Tigrayan city of Axum"
        if any(m.actor.country is None and m.actor.role in roles for m in ms):
            for ent in self._doc_ents(doc):  # towns and regions in a place slot ("clashes in Kirkuk")
                if ent.label_ in ("GPE", "LOC") and ent.root.i not in st.owner_at and self._is_place(ent.root):
                    country = self._geo_country(ent.root)
                    if country:
                        place_by_sent.setdefault(sent_of[ent.root.i], set()).add(country)
        by_tok = {i: k for k, m in enumerate(ms) for i in range(m.tok_start, m.tok_end)}
        renamed: dict[Actor, Actor] = {}

        def give(k: int, country: str, how: str) -> None:
            m = ms[k]
            a = m.actor
            new = Actor(code=country + (a.role or ""), country=country, role=a.role, name=a.name, kind=a.kind)
            if a.kind == "person":
                renamed[a] = new
            ms[k] = ActorMention(m.text, m.start, m.end, m.tok_start, m.tok_end, new, f"{m.rule}+{how}")

        def owner_of(head: Token) -> tuple[str | None, str]:
            if head.dep_ == "conj" and head.head.i < head.i:  # "US Air Force and Navy jets"
                k = by_tok.get(head.head.i)
                if k is not None:
                    b = ms[k].actor
                    a = ms[by_tok[head.i]].actor if head.i in by_tok else None
                    if b.country and b.kind == "state" and a is not None and a.role in _STATE_SIDE \
                            and b.role in _STATE_SIDE:
                        return b.country, "ctx:conj"
            for c in head.children:  # "US Air Force and Navy jets": the owner hangs off the head
                if c.dep_ in ("nmod", "compound") and c.i < head.i:
                    k = by_tok.get(c.i)
                    if k is not None and ms[k].tok_end <= head.i and ms[k].actor.country \
                            and ms[k].actor.kind == "state" and "place" not in ms[k].rule:
                        mine = by_tok.get(head.i)
                        if mine is not None and ms[mine].tok_start > ms[k].tok_start:
                            return ms[k].actor.country, "ctx:modifier"
            for c in head.children:  # "rebels in X", "students throughout X", "doctors from X"
                if c.dep_ == "prep" and c.lower_ in self.context_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            country = self._place_country(p, st) or self._geo_country(p) \
                                or self._untagged_town(p, st)
                            if country:
                                return country, "ctx:prep"
            for c in head.children:  # "Darfur rebels", "Kirkuk residents": a place the vocabulary lacks
                if c.dep_ in ("compound", "nmod") and c.i < head.i and c.i not in st.owner_at:
                    country = self._geo_country(c, whole=False)
                    if country:
                        return country, "ctx:locale-modifier"
            for c in head.children:  # "Algeria's leading activist", "President X's government"
                if c.dep_ == "poss":
                    k = by_tok.get(c.i)
                    if k is not None and ms[k].actor.country:
                        return ms[k].actor.country, "ctx:poss"
                    country = self._place_country(c, st)
                    if country:
                        return country, "ctx:poss"
            return None, ""

        for _pass in range(2):  # people first, so "President X's government" can follow X
            for k, m in enumerate(ms):
                a = m.actor
                if a.country or a.role not in roles or a.kind not in ("group", "person"):
                    continue
                if m.rule.startswith(("org", "coref:group")):
                    continue  # a named group the vocabulary gives no country (al-Qaeda) keeps none
                head = doc[m.tok_end - 1]
                if any(t.lower_ in self.non_national and t.i < m.tok_start
                       and not (t.lower_ in self.subnational_singular and head.tag_ in ("NN", "NNP"))
                       for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree):
                    # (words of the role phrase itself, "foreign" in "foreign minister", do not count)
                    continue  # "regional leaders", "Western diplomats": no one state's
                if a in renamed:
                    ms[k] = ActorMention(m.text, m.start, m.end, m.tok_start, m.tok_end, renamed[a], m.rule)
                    continue
                country, how = owner_of(doc[m.tok_end - 1])
                if country is None and _pass == 1 and m.rule != "role:needs-owner" \
                        and not (a.role == "GOV" and self._several(doc[m.tok_end - 1])):
                    places = place_by_sent.get(sent_of[m.tok_start], set())
                    if len(doc_countries) == 1:
                        country, how = next(iter(doc_countries)), "ctx:doc"
                    elif len(places) == 1:
                        country, how = next(iter(places)), "ctx:sent"
                if country is not None:
                    give(k, country, how)
        ms = [m for m in ms if m.rule != "role:needs-owner"]
        by_tok = {i: k for k, m in enumerate(ms) for i in range(m.tok_start, m.tok_end)}
        # "Hungarian and Romanian officials": the first conjunct shares the role noun
        for k, m in enumerate(ms):
            a = m.actor
            if a.kind != "state" or a.role or not a.country or not m.rule.startswith(("demonym-modifier", "country")):
                continue
            for c in doc[m.tok_end - 1].conjuncts:
                j = by_tok.get(c.i)
                if j is None or j == k:
                    continue
                b = ms[j].actor
                if b.kind == "state" and b.role and ms[j].rule in ("demonym+role", "country+role") and c.i > m.tok_start:
                    new = Actor(code=a.country + b.role, country=a.country, role=b.role, name=None, kind="state")
                    ms[k] = ActorMention(m.text, m.start, m.end, m.tok_start, m.tok_end, new, "conj+role")
                    break
        # "ethnic Albanians in Serbia": an ethnic group is coded by the state it lives in
        for k, m in enumerate(ms):
            a = m.actor
            if not a.country or m.tok_start == 0 or doc[m.tok_start - 1].lower_ not in self.ethnic_markers:
                continue
            places = place_by_sent.get(sent_of[m.tok_start], set()) - {a.country}
            if len(places) == 1:
                country = next(iter(places))
                new = Actor(code=country + (a.role or ""), country=country, role=a.role, name=a.name,
                            kind=a.kind)
                ms[k] = ActorMention(m.text, m.start, m.end, m.tok_start, m.tok_end, new, m.rule + "+ctx:ethnic")
        return ms

    # ------------------------------------------------------------------ matching
    def _match(self, doc: Doc, date: dt.date | None = None) -> list[_Match]:
        lex = self.lex
        lowers = [t.lower_ for t in doc]
        self._lowers = lowers  # reused by the pronoun pass
        texts = [t.text for t in doc]
        n = len(doc)
        found: list[_Match] = []
        i = 0
        while i < n:
            hit = None
            for ln in lex.lens.get(lowers[i], ()):
                if i + ln > n:
                    continue
                e = lex.exact.get(tuple(texts[i:i + ln]))
                if e is None:
                    e = lex.names.get(tuple(lowers[i:i + ln]))
                    if e is not None and not self._cased(doc, i, i + ln):
                        e = None
                if e is not None:
                    hit = _Match(i, i + ln, e.kind, entry=e.on(date))
                    break
            if hit is None:
                for ln in lex.role_lens.get(lowers[i], ()):
                    if i + ln <= n:
                        r = lex.roles.get(tuple(lowers[i:i + ln]))
                        if r is not None and doc[i + ln - 1].pos_ in ("NOUN", "PROPN"):
                            hit = _Match(i, i + ln, "role", role=r)
                            break
            if hit is not None:
                found.append(hit)
                i = hit.end
            else:
                i += 1
        found = [m for m in found if self._plausible(doc, m)]
        return self._add_ner_persons(doc, found)

    @staticmethod
    def _cased(doc: Doc, start: int, end: int) -> bool:
        """Names are written with capitals: "Turkey" the state, not "turkey" the bird."""
        first = doc[start].text
        return first[:1].isupper() or (first.islower() and any(t.text[:1].isupper() for t in doc[start + 1:end]))

    def _plausible(self, doc: Doc, m: _Match) -> bool:
        """Drop vocabulary hits that are part of a bigger name the vocabulary lacks."""
        first = doc[m.start]
        if m.kind == "surname":
            nxt = doc[m.end] if m.end < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                return False  # "Abbas Araghchi": a different person's first name
            if m.start > 0:
                prev = doc[m.start - 1]
                if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.lower_ not in self.glue \
                        and prev.ent_type_ == "PERSON" and (prev.lower_,) not in self.lex.roles:
                    return False  # "Hillary Clinton" when only Bill were known
            if first.ent_type_ in _BLOCK_SURNAME_ENTS:
                return False
            return True
        if m.kind in ("country", "demonym") and m.start >= 2 and doc[m.start - 1].text in ("-", "–") \
                and doc[m.start - 2].lower_ in self.stance_prefixes:
            return False  # "pro-Russian separatists": a stance, not a nationality
        if m.kind in ("country", "capital", "demonym"):
            ent_type = first.ent_type_
            if ent_type == "PERSON" and first.ent_iob_ != "" and not self._ent_equals(doc, m) \
                    and not self._all_demonyms(doc, m):
                return False  # "Michael Jordan" (but "Bosnian Serbs" mis-tagged PERSON stays)
            if m.kind != "demonym" and ent_type in _CONTAINER_ENTS and not self._ent_equals(doc, m):
                ent = self._ent_of(doc, m.start)
                lead = ent is not None and m.kind == "country" and ent.label_ == "ORG" and \
                    (ent.start == m.start or (ent.start == m.start - 1 and doc[ent.start].lower_ == "the"))
                if ent is not None and not lead and not any(
                        self.lex.roles.get((t.lower_,)) for t in ent if t.i >= m.end):
                    return False  # "Bank of England", "Washington Post"; "Kenya Airways" stays
        return True

    def _all_demonyms(self, doc: Doc, m: _Match) -> bool:
        ent = self._ent_of(doc, m.start)
        if ent is None:
            return False
        for t in ent:
            e = self.lex.names.get((t.lower_,))
            if e is None or e.kind != "demonym":
                return False
        return True

    def _ent_of(self, doc: Doc, i: int):
        """The named entity covering token i (an index per doc: Doc.ents builds Spans each call)."""
        if self._ent_doc is not doc:
            self._ent_doc = doc
            self._ents = list(doc.ents)
            self._ent_index = {k: ent for ent in self._ents for k in range(ent.start, ent.end)}
        return self._ent_index.get(i)

    def _doc_ents(self, doc: Doc) -> list:
        self._ent_of(doc, -1)
        return self._ents

    def _ent_equals(self, doc: Doc, m: _Match) -> bool:
        ent = self._ent_of(doc, m.start)
        if ent is None:
            return True
        s, e = ent.start, ent.end
        if doc[s].lower_ == "the":
            s += 1
        if doc[e - 1].tag_ == "POS":
            e -= 1
        return s >= m.start and e <= m.end

    def _add_ner_persons(self, doc: Doc, found: list[_Match]) -> list[_Match]:
        covered = {}
        for k, m in enumerate(found):
            for i in range(m.start, m.end):
                covered[i] = k
        drop: set[int] = set()
        extra: list[_Match] = []
        for ent in self._doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            s, e = ent.start, ent.end
            while s < e:  # titles and owners inside the entity stay their own matches
                k = covered.get(s)
                if doc[s].lower_ in self.glue or doc[s].lower_ == "the":
                    s += 1
                elif k is not None and found[k].kind in ("role", *_OWNER_KINDS) and found[k].end <= e:
                    s = found[k].end
                else:
                    break
            while e > s and (doc[e - 1].tag_ == "POS" or not doc[e - 1].text[:1].isalnum()):
                e -= 1
            if s >= e:
                continue
            if all(i in covered and found[covered[i]].kind == "role" for i in range(s, e)):
                continue  # "Riot police", "Border Guards" tagged PERSON: the role phrase stands
            inside = {covered[i] for i in range(s, e) if i in covered}
            if any(found[k].kind in ("person", "surname", "org") for k in inside):
                continue
            name = doc[s:e].text
            rec = self._fuzzy(name)
            kind = "person" if rec else "ner-person"
            m = _Match(s, e, kind, entry=Entry("person", persons=(rec,)) if rec else None, text=name)
            drop |= inside
            extra.append(m)
        if not extra:
            return found
        kept = [m for k, m in enumerate(found) if k not in drop]
        return sorted(kept + extra, key=lambda m: m.start)

    def _fuzzy(self, name: str) -> PersonRecord | None:
        key = name.lower()
        rec = self.lex.person_by_name.get(key)
        if rec is not None or len(key) < 6 or " " not in key:
            return rec
        best = process.extractOne(key, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        if best is None:
            return None
        cand = best[0]
        if fuzz.ratio(key.split()[-1], cand.split()[-1]) < 80:  # surnames must agree
            return None
        return self.lex.person_by_name[cand]

    # ------------------------------------------------------------------ grouping
    def _group(self, doc: Doc, matches: list[_Match]) -> list[list[_Match]]:
        """Join matches that form one noun phrase: only title glue may stand between
        them, and every earlier part must depend on something to its right."""
        groups: list[list[_Match]] = []
        for m in matches:
            if groups:
                g = groups[-1]
                last = g[-1]
                gap = doc[last.end:m.start]
                if len(gap) <= 3 and all(self._is_glue(t) for t in gap) \
                        and last.kind not in _PERSON_KINDS and self._modifies_right(doc, last, m.end):
                    g.append(m)
                    continue
            groups.append([m])
        return groups

    def _is_glue(self, t: Token) -> bool:
        if t.lower_ in self.glue:
            return True
        return t.dep_ in ("compound", "amod") and t.head.i > t.i and t.pos_ in ("PROPN", "ADJ", "NOUN")

    @staticmethod
    def _modifies_right(doc: Doc, m: _Match, end: int) -> bool:
        head = doc[m.end - 1]
        while head.dep_ == "conj" and head.head.i < head.i:  # "Hungarian and Romanian officials"
            head = head.head
        return m.end - 1 < head.head.i < end or head.dep_ in ("compound", "amod", "poss", "nmod")

    # ------------------------------------------------------------------ resolving
    @staticmethod
    def _sentence_index(doc: Doc) -> list[int]:
        idx = [0] * len(doc)
        for k, s in enumerate(doc.sents):
            for i in range(s.start, s.end):
                idx[i] = k
        return idx

    def _mention(self, doc: Doc, start: int, end: int, actor: Actor, rule: str) -> ActorMention:
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        # Span.text, not doc.text[s:e]: Doc.text rebuilds the whole article on every call
        return ActorMention(text=doc[start:end].text, start=s, end=e, tok_start=start, tok_end=end, actor=actor, rule=rule)

    def _resolve_group(self, doc: Doc, g: list[_Match], sent_of: list[int], st: _DocState,
                       out: list[ActorMention], *, phrase: bool) -> None:
        g = [m for m in g if id(m) not in st.consumed]
        if not g:
            return
        person = g[-1] if g[-1].kind in _PERSON_KINDS else None
        before = g[:-1] if person else g
        roles = [m for m in before if m.kind == "role"]
        owners = [m for m in before if m.kind in _OWNER_KINDS]
        role = roles[-1] if roles else None
        if len(roles) > 1 and role.role.key in self.needs_owner and roles[-2].role.role \
                and roles[-2].role.key not in self.needs_owner:
            # a generic head takes its modifier's role: "opposition groups", "rebel movement"
            prev = roles[-2]
            role = _Match(prev.start, role.end, "role", role=prev.role)
        owner = owners[0] if owners else None
        if owner is not None and role is not None and owner.start > role.start:
            owner = None if owner.kind in ("demonym",) else owner  # "President of ..." handled below
        of_owners: list[_Match] = []
        if role is not None and owner is None:
            of_owners = self._of_owners(doc, role, st)
        sent = sent_of[g[0].start]

        if person is not None:
            titled = role is not None and (owner is not None or of_owners) or \
                (owner is not None and owner.kind in ("org", "seat"))
            if titled:
                own = owner or of_owners[0]
                actor = self._titled_actor(own, role, self._person_name(doc, person))
                start = role.start if own in of_owners else min(own.start, role.start if role else own.start)
                for o in of_owners[:1]:
                    st.consumed.add(id(o))
                rule = self._rule(own)
                self._learn(actor, role.role.title if role else None, person, sent, st)
                out.append(self._mention(doc, self._with_glue(doc, start), person.end, actor, rule))
                return
            actor, rule = self._person_actor(doc, person, st)
            if actor is None and role is not None and role.role.role:
                actor = Actor(code=role.role.role, role=role.role.role, name=self._person_name(doc, person),
                              kind="person")
                rule = "role+person"
            for m in before:  # owners not read as titles are mentioned on their own
                if m.kind in _OWNER_KINDS:
                    self._resolve_owner(doc, m, sent, st, out, phrase=phrase)
            if actor is not None:
                title = role.role.title if role else self._kb_title(person, st.date)
                self._learn(actor, title, person, sent, st)
                start = role.start if role is not None else person.start
                out.append(self._mention(doc, self._with_glue(doc, start), person.end, actor, rule))
            return

        if role is not None:
            rspec = role.role
            if owner is None and of_owners:
                head = doc[role.end - 1]
                if head.tag_ in ("NNS", "NNPS") or len(of_owners) > 1:
                    for o in of_owners:  # "the leaders of Egypt and Iran": each state's government
                        st.consumed.add(id(o))
                        a = self._owner_actor(o)
                        actor = Actor(code=(a.country or a.code) + (rspec.role or ""), country=a.country,
                                      role=rspec.role or a.role, name=a.name, kind=a.kind)
                        out.append(self._mention(doc, o.start, o.end, actor, "role-of-country"))
                    return
                owner = of_owners[0]
                st.consumed.add(id(owner))
                end = owner.end
                start = role.start
            else:
                end = role.end
                start = g[0].start
            if owner is not None:
                oa = self._owner_actor(owner)
                known = self._coref_title(oa.country, rspec.title, doc[role.end - 1], st, sent) \
                    if rspec.title and owner.kind in ("country", "demonym") else None
                if known is not None:
                    actor, rule = known, "coref:title"
                elif owner.kind in ("org", "seat") or oa.kind in ("igo", "ngo", "group"):
                    actor, rule = oa, self._rule(owner)
                else:
                    code = (oa.country or "") + (rspec.role or "")
                    actor = Actor(code=code or oa.code, country=oa.country, role=rspec.role,
                                  name=None, kind="state")
                    rule = self._rule(owner)
                out.append(self._mention(doc, self._with_glue(doc, start), end, actor, rule))
                if actor.kind == "group":
                    st.last_group = actor
                return
            # a role noun with no owner
            head = doc[role.end - 1]
            det = any(c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det")
            if det and role.role.key in self.group_anaphors and st.last_group is not None:
                out.append(self._mention(doc, role.start, role.end, st.last_group, "coref:group"))
                return
            poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
            if poss and rspec.role:  # "accusing its authorities": the state named last
                near = [m for m in reversed(out) if m.actor.kind == "state" and m.actor.country
                        and sent_of[m.tok_start] >= sent - 1]
                # the subject of the clause first: "Vietnam withdrew its troops from Cambodia"
                subj = [m for m in near if doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")
                        and sent_of[m.tok_start] == sent]
                state = (subj or near or [None])[0]
                state = state.actor if state is not None else None
                if state is not None:
                    out.append(self._mention(doc, role.start, role.end,
                                             Actor(code=state.country + rspec.role, country=state.country,
                                                   role=rspec.role, kind="state"), "coref:its+role"))
                    return
            if det and rspec.title:
                known = self._coref_title(None, rspec.title, head, st, sent)
                if known is not None:
                    out.append(self._mention(doc, role.start, role.end, known, "coref:title"))
                    return
            his = [c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")]
            if his and rspec.role and st.recent is not None and sent - st.recent[2] <= 1:
                # "Nasrallah said his fighters ...": the body of the person named last
                p = st.recent[0]
                if p.country or p.code:
                    owner_code = p.country if p.country and p.kind == "person" and p.code.startswith(p.country) \
                        and p.role in (None, "GOV", "ELI", "MIL", "LEG") else None
                    if owner_code is not None:
                        actor = Actor(code=owner_code + rspec.role, country=owner_code, role=rspec.role, kind="state")
                    else:  # a group's leader: the group itself
                        actor = Actor(code=p.code, country=p.country, role=p.role, kind="group")
                    out.append(self._mention(doc, role.start, role.end, actor, "coref:his+role"))
                    return
            if det and rspec.role and rspec.role not in self.no_role_coref:
                prior = self._same_role(out, rspec.role, head, sent_of, sent)
                if prior is not None:  # "Turkish soldiers were killed ..., the army said"
                    out.append(self._mention(doc, role.start, role.end, prior, "coref:role"))
                    return
            if rspec.role and (head.tag_ != "NNP" or not head.text[:1].isupper() or self._bare_role(doc, role)):
                # a generic noun ("people", "companies") stays only if a place or possessive
                # after it names its country (decided in _context_countries)
                rule = "role:needs-owner" if role.role.key in self.needs_owner else "role"
                out.append(self._mention(doc, role.start, role.end,
                                         Actor(code=rspec.role, role=rspec.role, kind="group"), rule))
            # owners after the role in the same group stand alone
            for m in g:
                if m.kind in _OWNER_KINDS:
                    self._resolve_owner(doc, m, sent, st, out, phrase=phrase)
            return

        seat = g[-1]
        if len(g) >= 2 and seat.kind == "seat" and g[-2].kind in ("country", "demonym") \
                and doc[seat.start:seat.end].text.lower() in self.generic_seats:
            # "Brazil's Supreme Court", "the Nigerian Labour Congress": that state's body
            oa, sa = g[-2].entry.actor, seat.entry.actor
            for m in g[:-2]:
                self._resolve_owner(doc, m, sent, st, out, phrase=phrase)
            out.append(self._mention(doc, g[-2].start, seat.end,
                                     Actor(code=oa.country + (sa.role or ""), country=oa.country, role=sa.role,
                                           name=None, kind="state"), "owner+seat"))
            return
        if len(g) == 2 and g[0].kind == g[1].kind == "demonym" and doc[g[0].end - 1].head.i == g[1].end - 1 \
                and doc[g[1].end - 1].tag_ in ("NNS", "NNPS"):
            # "Bosnian Serbs", "Afghan Tajiks": a people coded by the state it lives in
            out.append(self._mention(doc, g[0].start, g[1].end, g[0].entry.actor, "demonym+people"))
            return
        for m in g:
            self._resolve_owner(doc, m, sent, st, out, phrase=phrase)

    def _bare_role(self, doc: Doc, role: _Match) -> bool:
        """A capitalised role phrase that is all role words ("the Defence Ministry said", "Riot
        Police fired"), not the tail of a name the vocabulary lacks ("the Socialist Party",
        "the Free Patriotic Movement"): a role like its lower-case spelling."""
        if role.role is None or role.role.key in self.needs_owner:
            return False
        prev = doc[role.start - 1] if role.start > 0 else None
        if prev is not None and prev.text[:1].isupper() and prev.pos_ in ("PROPN", "ADJ", "NOUN") \
                and not prev.is_sent_start:
            return False
        nxt = doc[role.end] if role.end < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() \
                and nxt.ent_type_ == "PERSON":
            return False  # a title before a name ("President Obama") is read with the name
        ent = self._ent_of(doc, role.end - 1)
        return ent is None or all(role.start <= t.i < role.end or t.lower_ == "the" for t in ent)

    @staticmethod
    def _several(head: Token) -> bool:
        """"the two leaders", "both governments", "leaders of the two Koreas": more than one
        state's body, which no single country fits."""
        def counted(t: Token) -> bool:  # "two", "both": a pair of sides, not a head count ("75 dissidents")
            return any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "both") for c in t.children)
        if counted(head):
            return True
        # "the leaders of the countries", "ministers from the member states": plural of plural
        plural = head.tag_ in ("NNS", "NNPS")
        return any(c.dep_ == "prep" and c.lower_ in ("of", "from") and any(
                       p.dep_ == "pobj" and (counted(p) or (plural and p.tag_ == "NNS")) for p in c.children)
                   for c in head.children)

    def _same_role(self, out: list[ActorMention], role: str, head: Token, sent_of: list[int],
                   sent: int) -> Actor | None:
        """The state body named last (this sentence or the two before) in the same role, for a
        definite role noun without an owner: "the military", "the government", "the ministry"."""
        if any(c.dep_ in ("amod", "compound") and c.i < head.i for c in head.children) or self._several(head):
            return None  # "the regional government", "the two leaders": another body, or several
        for m in reversed(out):
            if sent - sent_of[m.tok_start] > 2:
                break
            a = m.actor
            if a.role == role and a.country and a.kind in ("state", "person") \
                    and m.rule not in ("role", "role:needs-owner"):
                return Actor(code=a.country + role, country=a.country, role=role, kind="state")
        return None

    def _with_glue(self, doc: Doc, start: int) -> int:
        """Widen a span left over honorifics and title words that belong to it ("former", "Mr.")."""
        i = start
        while i > 0 and start - i < 3 and doc[i - 1].lower_ in self.glue and doc[i - 1].is_alpha \
                and doc[i - 1].head.i >= start:
            i -= 1
        return i

    def _of_owners(self, doc: Doc, role: _Match, st: _DocState) -> list[_Match]:
        """Owners named in an "of" complement: "the President of the Russian Federation"."""
        res: list[_Match] = []
        for t in doc[role.start:role.end]:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            for q in (p, *p.conjuncts):
                                m = st.owner_at.get(q.i)
                                if m is not None:
                                    res.append(m)
        return sorted(res, key=lambda m: m.start)

    def _owner_actor(self, m: _Match) -> Actor:
        return m.entry.actor

    @staticmethod
    def _rule(owner: _Match) -> str:
        return {"demonym": "demonym+role", "country": "country+role", "org": "org+role",
                "seat": "seat+role", "capital": "capital+role"}[owner.kind]

    def _titled_actor(self, owner: _Match, role: _Match | None, name: str) -> Actor:
        oa = owner.entry.actor
        if owner.kind in ("org", "seat") or oa.kind in ("igo", "ngo", "group") or role is None:
            r = oa.role
            code = oa.code
        else:
            r = role.role.role or "GOV"
            code = (oa.country or "") + r
        return Actor(code=code, country=oa.country, role=r, name=name, kind="person")

    def _person_name(self, doc: Doc, person: _Match) -> str:
        if person.entry is not None and person.entry.kind == "person" and len(person.entry.persons) == 1:
            return person.entry.persons[0].name
        text = person.text or doc[person.start:person.end].text
        return text

    def _person_actor(self, doc: Doc, person: _Match, st: _DocState) -> tuple[Actor | None, str]:
        text = doc[person.start:person.end].text.lower()
        if person.kind == "surname":
            known = st.by_surname.get(text)
            if known is not None:
                return known, "coref:surname"
            rec = self._pick(person.entry.persons, st.date)
            return self._kb_actor(rec, st.date), "person-kb"
        if person.kind == "person":
            rec = person.entry.persons[0]
            known = st.by_name.get(rec.name.lower())
            if known is not None:
                return known, "coref:name"
            return self._kb_actor(rec, st.date), "person-kb"
        known = st.by_name.get(text) or st.by_surname.get(text.split()[-1])
        if known is not None and (known.name or "").lower().split()[-1] == text.split()[-1]:
            return known, "coref:surname"
        return None, ""

    @staticmethod
    def _active(rec: PersonRecord, date: dt.date | None):
        if date is None:
            return max(rec.roles, key=lambda r: r[3])
        live = [r for r in rec.roles if r[3] <= date and (r[4] is None or date < r[4])]
        return max(live, key=lambda r: r[3]) if live else None

    def _pick(self, recs: tuple[PersonRecord, ...], date: dt.date | None) -> PersonRecord:
        """Among people sharing a surname: the one in office on the date, else the one
        whose last office began most recently before the date (or at all, undated)."""
        if len(recs) == 1:
            return recs[0]
        if date is not None:
            live = [r for r in recs if self._active(r, date) is not None]
            if live:
                return live[0]
        limit = date or dt.date.max
        return max(recs, key=lambda r: max((x[3] for x in r.roles if x[3] <= limit), default=dt.date.min))

    def role_on(self, rec: PersonRecord, date: dt.date | None) -> tuple[str, str, str | None]:
        """(owner, role, title) of a person on a date. Out of office: the nearest role's
        owner with role ELI (a former or future office holder counts as a national elite)."""
        return ActorResolver.role_on_record(rec, date)

    @staticmethod
    def role_on_record(rec: PersonRecord, date: dt.date | None) -> tuple[str, str, str | None]:
        """`role_on` without a resolver (the KB alone decides)."""
        r = ActorResolver._active(rec, date)
        if r is not None:
            return r[0], r[1], r[2]
        nearest = min(rec.roles, key=lambda x: min(abs((date - x[3]).days),
                                                   abs((date - (x[4] or dt.date.max)).days)))
        return nearest[0], "ELI", None

    def _kb_actor(self, rec: PersonRecord, date: dt.date | None) -> Actor:
        owner, role, _title = self.role_on(rec, date)
        if owner in self.lex.country_names:
            return Actor(code=owner + role, country=owner, role=role, name=rec.name, kind="person")
        if role == "ELI":
            return Actor(code="ELI", country=None, role="ELI", name=rec.name, kind="person")
        return Actor(code=owner, country=None, role=role, name=rec.name, kind="person")

    def _kb_title(self, person: _Match, date: dt.date | None) -> str | None:
        if person.entry is None or not person.entry.persons:
            return None
        rec = self._pick(person.entry.persons, date)
        return self.lex.title_class(self.role_on(rec, date)[2])

    def _learn(self, actor: Actor, title: str | None, person: _Match, sent: int, st: _DocState) -> None:
        """Register a person so later surnames, titles and pronouns find them."""
        if not actor.name:
            return
        cls = title
        words = actor.name.lower().split()
        st.by_name[actor.name.lower()] = actor
        st.by_surname[words[-1]] = actor
        if person.entry is not None and person.entry.kind == "person" and person.entry.persons:
            if self._aliases_of is None:  # every written form of each KB person, built once
                self._aliases_of = {}
                for alias, rec in self.lex.person_by_name.items():
                    self._aliases_of.setdefault(id(rec), []).append(alias)
            for alias in self._aliases_of.get(id(person.entry.persons[0]), ()):
                st.by_name[alias] = actor
        st.people.append(_Known(actor, cls, person.start, sent))

    def _coref_title(self, country: str | None, title: str, head: Token, st: _DocState, sent: int) -> Actor | None:
        """"The Russian president" -> the Russian president the text named before."""
        if head.tag_ in ("NNS", "NNPS"):
            return None
        for k in reversed(st.people):
            a = k.actor
            if country is not None and a.country != country:
                continue
            if country is None and sent - k.sent > 3:
                continue
            if k.title == title or (title == "leader" and k.title in _HEAD_CLASSES) \
                    or (k.title == "leader" and title in _HEAD_CLASSES):
                return a
        return None

    def _resolve_owner(self, doc: Doc, m: _Match, sent: int, st: _DocState, out: list[ActorMention],
                       *, phrase: bool) -> None:
        a = m.entry.actor
        head = doc[m.end - 1]
        place = self._is_place(head)
        if m.kind == "country":
            out.append(self._mention(doc, m.start, m.end, a, "country-place" if place else "country-name"))
        elif m.kind == "demonym":
            if head.dep_ in ("amod", "compound", "nmod") and head.head.lemma_.lower() in self.place_nouns:
                # "the Vietnamese capital", "Indonesian waters": a place, a target at most
                out.append(self._mention(doc, m.start, m.end, a, "demonym-place"))
            elif head.dep_ in ("amod", "compound", "nmod") or head.pos_ == "ADJ":
                out.append(self._mention(doc, m.start, m.end, a, "demonym-modifier"))
            else:
                out.append(self._mention(doc, m.start, m.end, a, "demonym-people"))
        elif m.kind == "capital":
            if phrase or self._capital_is_actor(head):
                out.append(self._mention(doc, m.start, m.end, a, "capital-metonymy"))
            elif self.capital_places:
                # "a trip to Beijing", "a demand on Seoul": a place, which may be an event's target
                out.append(self._mention(doc, m.start, m.end, a, "capital-place"))
        elif m.kind == "seat":
            out.append(self._mention(doc, m.start, m.end, a, "seat-place" if place else "seat-metonymy"))
        elif m.kind == "org":
            out.append(self._mention(doc, m.start, m.end, a, "org"))
            if a.kind == "group":
                st.last_group = a

    def _is_place(self, t: Token) -> bool:
        while t.dep_ in ("conj", "appos") and t.head is not t:
            t = t.head
        if t.dep_ != "pobj":
            return False
        if t.head.lower_ in self.place_preps:
            return True
        # "in the town of Bucha", "near the city of Axum": a place named by its kind first
        h = t.head.head
        return t.head.lower_ == "of" and h.lemma_.lower() in self.place_nouns and h is not t and self._is_place(h)

    def _capital_is_actor(self, t: Token) -> bool:
        while t.dep_ == "conj" and t.head is not t:
            t = t.head
        if t.dep_ in self.capital_deps:
            return t.dep_ != "dobj" or t.head.lemma_.lower() not in self.motion_heads  # "left Moscow"
        if t.dep_ == "pobj" and t.head.lower_ in self.capital_preps:
            # "a trip to Beijing", "flew to Kabul": a destination, not the government
            return not (t.head.lower_ == "to" and t.head.head.lemma_.lower() in self.motion_heads)
        return False

    def _free_token(self, doc: Doc, i: int, sent_of: list[int], st: _DocState, out: list[ActorMention]) -> None:
        t = doc[i]
        if t.lower_ not in self.pronouns:
            known = st.by_surname.get(t.lower_)
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            prev = doc[i - 1] if i > 0 else None
            if known is not None and not (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()) \
                    and not (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper()
                             and prev.lower_ not in self.glue):
                out.append(self._mention(doc, self._with_glue(doc, i), i + 1, known, "coref:surname"))
            return
        if st.recent is None:
            return
        actor, tok, sent = st.recent
        if tok < i and sent_of[i] - sent <= 1:
            out.append(self._mention(doc, i, i + 1, actor, "pronoun"))


@dataclass
class _DocState:
    date: dt.date | None
    last_group: Actor | None = None
    recent: tuple[Actor, int, int] | None = None  # last named person: actor, token, sentence

    def __post_init__(self) -> None:
        self.by_name: dict[str, Actor] = {}
        self.by_surname: dict[str, Actor] = {}
        self.people: list[_Known] = []
        self.owner_at: dict[int, _Match] = {}
        self.consumed: set[int] = set()
