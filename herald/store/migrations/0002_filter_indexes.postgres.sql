-- herald store, schema version 2 (PostgreSQL): indexes for filters a row store would otherwise
-- answer by reading the whole events table (measured by bench/bench_store.py at 1M events).
-- The actor filter looks up matching actor ids in the small actors table first, then these:
CREATE INDEX events_source_actor ON events (source_actor_id);
CREATE INDEX events_target_actor ON events (target_actor_id);
-- The PLOVER filter compares upper(plover):
CREATE INDEX events_plover_upper ON events (upper(plover));
