"""The CLI as a user runs it: bad inputs are reported and skipped, the exit code says so,
and a store re-ingest adds nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERALD = str(Path(sys.executable).with_name("herald"))
GOOD = ("Turkish police detained 40 protesters in Istanbul on Saturday, the governor's office said. "
        "The European Union criticised the arrests.\n")


def _run(*args, cwd, stdin=None):
    return subprocess.run([HERALD, *args], cwd=cwd, capture_output=True, text=True, input=stdin, timeout=300)


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.bin").write_bytes(bytes(range(256)) * 20)
    (d / "batch.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": GOOD, "date": "2024-06-01"}) + "\n{not json\n", encoding="utf-8")
    return d


def test_code_skips_bad_inputs_and_exits_3(corpus, tmp_path):
    proc = _run("code", str(corpus), cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "empty file" in proc.stderr and "binary content" in proc.stderr and "batch.jsonl:2" in proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {r["article_id"] for r in rows} >= {"rec-1"}
    assert any(r["cameo"] == "173" and r["source"]["country"] == "TUR" for r in rows)
    assert all(r["date"] == "2024-06-01" for r in rows if r["article_id"] == "rec-1")


def test_stdin_and_usage_errors(tmp_path):
    proc = _run("code", "-", "--date", "2024-06-01", cwd=tmp_path, stdin=GOOD)
    assert proc.returncode == 0 and proc.stdout.strip()
    assert _run("code", cwd=tmp_path).returncode == 2
    assert _run("code", "-", "--date", "June 1st", cwd=tmp_path, stdin=GOOD).returncode == 2


def test_ingest_is_idempotent_and_queryable(corpus, tmp_path):
    db = str(tmp_path / "s.duckdb")
    first = _run("ingest", str(corpus), "--db", db, cwd=tmp_path)
    # the JSONL record repeats good.txt's text: stored once, the record kept as a copy
    assert first.returncode == 3 and "2 articles read, 1 new, 0 already stored, 1 duplicates" in first.stderr
    stats1 = json.loads(_run("stats", "--db", db, cwd=tmp_path).stdout)
    again = _run("ingest", str(corpus), "--db", db, cwd=tmp_path)
    assert " 0 new, 2 already stored, 0 duplicates, 0 new events, 0 merged events" in again.stderr
    stats2 = json.loads(_run("stats", "--db", db, cwd=tmp_path).stdout)
    assert stats1["events"] == stats2["events"] > 0 and stats1["articles"] == stats2["articles"] == 1
    q = _run("events", "--db", db, "--source-country", "TUR", "--cameo-root", "17", "--format", "jsonl", cwd=tmp_path)
    assert q.returncode == 0 and all(json.loads(x)["cameo_root"] == "17" for x in q.stdout.splitlines())
    assert q.stdout.strip()
    missing = _run("events", "--db", str(tmp_path / "nope.duckdb"), cwd=tmp_path)
    assert missing.returncode == 1 and "no herald store" in missing.stderr
