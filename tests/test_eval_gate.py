"""Eval gate: herald's real coder must keep its pinned scores on every evaluation set.

Each set's SHA-256 is pinned in eval_floors.json next to its floors: if a set changes, the
gate fails until someone re-measures and re-pins on purpose, so floors never drift silently.
Two kinds of set: the shared gold files (../shared/gold, development checkouts only; without
them their gates are skipped, never passed) and the in-repo held-out sets (an entry with a
`path` relative to the project root), which every clone, CI included, must meet.
"""

import json
from pathlib import Path

import pytest

from herald.evaluate import evaluate, gold_hash, load_gold, run_coder

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT.parent / "shared" / "gold"
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))
METRICS = {"type_f1", "type_source_f1", "type_source_target_f1", "top1_accuracy"}
SHARED = sorted(n for n, e in FLOORS.items() if "path" not in e)
IN_REPO = sorted(n for n, e in FLOORS.items() if "path" in e)


def _path(name: str) -> Path:
    entry = FLOORS[name]
    return ROOT / entry["path"] if "path" in entry else GOLD_DIR / name


def _skip_without_shared(name: str) -> None:
    if name in SHARED and not GOLD_DIR.is_dir():
        pytest.skip(f"gold directory {GOLD_DIR} absent (../shared is not shipped with herald)")


def test_every_gold_file_is_pinned():
    if not GOLD_DIR.is_dir():
        pytest.skip(f"gold directory {GOLD_DIR} absent")
    on_disk = {p.name for p in GOLD_DIR.glob("*.jsonl")}
    assert on_disk == set(SHARED), (f"gold files without floors: {sorted(on_disk - set(SHARED))}; "
                                    f"floors without gold file: {sorted(set(SHARED) - on_disk)}")


def test_every_in_repo_set_is_pinned():
    on_disk = {p.name for p in (ROOT / "evalsets").glob("*.jsonl")}
    assert on_disk and on_disk == set(IN_REPO), (f"evalsets without floors: {sorted(on_disk - set(IN_REPO))}; "
                                                 f"floors without a file: {sorted(set(IN_REPO) - on_disk)}")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_file_unchanged(name):
    _skip_without_shared(name)
    entry = FLOORS[name]
    assert set(entry) - {"path"} == {"sha256", "floors"}
    assert set(entry["floors"]) <= METRICS, f"unknown metric in floors: {set(entry['floors']) - METRICS}"
    assert gold_hash(_path(name)) == entry["sha256"], (
        f"{name} changed since its floors were set: re-run `herald evaluate`, then re-pin sha256 and floors "
        f"in tests/eval_floors.json deliberately")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_coder_meets_floors(name):
    _skip_without_shared(name)
    path = _path(name)
    if gold_hash(path) != FLOORS[name]["sha256"]:
        pytest.fail(f"{name} is not the pinned gold file (see test_gold_file_unchanged)")
    report = evaluate(load_gold(path), lambda recs: run_coder(recs))
    summary = report.summary()
    print(f"== {name}\n{report.format_table()}")
    below = [f"{m} = {summary[m]} < floor {floor}" for m, floor in FLOORS[name]["floors"].items()
             if (summary[m] if summary[m] is not None else 0.0) < floor]
    assert not below, f"{name}: " + "; ".join(below) + "\n" + report.format_table()
