"""Store handles for the server: one writer guarded by a lock, a bounded pool of readers.

DuckDB allows one process to open a file for writing, and one connection must not be used by
two threads at once: the server opens the store once (read-write only when writes are enabled)
and gives each reader thread its own cursor of that connection (a cursor is a connection to the
same database, safe to use from another thread, and sees every committed write). PostgreSQL
readers are separate read-only connections. Reader queries carry a time limit: PostgreSQL's
statement_timeout, or for DuckDB (which has none) a timer that interrupts the cursor.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from herald.store import Store
from herald.store.backends import DuckDBBackend

__all__ = ["QueryTimeout", "StorePool"]


class QueryTimeout(Exception):
    """A read query ran longer than the server's limit and was stopped."""


class _DuckDBCursor(DuckDBBackend):
    """A reader on its own cursor of an open DuckDB connection, with a per-query time limit."""

    def __init__(self, parent: DuckDBBackend, timeout_s: float | None) -> None:  # noqa: D107 - no super(): no new file handle
        self.con = parent.con.cursor()
        self.where = parent.where
        self.timeout_s = timeout_s

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        if not self.timeout_s:
            return super().fetchall(sql, params)
        fired = threading.Event()

        def stop() -> None:
            fired.set()
            self.con.interrupt()

        timer = threading.Timer(self.timeout_s, stop)
        timer.daemon = True
        timer.start()
        try:
            return super().fetchall(sql, params)
        except Exception as exc:
            if fired.is_set():
                raise QueryTimeout(f"the query took longer than {self.timeout_s:g} s and was stopped; "
                                   "narrow the filters") from exc
            raise
        finally:
            timer.cancel()


class StorePool:
    """The server's store handles. `reader()` lends a read handle; `writer()` holds the write lock."""

    def __init__(self, db: str, *, writable: bool, readers: int = 8, timeout_s: float | None = 10.0) -> None:
        self.db = str(db)
        self.writable = writable
        self.timeout_s = timeout_s
        self._write_lock = threading.Lock()
        self._main = Store.open(self.db, read_only=not writable)
        self.backend = self._main.backend
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all: list[Store] = []
        try:
            for _ in range(max(1, readers)):
                store = self._new_reader()
                self._all.append(store)
                self._free.put(store)
        except BaseException:
            self.close()
            raise

    def _new_reader(self) -> Store:
        if self.backend == "duckdb":
            return Store(_DuckDBCursor(self._main.connection, self.timeout_s), read_only=True)
        store = Store.open(self.db, read_only=True)
        if self.timeout_s:
            store.fetch("SELECT set_config('statement_timeout', ?, false)", [str(int(self.timeout_s * 1000))])
        return store

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A read handle for this thread until the block ends (waits while all are lent out)."""
        store = self._free.get()
        try:
            yield store
        finally:
            self._free.put(store)

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """The one read-write handle, held exclusively."""
        if not self.writable:
            raise PermissionError("the store was opened read-only")
        with self._write_lock:
            yield self._main

    def close(self) -> None:
        for store in self._all:
            with contextlib.suppress(Exception):
                store.close()
        self._all.clear()
        with contextlib.suppress(Exception):
            self._main.close()
