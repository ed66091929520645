"""Crash safety: an ingest killed with SIGKILL mid-way, then re-run, ends exactly like an uninterrupted one.

The writer is a separate process adding real ArticleState/Event records batch by batch. It
reports each bulk insert; in the fourth batch it stops after the mentions insert (articles,
actors and mentions written, events not, nothing committed) and is killed there, so the kill
is certainly inside an open transaction. Runs on both backends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from herald.store import Store
from herald.store.backends import quoted

BATCHES, ARTICLES, PER_ARTICLE = 30, 40, 10

_WRITER = textwrap.dedent("""
    import sys, time
    from herald.records import SkippedItem
    from herald.store import Store
    from herald.store.synthetic import synthetic_states
    target, batches, articles, per, stop_in = sys.argv[1], *map(int, sys.argv[2:6])
    real_insert, batch = Store._insert, -1

    def reporting_insert(self, table, data):
        n = real_insert(self, table, data)
        print(f"wrote {table} {batch}", flush=True)
        if batch == stop_in and table == "actor_mentions":
            time.sleep(120)  # wait to be killed, transaction open
        return n

    Store._insert = reporting_insert
    with Store.open(target) as store:
        print("open", flush=True)
        for batch in range(batches):
            store.add_batch(synthetic_states(articles, per, first=batch * articles, named=True))
            print(f"committed {batch}", flush=True)
        store.add_skipped([SkippedItem("feed.jsonl:7", "no body text")])
    print("done", flush=True)
""")

TIMESTAMPS = {"ingested_at", "at", "applied_at", "seen_at"}  # when a row was written: differs between any two runs
KEYS = {"articles": "id", "actors": "actor_id", "actor_mentions": "article_id, idx", "events": "event_id",
        "skipped": "origin, reason", "article_copies": "article_id, copy_id", "merged_events": "merged_id",
        "merged_event_mentions": "event_id"}


def _writer(target: str, *, stop_in: int = -1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _WRITER, target, str(BATCHES), str(ARTICLES), str(PER_ARTICLE),
                             str(stop_in)], stdout=subprocess.PIPE, text=True)


def _ingest(target: str) -> None:
    proc = _writer(target)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0 and out.rstrip().endswith("done"), out[-500:]


def dump(target: str, *, with_timestamps: bool) -> dict[str, list[tuple]]:
    """Every row of every table, in key order (optionally without the write-time columns)."""
    out = {}
    with Store.open(target, read_only=True) as s:
        for table, key in KEYS.items():
            cols = [c for (c,) in s._fetchall(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? ORDER BY ordinal_position", [table]) if with_timestamps or c not in TIMESTAMPS]
            out[table] = s._fetchall(f"SELECT {quoted(cols)} FROM {table} ORDER BY {key}")
    return out


def test_killed_ingest_resumes_to_the_uninterrupted_result(new_store_target):
    reference, crashed = new_store_target(), new_store_target()
    _ingest(reference)
    want = dump(reference, with_timestamps=False)
    assert len(want["events"]) == BATCHES * ARTICLES * PER_ARTICLE
    assert len(want["skipped"]) == 1 and len(want["actor_mentions"]) == 2 * len(want["events"])

    proc = _writer(crashed, stop_in=3)
    assert proc.stdout.readline().strip() == "open"
    seen = []
    while not seen or seen[-1] != "wrote actor_mentions 3":
        line = proc.stdout.readline()
        assert line, f"writer ended early: {seen[-5:]}"
        seen.append(line.strip())
    assert seen[-4:] == ["committed 2", "wrote articles 3", "wrote actors 3", "wrote actor_mentions 3"]
    os.kill(proc.pid, signal.SIGKILL)
    rest = proc.stdout.read()
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert "done" not in rest

    # what survived is whole batches only: every committed batch, nothing of the one being written
    torn = dump(crashed, with_timestamps=False)
    n = len(torn["articles"])
    assert n == 3 * ARTICLES, n
    assert len(torn["events"]) == n * PER_ARTICLE and len(torn["actor_mentions"]) == 2 * n * PER_ARTICLE
    assert torn["skipped"] == []
    for table in ("articles", "events", "actor_mentions"):
        assert set(map(repr, torn[table])) <= set(map(repr, want[table]))

    _ingest(crashed)  # the same ingest again, to completion
    assert dump(crashed, with_timestamps=False) == want

    # a re-run of the same corpus changes no row at all, not even a write time
    before = dump(crashed, with_timestamps=True)
    _ingest(crashed)
    assert dump(crashed, with_timestamps=True) == before
