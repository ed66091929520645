"""Gold JSONL loading: null (not coded) stays distinct from [] (no country); bad lines name their line."""

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.evaluate import GoldEvent, GoldRecord, gold_hash, load_gold


def _write(tmp_path, rows, name="g.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(i="x1", **event):
    ev = {"plover": "PROTEST", "cameo": None, "cameo_root": None, "source": ["FRA"], "target": None, "mode": None}
    ev.update(event)
    return {"id": i, "date": None, "text": "Farmers blocked roads outside the ministry in protest.",
            "events": [ev], "dataset": "invented"}


def test_fields_null_and_empty_list_are_kept_apart(tmp_path):
    path = _write(tmp_path, [_row(source=[], target=None),
                             {**_row("x2", plover=None, cameo="0431", cameo_root=None, source=None, target=["PER"]),
                              "date": "2021-03-04", "extra": 1}])
    recs = load_gold(path)
    assert recs[0] == GoldRecord(id="x1", date=None, text=recs[0].text, dataset="invented",
                                 events=(GoldEvent("PROTEST", None, None, (), None, None),))
    ev = recs[1].events[0]
    assert ev.plover is None and ev.cameo == "0431"
    assert ev.cameo_root == "04"  # derived from the code when the file leaves it out
    assert ev.source is None and ev.target == ("PER",)
    assert recs[1].date == "2021-03-04"


def test_missing_mode_key_and_blank_lines_are_fine(tmp_path):
    row = _row()
    del row["events"][0]["mode"]
    path = _write(tmp_path, ["", json.dumps(row), "   "])
    (rec,) = load_gold(path)
    assert rec.events[0].mode is None


def test_repeated_ids_are_kept_in_order(tmp_path):
    recs = load_gold(_write(tmp_path, [_row("same"), {**_row("same"), "text": "Another invented sentence."}]))
    assert [r.id for r in recs] == ["same", "same"]
    assert recs[1].text == "Another invented sentence."


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),
    (json.dumps(["a", "list"]), "expected a JSON object"),
    (json.dumps({**_row(), "text": ""}), "'text'"),
    (json.dumps({k: v for k, v in _row().items() if k != "id"}), "'id'"),
    (json.dumps({**_row(), "events": {"plover": "AID"}}), "'events' must be a list"),
    (json.dumps(_row(plover=None, cameo=None, cameo_root=None)), "neither a PLOVER type nor a CAMEO code"),
    (json.dumps(_row(source="FRA")), "'source' must be a list"),
    (json.dumps(_row(target=["FRA", 3])), "'target' must be a list"),
    (json.dumps({**_row(), "date": 20210304}), "'date'"),
])
def test_malformed_line_names_its_line_number(tmp_path, bad, message):
    path = _write(tmp_path, [_row("a"), "", bad, _row("b")])
    with pytest.raises(ValueError, match=message) as exc:
        load_gold(path)
    assert "g.jsonl line 3" in str(exc.value)


def test_gold_hash_is_sha256_of_bytes(tmp_path):
    path = _write(tmp_path, [_row()])
    assert gold_hash(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(path.read_bytes() + b"\n")
    assert gold_hash(path) != hashlib.sha256(b"").hexdigest()


_codes = st.lists(st.sampled_from(["USA", "RUS", "PSE", "KEN", "BRA"]), max_size=3).map(tuple)
_events = st.builds(GoldEvent,
                    plover=st.sampled_from(["AGREE", "ASSAULT", "CONSULT"]),
                    cameo=st.none() | st.sampled_from(["042", "190", "0331"]),
                    cameo_root=st.none(),
                    source=st.none() | _codes, target=st.none() | _codes,
                    mode=st.none() | st.sampled_from(["destroy", "restrict"]))
_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(str.strip)
_records = st.builds(GoldRecord, id=st.text(min_size=1, max_size=8), date=st.none() | st.just("2020-02-29"),
                     text=_text, events=st.lists(_events, max_size=3).map(tuple),
                     dataset=st.none() | st.just("d"))


def _dump(rec):
    return {"id": rec.id, "date": rec.date, "text": rec.text, "dataset": rec.dataset,
            "events": [{"plover": e.plover, "cameo": e.cameo, "cameo_root": e.cameo_root,
                        "source": None if e.source is None else list(e.source),
                        "target": None if e.target is None else list(e.target), "mode": e.mode}
                       for e in rec.events]}


@settings(max_examples=60, deadline=None)
@given(st.lists(_records, max_size=5))
def test_written_records_load_back_equal(tmp_path_factory, recs):
    path = tmp_path_factory.mktemp("g") / "g.jsonl"
    path.write_text("".join(json.dumps(_dump(r)) + "\n" for r in recs), encoding="utf-8")
    loaded = load_gold(path)
    assert len(loaded) == len(recs)
    for got, want in zip(loaded, recs):
        assert (got.id, got.date, got.text, got.dataset) == (want.id, want.date, want.text, want.dataset)
        for g, w in zip(got.events, want.events, strict=True):
            assert (g.plover, g.cameo, g.source, g.target, g.mode) == (w.plover, w.cameo, w.source, w.target, w.mode)
            assert g.cameo_root == (w.cameo[:2] if w.cameo else None)
