"""`herald events`, `herald export` and `herald stats` on a store built by `herald ingest`,
as a user runs them: merged events, the new filters, the three export formats."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as pds
import pytest

from herald.export import GDELT_COLUMNS

HERALD = str(Path(sys.executable).with_name("herald"))
ARTICLES = [
    {"id": "call-1", "date": "2024-03-12", "outlet": "Agency One", "url": "https://one.example/1",
     "text": "Russian President Vladimir Putin held a phone call with Turkish President Recep Tayyip Erdogan on "
             "Tuesday, the Kremlin said."},
    {"id": "call-2", "date": "2024-03-12", "outlet": "Daily Two", "url": "https://two.example/2",
     "text": "Turkish President Recep Tayyip Erdogan held a telephone conversation with Vladimir Putin on Tuesday, "
             "his office said."},
    {"id": "strike-1", "date": "2024-03-11", "outlet": "Agency One",
     "text": "Russian missiles struck an apartment building in Kharkiv on Monday, killing three civilians, "
             "Ukrainian officials said."},
]


def _run(*args, cwd):
    return subprocess.run([HERALD, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("exp")
    src = d / "batch.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(d / "s.duckdb")
    proc = _run("ingest", str(src), "--db", db, cwd=d)
    assert proc.returncode == 0, proc.stderr
    assert "3 articles read, 3 new" in proc.stderr
    return d, db


def test_events_merged_and_filters(store):
    d, db = store
    merged = [json.loads(x) for x in _run("events", "--db", db, "--merged", "--dyad", "TUR-RUS", "--format",
                                          "jsonl", cwd=d).stdout.splitlines()]
    assert len(merged) == 1 and merged[0]["cameo_root"] == "04"
    assert merged[0]["num_articles"] == 2 and merged[0]["num_sources"] == 2
    assert {merged[0]["source_country"], merged[0]["target_country"]} == {"RUS", "TUR"}
    mentions = [json.loads(x) for x in _run("events", "--db", db, "--dyad", "RUS-TUR", "--min-mentions", "2",
                                            "--format", "jsonl", cwd=d).stdout.splitlines()]
    assert {m["article_id"] for m in mentions} == {"call-1", "call-2"}
    kharkiv = [json.loads(x) for x in _run("events", "--db", db, "--place", "kharkiv", "--format", "jsonl",
                                           cwd=d).stdout.splitlines()]
    assert kharkiv and all(k["location"]["name"] == "Kharkiv" for k in kharkiv)
    rows = list(csv.reader(_run("events", "--db", db, "--merged", "--format", "csv", cwd=d).stdout.splitlines()))
    assert rows[0][0] == "merged_id" and len(rows) > 2
    bad = _run("events", "--db", db, "--dyad", "RUS", cwd=d)
    assert bad.returncode == 2 and "dyad" in bad.stderr


def test_export_gdelt_plover_parquet(store, tmp_path):
    d, db = store
    n_merged = json.loads(_run("stats", "--db", db, cwd=d).stdout)["merged_events"]
    assert n_merged >= 2

    gdelt = tmp_path / "events.tsv"
    proc = _run("export", "--db", db, "--to", "gdelt", str(gdelt), cwd=d)
    assert proc.returncode == 0, proc.stderr
    lines = gdelt.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_merged
    cells = [ln.split("\t") for ln in lines]
    assert all(len(c) == len(GDELT_COLUMNS) == 61 for c in cells)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    call = [c for c in cells if c[col["EventRootCode"]] == "04"]
    assert len(call) == 1 and call[0][col["NumArticles"]] == "2" and call[0][col["NumSources"]] == "2"
    assert call[0][col["SOURCEURL"]] == "https://one.example/1"  # the earliest report

    plover = [json.loads(x) for x in _run("export", "--db", db, "--to", "plover", "-", "--cameo-root", "04",
                                          cwd=d).stdout.splitlines()]
    assert len(plover) == 1 and plover[0]["event_type"] == "CONSULT"

    out = tmp_path / "pq"
    assert _run("export", "--db", db, "--to", "parquet", str(out), "--mentions", cwd=d).returncode == 0
    table = pds.dataset(out, partitioning="hive").to_table()
    n_mentions = json.loads(_run("stats", "--db", db, cwd=d).stdout)["events"]
    assert table.num_rows == n_mentions
    assert any(p.name.startswith("year=2024") for p in out.iterdir())


def test_stats_per_day(store):
    d, db = store
    st = json.loads(_run("stats", "--db", db, "--days", "5", cwd=d).stdout)
    days = {x["date"]: x for x in st["per_day"]}
    assert set(days) >= {"2024-03-11", "2024-03-12"}
    assert days["2024-03-12"]["events"] > days["2024-03-12"]["merged_events"] >= 1
    assert st["articles"] == 3 and st["schema_version"] >= 3
    before = _run("events", "--db", db, "--merged", "--format", "jsonl", cwd=d).stdout
    proc = _run("merge", "--db", db, "--full", cwd=d)
    assert proc.returncode == 0 and f"{st['events']} mentions merged" in proc.stderr
    assert _run("events", "--db", db, "--merged", "--format", "jsonl", cwd=d).stdout == before
