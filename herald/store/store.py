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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from herald.pipeline import ArticleState
from herald.merging import MergeRules, merge_block, merge_events
from herald.records import Actor, ActorMention, ArticleCopy, Event, SkippedItem
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
    new_copies: int = 0      # article_copies rows (each new article's own row, plus duplicates)
    merged_events: int = 0   # merged_events rows (re)written for the batch's new mentions


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


def _page(limit: int, offset: int) -> tuple[int, int]:
    limit, offset = int(limit), int(offset)
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must be >= 0")
    return limit, offset


def _dyad(value: str) -> tuple[str, str]:
    """"RUS-ISR" (or "RUS,ISR", "RUSGOV-ISRMIL") -> ("RUS", "ISR")."""
    parts = [p.strip().upper() for p in str(value).replace(",", "-").split("-")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad must be two actors joined by '-', like RUS-ISR; got {value!r}")
    return parts[0], parts[1]


class Store:
    """A herald store. Open with `Store.open(path_or_dsn)`; use as a context manager to close it."""

    def __init__(self, db: Backend, *, read_only: bool, merge_rules: MergeRules | None = None) -> None:
        self._db = db
        self.merge_rules = merge_rules or MergeRules.load()
        self.path = db.where  # file path, or the DSN with its password hidden
        self.backend = db.dialect  # "duckdb" | "postgres"
        self.read_only = read_only

    @property
    def connection(self) -> Backend:
        """The open backend: for a server pool that hands each reader thread its own cursor of
        one DuckDB connection (a second connection to the file could not write)."""
        return self._db

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path = "herald.duckdb", *, read_only: bool = False,
             merge_rules: MergeRules | None = None) -> Store:
        """Open (creating and upgrading if needed) the store at `path`.

        `path` is a DuckDB file (":memory:" for a throwaway one), or a PostgreSQL URL
        (`postgresql://user@host:5432/db`) / libpq string (`host=... dbname=...`), whose
        database must exist. `read_only=True` never upgrades; for DuckDB it also lets several
        processes read one file at once (PostgreSQL always allows concurrent readers and writers).
        `merge_rules` say which mentions are one real-world event (default:
        herald/merging/data/rules.yaml); after changing them, run `remerge(full=True)`.
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
        return cls(db, read_only=read_only, merge_rules=merge_rules)

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

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """`fetch`, answered as an Arrow table with the query's column names (for bulk readers
        such as the API's in-memory cube, which would otherwise build it row by row)."""
        return self._db.fetch_arrow(sql, params)

    # ------------------------------------------------------------------ writing

    def _insert(self, table: str, data: pa.Table) -> int:
        """Bulk-insert an Arrow table; rows whose key is already stored are skipped. Returns rows added."""
        return self._db.insert(table, data)

    def _existing(self, sql: str, ids: list[str]) -> list[tuple]:
        return self._db.fetchall(sql, [ids]) if ids else []

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} was opened read-only")

    def add_batch(self, states: Sequence[ArticleState], *, copies: Sequence[ArticleCopy] = (),
                  signatures: Sequence[tuple[str, bytes, Sequence[str]]] = (), merge: bool = True,
                  aliases: Sequence[Any] = ()) -> AddResult:
        """Store a batch of coded articles in one transaction: all of it, or (on any error) none of it.

        `copies` are duplicates found by ingest (stored, not coded); `signatures` are
        `(article_id, MinHash signature, LSH keys)` of the new articles, so later runs find their
        copies. With `merge` the batch's new event mentions are merged into real-world events in
        the same transaction. A long ingest passes `merge=False` and calls `remerge()` once at
        the end: re-merging a dense block costs the same for one batch as for a thousand, and
        mentions left unmerged by a crash are picked up by the next `remerge()`. `aliases` are
        person aliases learned from the batch (`herald.actors.learning.LearnedAlias`); only those
        of new articles are recorded (see `learned_aliases`).
        """
        self._writable()
        states = list(states)
        for s in states:  # a pipeline bug must not be stored under the wrong article
            for e in s.events or ():
                if e.article_id != s.article.id:
                    raise ValueError(f"event {e.event_id} says article {e.article_id!r} "
                                     f"but came with article {s.article.id!r}")
        with self._db.transaction():
            return self._add(states, list(copies), list(signatures), merge, list(aliases))

    def _add(self, states: list[ArticleState], copies: list[ArticleCopy],
             signatures: list[tuple[str, bytes, Sequence[str]]], merge: bool, aliases: list[Any]) -> AddResult:
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
        now = _now()
        own = [ArticleCopy(s.article.id, s.article.id, 1.0, s.article.url, s.article.outlet, s.article.origin,
                           s.article.date) for s in new]
        n_copies = self._insert("article_copies", _rows.copy_table(own + copies, now=now))
        new_ids = {s.article.id for s in new}
        sig_table, lsh_table = _rows.minhash_tables([t for t in signatures if t[0] in new_ids])
        self._insert("article_minhash", sig_table)
        self._insert("article_lsh", lsh_table)
        self._record_aliases([x for x in aliases if x.article_id in new_ids])
        n_merged = self._merge_pending() if merge else 0
        return AddResult(new_articles=n_articles, new_events=n_events, present_articles=present_articles,
                         present_events=present_events, new_actors=n_actors, new_mentions=n_mentions,
                         conflicts=tuple(conflicts), new_copies=n_copies, merged_events=n_merged)

    def add_copies(self, copies: Sequence[ArticleCopy]) -> int:
        """Record duplicates of stored articles (one transaction). Returns rows added."""
        self._writable()
        with self._db.transaction():
            return self._insert("article_copies", _rows.copy_table(list(copies), now=_now()))

    # ------------------------------------------------------------------ learned aliases

    def _record_aliases(self, aliases: list[Any]) -> None:
        """Insert new (alias, code) pairs; a pair seen again widens its dates and counts."""
        if not aliases:
            return
        merged: dict[tuple[str, str], list] = {}
        for x in aliases:
            key = (x.alias, x.code)
            row = merged.get(key)
            if row is None:
                merged[key] = [x.alias, x.code, x.country, x.role, x.name, x.date, x.date, x.article_id,
                               x.evidence, 1]
            else:
                row[5] = min(filter(None, (row[5], x.date)), default=None)
                row[6] = max(filter(None, (row[6], x.date)), default=None)
                row[9] += 1
        stored = {(a, c): (f, l, n) for a, c, f, l, n in self._db.fetchall(
            "SELECT alias, code, first_date, last_date, n_seen FROM learned_aliases WHERE alias IN "
            "(SELECT unnest(?::VARCHAR[]))", [sorted({k[0] for k in merged})])}
        fresh = []
        for key, row in merged.items():
            old = stored.get(key)
            if old is None:
                fresh.append(tuple(row) + ("learned",))
                continue
            first = min(filter(None, (old[0], row[5])), default=None)
            last = max(filter(None, (old[1], row[6])), default=None)
            self._db.execute("UPDATE learned_aliases SET first_date = ?, last_date = ?, n_seen = ? "
                             "WHERE alias = ? AND code = ?", [first, last, old[2] + row[9], key[0], key[1]])
        if fresh:
            self._insert("learned_aliases", _rows.alias_table(fresh))

    def learned_aliases(self, *, status: str | None = None, limit: int = 10_000) -> list[dict[str, Any]]:
        """Person aliases learned from the text ("Israeli Prime Minister Benjamin Netanyahu"
        teaches Netanyahu -> ISRGOV), most seen first; `status` 'learned', 'accepted' or 'rejected'."""
        where, params = "", []
        if status is not None:
            where, params = " WHERE status = ?", [str(status)]
        b = self._db.binary
        cols = ("alias", "code", "country", "role", "name", "first_date", "last_date", "article_id", "evidence",
                "n_seen", "status")
        rows = self._db.fetchall(f"SELECT {', '.join(cols)} FROM learned_aliases{where} "
                                 f"ORDER BY n_seen DESC, alias{b}, code{b} LIMIT ?", [*params, int(limit)])
        out = []
        for r in rows:
            d = dict(zip(cols, r))
            for k in ("first_date", "last_date"):
                d[k] = d[k].isoformat() if d[k] else None
            out.append(d)
        return out

    def review_alias(self, alias: str, code: str, status: str) -> bool:
        """An analyst's verdict on a learned alias: 'accepted', 'rejected' (never used again) or
        'learned' (undecided). Returns False when no such alias is stored."""
        if status not in ("learned", "accepted", "rejected"):
            raise ValueError("status must be learned, accepted or rejected")
        self._writable()
        with self._db.transaction():
            found = self._db.fetchone("SELECT count(*) FROM learned_aliases WHERE alias = ? AND code = ?",
                                      [alias, code])[0]
            if found:
                self._db.execute("UPDATE learned_aliases SET status = ? WHERE alias = ? AND code = ?",
                                 [status, alias, code])
        return bool(found)

    # ------------------------------------------------------------------ dedup index

    def seen_ids(self, ids: Sequence[str]) -> dict[str, str]:
        """{id: canonical article id} for ids already stored as an article or recorded as a copy."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self._db.fetchall("SELECT copy_id, article_id FROM article_copies "
                                 "WHERE copy_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        found = {c: a for c, a in rows}
        rest = [i for i in ids if i not in found]
        if rest:
            for (aid,) in self._db.fetchall("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                            [rest]):
                found[aid] = aid
        return found

    def dedup_candidates(self, keys: Sequence[str]) -> dict[str, list[tuple[str, bytes]]]:
        """For each LSH bucket key, the (article_id, signature) of stored articles in that bucket
        (keys with none are left out): one query for a whole chunk of new articles."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        rows = self._db.fetchall(
            "SELECT l.bucket, m.article_id, m.signature FROM article_lsh l JOIN article_minhash m "
            "ON m.article_id = l.article_id WHERE l.bucket IN (SELECT unnest(?::VARCHAR[]))", [keys])
        out: dict[str, list[tuple[str, bytes]]] = {}
        for bucket, aid, sig in sorted(rows):
            out.setdefault(bucket, []).append((aid, bytes.fromhex(sig)))
        return out

    # ------------------------------------------------------------------ merging

    def pending_merge(self) -> int:
        """How many stored mentions are not yet in a merged event (see `remerge`)."""
        return self._db.fetchone("SELECT count(*) FROM events e WHERE NOT EXISTS "
                                 "(SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.event_id)")[0]

    def remerge(self, *, full: bool = False) -> int:
        """Merge mentions not yet in a merged event (all of them with `full`, e.g. after changing
        the rules) in one transaction. Returns merged_events rows written."""
        self._writable()
        with self._db.transaction():
            if full:
                self._db.execute("DELETE FROM merged_event_mentions")
                self._db.execute("DELETE FROM merged_events")
            return self._merge_pending()

    def _merge_rows(self, where: str, params: Sequence[Any]) -> list[tuple[Event, _dt.date | None, str | None]]:
        sql = (f"SELECT {', '.join(_rows.MERGE_INPUT_COLUMNS)} FROM events e "
               f"LEFT JOIN articles a ON a.id = e.article_id WHERE {where}")
        return [_rows.event_for_merge(r) for r in self._db.fetchall(sql, params)]

    def _merge_pending(self) -> int:
        """Re-cluster the part of the store that mentions without a merged event touch.

        Mentions only merge inside one block (`merge_block`) and only with mentions at most
        `window_days` away, so a block splits into runs separated by larger date gaps that
        cluster independently. Inside a run holding a pending mention, mentions within
        `remerge_margin_days` of the pending ones are re-clustered, together with every stored
        merged event that has a member among them (a merged event is never split by the region's
        edge). In a store whose runs are short this is exactly a full re-merge; in a dense one
        it differs only where competing merges chain further than the margin.
        """
        rules = self.merge_rules
        pending_roots = [r for (r,) in self._db.fetchall(
            "SELECT DISTINCT e.cameo_root FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.event_id)")]
        all_roots = sorted({f"{i:02d}" for i in range(1, 21)} | set(pending_roots))
        written = 0
        # blocks never span two families: one family at a time keeps memory to its share
        for family in sorted({rules.family(r) for r in pending_roots}):
            written += self._merge_family([r for r in all_roots if rules.family(r) == family])
        return written

    def _merge_family(self, roots: list[str]) -> int:
        """`_merge_pending` for the mentions whose CAMEO root is one of `roots` (one family)."""
        rules = self.merge_rules
        pending = self._merge_rows(
            "NOT EXISTS (SELECT 1 FROM merged_event_mentions m WHERE m.event_id = e.event_id) "
            "AND e.cameo_root IN (SELECT unnest(?::VARCHAR[]))", [roots])
        if not pending:
            return 0
        total = self._db.fetchone("SELECT count(*) FROM events WHERE cameo_root IN (SELECT unnest(?::VARCHAR[]))",
                                  [roots])[0]
        blocks = {merge_block(ev, rules) for ev, _, _ in pending}
        if len(pending) == total:
            candidates = pending
        else:
            sides = sorted({k for b in blocks for k in b[3:] if k})
            pending_ids = [ev.event_id for ev, _, _ in pending]
            candidates = pending + self._merge_rows(
                "e.cameo_root IN (SELECT unnest(?::VARCHAR[])) AND "
                "(coalesce(nullif(e.source_country, ''), e.source_code, '') IN (SELECT unnest(?::VARCHAR[])) OR "
                "coalesce(nullif(e.target_country, ''), e.target_code, '') IN (SELECT unnest(?::VARCHAR[]))) "
                "AND e.event_id NOT IN (SELECT unnest(?::VARCHAR[]))", [roots, sides, sides, pending_ids])
        pending_ids = {ev.event_id for ev, _, _ in pending}
        by_block: dict[tuple, list[tuple[int, Event, _dt.date | None, str | None]]] = {}
        far = 10**9
        for ev, art_date, outlet in candidates:
            key = merge_block(ev, rules)
            if key in blocks:
                day = ev.date or art_date
                by_block.setdefault(key, []).append((day.toordinal() if day else far, ev, art_date, outlet))
        chosen: list[tuple[Event, _dt.date | None, str | None]] = []
        margin = rules.window_days + max(0, rules.remerge_margin_days)

        def take(run: list) -> None:
            new_days = [t[0] for t in run if t[1].event_id in pending_ids]
            if not new_days:
                return
            lo, hi = min(new_days) - margin, max(new_days) + margin
            chosen.extend(t[1:] for t in run if t[0] == far or lo <= t[0] <= hi)

        for members in by_block.values():
            members.sort(key=lambda t: (t[0], t[1].event_id))
            run: list = []
            for item in members:
                if run and (item[0] == far) != (run[-1][0] == far) or (
                        run and item[0] != far and item[0] - run[-1][0] > rules.window_days):
                    take(run)
                    run = []
                run.append(item)
            take(run)
        # whole existing merged events only: one with a member in the region comes in entirely
        have = {ev.event_id for ev, _, _ in chosen}
        outside = [eid for (eid,) in self._db.fetchall(
            "SELECT mm.event_id FROM merged_event_mentions mm WHERE mm.merged_id IN (SELECT DISTINCT merged_id FROM "
            "merged_event_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[])))", [sorted(have)])
            if eid not in have]
        if outside:
            chosen += self._merge_rows("e.event_id IN (SELECT unnest(?::VARCHAR[]))", [outside])
        events = [ev for ev, _, _ in chosen]
        ids = [ev.event_id for ev in events]
        stale = [r[0] for r in self._db.fetchall(
            "SELECT DISTINCT merged_id FROM merged_event_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids])]
        if stale:
            self._db.execute("DELETE FROM merged_event_mentions WHERE merged_id IN (SELECT unnest(?::VARCHAR[]))",
                             [stale])
            self._db.execute("DELETE FROM merged_events WHERE merged_id IN (SELECT unnest(?::VARCHAR[]))", [stale])
        outlets = {ev.article_id: o for ev, _, o in chosen if o}
        dates = {ev.article_id: d for ev, d, _ in chosen if d}
        merged = merge_events(events, rules=rules, outlets=outlets, article_dates=dates)
        rows, links = _rows.merged_tables(merged)
        n = self._insert("merged_events", rows)
        self._insert("merged_event_mentions", links)
        return n

    def add_skipped(self, items: Sequence[SkippedItem]) -> int:
        """Record inputs that could not become articles; the same (origin, reason) is kept once. Returns rows added."""
        self._writable()
        with self._db.transaction():
            return self._insert("skipped", _rows.skipped_table(list(dict.fromkeys(items)), now=_now()))

    # ------------------------------------------------------------------ reading

    @staticmethod
    def _side_match(col_country: str, col_code: str) -> str:
        return f"({col_country} = ? OR starts_with(upper({col_code}), ?))"

    @classmethod
    def _where(cls, *, start=None, end=None, actor=None, country=None, source_country=None, target_country=None,
               cameo_root=None, plover=None, quad_class=None, article_id=None, dyad=None, place=None,
               min_mentions=None, merged: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause for the event filters, every value a bound parameter.

        With `merged`, the clause is for `merged_events` (one row per real-world event), else
        for `events` (one row per mention).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if start is not None:
            clauses.append("date >= ?")
            params.append(_as_date(start, "start"))
        if end is not None:
            clauses.append("date <= ?")
            params.append(_as_date(end, "end"))
        if actor is not None:
            a = str(actor).strip()
            if merged:
                # a code prefix on the merged record, or a name on any of its mentions
                clauses.append("(starts_with(upper(source_code), ?) OR starts_with(upper(target_code), ?) OR "
                               "merged_id IN (SELECT mm.merged_id FROM merged_event_mentions mm JOIN events e "
                               "ON e.event_id = mm.event_id WHERE strpos(lower(e.source_name), ?) > 0 "
                               "OR strpos(lower(e.target_name), ?) > 0))")
                params += [a.upper(), a.upper(), a.lower(), a.lower()]
            else:
                # match the few distinct actors first, then events by actor id (indexed in PostgreSQL):
                # the same rows as testing code and name on every event, without reading every event
                clauses.append("(source_actor_id IN (SELECT actor_id FROM actors WHERE starts_with(upper(code), ?) "
                               "OR strpos(lower(name), ?) > 0) OR target_actor_id IN (SELECT actor_id FROM actors "
                               "WHERE starts_with(upper(code), ?) OR strpos(lower(name), ?) > 0))")
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
        if dyad is not None:
            a, b = _dyad(dyad)
            sa, sb = cls._side_match("source_country", "source_code"), cls._side_match("source_country",
                                                                                        "source_code")
            ta, tb = cls._side_match("target_country", "target_code"), cls._side_match("target_country",
                                                                                        "target_code")
            clauses.append(f"(({sa} AND {ta}) OR ({sb} AND {tb}))")
            params += [a, a, b, b, b, b, a, a]
        if cameo_root is not None:
            clauses.append("cameo_root = ?")
            params.append(_cameo_root(cameo_root))
        if plover is not None:
            clauses.append("upper(plover) = ?")
            params.append(str(plover).strip().upper())
        if quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(quad_class))
        if place is not None:
            p = str(place).strip()
            clauses.append("(strpos(lower(location_name), ?) > 0 OR location_country = ?)")
            params += [p.lower(), p.upper()]
        if min_mentions is not None:
            n = int(min_mentions)
            if merged:
                clauses.append("num_mentions >= ?")
            else:
                clauses.append("event_id IN (SELECT mm.event_id FROM merged_event_mentions mm JOIN merged_events m "
                               "ON m.merged_id = mm.merged_id WHERE m.num_mentions >= ?)")
            params.append(n)
        if article_id is not None:
            if merged:
                clauses.append("merged_id IN (SELECT mm.merged_id FROM merged_event_mentions mm JOIN events e "
                               "ON e.event_id = mm.event_id WHERE e.article_id = ?)")
            else:
                clauses.append("article_id = ?")
            params.append(str(article_id))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def events(self, *, start: _dt.date | str | None = None, end: _dt.date | str | None = None,
               actor: str | None = None, country: str | None = None, source_country: str | None = None,
               target_country: str | None = None, cameo_root: str | int | None = None, plover: str | None = None,
               quad_class: int | None = None, article_id: str | None = None, dyad: str | None = None,
               place: str | None = None, min_mentions: int | None = None, limit: int = 1000,
               offset: int = 0) -> list[dict[str, Any]]:
        """Stored event mentions matching every given filter, in `Event.as_output()` shape.

        Dates are inclusive; `actor` is a code prefix ("RUS" finds RUSGOV) or a name substring
        ("putin"), as source or target, case-insensitive; countries are ISO alpha-3; `dyad` is
        "A-B" (countries or code prefixes, either direction); `place` a place-name substring or
        an ISO alpha-3 country; `min_mentions` keeps mentions of merged events reported at
        least that often. Ordered by date (undated last), article, position in the article.
        """
        limit, offset = _page(limit, offset)
        where, params = self._where(start=start, end=end, actor=actor, country=country,
                                    source_country=source_country, target_country=target_country,
                                    cameo_root=cameo_root, plover=plover, quad_class=quad_class,
                                    article_id=article_id, dyad=dyad, place=place, min_mentions=min_mentions)
        b = self._db.binary  # text order by code point on both backends
        sql = (f"SELECT {_quoted(_rows.EVENT_OUTPUT_COLUMNS)} FROM events{where} "
               f"ORDER BY date NULLS LAST, article_id{b}, evidence_start, trigger_start, event_id{b} LIMIT ? OFFSET ?")
        return [_rows.event_output(r) for r in self._db.fetchall(sql, [*params, limit, offset])]

    def count_events(self, *, merged: bool = False, **filters: Any) -> int:
        """How many rows `events()` (or `merged_events()` with `merged`) would return, no limit."""
        where, params = self._where(merged=merged, **filters)
        table = "merged_events" if merged else "events"
        return self._db.fetchone(f"SELECT count(*) FROM {table}{where}", params)[0]

    def merged_events(self, *, start: _dt.date | str | None = None, end: _dt.date | str | None = None,
                      actor: str | None = None, country: str | None = None, source_country: str | None = None,
                      target_country: str | None = None, cameo_root: str | int | None = None,
                      plover: str | None = None, quad_class: int | None = None, article_id: str | None = None,
                      dyad: str | None = None, place: str | None = None, min_mentions: int | None = None,
                      limit: int = 1000, offset: int = 0) -> list[dict[str, Any]]:
        """Real-world events (mentions merged across articles), same filters as `events()`.

        Ordered by date (undated last), then most-reported first.
        """
        limit, offset = _page(limit, offset)
        where, params = self._where(start=start, end=end, actor=actor, country=country,
                                    source_country=source_country, target_country=target_country,
                                    cameo_root=cameo_root, plover=plover, quad_class=quad_class,
                                    article_id=article_id, dyad=dyad, place=place, min_mentions=min_mentions,
                                    merged=True)
        b = self._db.binary
        sql = (f"SELECT {_quoted(_rows.MERGED_OUTPUT_COLUMNS)} FROM merged_events{where} "
               f"ORDER BY date NULLS LAST, num_mentions DESC, merged_id{b} LIMIT ? OFFSET ?")
        return [_rows.merged_output(r) for r in self._db.fetchall(sql, [*params, limit, offset])]

    def merged_event(self, merged_id: str) -> dict[str, Any] | None:
        """One merged event with every mention (output-contract shape plus its article), or None."""
        rows = self._db.fetchall(f"SELECT {_quoted(_rows.MERGED_OUTPUT_COLUMNS)} FROM merged_events "
                                 "WHERE merged_id = ?", [str(merged_id)])
        if not rows:
            return None
        out = _rows.merged_output(rows[0])
        b = self._db.binary
        cols = ", ".join(f"e.{c}" for c in _rows.EVENT_OUTPUT_COLUMNS)
        mentions = self._db.fetchall(
            f"SELECT {cols}, e.source_start, e.source_end, e.target_start, e.target_end, e.trigger_start, "
            "e.trigger_end, a.title, a.outlet, a.url, a.date FROM merged_event_mentions mm "
            "JOIN events e ON e.event_id = mm.event_id LEFT JOIN articles a ON a.id = e.article_id "
            f"WHERE mm.merged_id = ? ORDER BY e.date NULLS LAST, e.article_id{b}, e.evidence_start, e.event_id{b}",
            [str(merged_id)])
        out["mentions"] = []
        n = len(_rows.EVENT_OUTPUT_COLUMNS)
        for r in mentions:
            m = _rows.event_output(r[:n])
            ss, se, ts, te, trs, tre, title, outlet, url, adate = r[n:]
            if m["source"]:
                m["source"].update(start=ss, end=se)
            if m["target"]:
                m["target"].update(start=ts, end=te)
            m["evidence"].update(trigger_start=trs, trigger_end=tre)
            m["article"] = {"id": m["article_id"], "title": title, "outlet": outlet, "url": url,
                            "date": adate.isoformat() if adate else None}
            out["mentions"].append(m)
        return out

    def iter_records(self, *, merged: bool = True, page: int = 5000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching event for an export, streamed page by page (keyset paging, flat memory).

        With `merged` (the default) one record per real-world event: the merged row plus its
        earliest mention's article, url, evidence and actor names; else one per mention, with
        `num_mentions`/`num_sources`/`num_articles` of the event it belongs to.
        """
        table, key = ("merged_events", "merged_id") if merged else ("events", "event_id")
        where, params = self._where(merged=merged, **filters)
        cols = _rows.MERGED_OUTPUT_COLUMNS if merged else _rows.EVENT_OUTPUT_COLUMNS
        b = self._db.binary
        last = None
        while True:
            cond = where
            args = list(params)
            if last is not None:
                cond = (cond + " AND " if cond else " WHERE ") + f"{key}{b} > ?{b}"
                args.append(last)
            rows = self._db.fetchall(f"SELECT {_quoted(cols)} FROM {table}{cond} ORDER BY {key}{b} LIMIT ?",
                                     [*args, int(page)])
            if not rows:
                return
            out = [(_rows.merged_output if merged else _rows.event_output)(r) for r in rows]
            yield from (self._with_mentions(out) if merged else self._with_counts(out))
            last = rows[-1][0] if merged else out[-1]["event_id"]

    def _with_mentions(self, merged: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [m["merged_id"] for m in merged]
        first: dict[str, tuple] = {}
        for r in self._db.fetchall(
                "SELECT mm.merged_id, e.date, e.article_id, e.evidence_start, e.event_id, e.evidence_sentence, "
                "e.evidence_end, e.evidence_trigger, e.source_code, e.source_name, e.source_text, e.target_code, "
                "e.target_name, e.target_text, a.url, a.outlet, a.date FROM merged_event_mentions mm "
                "JOIN events e ON e.event_id = mm.event_id LEFT JOIN articles a ON a.id = e.article_id "
                "WHERE mm.merged_id IN (SELECT unnest(?::VARCHAR[]))", [ids]):
            k = (r[1] or _dt.date.max, r[2], r[3], r[4])
            if r[0] not in first or k < first[r[0]][0]:
                first[r[0]] = (k, r)
        for m in merged:
            _, (_, _, aid, ev_start, eid, sent, ev_end, trig, sc, sn, st, tc, tn, tt, url, outlet, adate) = \
                first[m["merged_id"]]
            m["event_id"] = m["merged_id"]
            m["article_id"], m["url"], m["outlet"] = aid, url, outlet
            m["evidence"] = {"sentence": sent, "start": ev_start, "end": ev_end, "trigger": trig}
            for side, code, name, text in (("source", sc, sn, st), ("target", tc, tn, tt)):
                if m[side] is not None:  # the representative mention's words, when it names the same actor
                    same = code == m[side]["code"]
                    m[side] = {"text": text if same else None, "code": m[side]["code"],
                               "country": m[side]["country"], "role": None, "name": name if same else None}
        return merged

    def _with_counts(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        counts = {eid: (n_m, n_s, n_a) for eid, n_m, n_s, n_a in self._db.fetchall(
            "SELECT mm.event_id, m.num_mentions, m.num_sources, m.num_articles FROM merged_event_mentions mm "
            "JOIN merged_events m ON m.merged_id = mm.merged_id WHERE mm.event_id IN (SELECT unnest(?::VARCHAR[]))",
            [[e["event_id"] for e in events]])}
        for e in events:
            n_m, n_s, n_a = counts.get(e["event_id"], (1, 1, 1))
            e.update(num_mentions=n_m, num_sources=n_s, num_articles=n_a)
        return events

    def article_copies(self, article_id: str) -> list[dict[str, Any]]:
        """Every place a stored article was seen (itself first), with the estimated similarity."""
        b = self._db.binary
        return [{"copy_id": c, "url": u, "outlet": o, "origin": g, "date": d.isoformat() if d else None,
                 "similarity": sim} for c, u, o, g, d, sim in self._db.fetchall(
            "SELECT copy_id, url, outlet, origin, date, similarity FROM article_copies WHERE article_id = ? "
            f"ORDER BY similarity DESC, copy_id{b}", [str(article_id)])]

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

    def stats(self, *, top: int = 10, days: int = 31) -> dict[str, Any]:
        """Counts for a quick look at a store: sizes, events per CAMEO root, date range, top dyads,
        and mentions and merged events per day for the last `days` days that have events."""
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
            "merged_events": one("SELECT count(*) FROM merged_events")[0],
            "article_copies": one("SELECT count(*) FROM article_copies WHERE copy_id <> article_id")[0],
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
            "per_day": [{"date": d.isoformat(), "events": n, "merged_events": m} for d, n, m in db.fetchall(
                "SELECT d, sum(n), sum(m) FROM (SELECT date AS d, count(*) AS n, 0 AS m FROM events "
                "WHERE date IS NOT NULL GROUP BY date UNION ALL SELECT date, 0, count(*) FROM merged_events "
                "WHERE date IS NOT NULL GROUP BY date) AS t GROUP BY d ORDER BY d DESC LIMIT ?", [int(days)])][::-1],
        }
