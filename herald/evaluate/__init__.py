"""Measure herald against gold event files: precision, recall and F1 at three levels.

    records = load_gold("gold.jsonl")
    report = evaluate(records, lambda recs: run_coder(recs))
    print(report.format_table(errors=True))

`evaluate` takes any coder function (records → event dicts per record), so scoring is
tested without the real pipeline; `run_coder` plugs in herald's own.
"""

from herald.evaluate.gold import GoldEvent, GoldRecord, gold_hash, load_gold
from herald.evaluate.readme import markdown_table, update_readme
from herald.evaluate.runner import run_coder
from herald.evaluate.scoring import LEVELS, Miss, Report, Score, evaluate

__all__ = [
    "markdown_table",
    "update_readme",
    "LEVELS",
    "GoldEvent",
    "GoldRecord",
    "Miss",
    "Report",
    "Score",
    "evaluate",
    "gold_hash",
    "load_gold",
    "run_coder",
]
