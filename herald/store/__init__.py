"""Store stage: coded articles, actors and events in an embedded DuckDB file, queryable by filters."""

from herald.store.schema import StoreError, StoreVersionError
from herald.store.store import AddResult, Store, StoreLockedError

__all__ = ["AddResult", "Store", "StoreError", "StoreLockedError", "StoreVersionError"]
