"""Parquet export: hive year/month partitions read back with pyarrow.dataset, values intact."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.dataset as pds
import pytest

from herald.export import PARQUET_SCHEMA, open_parquet, write_parquet
from herald.records import Actor, ActorMention, Event, Evidence, Location, Provenance


def _event(i: int, date: dt.date | None, **kw) -> dict:
    base = dict(
        article_id=f"a{i}", event_id=f"{i:016x}", date=date, cameo="163", cameo_root="16", quad_class=4,
        goldstein=-8.0, plover="SANCTION",
        source=ActorMention("Ottawa", 0, 6, 0, 1, Actor("CANGOV", "CAN", "GOV"), "t"),
        target=ActorMention("Minsk", 20, 25, 4, 5, Actor("BLRGOV", "BLR", "GOV"), "t"),
        location=Location("Belarus", "BLR", 53.7, 27.9, "country"),
        evidence=Evidence(f"Ottawa widened its embargo on Minsk, item {i}.", 0, 44, "widened"),
        confidence=0.75, casualties={"arrested": i} if i % 2 else {},
        provenance=Provenance("events", "3", "rule-a"),
    )
    base.update(kw)
    return Event(**base).as_output()


def _events():
    evs = [_event(i, dt.date(2023, 10, 1 + i)) for i in range(5)]
    evs += [_event(10 + i, dt.date(2024, 2, 3)) for i in range(3)]
    evs += [_event(20, None, source=None, location=None)]
    merged = _event(30, dt.date(2023, 10, 20))
    merged.update(num_mentions=4, num_sources=2, num_articles=3, mention_ids=["m1", "m2"],
                  first_seen="2023-10-19", url="https://example.ca/n/30")
    return evs + [merged]


def test_partitions_and_roundtrip(tmp_path):
    evs = _events()
    assert write_parquet(iter(evs), tmp_path) == len(evs) == 10
    dirs = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/*") if p.is_dir())
    assert dirs == ["year=2023/month=10", "year=2024/month=2",
                    "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__"]
    table = pds.dataset(tmp_path, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 10
    rows = {r["event_id"]: r for r in table.to_pylist()}
    r0 = rows[f"{0:016x}"]
    assert (r0["year"], r0["month"], r0["date"]) == (2023, 10, dt.date(2023, 10, 1))
    assert (r0["source_code"], r0["target_country"], r0["location_name"]) == ("CANGOV", "BLR", "Belarus")
    assert r0["evidence_trigger"] == "widened" and r0["provenance_rule"] == "rule-a"
    assert json.loads(rows[f"{3:016x}"]["casualties"]) == {"arrested": 3}
    undated = rows[f"{20:016x}"]
    assert undated["year"] is None and undated["date"] is None and undated["source_code"] is None
    merged = rows[f"{30:016x}"]
    assert (merged["num_mentions"], merged["mention_ids"], merged["url"]) == (4, ["m1", "m2"], "https://example.ca/n/30")
    assert merged["first_seen"] == dt.date(2023, 10, 19)
    assert r0["num_mentions"] is None
    feb = pds.dataset(tmp_path, format="parquet", partitioning="hive")
    assert feb.to_table(filter=(pds.field("year") == 2024) & (pds.field("month") == 2)).num_rows == 3


def test_overwrite_same_partition(tmp_path):
    write_parquet(_events(), tmp_path)
    write_parquet([_event(99, dt.date(2023, 10, 5))], tmp_path)
    table = pds.dataset(tmp_path, format="parquet", partitioning="hive").to_table()
    # the 2023-10 part file was replaced; other partitions were left alone
    assert table.num_rows == 1 + 3 + 1
    assert set(table.column("event_id").to_pylist()) >= {f"{99:016x}", f"{20:016x}"}


def test_flat_schema_and_options(tmp_path):
    assert all(not str(PARQUET_SCHEMA.field(n).type).startswith("struct") for n in PARQUET_SCHEMA.names)
    assert write_parquet(_events(), tmp_path / "flat", partition_by=()) == 10
    assert pds.dataset(tmp_path / "flat", format="parquet").count_rows() == 10
    assert write_parquet(_events(), tmp_path / "by_plover", partition_by=("plover",)) == 10
    assert (tmp_path / "by_plover" / "plover=SANCTION").is_dir()
    with pytest.raises(ValueError):
        write_parquet(_events(), tmp_path / "bad", partition_by=("nope",))
    assert write_parquet([], tmp_path / "empty") == 0


def test_only_undated_events_still_read_back(tmp_path):
    """All-null partitions defeat pyarrow's type inference; open_parquet supplies the types."""
    assert write_parquet([_event(1, None), _event(2, None)], tmp_path) == 2
    assert (tmp_path / "year=__HIVE_DEFAULT_PARTITION__").is_dir()
    table = open_parquet(tmp_path).to_table()
    assert table.num_rows == 2 and table.column("year").to_pylist() == [None, None]
    assert str(table.schema.field("year").type) == "int32"
