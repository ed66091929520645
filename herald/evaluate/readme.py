"""The accuracy table of the README, written by `herald evaluate --update-readme`.

Why: figures typed by hand drift from the code; this block is rewritten from real runs, with
the commit they were measured on, between two marker comments, and nothing else is touched.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from herald.evaluate.scoring import Report

__all__ = ["END", "START", "current_commit", "markdown_table", "update_readme"]

START = "<!-- herald-evaluate:start -->"
END = "<!-- herald-evaluate:end -->"


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def current_commit(cwd: str | Path | None = None) -> str:
    """The short commit hash of the working tree, "+dirty" when it has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=cwd, capture_output=True, text=True,
                              check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, check=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def markdown_table(reports: Mapping[str, Report], *, commit: str, model: str) -> str:
    """One row per gold file, three levels (P / R / F1 each) and top-1 type accuracy."""
    lines = [
        f"Measured at commit `{commit}` with `{model}`; regenerate with "
        "`.venv/bin/herald evaluate ../shared/gold/*.jsonl evalsets/*.jsonl --update-readme README.md`.",
        "",
        "| gold file | texts | scored by | type P / R / F1 | + source P / R / F1 | + source + target P / R / F1 "
        "| top-1 type accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in reports.items():
        cells = []
        for lvl in ("type", "type_source", "type_source_target"):
            s = r.levels[lvl]
            cells.append("not coded in gold" if lvl != "type" and s.support == 0
                         else f"{_f(s.precision)} / {_f(s.recall)} / **{_f(s.f1)}**")
        scheme = ", ".join(f"{k} ({v})" for k, v in sorted(r.schemes.items()) if v)
        lines.append(f"| `{name}` | {r.n_records} | {scheme} | {' | '.join(cells)} | {_f(r.top1_accuracy)} |")
    return "\n".join(lines)


def update_readme(path: str | Path, table: str) -> None:
    """Replace what stands between the markers in `path` (which must hold both, in order)."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"{p} has no {START} ... {END} block to rewrite")
    p.write_text(text[:i + len(START)] + "\n" + table + "\n" + text[j:], encoding="utf-8")
