"""Versioned schema migrations for the store.

Each migration is a SQL file `migrations/NNNN_name.sql`; the version is its number. A store
records every applied version in `schema_version`, so opening an older store applies the
missing files in order (each in its own transaction) and a store written by a newer herald
is refused instead of being misread.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from importlib import resources

import duckdb

__all__ = ["Migration", "StoreError", "StoreVersionError", "apply_migrations", "current_version",
           "load_migrations"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class StoreError(RuntimeError):
    """Anything wrong with a herald store (locked, wrong version, not a store)."""


class StoreVersionError(StoreError):
    """The store's schema version is not one this herald can use."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The packaged migrations, ordered by version; versions must run 1, 2, 3, ... without gaps."""
    folder = resources.files("herald.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mg: mg.version)
    versions = [mg.version for mg in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"herald's store migrations are broken: versions {versions} are not 1..{len(found)}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """0 for a store without a `schema_version` table (an empty file), else the highest version applied."""
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'schema_version'"
    ).fetchone()[0]
    if not has:
        return 0
    v = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    return int(v or 0)


def apply_migrations(con: duckdb.DuckDBPyConnection, migrations: list[Migration], *, where: str) -> int:
    """Bring the store up to the newest migration; returns the version it ends at."""
    latest = migrations[-1].version if migrations else 0
    have = current_version(con)
    if have > latest:
        raise StoreVersionError(
            f"{where} has schema version {have}, but this herald only knows versions up to {latest}: "
            f"it was written by a newer herald. Upgrade herald to open it (nothing was changed).")
    if have == latest:
        return have
    con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for mg in migrations:
        if mg.version <= have:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(mg.sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                        [mg.version, mg.name, _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"could not upgrade {where} to schema version {mg.version} ({mg.name}): {exc}") from exc
    return latest
