"""Merge event mentions (one per article sentence) into real-world events.

Why: three outlets reporting one phone call give three `Event`s; analysts want one event
with three mentions, three articles and three sources. Merging must never join two
different events (two air strikes in two cities), so every rule is a hard constraint and
a cluster only grows when *all* its members stay compatible (no chaining through a
vague mention: an undated-place strike cannot glue Kharkiv and Odesa together).

Rules (defaults in data/rules.yaml, loaded by `MergeRules.load`). Two mentions may merge
only when all hold:
- family: the same family of CAMEO roots (`families`), and the same root if
  `require_same_root`; the same modality if `require_same_modality`;
- actors (`require_compatible_actors`): per role, the same actor code, or the same country
  with the role missing on one side ("RUS" ~ "RUSGOV"; "RUSGOV" !~ "RUSMIL"); a missing
  actor only matches a missing actor; if either event is symmetric the dyad may also be
  reversed (A consults B == B consults A). At least one actor must be present;
- dates: both within `window_days` of each other. An undated mention takes its article's
  date when `article_dates` is given, else it only merges with other undated mentions;
- places (`require_compatible_place`): either missing, the same name (and country), one a
  country-level place containing the other, or both within `max_place_km` (haversine).
  Different places without coordinates are not merged.
Within a cluster every pair must satisfy these (complete linkage), so a merged event spans
at most `window_days` and at most `max_place_km`.

Algorithm: mentions are sorted by content (date, event_id, article_id), bucketed into
blocks keyed by (family, root, modality, unordered country pair), candidate pairs come
from a date-sorted sliding window inside a block, pairs are taken best-first (same code,
same day, same place, same codes) and joined by union-find when the two clusters stay
compatible. Everything depends on content only, never input order, so the clusters and
`merged_id`s are the same however the input is shuffled.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from herald.records import Actor, Event, Location, content_hash

__all__ = ["MergeRules", "MergedEvent", "merge_block", "merge_events"]

_RULES_PATH = Path(__file__).with_name("data") / "rules.yaml"
_NO_DATE = 10**9  # sorts undated mentions last


def _default_families() -> dict[str, str]:
    return dict(yaml.safe_load(_RULES_PATH.read_text(encoding="utf-8"))["families"])


@dataclass(frozen=True)
class MergeRules:
    """The merging constraints; `MergeRules.load()` reads the defaults from data/rules.yaml."""

    window_days: int = 1
    require_same_root: bool = True
    families: dict[str, str] = field(default_factory=_default_families)
    require_compatible_actors: bool = True
    require_compatible_place: bool = True
    max_place_km: float = 50.0
    require_same_modality: bool = True
    # how far (days) around new mentions a store re-clusters existing ones (Store.remerge)
    remerge_margin_days: int = 7

    @classmethod
    def load(cls, path: str | Path | None = None) -> MergeRules:
        data = yaml.safe_load(Path(path or _RULES_PATH).read_text(encoding="utf-8")) or {}
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown merge rule(s) {sorted(unknown)} in {path or _RULES_PATH}")
        if "families" in data:
            data["families"] = {str(k).zfill(2): str(v) for k, v in data["families"].items()}
        return cls(**data)

    def family(self, root: str) -> str:
        return self.families.get(root, root)


@dataclass(frozen=True)
class MergedEvent:
    """One real-world event and the mentions that report it."""

    merged_id: str
    cameo: str
    cameo_root: str
    plover: str
    quad_class: int
    goldstein: float
    source_code: str | None
    source_country: str | None
    target_code: str | None
    target_country: str | None
    date: _dt.date | None
    location: Location | None
    num_mentions: int
    num_articles: int
    num_sources: int
    first_seen: _dt.date | None
    last_seen: _dt.date | None
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    symmetric: bool
    modality: str
    confidence: float

    def as_output(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for k in ("date", "first_seen", "last_seen"):
            d[k] = d[k].isoformat() if d[k] else None
        d["location"] = self.location.as_output() if self.location else None
        d["mention_ids"], d["article_ids"] = list(self.mention_ids), list(self.article_ids)
        return d


# -- pairwise predicates -----------------------------------------------------------------

ActorKey = tuple[str, str | None, str | None]  # (code, country, role)


def _actor_key(a: Actor | None) -> ActorKey | None:
    if a is None:
        return None
    role = a.role
    if role is None and a.country and a.code.startswith(a.country) and len(a.code) > len(a.country):
        role = a.code[len(a.country):]
    return (a.code, a.country, role or None)


def _actor_ok(a: ActorKey | None, b: ActorKey | None) -> bool:
    if a is None or b is None:
        return a is b
    if a[0] == b[0]:
        return True
    return bool(a[1]) and a[1] == b[1] and (a[2] is None or b[2] is None)


def _dyad_ok(d: tuple, e: tuple) -> bool:
    """d, e = (source key, target key, symmetric)."""
    if _actor_ok(d[0], e[0]) and _actor_ok(d[1], e[1]):
        return True
    return (d[2] or e[2]) and _actor_ok(d[0], e[1]) and _actor_ok(d[1], e[0])


def _km(p: Location, q: Location) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (p.lat, p.lon, q.lat, q.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _place_ok(p: Location | None, q: Location | None, max_km: float) -> bool:
    if p is None or q is None or p == q:
        return True
    if p.name.casefold() == q.name.casefold() and (not p.country or not q.country or p.country == q.country):
        return True
    for big, small in ((p, q), (q, p)):
        if big.feature == "country" and big.country and big.country == small.country:
            return True
    if None not in (p.lat, p.lon, q.lat, q.lon):
        return _km(p, q) <= max_km
    return False


# -- clustering --------------------------------------------------------------------------

@dataclass
class _Cluster:
    lo: int
    hi: int
    dyads: set
    places: set
    size: int = 1


class _Merger:
    def __init__(self, events: Sequence[Event], rules: MergeRules,
                 article_dates: Mapping[str, _dt.date] | None) -> None:
        self.rules = rules
        dated = []
        for ev in events:
            d = ev.date or (article_dates.get(ev.article_id) if article_dates else None)
            dated.append((d.toordinal() if d else _NO_DATE, ev.event_id, ev.article_id, ev.cameo, ev))
        dated.sort(key=lambda t: t[:4])
        # content order: rare ties on (date, event_id, article_id, cameo) are broken by the
        # whole record's repr, so not even they depend on the input order
        k = 0
        while k < len(dated):
            e = k + 1
            while e < len(dated) and dated[e][:4] == dated[k][:4]:
                e += 1
            if e - k > 1:
                dated[k:e] = sorted(dated[k:e], key=lambda t: repr(t[4]))
            k = e
        self.events = [t[4] for t in dated]
        self.day = [t[0] for t in dated]
        self.dyad = [(_actor_key(e.source.actor if e.source else None),
                      _actor_key(e.target.actor if e.target else None), e.symmetric) for e in self.events]

    def block_key(self, i: int) -> tuple:
        return merge_block(self.events[i], self.rules)

    def pair_ok(self, i: int, j: int) -> bool:
        r = self.rules
        di, dj = self.day[i], self.day[j]
        if (di == _NO_DATE) != (dj == _NO_DATE) or (di != _NO_DATE and abs(di - dj) > r.window_days):
            return False
        if r.require_compatible_actors:
            if self.dyad[i][:2] == (None, None) or not _dyad_ok(self.dyad[i], self.dyad[j]):
                return False
        if r.require_compatible_place and not _place_ok(self.events[i].location,
                                                       self.events[j].location, r.max_place_km):
            return False
        return True

    def score(self, i: int, j: int) -> int:
        a, b = self.events[i], self.events[j]
        return (2 * (a.cameo == b.cameo) + (self.day[i] == self.day[j])
                + (a.location == b.location) + (self.dyad[i][:2] == self.dyad[j][:2]))

    def clusters(self) -> list[list[int]]:
        n = len(self.events)
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i in range(n):
            blocks[self.block_key(i)].append(i)
        parent = list(range(n))
        info = [_Cluster(self.day[i], self.day[i], {self.dyad[i]}, {self.events[i].location} - {None})
                for i in range(n)]

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        w = self.rules.window_days
        for members in blocks.values():  # members are in content order already
            if len(members) < 2:
                continue
            members = self._fold_twins(members, find, parent, info)
            pairs = []
            for a, i in enumerate(members):
                for j in members[a + 1:]:
                    if self.day[j] - self.day[i] > w and self.day[i] != _NO_DATE:
                        break  # date-sorted: nothing later is in the window
                    if self.pair_ok(i, j):
                        pairs.append((-self.score(i, j), i, j))
            pairs.sort()
            for _, i, j in pairs:
                ri, rj = find(i), find(j)
                if ri != rj and self.joinable(info[ri], info[rj]):
                    if info[ri].size < info[rj].size or (info[ri].size == info[rj].size and rj < ri):
                        ri, rj = rj, ri
                    parent[rj] = ri
                    a, b = info[ri], info[rj]
                    a.lo, a.hi, a.size = min(a.lo, b.lo), max(a.hi, b.hi), a.size + b.size
                    a.dyads |= b.dyads
                    a.places |= b.places
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        return sorted(groups.values())

    def _fold_twins(self, members: list[int], find, parent: list[int], info: list[_Cluster]) -> list[int]:
        """Join mentions identical in everything pairing looks at (day, code, place, dyad) and
        keep the first of each such group for pairing. Exact, and the cure for quadratic time
        when a story repeats verbatim: twins are the only pairs of top score, so they would be
        joined first anyway; any later pair between two groups is decided like the group's
        first pair (same score, same test), and clusters only grow, so a refused pair stays
        refused."""
        firsts: dict[tuple, int] = {}
        kept: list[int] = []
        for i in members:
            key = (self.day[i], self.events[i].cameo, self.events[i].location, self.dyad[i])
            j = firsts.get(key)
            if j is None or not self.pair_ok(j, i):
                if j is None:
                    firsts[key] = i
                kept.append(i)
                continue
            rj = find(j)
            parent[i] = rj
            a = info[rj]
            a.size += 1
        return kept

    def joinable(self, a: _Cluster, b: _Cluster) -> bool:
        r = self.rules
        if a.lo != _NO_DATE and max(a.hi, b.hi) - min(a.lo, b.lo) > r.window_days:
            return False
        if r.require_compatible_actors and not all(
                _dyad_ok(x, y) for x in a.dyads for y in b.dyads if x != y):
            return False
        if r.require_compatible_place and not all(
                _place_ok(p, q, r.max_place_km) for p in a.places for q in b.places if p != q):
            return False
        return True


def merge_block(event: Event, rules: MergeRules) -> tuple:
    """The block a mention falls in. Mentions of different blocks never merge, and inside a
    block two mentions more than `window_days` apart never pair, so a store can re-merge only
    the blocks (and the date-connected runs inside them) that new mentions touch and get the
    clusters a full re-merge would give."""
    key: tuple = (rules.family(event.cameo_root), event.cameo_root if rules.require_same_root else "",
                  event.modality if rules.require_same_modality else "")
    if rules.require_compatible_actors:
        s = _actor_key(event.source.actor if event.source else None)
        t = _actor_key(event.target.actor if event.target else None)
        cs = (s[1] or s[0]) if s else ""
        ct = (t[1] or t[0]) if t else ""
        key += (min(cs, ct), max(cs, ct))
    return key


# -- summarising a cluster -----------------------------------------------------------------

def _generic(code: str) -> str:
    """"190" -> "19": a code ending in 0 means "not specified below" its parent."""
    while len(code) > 2 and code.endswith("0"):
        code = code[:-1]
    return code


def _pick_cameo(codes: list[str]) -> str:
    """The most specific code backed by a strict majority (a mention of 195 backs 19x)."""
    root = min(Counter(c[:2] for c in codes).items(), key=lambda kv: (-kv[1], kv[0]))[0]
    codes = [c for c in codes if c[:2] == root]
    gens = [_generic(c) for c in codes]
    backed = []
    for c in sorted(set(codes)):
        g = _generic(c)
        support = sum(x.startswith(g) for x in gens)
        if 2 * support > len(codes):
            backed.append((-len(g), -support, c))
    if backed:
        return min(backed)[2]
    counts = Counter(codes)
    return min(set(codes), key=lambda c: (len(_generic(c)), -counts[c], c))


def _pick_actor(actors: list[Actor | None]) -> Actor | None:
    present = [a for a in actors if a is not None]
    if not present:
        return None
    counts = Counter(a.code for a in present)
    best = min(counts, key=lambda c: (_actor_key(next(a for a in present if a.code == c))[2] is None,
                                      -counts[c], c))
    return next(a for a in present if a.code == best)


_PRECISION = {"city": 4, "territory": 2, "region": 2, "country": 1}


def _pick_place(places: list[Location | None]) -> Location | None:
    present = [p for p in places if p is not None]
    if not present:
        return None

    def precision(p: Location) -> int:
        return _PRECISION.get(p.feature or "", 3 if p.lat is not None else 2)

    counts = Counter((p.name.casefold(), p.country) for p in present)
    return min(present, key=lambda p: (-precision(p), -counts[(p.name.casefold(), p.country)], p.name))


def _summarise(m: _Merger, idx: list[int], outlets: Mapping[str, str] | None,
               article_dates: Mapping[str, _dt.date] | None) -> MergedEvent:
    evs = [m.events[i] for i in idx]  # content order: evs[0] is the earliest mention
    anchor = evs[0]
    sym = any(e.symmetric for e in evs)
    sources, targets = [], []
    a0 = m.dyad[idx[0]]
    for i, e in zip(idx, evs):
        s, t = (e.source.actor if e.source else None), (e.target.actor if e.target else None)
        d = m.dyad[i]
        if sym and not (_actor_ok(a0[0], d[0]) and _actor_ok(a0[1], d[1])) \
                and _actor_ok(a0[0], d[1]) and _actor_ok(a0[1], d[0]):
            s, t = t, s  # a reversed report of a symmetric event
        sources.append(s)
        targets.append(t)
    if len(evs) == 1:  # most clusters: skip the votes
        src, tgt, cameo = sources[0], targets[0], anchor.cameo
    else:
        src, tgt = _pick_actor(sources), _pick_actor(targets)
        cameo = _pick_cameo([e.cameo for e in evs])
    typed = next(e for e in evs if e.cameo == cameo)
    days = [m.day[i] for i in idx if m.day[i] != _NO_DATE]
    seen = []
    for i, e in zip(idx, evs):
        pub = article_dates.get(e.article_id) if article_dates else None
        if pub is not None:
            seen.append(pub.toordinal())
        elif m.day[i] != _NO_DATE:
            seen.append(m.day[i])
    articles = sorted({e.article_id for e in evs})
    sources_n = {(outlets.get(a) if outlets else None) or f"article:{a}" for a in articles}
    return MergedEvent(
        merged_id="M" + content_hash(f"{anchor.article_id}\x1f{anchor.event_id}"),
        cameo=cameo, cameo_root=cameo[:2], plover=typed.plover, quad_class=typed.quad_class,
        goldstein=typed.goldstein,
        source_code=src.code if src else None, source_country=src.country if src else None,
        target_code=tgt.code if tgt else None, target_country=tgt.country if tgt else None,
        date=_dt.date.fromordinal(min(days)) if days else None,
        location=anchor.location if len(evs) == 1 else _pick_place([e.location for e in evs]),
        num_mentions=len(evs), num_articles=len(articles), num_sources=len(sources_n),
        first_seen=_dt.date.fromordinal(min(seen)) if seen else None,
        last_seen=_dt.date.fromordinal(max(seen)) if seen else None,
        mention_ids=tuple(e.event_id for e in evs), article_ids=tuple(articles), symmetric=sym,
        modality=anchor.modality, confidence=max(e.confidence for e in evs),
    )


def merge_events(events: Sequence[Event], *, rules: MergeRules | None = None,
                 outlets: Mapping[str, str] | None = None,
                 article_dates: Mapping[str, _dt.date] | None = None) -> list[MergedEvent]:
    """Cluster mentions into events. `outlets` maps article_id -> outlet (for num_sources;
    an article with no known outlet counts as its own source); `article_dates` maps
    article_id -> publication date (dates undated mentions; first_seen/last_seen).
    Returned in content order (earliest first); independent of the input order."""
    m = _Merger(events, rules or MergeRules.load(), article_dates)
    return [_summarise(m, idx, outlets, article_dates) for idx in m.clusters()]
