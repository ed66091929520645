"""Read queries behind the HTTP API: filters, pages, aggregates, one event with its evidence.

Every value reaches SQL as a bound `?` parameter; the only text formatted into SQL comes from
the constants and whitelists in this module (table names, sort orders, date_trunc units). The
SQL is the subset DuckDB and PostgreSQL share, so the same functions serve both backends.
Input is validated here (not only in the HTTP layer) so a caller gets a `ValueError` naming the
bad parameter instead of a database error.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

from herald.store.rows import EVENT_OUTPUT_COLUMNS, event_output

__all__ = ["ACTOR_SQL", "CUBE_SQL", "Filters", "INTERVALS", "MAX_LIMIT", "SORTS", "actors", "article", "articles", "event_detail",
           "events_page", "mention", "network", "places", "series"]

MAX_LIMIT = 1000
MAX_PLACES = 5000
MAX_PERIODS = 20_000
MAX_ALIASES = 20
INTERVALS = {"day": "day", "week": "week", "month": "month"}
# sort key -> (leading column, descending?); ties are broken by the row's id
SORTS = {"date": ("date", False), "-date": ("date", True), "goldstein": ("goldstein", False),
         "-goldstein": ("goldstein", True), "mentions": ("num_mentions", False), "-mentions": ("num_mentions", True)}

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
_PLOVER = re.compile(r"^[A-Z_]{2,32}$")
_MAX_TEXT = 200


class Reader(Protocol):
    backend: str

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...


def _binary(store: Reader) -> str:
    return ' COLLATE "C"' if store.backend == "postgres" else ""


def _text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > _MAX_TEXT:
        raise ValueError(f"{name} is longer than {_MAX_TEXT} characters")
    return value


def _upper(value: str | None, name: str, pattern: re.Pattern, what: str) -> str | None:
    value = _text(value, name)
    if value is None:
        return None
    value = value.upper()
    if not pattern.match(value):
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return value


@dataclass(frozen=True)
class Filters:
    """The filters shared by events, series, network and places (docs/API_CONTRACT.md)."""

    start: _dt.date | None = None
    end: _dt.date | None = None
    actor: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    dyad: tuple[str, str] | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    place: str | None = None
    min_mentions: int | None = None

    @classmethod
    def parse(cls, *, start=None, end=None, actor=None, country=None, source_country=None, target_country=None,
              dyad=None, cameo_root=None, plover=None, quad_class=None, place=None, min_mentions=None) -> Filters:
        """Validate raw parameters; a `ValueError` names the first bad one."""
        def day(v, name):
            if v is None or isinstance(v, _dt.date):
                return v
            try:
                return _dt.date.fromisoformat(str(v).strip())
            except ValueError:
                raise ValueError(f"{name} must be a date YYYY-MM-DD, got {v!r}") from None
        start, end = day(start, "start"), day(end, "end")
        if start and end and start > end:
            raise ValueError(f"start {start} is after end {end}")
        pair = None
        dyad = _text(dyad, "dyad")
        if dyad is not None:
            parts = [p.strip().upper() for p in re.split(r"[-,:]", dyad)]
            if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
                raise ValueError(f"dyad must be two country codes or actor code prefixes like RUS-ISR, got {dyad!r}")
            pair = (parts[0], parts[1])
        root = _text(cameo_root, "cameo_root")
        if root is not None:
            if not root.isdigit() or not 1 <= int(root) <= 20 or len(root) > 2:
                raise ValueError(f"cameo_root must be a CAMEO root 01..20, got {root!r}")
            root = f"{int(root):02d}"
        if quad_class is not None and not 1 <= int(quad_class) <= 4:
            raise ValueError(f"quad_class must be 1..4, got {quad_class!r}")
        if min_mentions is not None and int(min_mentions) < 0:
            raise ValueError("min_mentions must be >= 0")
        return cls(start=start, end=end, actor=_text(actor, "actor"),
                   country=_upper(country, "country", _COUNTRY, "an ISO alpha-3 country code"),
                   source_country=_upper(source_country, "source_country", _COUNTRY, "an ISO alpha-3 country code"),
                   target_country=_upper(target_country, "target_country", _COUNTRY, "an ISO alpha-3 country code"),
                   dyad=pair, cameo_root=root,
                   plover=_upper(plover, "plover", _PLOVER, "a PLOVER type such as ASSAULT"),
                   quad_class=None if quad_class is None else int(quad_class), place=_text(place, "place"),
                   min_mentions=None if min_mentions is None else int(min_mentions))

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def where(self, *, merged: bool) -> tuple[str, list[Any]]:
        """WHERE clause over `merged_events` (merged) or `events` (mentions); both share these columns."""
        c: list[str] = []
        p: list[Any] = []
        if self.start is not None:
            c.append("date >= ?")
            p.append(self.start)
        if self.end is not None:
            c.append("date <= ?")
            p.append(self.end)
        if self.actor is not None:
            a = self.actor
            by_name = ("SELECT actor_id FROM actors WHERE starts_with(upper(code), ?) "
                       "OR strpos(lower(name), ?) > 0")
            if merged:
                # merged rows keep codes only: names are matched on their mentions
                c.append(f"(starts_with(upper(source_code), ?) OR starts_with(upper(target_code), ?) OR merged_id IN "
                         f"(SELECT mm.merged_id FROM merged_event_mentions mm JOIN events e ON e.event_id = mm.event_id "
                         f"WHERE e.source_actor_id IN ({by_name}) OR e.target_actor_id IN ({by_name})))")
                p += [a.upper(), a.upper(), a.upper(), a.lower(), a.upper(), a.lower()]
            else:
                c.append(f"(source_actor_id IN ({by_name}) OR target_actor_id IN ({by_name}))")
                p += [a.upper(), a.lower(), a.upper(), a.lower()]
        if self.country is not None:
            c.append("(source_country = ? OR target_country = ?)")
            p += [self.country, self.country]
        if self.source_country is not None:
            c.append("source_country = ?")
            p.append(self.source_country)
        if self.target_country is not None:
            c.append("target_country = ?")
            p.append(self.target_country)
        if self.dyad is not None:
            x, y = self.dyad
            side = "({s}_country = ? OR starts_with({s}_code, ?))"
            both = f"({side.format(s='source')} AND {side.format(s='target')})"
            c.append(f"({both} OR {both})")
            p += [x, x, y, y, y, y, x, x]
        if self.cameo_root is not None:
            c.append("cameo_root = ?")
            p.append(self.cameo_root)
        if self.plover is not None:
            c.append("upper(plover) = ?")
            p.append(self.plover)
        if self.quad_class is not None:
            c.append("quad_class = ?")
            p.append(self.quad_class)
        if self.place is not None:
            c.append("(strpos(lower(location_name), ?) > 0 OR location_country = ?)")
            p += [self.place.lower(), self.place.upper()]
        if self.min_mentions is not None and merged:
            c.append("num_mentions >= ?")
            p.append(self.min_mentions)
        return (" WHERE " + " AND ".join(c)) if c else "", p


def _page(limit: int, offset: int, cap: int = MAX_LIMIT) -> tuple[int, int]:
    limit, offset = int(limit), int(offset)
    if not 1 <= limit <= cap:
        raise ValueError(f"limit must be between 1 and {cap}")
    if offset < 0:
        raise ValueError("offset must be >= 0")
    return limit, offset


def _iso(d: Any) -> str | None:
    if d is None:
        return None
    if isinstance(d, _dt.datetime):
        d = d.date()
    return d.isoformat()


_MERGED_COLUMNS = ("merged_id", "date", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "modality",
                   "symmetric", "source_code", "source_country", "target_code", "target_country", "location_name",
                   "location_country", "location_lat", "location_lon", "num_mentions", "num_articles", "num_sources",
                   "first_seen", "last_seen", "confidence")
_MERGED_SELECT = ", ".join(f'"{c}"' for c in _MERGED_COLUMNS)


def _merged_out(r: Sequence[Any]) -> dict[str, Any]:
    d = dict(zip(_MERGED_COLUMNS, r))
    name, country, lat, lon = (d.pop(k) for k in ("location_name", "location_country", "location_lat",
                                                     "location_lon"))
    d["location"] = {"name": name, "country": country, "lat": lat, "lon": lon} if name is not None else None
    for k in ("date", "first_seen", "last_seen"):
        d[k] = _iso(d[k])
    d["quad_class"] = int(d["quad_class"])
    d["symmetric"] = bool(d["symmetric"])
    d["confidence"] = round(float(d["confidence"]), 3)
    return d


def events_page(store: Reader, filters: Filters, *, merged: bool = True, limit: int = 100, offset: int = 0,
                sort: str = "date", cube: Any = None) -> dict[str, Any]:
    """One page of merged events (or event mentions) and the total matching the filters."""
    limit, offset = _page(limit, offset)
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    if not merged and sort.lstrip("-") == "mentions":
        raise ValueError("sort=mentions needs merged=true")
    where, params = filters.where(merged=merged)
    table = "merged_events" if merged else "events"
    src, counted, m = _source(store, filters, merged, cube)
    total = src.fetch(f"SELECT coalesce({m.n}, 0) FROM {counted}{where}", params)[0][0]
    if total <= offset:
        return {"total": int(total), "limit": limit, "offset": offset, "items": []}
    key = "merged_id" if merged else "event_id"
    col, desc = SORTS[sort]
    direction = " DESC" if desc else ""
    order = f"{col}{direction} NULLS LAST, {key}{_binary(store)}"
    # Sorting a million rows by (column, text id) is slow; by the column alone it is fast. The
    # page's last row has some column value v; every row on or before the page has a value on
    # v's side of the order, so filtering to those first gives exactly the same page. For a date
    # order the cube's per-day counts find v without touching the events.
    cut = None
    if col == "date" and src is not store:
        seen = 0
        for day, n in src.fetch(f"SELECT date, {m.n} FROM cube{where} GROUP BY date "
                                f"ORDER BY date{direction} NULLS LAST", params):
            seen += int(n)
            if seen >= offset + limit:
                cut = day
                break
    else:
        found = store.fetch(f"SELECT {col} FROM {table}{where} ORDER BY {col}{direction} NULLS LAST "
                            "LIMIT 1 OFFSET ?", [*params, offset + limit - 1])
        cut = found[0][0] if found else None
    narrow, extra = where, []
    if cut is not None:
        op = ">=" if desc else "<="
        narrow = f"{where} AND {col} {op} ?" if where else f" WHERE {col} {op} ?"
        extra = [cut]
    if merged:
        cols, out = _MERGED_SELECT, _merged_out
    else:
        cols, out = ", ".join(f'"{c}"' for c in EVENT_OUTPUT_COLUMNS), event_output
    items = [out(r) for r in store.fetch(f"SELECT {cols} FROM {table}{narrow} ORDER BY {order} LIMIT ? OFFSET ?",
                                         [*params, *extra, limit, offset])]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


# a mention with the offsets the dashboard needs to highlight spans, and its article
_MENTION_EXTRA = ("source_start", "source_end", "target_start", "target_end", "trigger_start", "trigger_end")
_MENTION_SELECT = ", ".join(f'"{c}"' for c in (*EVENT_OUTPUT_COLUMNS, *_MENTION_EXTRA))


def _placeholders(n: int) -> str:
    return "IN (" + ", ".join(["?"] * n) + ")" if n else "IN (NULL)"


def _by_key(store: Reader, select: str, key: str, ids: Sequence[str]) -> list[tuple]:
    """Rows for a few keys: one `key = ?` lookup each (a min/max-pruned read), or one IN list for many."""
    if len(ids) > 32:
        return store.fetch(f"{select} WHERE {key} {_placeholders(len(ids))}", list(ids))
    return [r for i in ids for r in store.fetch(f"{select} WHERE {key} = ?", [i])]


def _mentions(store: Reader, where: str, params: Sequence[Any], *, merged_id: str | None = None
              ) -> list[dict[str, Any]]:
    """Mentions (output shape + offsets + article + merged id). Each table is read by key
    rather than joined, so one event costs a few index lookups, not a scan of the store."""
    b = _binary(store)
    rows = store.fetch(f"SELECT {_MENTION_SELECT} FROM events WHERE {where} "
                       f"ORDER BY date NULLS LAST, article_id{b}, evidence_start, trigger_start, event_id{b}", params)
    if not rows:
        return []
    n = len(EVENT_OUTPUT_COLUMNS)
    art_ids = sorted({r[0] for r in rows})
    arts = {r[0]: r[1:] for r in _by_key(store, "SELECT id, title, outlet, url, date FROM articles", "id", art_ids)}
    if merged_id is not None:  # the caller knows: every one of them belongs to it
        merged = {r[1]: merged_id for r in rows}
    else:
        merged = dict(_by_key(store, "SELECT event_id, merged_id FROM merged_event_mentions", "event_id",
                              [r[1] for r in rows]))
    out = []
    for r in rows:
        d = event_output(r[:n])
        s0, s1, t0, t1, g0, g1 = r[n:n + 6]
        if d["source"] is not None:
            d["source"].update(start=s0, end=s1)
        if d["target"] is not None:
            d["target"].update(start=t0, end=t1)
        d["evidence"].update(trigger_start=g0, trigger_end=g1)
        title, outlet, url, adate = arts.get(d["article_id"], (None,) * 4)
        d["article"] = {"id": d["article_id"], "title": title, "outlet": outlet, "url": url, "date": _iso(adate)}
        d["merged_id"] = merged.get(d["event_id"])
        out.append(d)
    return out


def event_detail(store: Reader, merged_id: str) -> dict[str, Any] | None:
    """One merged event with every mention (evidence, offsets, article); None if unknown."""
    rows = store.fetch(f"SELECT {_MERGED_SELECT} FROM merged_events WHERE merged_id = ?", [merged_id])
    if not rows:
        return None
    out = _merged_out(rows[0])
    ids = [r[0] for r in store.fetch("SELECT event_id FROM merged_event_mentions WHERE merged_id = ?", [merged_id])]
    if len(ids) == 1:
        out["mentions"] = _mentions(store, "event_id = ?", ids, merged_id=merged_id)
    else:
        out["mentions"] = (_mentions(store, f"event_id {_placeholders(len(ids))}", ids, merged_id=merged_id)
                           if ids else [])
    return out


def mention(store: Reader, event_id: str) -> dict[str, Any] | None:
    found = _mentions(store, "event_id = ?", [event_id])
    return found[0] if found else None


def actors(store: Reader, *, q: str | None = None, limit: int = 50, cube: Any = None) -> list[dict[str, Any]]:
    """Actors matching `q` (code prefix, name or any mention text, case-insensitive), most events
    first, each with its aliases: the distinct texts that named it, with counts. With a cube,
    from its per-actor event and alias counts (ACTOR_SQL) instead of the store."""
    limit, _ = _page(limit, 0)
    q = _text(q, "q")
    b = _binary(store)
    src = cube if cube is not None else store
    where, params = "", []
    texts = "actor_aliases" if cube is not None else "actor_mentions"
    if q is not None:
        where = (" WHERE starts_with(upper(code), ?) OR strpos(lower(name), ?) > 0 OR actor_id IN "
                 f"(SELECT actor_id FROM {texts} WHERE strpos(lower(text), ?) > 0)")
        params = [q.upper(), q.lower(), q.lower()]
    if cube is not None:
        counts = "n AS (SELECT actor_id, n FROM actor_events)"
    else:
        # events per actor: two grouped scans (as source, as target); with a query, only its actors
        only = (" WHERE {s}_actor_id IN (SELECT actor_id FROM a)" if q is not None
                else " WHERE {s}_actor_id IS NOT NULL")
        counts = ("n AS (SELECT x AS actor_id, sum(c) AS n FROM ("
                  f"SELECT source_actor_id AS x, count(*) AS c FROM events{only.format(s='source')} "
                  f"GROUP BY source_actor_id UNION ALL SELECT target_actor_id AS x, count(*) AS c "
                  f"FROM events{only.format(s='target')} GROUP BY target_actor_id) AS u GROUP BY x)")
    rows = src.fetch(
        f"WITH a AS (SELECT actor_id, code, country, role, name, kind FROM actors{where}), {counts} "
        "SELECT a.actor_id, a.code, a.country, a.role, a.name, a.kind, coalesce(n.n, 0) AS events "
        f"FROM a LEFT JOIN n ON n.actor_id = a.actor_id ORDER BY events DESC, a.code{b}, a.name{b} NULLS FIRST, "
        f"a.actor_id{b} LIMIT ?", [*params, limit])
    ids = [r[0] for r in rows]
    aliases: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        total = "sum(n)" if cube is not None else "count(*)"
        for aid, text, n in src.fetch(
                f"SELECT actor_id, text, {total} AS n FROM {texts} WHERE actor_id IN "
                f"(SELECT unnest(?::VARCHAR[])) GROUP BY actor_id, text ORDER BY actor_id{b}, n DESC, text{b}",
                [ids]):
            if len(aliases[aid]) < MAX_ALIASES:
                aliases[aid].append({"text": text, "count": int(n)})
    return [{"code": code, "country": country, "role": role, "name": name, "kind": kind, "aliases": aliases[aid],
             "events": int(n)} for aid, code, country, role, name, kind, n in rows]


# The cube's actor tables: every actor, its events (as source or target) and its alias counts.
ACTOR_SQL = {
    "actors": "SELECT actor_id, code, country, role, name, kind FROM actors",
    "actor_events": ("SELECT x AS actor_id, sum(c) AS n FROM (SELECT source_actor_id AS x, count(*) AS c FROM events "
                     "GROUP BY source_actor_id UNION ALL SELECT target_actor_id AS x, count(*) AS c FROM events "
                     "GROUP BY target_actor_id) AS u WHERE x IS NOT NULL GROUP BY x"),
    "actor_aliases": "SELECT actor_id, text, count(*) AS n FROM actor_mentions GROUP BY actor_id, text",
}


# What the server keeps in memory (see herald.api.cube): merged events counted per day and per
# every column a shared filter can test, so series/network/places need not scan every event.
CUBE_SQL = ("SELECT date, source_code, source_country, target_code, target_country, cameo_root, quad_class, plover, "
            "location_name, location_country, count(*) AS n, sum(goldstein) AS g, sum(location_lat) AS lat_s, "
            "sum(location_lon) AS lon_s, count(location_lat) AS loc_n FROM merged_events GROUP BY date, source_code, "
            "source_country, target_code, target_country, cameo_root, quad_class, plover, location_name, "
            "location_country")


def _quad(counts: Sequence[Any], total: int) -> dict[str, float]:
    return {str(i + 1): (round(int(c) / total, 4) if total else 0.0) for i, c in enumerate(counts)}


@dataclass(frozen=True)
class _Measures:
    """Aggregate expressions over event rows (one row per event) or over `Cube` rows (counted)."""

    n: str = "count(*)"
    g: str = "sum(goldstein)"
    one: str = "1"
    lat: str = "avg(location_lat)"
    lon: str = "avg(location_lon)"

    @property
    def quads(self) -> str:
        return ", ".join(f"sum(CASE WHEN quad_class = {q} THEN {self.one} ELSE 0 END)" for q in (1, 2, 3, 4))


_ROWS = _Measures()
_CUBED = _Measures(n="sum(n)", g="sum(g)", one="n", lat="sum(lat_s) / nullif(sum(loc_n), 0)",
                   lon="sum(lon_s) / nullif(sum(loc_n), 0)")


def _source(store: Reader, filters: Filters, merged: bool, cube: Any) -> tuple[Reader, str, _Measures]:
    """Where an aggregate runs: the in-memory cube when it can answer these filters, else the store."""
    if cube is not None and merged and filters.actor is None and filters.min_mentions is None:
        return cube, "cube", _CUBED
    return store, ("merged_events" if merged else "events"), _ROWS


def series(store: Reader, filters: Filters, *, interval: str = "week", merged: bool = True,
           cube: Any = None) -> list[dict[str, Any]]:
    """Events per day/week/month: count, summed and mean Goldstein, QuadClass shares. Undated
    events are left out; weeks start on Monday."""
    unit = INTERVALS.get(interval)
    if unit is None:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    where, params = filters.where(merged=merged)
    where = (where + " AND date IS NOT NULL") if where else " WHERE date IS NOT NULL"
    src, table, m = _source(store, filters, merged, cube)
    rows = src.fetch(
        f"SELECT date_trunc('{unit}', date) AS period, {m.n} AS n, {m.g}, {m.quads} "
        f"FROM {table}{where} GROUP BY period ORDER BY period LIMIT ?", [*params, MAX_PERIODS])
    return [{"period": _iso(period), "count": int(n), "goldstein_sum": round(float(s), 3),
             "goldstein_mean": round(float(s) / int(n), 3), "quad": _quad(q, int(n))}
            for period, n, s, *q in rows]


def network(store: Reader, filters: Filters, *, limit: int = 50, merged: bool = True,
            cube: Any = None) -> dict[str, Any]:
    """The `limit` busiest directed actor pairs (edges) and the actors they join (nodes)."""
    limit, _ = _page(limit, 0)
    where, params = filters.where(merged=merged)
    src, table, m = _source(store, filters, merged, cube)
    # one scan: events per (source, target) with countries; edges and node totals from that
    rows = src.fetch(
        f"SELECT source_code, source_country, target_code, target_country, {m.n} AS n, {m.g} "
        f"FROM {table}{where} GROUP BY source_code, source_country, target_code, target_country", params)
    pairs: dict[tuple[str, str], list[float]] = {}
    totals: dict[str, list] = {}
    for sc, scountry, tc, tcountry, n, g in rows:
        if sc is not None and tc is not None:
            acc = pairs.setdefault((sc, tc), [0, 0.0])
            acc[0] += int(n)
            acc[1] += float(g)
        for code, country in ((sc, scountry), (tc, tcountry)):
            if code is not None:
                t = totals.setdefault(code, [None, 0])
                t[0] = max(filter(None, (t[0], country)), default=None)
                t[1] += int(n)
    top = sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0][0], kv[0][1]))[:limit]
    edges = [(s, t, n, g / n) for (s, t), (n, g) in top]
    codes = sorted({c for s, t, _, _ in edges for c in (s, t)})
    nodes = [{"id": c, "country": totals[c][0], "events": totals[c][1]} for c in codes]
    return {"nodes": nodes,
            "edges": [{"source": s, "target": t, "events": int(n), "goldstein_mean": round(float(g), 3)}
                      for s, t, n, g in edges]}


def places(store: Reader, filters: Filters, *, limit: int = 500, merged: bool = True,
           cube: Any = None) -> list[dict[str, Any]]:
    """Events per place (name + country), busiest first, with mean Goldstein and QuadClass shares."""
    limit, _ = _page(limit, 0, cap=MAX_PLACES)
    where, params = filters.where(merged=merged)
    cond = (where + " AND location_name IS NOT NULL") if where else " WHERE location_name IS NOT NULL"
    src, table, m = _source(store, filters, merged, cube)
    b = _binary(store)
    rows = src.fetch(
        f"SELECT location_name, location_country, {m.lat}, {m.lon}, {m.n} AS n, {m.g}, {m.quads} "
        f"FROM {table}{cond} GROUP BY location_name, location_country "
        f"ORDER BY n DESC, location_name{b}, location_country{b} NULLS FIRST LIMIT ?", [*params, limit])
    return [{"name": name, "country": country, "lat": lat, "lon": lon, "events": int(n),
             "goldstein_mean": round(float(g) / int(n), 3), "quad": _quad(q, int(n))}
            for name, country, lat, lon, n, g, *q in rows]


def articles(store: Any, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    limit, offset = _page(limit, offset)
    return store.articles(limit=limit, offset=offset)


def article(store: Reader, article_id: str) -> dict[str, Any] | None:
    """One article with its text, its events (mention shape) and every copy ingest saw of it."""
    rows = store.fetch("SELECT id, content_hash, title, outlet, url, date, origin, ingested_at, text "
                       "FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    aid, h, title, outlet, url, date, origin, at, text = rows[0]
    events = _mentions(store, "article_id = ?", [aid])
    copies = [{"copy_id": c, "url": u, "outlet": o, "date": _iso(d), "similarity": s}
              for c, u, o, d, s in store.fetch(
                  f"SELECT copy_id, url, outlet, date, similarity FROM article_copies WHERE article_id = ? "
                  f"ORDER BY seen_at, copy_id{_binary(store)}", [aid])]
    return {"id": aid, "content_hash": h, "title": title, "outlet": outlet, "url": url, "date": _iso(date),
            "origin": origin, "ingested_at": at.isoformat() if at else None, "text": text, "events": events,
            "copies": copies}
