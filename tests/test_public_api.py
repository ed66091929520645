"""Each public package's names are pinned (the httpx habit): changing what a package exports is a
deliberate act that edits this list, and every exported name must exist."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "herald.actors": ["ActorResolver", "ActorStage", "Lexicon", "coordinated_mentions", "load_lexicon", "mention_at"],
    "herald.api": ["create_app", "serve"],
    "herald.dashboard": ["STATIC_DIR"],
    "herald.dating": ["RULES", "resolve_date_text", "resolve_event_date"],
    "herald.dedup": ["ArticleDeduplicator", "DedupRecord", "DedupResult", "normalise_text"],
    "herald.distributed": ["RunReport", "Shard", "plan_shards", "read_shard", "run"],
    "herald.evaluate": ["LEVELS", "GoldEvent", "GoldRecord", "Miss", "Report", "Score", "evaluate", "gold_hash",
                        "load_gold", "markdown_table", "run_coder", "update_readme"],
    "herald.events": ["CoderSettings", "EventCoder", "EventStage", "Lexicon", "ModalityPolicy", "load_lexicon"],
    "herald.export": ["GDELT_COLUMNS", "PARQUET_SCHEMA", "flatten_event", "gdelt_event_id", "gdelt_row",
                      "iso3_to_fips", "open_parquet", "plover_record", "write_gdelt_tsv", "write_parquet",
                      "write_plover_json"],
    "herald.geocoding": ["Geocoder", "normalise"],
    "herald.ingest": ["DEMO_PATH", "clean_page_text", "read_inputs"],
    "herald.merging": ["MergeRules", "MergedEvent", "merge_block", "merge_events"],
    "herald.parse": ["DEFAULT_MODEL", "ParseStage", "load_model"],
    "herald.plugins": ["ENTRY_POINT_GROUP", "ExportFormat", "PluginError", "build_plugin_manager", "export_formats",
                       "hookimpl", "plugin_manager"],
    "herald.store": ["AddResult", "Store", "StoreError", "StoreLockedError", "StoreVersionError"],
}


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_names_are_pinned_and_exist(package):
    mod = importlib.import_module(package)
    assert sorted(mod.__all__) == sorted(PUBLIC[package])
    for name in mod.__all__:
        assert hasattr(mod, name), f"{package}.__all__ names {name}, which does not exist"
        assert not name.startswith("_")


def test_every_stage_package_is_pinned():
    import pkgutil

    import herald
    packages = {f"herald.{m.name}" for m in pkgutil.iter_modules(herald.__path__) if m.ispkg}
    assert packages == set(PUBLIC), "a package was added or removed: pin its __all__ here"
