"""Store stage: coded articles, actors and events in a DuckDB file or a PostgreSQL database, queryable by filters."""

from herald.store.schema import StoreError, StoreVersionError
from herald.store.backends import StoreLockedError
from herald.store.store import AddResult, Store

__all__ = ["AddResult", "Store", "StoreError", "StoreLockedError", "StoreVersionError"]
