"""`herald run` on a real two-process Dask cluster: the same store as `herald ingest`, resumes
from its manifest, and survives a worker SIGKILLed mid-shard with no lost or doubled rows.

One LocalCluster serves the module (the model loads once per worker process)."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from herald.cli import main
from herald.distributed import run
from herald.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_distributed_parts import make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("dist") / "in")


def dump(db) -> dict:
    """Everything a reader of the store sees, minus ingest timestamps."""
    with Store.open(db, read_only=True) as s:
        q = s.fetch
        return {
            "events": s.events(limit=1_000_000),
            "articles": q("SELECT id, content_hash, title, outlet, url, date, origin, text FROM articles ORDER BY id"),
            "mentions": q("SELECT * FROM actor_mentions ORDER BY article_id, idx"),
            "actors": q("SELECT * FROM actors ORDER BY actor_id"),
            "copies": q("SELECT article_id, copy_id, url, outlet, origin, date, similarity FROM article_copies "
                        "ORDER BY article_id, copy_id"),
            "merged": q("SELECT * FROM merged_events ORDER BY merged_id"),
            "merged_mentions": q("SELECT * FROM merged_event_mentions ORDER BY event_id"),
            "skipped": q("SELECT origin, reason FROM skipped ORDER BY origin, reason"),
        }


@pytest.fixture(scope="module")
def reference(client, corpus, tmp_path_factory):
    """One uninterrupted distributed run over the corpus."""
    tmp = tmp_path_factory.mktemp("ref")
    said: list[str] = []
    report = run([str(corpus)], db=str(tmp / "run.duckdb"), run_dir=tmp / "run", client=client, shard_size=4,
                 batch_size=2, echo=said.append)
    return tmp, report, said


def test_same_store_as_herald_ingest(reference, corpus, tmp_path):
    tmp, report, said = reference
    single = tmp_path / "single.duckdb"
    res = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(single)])
    assert res.exit_code == 3, res.output  # the corpus has skipped inputs on purpose
    got, want = dump(tmp / "run.duckdb"), dump(single)
    assert got["events"] == want["events"] and len(got["events"]) >= 10
    for table in want:
        assert got[table] == want[table], table
    assert len(got["copies"]) > len(got["articles"])  # the copies are there, found across shards
    assert report.shards_total == report.shards_done == 6 and report.shards_failed == 0
    assert any("dashboard: http" in line for line in said)
    saved = json.loads((tmp / "run" / "report.json").read_text())
    assert saved["articles"] == report.articles == 19 and saved["words"] > 200
    assert saved["skipped_by_reason"]["http status 301"] == 1 and saved["skipped_by_reason"]["bad JSON"] == 1
    assert saved["warc_records"]["request"] == 1 and saved["articles_per_second"] > 0
    assert [o.endswith("a.jsonl:6") for o, r in saved["skipped_examples"] if r.startswith("bad JSON")] == [True]


def test_rerun_skips_finished_shards_and_codes_changed_ones(reference, corpus, client, tmp_path):
    tmp, first, _ = reference
    before = dump(tmp / "run.duckdb")
    again = run([str(corpus)], db=str(tmp / "run.duckdb"), run_dir=tmp / "run", client=client, shard_size=4,
                batch_size=2, echo=lambda m: None)
    assert (again.shards_skipped, again.shards_done, again.articles) == (6, 0, 0)
    assert dump(tmp / "run.duckdb") == before
    # a changed input: only its shard is coded again, into a second store from the same run folder
    changed = tmp_path / "in"
    make_corpus(changed)
    (changed / "c_pages" / "p9.txt").write_text("Lead\n\nGreek fishermen rescued 30 migrants off Lesbos on Monday.\n")
    r1 = run([str(changed)], db=str(tmp_path / "s.duckdb"), run_dir=tmp_path / "run", client=client, shard_size=4,
             echo=lambda m: None)
    (changed / "c_pages" / "p9.txt").write_text("Lead\n\nGreek fishermen rescued 31 migrants off Lesbos on Monday.\n")
    r2 = run([str(changed)], db=str(tmp_path / "s.duckdb"), run_dir=tmp_path / "run", client=client, shard_size=4,
             echo=lambda m: None)
    assert (r1.shards_done, r2.shards_done, r2.shards_skipped) == (7, 1, 6)  # p9.txt makes a 2nd file shard
    assert r2.store_load["shards_loaded"] == 1 and r2.store_load["new_articles"] == 1


def test_worker_killed_mid_shard_loses_and_doubles_nothing(reference, corpus, client, tmp_path, monkeypatch):
    tmp, _, _ = reference
    pause = tmp_path / "pause"
    pause.mkdir()
    monkeypatch.setenv("HERALD_RUN_PAUSE_DIR", str(pause))
    killed: list[int] = []

    def killer():
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            marker = pause / "paused"
            if marker.exists() and marker.read_text():
                pid = int(marker.read_text())
                os.kill(pid, signal.SIGKILL)  # the worker process, mid-shard (one batch written)
                killed.append(pid)
                return
            time.sleep(0.05)

    t = threading.Thread(target=killer)
    t.start()
    report = run([str(corpus)], db=str(tmp_path / "k.duckdb"), run_dir=tmp_path / "run", client=client,
                 shard_size=4, batch_size=2, echo=lambda m: None)
    t.join()
    assert killed and killed[0] != os.getpid()
    assert (report.shards_done, report.shards_failed) == (6, 0)
    assert dump(tmp_path / "k.duckdb") == dump(tmp / "run.duckdb")
    done = [json.loads(line)["shard"] for line in (tmp_path / "run" / "manifest.jsonl").read_text().splitlines()
            if json.loads(line)["event"] == "done"]
    assert len(done) == len(set(done)) == 6
    assert not [p for p in (tmp_path / "run" / "shards").iterdir() if p.name.startswith(".tmp-")]


def test_cli_connects_to_a_running_scheduler(client, corpus, tmp_path):
    res = CliRunner().invoke(main, ["run", str(corpus / "c_pages"), "--db", str(tmp_path / "c.duckdb"),
                                    "--out", str(tmp_path / "run"), "--scheduler", client.scheduler.address,
                                    "--no-progress"])
    assert res.exit_code == 3, res.output  # empty.txt is skipped
    assert "dashboard:" in res.output and "1 done" in res.output and "empty file 1" in res.output
    with Store.open(str(tmp_path / "c.duckdb"), read_only=True) as s:
        assert s.stats()["articles"] == 3


def test_failed_shard_is_reported_the_rest_loaded_and_a_rerun_finishes(reference, corpus, client, tmp_path):
    from herald.distributed.shards import plan_shards
    from herald.distributed.coordinator import _settings, _settings_hash
    from herald.distributed.worker import shard_folder

    tmp, _, _ = reference
    settings = _settings_hash(_settings(model=None, negated="drop", hypothetical="drop", future="intent"), "auto", None)
    shards, _ = plan_shards([str(corpus)], shard_size=4, settings=settings)
    blocker = shard_folder(tmp_path / "run", shards[-1])  # the last shard: the load order stays the same
    blocker.mkdir(parents=True)
    (blocker / "not-a-shard").write_text("x")  # the finished shard cannot be renamed into place
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "f.duckdb"), "--out",
                                    str(tmp_path / "run"), "--scheduler", client.scheduler.address,
                                    "--shard-size", "4", "--no-progress"])
    assert res.exit_code == 1, res.output
    saved = json.loads((tmp_path / "run" / "report.json").read_text())
    assert (saved["shards_done"], saved["shards_failed"]) == (5, 1)
    assert saved["failures"][0]["shard"] == shards[-1].id and "c_pages" in saved["failures"][0]["input"]
    (blocker / "not-a-shard").unlink()
    blocker.rmdir()
    again = run([str(corpus)], db=str(tmp_path / "f.duckdb"), run_dir=tmp_path / "run", client=client,
                shard_size=4, echo=lambda m: None)
    assert (again.shards_done, again.shards_skipped, again.store_load["shards_loaded"]) == (1, 5, 1)
    assert dump(tmp_path / "f.duckdb") == dump(tmp / "run.duckdb")
    # the store deleted: the manifest's "loaded" records no longer hold, everything is loaded again
    (tmp_path / "f.duckdb").unlink()
    third = run([str(corpus)], db=str(tmp_path / "f.duckdb"), run_dir=tmp_path / "run", client=client,
                shard_size=4, echo=lambda m: None)
    assert (third.shards_done, third.store_load["shards_loaded"]) == (0, 6)
    assert dump(tmp_path / "f.duckdb") == dump(tmp / "run.duckdb")
