"""The two databases a store can live in, behind one small interface.

`Store` writes its SQL once, with `?` placeholders and functions both engines know
(`starts_with`, `strpos`, `unnest`, `current_schema`); a backend only does what truly
differs: connecting, placeholder style, transactions, the bulk-insert path and error types.

- DuckDB (a file path or ":memory:"): embedded, one writer process; Arrow tables are
  registered as views and inserted with one INSERT ... SELECT.
- PostgreSQL (a `postgresql://` URL or a libpq "host=... dbname=..." string): a server,
  concurrent writers allowed; rows are COPYed into a temp table dropped at commit, then
  INSERT ... SELECT ... ON CONFLICT DO NOTHING, in key order so two writers of
  overlapping batches take row locks in the same order.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from herald.store.schema import StoreError

__all__ = ["Backend", "DuckDBBackend", "PostgresBackend", "StoreLockedError", "is_postgres_dsn", "open_backend",
           "redact_dsn"]


class StoreLockedError(StoreError):
    """Another process holds the store file (DuckDB allows one writer process)."""


_URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
_KEYVALUE = re.compile(r"^\s*(host|hostaddr|dbname|user|port|service)\s*=", re.IGNORECASE)

# The key of each table: inserts are sorted by it (PostgreSQL lock order).
KEYS = {"articles": ("id",), "actors": ("actor_id",), "actor_mentions": ("article_id", "idx"),
        "events": ("event_id",), "skipped": ("origin", "reason"),
        "article_copies": ("article_id", "copy_id"), "article_minhash": ("article_id",),
        "article_lsh": ("band", "bucket", "article_id"), "merged_events": ("merged_id",),
        "merged_event_mentions": ("event_id",), "learned_aliases": ("alias", "code")}


def is_postgres_dsn(target: str | Path) -> bool:
    """A `postgresql://` / `postgres://` URL or a libpq key=value string; anything else is a file path."""
    return isinstance(target, str) and bool(_URL.match(target) or _KEYVALUE.match(target))


def redact_dsn(dsn: str) -> str:
    """The DSN with any password replaced, for messages and `stats()`."""
    dsn = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", dsn)
    return re.sub(r"(password\s*=\s*)(\S+)", r"\1***", dsn, flags=re.IGNORECASE)


def quoted(names: Sequence[str]) -> str:
    """Column list for SQL; quoted because some names ("symmetric", "date", "at") are SQL keywords."""
    return ", ".join('"' + n + '"' for n in names)


class Backend:
    """What `Store` needs from a database. SQL passed in uses `?` placeholders."""

    dialect: str
    where: str  # printable location (path or redacted DSN)
    errors: tuple[type[BaseException], ...]
    binary: str = ""  # appended to a text column in ORDER BY so it sorts by code point

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """A read query's result as an Arrow table, column names kept (for bulk readers)."""
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Held while migrations are checked and applied (only PostgreSQL can have a rival)."""
        yield

    def insert(self, table: str, data: pa.Table) -> int:
        """Bulk-insert an Arrow table inside the current transaction, skipping stored keys; rows added."""
        raise NotImplementedError

    def lock_articles(self, ids: Sequence[str]) -> None:
        """Until the transaction ends, no other writer may add these article ids (see PostgresBackend)."""

    def close(self) -> None:
        raise NotImplementedError


class DuckDBBackend(Backend):
    dialect = "duckdb"
    errors = (duckdb.Error,)

    def __init__(self, path: str | Path, *, read_only: bool) -> None:
        where = str(path)
        if where != ":memory:":
            p = Path(path)
            if read_only and not p.exists():
                raise FileNotFoundError(f"no herald store at {where}")
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(where, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store {where} is in use: another herald process holds it (DuckDB allows only one "
                    f"process to write a store). Wait for that command to finish, or use another --db file. "
                    f"[{exc}]") from exc
            raise StoreError(f"cannot open the store {where}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {where}: {exc}") from exc
        self.where = where

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        # a relation, not an executed result: DuckDB hands its Arrow batches over without a copy
        return self.con.sql(sql, params=list(params) or None).to_arrow_table()

    def insert(self, table: str, data: pa.Table) -> int:
        if data.num_rows == 0:
            return 0
        view = f"_herald_batch_{table}"
        cols = quoted(data.column_names)
        self.con.register(view, data)
        try:
            return self.con.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view} ON CONFLICT DO NOTHING").fetchone()[0]
        finally:
            self.con.unregister(view)

    def close(self) -> None:
        self.con.close()


class PostgresBackend(Backend):
    dialect = "postgres"
    binary = ' COLLATE "C"'  # the database's locale (en_US, ...) would order "a-2" and "a_1" differently

    def __init__(self, dsn: str, *, read_only: bool) -> None:
        import psycopg  # imported here: DuckDB users need no PostgreSQL driver loaded

        self._psycopg = psycopg
        self.errors = (psycopg.Error,)
        self.where = redact_dsn(dsn)
        try:
            # autocommit: every statement outside `transaction()` is its own transaction, as in DuckDB
            self.con = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store {self.where}: {exc}") from exc
        if read_only:
            self.con.execute("SET default_transaction_read_only = on")

    @staticmethod
    def _sql(sql: str) -> str:
        if "%" in sql:  # never true for herald's SQL; would be misread as a placeholder
            raise ValueError("SQL for PostgreSQL must not contain '%'")
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        if params:
            self.con.execute(self._sql(sql), list(params))
        else:  # no placeholders: may hold several statements (migrations)
            self.con.execute(sql.encode("utf-8"))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(self._sql(sql), list(params)).fetchall()

    def fetch_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        # psycopg has no Arrow output: columns are gathered from the rows, types inferred by pyarrow
        cur = self.con.execute(self._sql(sql), list(params))
        names = [d.name for d in cur.description or ()]
        rows = cur.fetchall()
        return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        key = 0x68657261  # "hera": any fixed number shared by every herald process
        self.con.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield
        finally:
            self.con.execute("SELECT pg_advisory_unlock(%s)", [key])

    def lock_articles(self, ids: Sequence[str]) -> None:
        # Two writers adding the same new article id (say two versions of it) would both see it
        # missing and both write its mentions and events under one article row. Transaction-scoped
        # advisory locks on the ids' hashes, taken in hash order (no deadlock), make the second
        # writer wait and then see the first one's article as present.
        if ids:
            self.con.execute("SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(x, 0) "
                             "AS h FROM unnest(%s::text[]) AS t(x) ORDER BY h) AS s", [list(ids)])

    def insert(self, table: str, data: pa.Table) -> int:
        if data.num_rows == 0:
            return 0
        tmp = f"_herald_batch_{table}"
        cols = quoted(data.column_names)
        cur = self.con.cursor()
        cur.execute(f"CREATE TEMP TABLE {tmp} (LIKE {table}) ON COMMIT DROP")
        columns = [c.to_pylist() for c in data.columns]
        with cur.copy(f"COPY {tmp} ({cols}) FROM STDIN") as copy:
            for row in zip(*columns):
                copy.write_row(row)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {tmp} ORDER BY {quoted(KEYS[table])} "
                    "ON CONFLICT DO NOTHING")
        n = cur.rowcount
        cur.execute(f"DROP TABLE {tmp}")  # a second insert into the same table in one transaction stays possible
        return n

    def close(self) -> None:
        self.con.close()


def open_backend(target: str | Path, *, read_only: bool) -> Backend:
    """A PostgreSQL backend for a DSN/URL, else DuckDB for a file path (or ":memory:")."""
    if is_postgres_dsn(target):
        return PostgresBackend(str(target), read_only=read_only)
    return DuckDBBackend(target, read_only=read_only)
