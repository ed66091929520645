"""An in-memory aggregate of merged events, so dashboard aggregates need not scan every event.

`query.CUBE_SQL` counts merged events per day and per value of every column the shared
filters test (dyad, countries, CAMEO root, QuadClass, PLOVER, place); series, network, places
and event totals then sum those counts instead of reading a million rows. It also holds every
actor with its event and alias counts (`query.ACTOR_SQL`) for /api/actors, and the store's
`stats()` of that version. Filters the cube
cannot answer (actor names, min_mentions) and mention-level queries go to the store.

Only for DuckDB stores, whose one writer is this server: the cube is rebuilt in the background
after each ingest, and until it is ready queries go to the store, so an answer is never stale.
It lives in this process (not in the store file), so `herald ingest` and other writers need not
maintain it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import duckdb

from herald.api.query import ACTOR_SQL, CUBE_SQL
from herald.store import Store

__all__ = ["Cube", "CubeHolder"]


class Cube:
    """The aggregate table `cube` in a private in-memory DuckDB, readable from any thread."""

    backend = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, rows: int, seconds: float) -> None:
        self._con, self.rows, self.seconds = con, rows, seconds
        self.stats: dict | None = None  # Store.stats() of the same version, set by CubeHolder

    @classmethod
    def build(cls, source: Store) -> Cube:
        t0 = time.perf_counter()
        table = source.fetch_arrow(CUBE_SQL)
        con = duckdb.connect(":memory:")
        con.register("_cube_rows", table)
        con.execute("CREATE TABLE cube AS SELECT * FROM _cube_rows ORDER BY date")
        con.unregister("_cube_rows")
        for name, sql in ACTOR_SQL.items():
            con.register("_cube_rows", source.fetch_arrow(sql))
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM _cube_rows")
            con.unregister("_cube_rows")
        return cls(con, table.num_rows, time.perf_counter() - t0)

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self._con.cursor()  # a cursor per call: DuckDB connections are not shared between threads
        try:
            return cur.execute(sql, list(params)).fetchall()
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()


class CubeHolder:
    """The cube for the store's current version (see `_Cache.version` in app.py), or None while
    it is (re)built; `current(version)` starts a rebuild in the background when it is outdated."""

    def __init__(self, pool: Any, *, enabled: bool) -> None:
        self._pool = pool
        self.enabled = enabled and pool.backend == "duckdb"
        self._cube: Cube | None = None
        self._version = -1
        self._building = False
        self._lock = threading.Lock()

    def build_now(self, version: int) -> None:
        if not self.enabled:
            return
        with self._pool.reader() as store:
            cube = Cube.build(store)
            cube.stats = store.stats()
        with self._lock:
            old, self._cube, self._version, self._building = self._cube, cube, version, False
        if old is not None:
            old.close()

    def current(self, version: int) -> Cube | None:
        if not self.enabled:
            return None
        with self._lock:
            if self._cube is not None and self._version == version:
                return self._cube
            if not self._building:
                self._building = True
                threading.Thread(target=self._rebuild, args=(version,), daemon=True).start()
            return None

    def _rebuild(self, version: int) -> None:
        try:
            self.build_now(version)
        except Exception:  # noqa: BLE001 - the store answers instead; retried on the next request
            with self._lock:
                self._building = False

    def close(self) -> None:
        with self._lock:
            cube, self._cube = self._cube, None
        if cube is not None:
            cube.close()
