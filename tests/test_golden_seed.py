"""Golden file for the end-to-end output on the bundled seed article (`herald code --demo`).

Any change in what herald codes from the founding document shows up here as a readable diff
of `tests/golden/seed_events.jsonl`, one event a line, so a reviewer sees exactly which events
a coder change adds, drops or re-types. When the change is intended, rewrite the file with

    HERALD_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_seed.py

and commit it with the change. Unlike tests/test_seed_acceptance.py this needs nothing outside
the repository, so it also runs in a clone without ../shared.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden") / "seed_events.jsonl"
PUB_DATE = dt.date(2023, 10, 16)


def _actor(m) -> str | None:
    return m.actor.code if m is not None else None


def _lines() -> list[str]:
    from herald.coding import build_pipeline
    from herald.ingest import DEMO_PATH, read_inputs

    (item,) = list(read_inputs([str(DEMO_PATH)], default_date=PUB_DATE))
    (state,) = build_pipeline().run([item])
    rows = []
    for e in state.events:
        rows.append({
            "sentence_start": e.evidence.start, "trigger": e.evidence.trigger, "date": str(e.date),
            "cameo": e.cameo, "plover": e.plover, "modality": e.modality,
            "source": _actor(e.source), "target": _actor(e.target),
            "place": e.location.name if e.location else None,
            "casualties": dict(sorted(e.casualties.items())), "rule": e.provenance.rule,
        })
    rows.sort(key=lambda r: (r["sentence_start"], r["cameo"], str(r["source"]), str(r["target"])))
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]


def test_seed_events_match_the_golden_file():
    got = _lines()
    if os.environ.get("HERALD_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text("".join(x + "\n" for x in got), encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert got == want, "seed output changed; if intended, regenerate with HERALD_UPDATE_GOLDEN=1 (see docstring)"
