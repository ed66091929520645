"""The README accuracy block is rewritten between its markers, from real reports, and
nothing around it changes."""

from __future__ import annotations

import pytest

from herald.evaluate import Report, Score, markdown_table, update_readme
from herald.evaluate.readme import END, START


def _report(tp: int, fp: int, fn: int, *, sources: bool) -> Report:
    s = Score(tp, fp, fn)
    none = Score(0, 0, 0)
    return Report(n_records=10, n_gold_events=tp + fn, n_predictions=tp + fp, schemes={"plover": 10},
                  levels={"type": s, "type_source": s if sources else none,
                          "type_source_target": s if sources else none},
                  per_class={}, top1_correct=7, top1_total=10, confusion={}, unscored={})


def test_table_and_rewrite(tmp_path):
    table = markdown_table({"a.jsonl": _report(6, 2, 4, sources=True), "b.jsonl": _report(3, 1, 1, sources=False)},
                           commit="abc1234", model="some_model")
    assert "`abc1234`" in table and "`some_model`" in table
    row_a = next(ln for ln in table.splitlines() if ln.startswith("| `a.jsonl`"))
    assert "0.750 / 0.600 / **0.667**" in row_a and row_a.endswith("| 0.700 |")
    row_b = next(ln for ln in table.splitlines() if ln.startswith("| `b.jsonl`"))
    assert row_b.count("not coded in gold") == 2

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\nbefore\n{START}\nold figures\n{END}\nafter\n", encoding="utf-8")
    update_readme(readme, table)
    text = readme.read_text(encoding="utf-8")
    assert "old figures" not in text and table in text
    assert text.startswith("# x\nbefore\n") and text.endswith(f"{END}\nafter\n")
    update_readme(readme, table)  # idempotent
    assert readme.read_text(encoding="utf-8") == text

    bare = tmp_path / "NO.md"
    bare.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="herald-evaluate"):
        update_readme(bare, table)
