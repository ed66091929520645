"""The held-out evaluation sets stay held out: the split rule is the one the files were
made with, and no authored record sits on both sides."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("split_heldout", ROOT / "tools" / "split_heldout.py")
split_heldout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(split_heldout)


def _ids(pattern: str) -> list[str]:
    return [json.loads(line)["id"] for p in sorted(ROOT.glob(pattern))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_no_training_record_falls_in_the_held_out_fifth():
    leaked = [i for i in _ids("training/*.jsonl") if split_heldout.held_out(i)]
    assert leaked == []


def test_every_authored_evaluation_record_is_held_out_and_not_in_training():
    held = _ids("evalsets/*.jsonl")
    assert held and all(split_heldout.held_out(i) for i in held)
    assert not set(held) & set(_ids("training/*.jsonl"))


def test_split_moves_the_held_out_fifth_and_keeps_the_rest(tmp_path):
    ids = [f"AUTH-x-{n:04d}" for n in range(40)]
    src = tmp_path / "batch.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "t", "events": []}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "held.jsonl"
    kept, held = split_heldout.split([src], out)
    held_ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    kept_ids = [json.loads(x)["id"] for x in src.read_text(encoding="utf-8").splitlines()]
    assert (kept, held) == (len(kept_ids), len(held_ids)) and kept + held == 40
    assert held_ids == [i for i in ids if split_heldout.held_out(i)] and 0 < held < 40
    assert kept_ids == [i for i in ids if not split_heldout.held_out(i)]


def test_a_bad_line_stops_the_split_before_anything_is_written(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text("".join(json.dumps({"id": f"AUTH-y-{n:04d}", "events": []}) + "\n" for n in range(20)),
                    encoding="utf-8")
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"id": "AUTH-y-0100", "events": []}\n{not json\n', encoding="utf-8")
    before = good.read_bytes(), bad.read_bytes()
    out = tmp_path / "held.jsonl"
    with pytest.raises(SystemExit, match=r"b\.jsonl:2"):
        split_heldout.split([good, bad], out)
    assert (good.read_bytes(), bad.read_bytes()) == before and not out.exists()
