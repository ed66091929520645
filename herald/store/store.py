"""The store: coded articles, actors, mentions and events in DuckDB (a file) or PostgreSQL (a server).

Writes go batch by batch, each batch in one transaction, as bulk inserts (Arrow views in
DuckDB, COPY in PostgreSQL: row-by-row inserts are two orders of magnitude slower). Re-adding
an article adds nothing: the first version of an article id wins, and a later one with
different text is reported as a conflict instead of silently replacing what analysts may
already have queried. All SQL below is shared by both backends (see `backends.py`). Every query
filter is a bound parameter; table and column names in SQL come only from this package's constants.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from herald.pipeline import ArticleState
from herald.records import Actor, ActorMention, Event, SkippedItem
from herald.store import rows as _rows
from herald.store.backends import Backend, StoreLockedError, open_backend, quoted as _quoted
from herald.store.schema import StoreError, StoreVersionError, apply_migrations, current_version, load_migrations

__all__ = ["AddResult", "Store", "StoreLockedError"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `add_batch` did. `conflicts` are article ids already stored with a different content hash."""

    new_articles: int = 0
    new_events: int = 0
    present_articles: int = 0
    present_events: int = 0
    new_actors: int = 0
    new_mentions: int = 0
    conflicts: tuple[str, ...] = ()


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


def _as_date(value: Any, name: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} must be a date or YYYY-MM-DD, got {value!r}") from None
    raise TypeError(f"{name} must be a date or YYYY-MM-DD string, got {type(value).__name__}")


def _cameo_root(value: str | int) -> str:
    """Accept 4, "4" or "04" for the CAMEO root "04"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    text = str(value).strip()
    return text.zfill(2) if text.isdigit() and len(text) < 2 else text


class Store:
    """A herald store. Open with `Store.open(path_or_dsn)`; use as a context manager to close it."""

    def __init__(self, db: Backend, *, read_only: bool) -> None:
        self._db = db
        self.path = db.where  # file path, or the DSN with its password hidden
        self.backend = db.dialect  # "duckdb" | "postgres"
        self.read_only = read_only

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path = "herald.duckdb", *, read_only: bool = False) -> Store:
        """Open (creating and upgrading if needed) the store at `path`.

        `path` is a DuckDB file (":memory:" for a throwaway one), or a PostgreSQL URL
        (`postgresql://user@host:5432/db`) / libpq string (`host=... dbname=...`), whose
        database must exist. `read_only=True` never upgrades; for DuckDB it also lets several
        processes read one file at once (PostgreSQL always allows concurrent readers and writers).
        """
        db = open_backend(path, read_only=read_only)
        where = db.where
        try:
            migrations = load_migrations(db.dialect)
            if read_only:
                have, latest = current_version(db), migrations[-1].version
                if have > latest:
                    raise StoreVersionError(
                        f"{where} has schema version {have}, but this herald only knows versions up to {latest}: "
                        f"it was written by a newer herald. Upgrade herald to open it.")
                if have < latest:
                    raise StoreVersionError(
                        f"{where} has schema version {have} and needs upgrading to {latest}: "
                        f"open it once without read_only to upgrade it.")
            else:
                with db.migration_lock():
                    apply_migrations(db, migrations, where=where)
        except BaseException:
            db.close()
            raise
        return cls(db, read_only=read_only)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self._db)

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run shared SQL (`?` placeholders) on whichever backend this store is."""
        return self._db.fetchall(sql, params)

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run a read query written in the SQL both backends accept, `?` placeholders only.

        For herald's own readers (API, exports) that need an aggregate the methods below do not
        offer; every value must be a bound parameter, never formatted into `sql`.
        """
        return self._db.fetchall(sql, params)

    # ------------------------------------------------------------------ writing

    def _insert(self, table: str, data: pa.Table) -> int:
        """Bulk-insert an Arrow table; rows whose key is already stored are skipped. Returns rows added."""
        return self._db.insert(table, data)

    def _existing(self, sql: str, ids: list[str]) -> list[tuple]:
        return self._db.fetchall(sql, [ids]) if ids else []

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} was opened read-only")

    def add_batch(self, states: Sequence[ArticleState]) -> AddResult:
        """Store a batch of coded articles in one transaction: all of it, or (on any error) none of it."""
        self._writable()
        states = list(states)
        for s in states:  # a pipeline bug must not be stored under the wrong article
            for e in s.events or ():
                if e.article_id != s.article.id:
                    raise ValueError(f"event {e.event_id} says article {e.article_id!r} "
                                     f"but came with article {s.article.id!r}")
        with self._db.transaction():
            return self._add(states)

    def _add(self, states: list[ArticleState]) -> AddResult:
        ids = list(dict.fromkeys(s.article.id for s in states))
        self._db.lock_articles(ids)
        known: dict[str, str] = dict(self._existing(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", ids))
        new: list[ArticleState] = []
        present_articles = present_events = 0
        conflicts: list[str] = []
        for s in states:
            a = s.article
            first_hash = known.get(a.id)
            if first_hash is None:
                known[a.id] = a.content_hash
                new.append(s)
                continue
            present_articles += 1
            present_events += len(s.events or ())
            if first_hash != a.content_hash and a.id not in conflicts:
                conflicts.append(a.id)

        events: dict[str, Event] = {}
        for s in new:
            for e in s.events or ():
                if e.event_id in events:
                    present_events += 1
                else:
                    events[e.event_id] = e
        stored = {r[0] for r in self._existing(
            "SELECT event_id FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", list(events))}
        present_events += len(stored)
        fresh_events = [e for eid, e in events.items() if eid not in stored]

        actors: dict[str, Actor] = {}
        mentions: list[tuple[str, int, ActorMention]] = []
        for s in new:
            for i, m in enumerate(s.actors or ()):
                mentions.append((s.article.id, i, m))
                actors.setdefault(_rows.actor_id(m.actor), m.actor)
        for e in fresh_events:
            for m in (e.source, e.target):
                if m is not None:
                    actors.setdefault(_rows.actor_id(m.actor), m.actor)

        n_articles = self._insert("articles", _rows.article_table([s.article for s in new], now=_now()))
        n_actors = self._insert("actors", _rows.actor_table(list(actors.values())))
        n_mentions = self._insert("actor_mentions", _rows.mention_table(mentions))
        n_events = self._insert("events", _rows.event_table(fresh_events))
        return AddResult(new_articles=n_articles, new_events=n_events, present_articles=present_articles,
                         present_events=present_events, new_actors=n_actors, new_mentions=n_mentions,
                         conflicts=tuple(conflicts))

    def add_skipped(self, items: Sequence[SkippedItem]) -> int:
        """Record inputs that could not become articles; the same (origin, reason) is kept once. Returns rows added."""
        self._writable()
        with self._db.transaction():
            return self._insert("skipped", _rows.skipped_table(list(dict.fromkeys(items)), now=_now()))

    # ------------------------------------------------------------------ reading

    @staticmethod
    def _where(*, start=None, end=None, actor=None, country=None, source_country=None, target_country=None,
               cameo_root=None, plover=None, quad_class=None, article_id=None) -> tuple[str, list[Any]]:
        """The WHERE clause for the event filters, every value a bound parameter."""
        clauses: list[str] = []
        params: list[Any] = []
        if start is not None:
            clauses.append("date >= ?")
            params.append(_as_date(start, "start"))
        if end is not None:
            clauses.append("date <= ?")
            params.append(_as_date(end, "end"))
        if actor is not None:
            # match the few distinct actors first, then events by actor id (indexed in PostgreSQL):
            # the same rows as testing code and name on every event, without reading every event
            clauses.append("(source_actor_id IN (SELECT actor_id FROM actors WHERE starts_with(upper(code), ?) "
                           "OR strpos(lower(name), ?) > 0) OR target_actor_id IN (SELECT actor_id FROM actors "
                           "WHERE starts_with(upper(code), ?) OR strpos(lower(name), ?) > 0))")
            a = str(actor).strip()
            params += [a.upper(), a.lower(), a.upper(), a.lower()]
        if country is not None:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [str(country).strip().upper()] * 2
        if source_country is not None:
            clauses.append("source_country = ?")
            params.append(str(source_country).strip().upper())
        if target_country is not None:
            clauses.append("target_country = ?")
            params.append(str(target_country).strip().upper())
        if cameo_root is not None:
            clauses.append("cameo_root = ?")
            params.append(_cameo_root(cameo_root))
        if plover is not None:
            clauses.append("upper(plover) = ?")
            params.append(str(plover).strip().upper())
        if quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(quad_class))
        if article_id is not None:
            clauses.append("article_id = ?")
            params.append(str(article_id))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def events(self, *, start: _dt.date | str | None = None, end: _dt.date | str | None = None,
               actor: str | None = None, country: str | None = None, source_country: str | None = None,
               target_country: str | None = None, cameo_root: str | int | None = None, plover: str | None = None,
               quad_class: int | None = None, article_id: str | None = None, limit: int = 1000,
               offset: int = 0) -> list[dict[str, Any]]:
        """Stored events matching every given filter, in `Event.as_output()` shape.

        Dates are inclusive; `actor` is a code prefix ("RUS" finds RUSGOV) or a name substring
        ("putin"), as source or target, case-insensitive; countries are ISO alpha-3. Ordered by
        date (undated last), article, position in the article.
        """
        limit, offset = int(limit), int(offset)
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must be >= 0")
        where, params = self._where(start=start, end=end, actor=actor, country=country,
                                    source_country=source_country, target_country=target_country,
                                    cameo_root=cameo_root, plover=plover, quad_class=quad_class,
                                    article_id=article_id)
        b = self._db.binary  # text order by code point on both backends
        sql = (f"SELECT {_quoted(_rows.EVENT_OUTPUT_COLUMNS)} FROM events{where} "
               f"ORDER BY date NULLS LAST, article_id{b}, evidence_start, trigger_start, event_id{b} LIMIT ? OFFSET ?")
        return [_rows.event_output(r) for r in self._db.fetchall(sql, [*params, limit, offset])]

    def count_events(self, *, start: _dt.date | str | None = None, end: _dt.date | str | None = None,
                     actor: str | None = None, country: str | None = None, source_country: str | None = None,
                     target_country: str | None = None, cameo_root: str | int | None = None,
                     plover: str | None = None, quad_class: int | None = None,
                     article_id: str | None = None) -> int:
        """How many events `events()` would return with these filters and no limit."""
        where, params = self._where(start=start, end=end, actor=actor, country=country,
                                    source_country=source_country, target_country=target_country,
                                    cameo_root=cameo_root, plover=plover, quad_class=quad_class,
                                    article_id=article_id)
        return self._db.fetchone(f"SELECT count(*) FROM events{where}", params)[0]

    def articles(self, *, limit: int = 100, offset: int = 0, with_text: bool = False) -> list[dict[str, Any]]:
        """Stored articles (oldest ingested first) with their event counts; the body only if asked."""
        limit, offset = int(limit), int(offset)
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must be >= 0")
        rows = self._db.fetchall(
            "SELECT a.id, a.content_hash, a.title, a.outlet, a.url, a.date, a.origin, a.ingested_at, a.text, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
            f"FROM articles a ORDER BY a.ingested_at, a.id{self._db.binary} LIMIT ? OFFSET ?", [limit, offset])
        out = []
        for aid, h, title, outlet, url, date, origin, at, text, n in rows:
            d = {"id": aid, "content_hash": h, "title": title, "outlet": outlet, "url": url,
                 "date": date.isoformat() if date else None, "origin": origin,
                 "ingested_at": at.isoformat() if at else None, "events": n}
            if with_text:
                d["text"] = text
            out.append(d)
        return out

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts for a quick look at a store: sizes, events per CAMEO root, date range, top dyads."""
        db = self._db
        one, b = db.fetchone, db.binary
        first, last = one("SELECT min(date), max(date) FROM events")
        return {
            "path": self.path,
            "backend": self.backend,
            "schema_version": self.schema_version,
            "articles": one("SELECT count(*) FROM articles")[0],
            "events": one("SELECT count(*) FROM events")[0],
            "actors": one("SELECT count(*) FROM actors")[0],
            "mentions": one("SELECT count(*) FROM actor_mentions")[0],
            "skipped": one("SELECT count(*) FROM skipped")[0],
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "events_per_cameo_root": dict(db.fetchall(
                f"SELECT cameo_root, count(*) FROM events GROUP BY cameo_root ORDER BY cameo_root{b}")),
            "top_dyads": [{"source": s, "target": t, "events": n} for s, t, n in db.fetchall(
                "SELECT source_code, target_code, count(*) AS n FROM events "
                "WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
                f"GROUP BY source_code, target_code ORDER BY n DESC, source_code{b}, target_code{b} LIMIT ?",
                [int(top)])],
        }
