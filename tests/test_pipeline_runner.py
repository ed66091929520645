"""The runner checks stage contracts at build time and names the failing stage at run time."""

import pytest

from herald.pipeline import ArticleState, Pipeline, PipelineError, StageError
from herald.records import Article


class _Stage:
    def __init__(self, name, reads, writes, fn):
        self.name, self.version, self.reads, self.writes, self._fn = name, "t", reads, writes, fn

    def predict(self, states):
        return [self._fn(s) for s in states]


def _art(i="a1"):
    return Article(id=i, text="Officials met in Cairo.")


def test_read_before_write_is_rejected_at_build_time():
    events = _Stage("events", ("article", "actors"), ("events",), lambda s: {"events": ()})
    with pytest.raises(PipelineError, match="'events' reads \\['actors'\\]"):
        Pipeline([events])


def test_unknown_field_and_duplicate_names_are_rejected():
    with pytest.raises(PipelineError, match="unknown field"):
        Pipeline([_Stage("x", ("article",), ("nonsense",), lambda s: {})])
    a = _Stage("a", ("article",), ("doc",), lambda s: {"doc": 1})
    with pytest.raises(PipelineError, match="two stages"):
        Pipeline([a, a])


def test_a_stage_returning_undeclared_keys_is_named():
    bad = _Stage("sloppy", ("article",), ("doc",), lambda s: {"doc": 1, "events": ()})
    with pytest.raises(StageError, match="'sloppy'.*declared"):
        Pipeline([bad]).run_batch([_art()])


def test_an_exception_names_stage_and_article():
    def boom(s):
        raise KeyError("missing table")
    with pytest.raises(StageError) as info:
        Pipeline([_Stage("actors", ("article",), ("actors",), boom)]).run_batch([_art("art-7")])
    assert info.value.stage == "actors" and "art-7" in str(info.value) and "KeyError" in str(info.value)


def test_states_are_frozen_and_flow_in_order():
    seen = []
    s1 = _Stage("one", ("article",), ("doc",), lambda s: {"doc": s.article.id.upper()})
    s2 = _Stage("two", ("article", "doc"), ("actors",), lambda s: seen.append(s.doc) or {"actors": ()})
    out = list(Pipeline([s1, s2]).run([_art("x"), _art("y"), _art("z")], batch_size=2))
    assert [s.doc for s in out] == ["X", "Y", "Z"] and seen == ["X", "Y", "Z"]
    with pytest.raises(Exception):
        out[0].doc = "changed"  # frozen
    assert isinstance(out[0], ArticleState) and out[0].events is None
