"""run_coder wires gold records through a pipeline: order kept, dates parsed, as_output() returned.

The real coder is swapped for a one-stage pipeline so this runs without it; the gate
(test_eval_gate.py) runs the real one.
"""

import datetime as dt
import sys
import types

import pytest

from herald.evaluate import GoldEvent, GoldRecord, evaluate, run_coder
from herald.pipeline import Pipeline
from herald.records import ActorMention, Actor, Event, Evidence


class _KeywordStage:
    """Codes PROTEST with source FRA when 'strike' occurs; records the dates it was given."""

    name, version, reads, writes = "events", "t", ("article",), ("events",)

    def __init__(self, seen):
        self.seen = seen

    def predict(self, states):
        out = []
        for s in states:
            a = s.article
            self.seen.append((a.id, a.date))
            evs = ()
            i = a.text.find("strike")
            if i >= 0:
                src = ActorMention("unions", 0, 6, 0, 1, Actor("FRALAB", "FRA", "LAB"), "test")
                evs = (Event(article_id=a.id, event_id=f"{a.id}-1", date=a.date, cameo="141", cameo_root="14",
                             quad_class=3, goldstein=-6.5, plover="PROTEST", source=src, target=None, location=None,
                             evidence=Evidence(a.text, 0, len(a.text), "strike", i, i + 6), confidence=0.8),)
            out.append({"events": evs})
        return out


@pytest.fixture
def fake_coding(monkeypatch):
    seen, models = [], []

    def build_pipeline(*, model=None):
        models.append(model)
        return Pipeline([_KeywordStage(seen)])

    monkeypatch.setitem(sys.modules, "herald.coding", types.SimpleNamespace(build_pipeline=build_pipeline))
    return seen, models


def _rec(i, text, date=None, events=()):
    return GoldRecord(id=i, date=date, text=text, events=tuple(events))


def test_run_coder_keeps_order_and_parses_dates(fake_coding):
    seen, models = fake_coding
    recs = [_rec("a", "Unions called a general strike.", "2019-12-05"),
            _rec("b", "The minister visited a school.", "2019-12-05T08:00:00Z"),
            _rec("a", "Dockers joined the strike.", "last week")]  # repeated id, unreadable date
    out = run_coder(recs, model="some_model")
    assert models == ["some_model"]
    assert seen == [("a", dt.date(2019, 12, 5)), ("b", dt.date(2019, 12, 5)), ("a", None)]
    assert [len(x) for x in out] == [1, 0, 1]
    assert out[0][0]["source"]["country"] == "FRA" and out[0][0]["evidence"]["trigger"] == "strike"
    assert out[2][0]["evidence"]["sentence"] == "Dockers joined the strike."


def test_run_coder_output_scores(fake_coding):
    gold = [_rec("p", "Teachers went on strike over pay.",
                 events=[GoldEvent("PROTEST", None, None, ("FRA",), ("FRA",))]),
            _rec("q", "Nothing happened in the town.", events=[GoldEvent("AID", None, None, None, None)])]
    r = evaluate(gold, lambda recs: run_coder(recs))
    assert (r.levels["type"].tp, r.levels["type"].fp, r.levels["type"].fn) == (1, 0, 1)
    assert (r.levels["type_source"].tp, r.levels["type_source_target"].fp) == (1, 1)
    assert r.misses[1].predictions == ()
