"""Versioned schema migrations for the store.

Each migration is a SQL file `migrations/NNNN_name.sql`; the version is its number. A store
records every applied version in `schema_version`, so opening an older store applies the
missing files in order (each in its own transaction) and a store written by a newer herald
is refused instead of being misread.

Both backends (DuckDB, PostgreSQL) run the same files, so migrations are written in the SQL
both accept (SMALLINT not TINYINT, DOUBLE PRECISION not DOUBLE, JSON, VARCHAR). Where a
change cannot be said in shared SQL, a file `NNNN_name.duckdb.sql` or `NNNN_name.postgres.sql`
replaces `NNNN_name.sql` for that backend only (same version number, same name).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from importlib import resources

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.store.backends import Backend

__all__ = ["Migration", "StoreError", "StoreVersionError", "apply_migrations", "current_version",
           "load_migrations"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)(?:\.(duckdb|postgres))?\.sql$")
DIALECTS = ("duckdb", "postgres")


class StoreError(RuntimeError):
    """Anything wrong with a herald store (locked, wrong version, not a store)."""


class StoreVersionError(StoreError):
    """The store's schema version is not one this herald can use."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(dialect: str = "duckdb") -> list[Migration]:
    """The packaged migrations for one backend, ordered by version; versions must run 1, 2, 3, ... without gaps."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown store dialect {dialect!r}")
    folder = resources.files("herald.store").joinpath("migrations")
    shared: dict[int, Migration] = {}
    own: dict[int, Migration] = {}
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m and m.group(3) in (None, dialect):
            mg = Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8"))
            (own if m.group(3) else shared)[mg.version] = mg
    found = sorted({**shared, **own}.values(), key=lambda mg: mg.version)
    versions = [mg.version for mg in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"herald's store migrations are broken: versions {versions} are not 1..{len(found)}")
    return found


def _has_statements(sql: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in sql.splitlines())


def current_version(db: Backend) -> int:
    """0 for a store without a `schema_version` table (an empty file or database), else the highest version applied."""
    has = db.fetchone("SELECT count(*) FROM information_schema.tables "
                      "WHERE table_schema = current_schema() AND table_name = 'schema_version'")[0]
    if not has:
        return 0
    v = db.fetchone("SELECT max(version) FROM schema_version")[0]
    return int(v or 0)


def apply_migrations(db: Backend, migrations: list[Migration], *, where: str) -> int:
    """Bring the store up to the newest migration; returns the version it ends at."""
    latest = migrations[-1].version if migrations else 0
    have = current_version(db)
    if have > latest:
        raise StoreVersionError(
            f"{where} has schema version {have}, but this herald only knows versions up to {latest}: "
            f"it was written by a newer herald. Upgrade herald to open it (nothing was changed).")
    if have == latest:
        return have
    db.execute("CREATE TABLE IF NOT EXISTS schema_version ("
               "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for mg in migrations:
        if mg.version <= have:
            continue
        try:
            with db.transaction():
                if _has_statements(mg.sql):  # a version may be a no-op on one backend
                    db.execute(mg.sql)
                db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                           [mg.version, mg.name, _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)])
        except db.errors as exc:
            raise StoreError(f"could not upgrade {where} to schema version {mg.version} ({mg.name}): {exc}") from exc
    return latest
