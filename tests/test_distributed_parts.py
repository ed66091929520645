"""The pieces of a distributed run without a cluster: shard planning (a shard reads exactly what
read_inputs reads), shard Parquet round trip (the worker's states come back whole), the
manifest's crash tolerance, and one shard coded in-process."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from herald.distributed.manifest import Manifest
from herald.distributed.parts import PartsWriter, parts_complete, read_parts
from herald.distributed.shards import plan_shards, read_shard
from herald.ingest import read_inputs
from herald.records import Article, SkippedItem

sys.path.insert(0, str(Path(__file__).parent))
from test_ingest_warc import build_warc  # noqa: E402

STORIES = [
    "Police in Lagos arrested 25 people on Saturday after protests over fuel prices turned violent.",
    "The Indian foreign minister met his Chinese counterpart in New Delhi on Thursday to discuss the border.",
    "Polish farmers blocked roads near the Ukrainian border on Monday to protest against grain imports.",
    "Japan and South Korea signed a defence agreement in Tokyo on Wednesday, officials said.",
    "Rebels attacked an army base in northern Mali on Sunday, killing nine soldiers, the military said.",
    "The United Nations called on Ethiopia to allow aid workers into the Tigray region.",
    "Mexican President Andres Manuel Lopez Obrador accused the United States of interfering in the election.",
    "Thousands of teachers went on strike in Buenos Aires on Tuesday demanding higher wages.",
    "Iran threatened on Friday to close the Strait of Hormuz if new sanctions were imposed.",
    "The European Union imposed sanctions on Belarus over the detention of opposition leaders.",
    "Canadian Prime Minister Justin Trudeau visited Kyiv on Saturday and promised more military aid.",
    "Saudi Arabia and Qatar agreed on Monday to restore diplomatic relations after talks in Riyadh.",
]


def make_corpus(root: Path) -> Path:
    """A folder read in this order: a JSONL batch (with an exact copy, a near copy across
    chunks and a bad line), a WARC crawl, and plain-text pages."""
    root.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"text": t, "date": f"2024-03-{i + 1:02d}", "url": f"https://wire.example/{i}"})
             for i, t in enumerate(STORIES)]
    lines.insert(5, "{not json")
    lines.append(json.dumps({"text": STORIES[1], "url": "https://mirror.example/1"}))  # exact copy
    lines.append(json.dumps({"text": STORIES[4] + " The attack was the deadliest this year.",
                             "url": "https://other.example/mali"}))  # near copy
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_warc(root / "b.warc.gz", gz=True, truncate_tail=True)
    pages = root / "c_pages"
    pages.mkdir()
    for i, t in enumerate(STORIES[6:9]):
        (pages / f"p{i}.txt").write_text(f"Headline number {i}\n\n{t}\n\nShare this article\n", encoding="utf-8")
    (pages / "empty.txt").write_text("", encoding="utf-8")
    return root


def test_shards_read_exactly_what_read_inputs_reads(tmp_path):
    root = make_corpus(tmp_path / "in")
    shards, skipped = plan_shards([str(root), str(tmp_path / "missing")], shard_size=4)
    assert [s.kind for s in shards] == ["jsonl"] * 4 + ["warc", "files"]
    assert [s.first_line for s in shards[:4]] == [1, 5, 9, 13]  # line 6 is the bad one: counted, not skipped
    assert skipped == [SkippedItem(str(tmp_path / "missing"), "no such file or directory")]
    got = [item for s in shards for item in read_shard(s)]
    want = list(read_inputs([str(root)]))
    assert got == want
    assert sum(isinstance(i, Article) for i in got) == 12 + 2 + 2 + 3
    assert any(isinstance(i, SkippedItem) and i.origin.endswith("a.jsonl:6") for i in got)


def test_shard_ids_follow_content_and_settings(tmp_path):
    root = make_corpus(tmp_path / "in")
    a, _ = plan_shards([str(root)], shard_size=4)
    b, _ = plan_shards([str(root)], shard_size=4)
    assert [s.id for s in a] == [s.id for s in b] and len({s.id for s in a}) == len(a)
    c, _ = plan_shards([str(root)], shard_size=4, settings="other-model")
    assert not {s.id for s in a} & {s.id for s in c}
    with (root / "a.jsonl").open("a", encoding="utf-8") as fh:  # appending touches only the last chunk
        fh.write(json.dumps({"text": STORIES[0] + " More arrests followed."}) + "\n")
    d, _ = plan_shards([str(root)], shard_size=4)
    assert [x.id == y.id for x, y in zip(a, d)] == [True, True, True, False, True, True]


@pytest.fixture(scope="module")
def coded():
    from herald.distributed.worker import get_pipeline  # the per-process cache code_shard uses too
    arts = [Article(id=f"s{i}", text=t, url=f"u{i}") for i, t in enumerate(STORIES)]
    arts.append(Article(id="s3", text=STORIES[3], url="copy-of-s3"))  # same id again in the shard
    return get_pipeline({"model": None, "policy": None}).run_batch(arts)


def test_parquet_round_trip_gives_back_the_coded_states(tmp_path, coded):
    import dataclasses
    w = PartsWriter(tmp_path / "shard")
    w.add(coded[:5])
    w.add(coded[5:])
    w.skipped([SkippedItem("x.jsonl:3", "bad JSON: oops")])
    w.close()
    assert parts_complete(tmp_path / "shard")
    states, skipped = read_parts(tmp_path / "shard")
    assert states == [dataclasses.replace(s, doc=None) for s in coded]
    assert sum(len(s.events) for s in states) >= 8  # the stories do carry events
    assert skipped == [SkippedItem("x.jsonl:3", "bad JSON: oops")]
    assert states[-1].article.url == "copy-of-s3" and states[-1].events == states[3].events


def test_manifest_ignores_a_torn_last_line(tmp_path):
    m = Manifest(tmp_path)
    m.record_done({"id": "s1", "content_hash": "h1"}, {"articles": 3})
    m.record_loaded("db.duckdb", ["s1"])
    with m.path.open("a") as fh:
        fh.write('{"event": "done", "shard": "s2", "cont')
    again = Manifest(tmp_path)
    assert again.is_done("s1", "h1") and not again.is_done("s1", "other") and not again.is_done("s2", "h2")
    assert again.loaded == {"db.duckdb": {"s1"}}


def test_code_shard_in_process_writes_once(tmp_path):
    from herald.distributed.worker import code_shard, shard_folder
    root = make_corpus(tmp_path / "in")
    shards, _ = plan_shards([str(root / "c_pages")], shard_size=10)
    config = {"settings": {"model": None, "policy": None}, "batch_size": 2}
    first = code_shard(shards[0], str(tmp_path / "run"), config)
    assert first["articles"] == 3 and first["skipped"] == {"empty file": 1} and not first["reused"]
    assert first["words"] == sum(len(t.split()) for t in STORIES[6:9])
    assert code_shard(shards[0], str(tmp_path / "run"), config)["reused"]
    assert [p.name for p in (tmp_path / "run" / "shards").iterdir()] == [shards[0].id]
    assert parts_complete(shard_folder(tmp_path / "run", shards[0]))
