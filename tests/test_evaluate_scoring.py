"""Scoring against gold: exact TP/FP/FN worked out by hand on invented sentences."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.evaluate import LEVELS, GoldEvent, GoldRecord, Report, evaluate, load_gold


def _ev(plover=None, source=None, target=None, cameo=None):
    return {"plover": plover, "cameo": cameo, "cameo_root": cameo[:2] if cameo else None,
            "source": source, "target": target, "mode": None}


def _gold(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": None, "text": text, "events": evs, "dataset": "invented"})
                            + "\n" for i, text, evs in rows), encoding="utf-8")
    return load_gold(path)


def _actor(country):
    return {"text": "x", "code": country or "IGO", "country": country, "role": None, "name": None}


def _pred(plover=None, source="-", target="-", *, cameo=None, conf=0.5, symmetric=False, trigger="", rule=None):
    """An Event.as_output()-shaped dict; source/target "-" = no actor, None = actor without a country."""
    return {"article_id": "a", "event_id": "e", "date": None, "cameo": cameo, "cameo_root": cameo[:2] if cameo else None,
            "quad_class": 1, "goldstein": 0.0, "plover": plover, "plover_mode": None, "modality": "asserted",
            "symmetric": symmetric, "source": None if source == "-" else _actor(source),
            "target": None if target == "-" else _actor(target), "location": None, "casualties": {},
            "evidence": {"sentence": "", "start": 0, "end": 0, "trigger": trigger}, "confidence": conf,
            "provenance": {"stage": "events", "version": "t", "rule": rule}}


def _fixed(preds):
    def code(records):
        assert len(records) == len(preds)
        return [list(p) for p in preds]
    return code


def _counts(report):
    return {lvl: (s.tp, s.fp, s.fn) for lvl, s in report.levels.items()}


@pytest.fixture
def five(tmp_path):
    """Five invented sentences covering hit, partial hit, wrong type, uncoded field, empty gold, miss."""
    recs = _gold(tmp_path, [
        ("r1", "Kenyan and Ugandan ministers signed a water-sharing accord on Monday.",
         [_ev("AGREE", ["KEN", "UGA"], [])]),
        ("r2", "Chilean riot police broke up a student sit-in at the campus.",
         [_ev("COERCE", ["CHL"], ["CHL"])]),
        ("r3", "The regional bloc condemned the seizure of power in the capital.",
         [_ev("ACCUSE", [], None)]),
        ("r4", "Heavy rain delayed the wheat harvest across the plains.", []),
        ("r5", "Brasilia asked Buenos Aires to hand over the fugitive banker.",
         [_ev("REQUEST", ["BRA"], ["ARG"])]),
    ])
    preds = [
        [_pred("AGREE", "KEN", "-", trigger="signed", rule="verb:sign")],
        [_pred("ASSAULT", "CHL", "CHL", conf=0.9), _pred("COERCE", "CHL", "-", conf=0.4)],
        [_pred("ACCUSE", "-", "MLI")],
        [_pred("PROTEST", "FRA", "-")],
        [],
    ]
    return recs, preds


def test_levels_by_hand(five):
    recs, preds = five
    r = evaluate(recs, _fixed(preds))
    assert _counts(r) == {"type": (3, 2, 1), "type_source": (3, 2, 2), "type_source_target": (1, 3, 3)}
    s = r.summary()
    assert s["type_precision"] == pytest.approx(3 / 5) and s["type_recall"] == pytest.approx(3 / 4)
    assert s["type_f1"] == pytest.approx(2 / 3)
    assert s["type_source_f1"] == pytest.approx(0.6)
    assert s["type_source_target_precision"] == pytest.approx(0.25)
    assert s["type_source_target_f1"] == pytest.approx(0.25)
    assert r.unscored == {"type": 0, "type_source": 0, "type_source_target": 1}  # r3's target is null
    assert (r.n_records, r.n_gold_events, r.n_predictions, r.schemes) == (5, 4, 5, {"plover": 5})


def test_top1_and_confusion(five):
    recs, preds = five
    r = evaluate(recs, _fixed(preds))
    # r1, r3 right; r2's most confident prediction is ASSAULT; r5 has none; r4 has no gold: not counted
    assert (r.top1_correct, r.top1_total, r.top1_accuracy) == (2, 4, 0.5)
    assert r.confusion == {"ACCUSE": {"ACCUSE": 1}, "AGREE": {"AGREE": 1}, "COERCE": {"ASSAULT": 1},
                           "REQUEST": {"NONE": 1}}


def test_per_class_counts(five):
    recs, preds = five
    r = evaluate(recs, _fixed(preds))
    typ = {t: (by["type"].tp, by["type"].fp, by["type"].fn) for t, by in r.per_class.items()}
    assert typ == {"ACCUSE": (1, 0, 0), "AGREE": (1, 0, 0), "ASSAULT": (0, 1, 0), "COERCE": (1, 0, 0),
                   "PROTEST": (0, 1, 0), "REQUEST": (0, 0, 1)}
    agree = r.per_class["AGREE"]
    assert (agree["type_source"].tp, agree["type_source"].fn) == (1, 1)  # UGA missed
    assert r.per_class["REQUEST"]["type"].support == 1
    # per-class counts add up to the totals at every level
    for lvl in LEVELS:
        assert sum((by[lvl] for by in r.per_class.values()), start=type(r.levels[lvl])()) == r.levels[lvl]


def test_misses_list_records_with_any_error(five):
    recs, preds = five
    r = evaluate(recs, _fixed(preds))
    assert [m.id for m in r.misses] == ["r1", "r2", "r4", "r5"]
    m1 = r.misses[0]
    assert m1.false_negatives["type_source"] == (("AGREE", "UGA"),)
    assert m1.false_positives == {lvl: () for lvl in LEVELS}
    assert m1.predictions[0]["trigger"] == "signed" and m1.predictions[0]["rule"] == "verb:sign"
    assert r.misses[1].false_positives["type_source_target"] == (("ASSAULT", "CHL", "CHL"), ("COERCE", "CHL", None))


def test_null_field_is_not_scored_but_other_types_are(tmp_path):
    recs = _gold(tmp_path, [("n1", "Gunmen attacked a convoy on the northern highway.",
                             [_ev("ASSAULT", None, None)])])
    right_type = evaluate(recs, _fixed([[_pred("ASSAULT", "NGA", "NGA")]]))
    assert _counts(right_type) == {"type": (1, 0, 0), "type_source": (0, 0, 0), "type_source_target": (0, 0, 0)}
    assert right_type.summary()["type_source_f1"] is None  # nothing scored: undefined, not 0 or 1
    assert right_type.misses == ()
    wrong_type = evaluate(recs, _fixed([[_pred("ASSAULT", "NGA", "-"), _pred("PROTEST", "NGA", "-")]]))
    assert _counts(wrong_type) == {"type": (1, 1, 0), "type_source": (0, 1, 0), "type_source_target": (0, 1, 0)}


def test_source_coded_target_null_scores_level_two_only(tmp_path):
    recs = _gold(tmp_path, [("n2", "Seoul lodged a complaint over the missile launch.",
                             [_ev("ACCUSE", ["KOR"], None)])])
    r = evaluate(recs, _fixed([[_pred("ACCUSE", "KOR", "PRK")]]))
    assert _counts(r) == {"type": (1, 0, 0), "type_source": (1, 0, 0), "type_source_target": (0, 0, 0)}


@pytest.mark.parametrize("pred_source, tp", [(None, 1), ("-", 1), ("USA", 0)])
def test_empty_list_means_actor_without_country(tmp_path, pred_source, tp):
    recs = _gold(tmp_path, [("e1", "The world body appealed for a ceasefire in the valley.",
                             [_ev("REQUEST", [], ["SDN"])])])
    r = evaluate(recs, _fixed([[_pred("REQUEST", pred_source, "SDN")]]))
    assert (r.levels["type_source"].tp, r.levels["type_source"].fp, r.levels["type_source"].fn) == (tp, 1 - tp, 1 - tp)
    assert r.levels["type_source_target"].tp == tp


def test_symmetric_types_count_both_directions(tmp_path):
    recs = _gold(tmp_path, [("s1", "Egyptian and Jordanian envoys held talks in Amman.",
                             [_ev("CONSULT", ["EGY"], ["JOR"])])])
    reversed_pred = [[_pred("CONSULT", "JOR", "EGY")]]
    sym = evaluate(recs, _fixed(reversed_pred))
    assert _counts(sym) == {"type": (1, 0, 0), "type_source": (1, 1, 0), "type_source_target": (1, 1, 0)}
    plain = evaluate(recs, _fixed(reversed_pred), symmetric_types=frozenset())
    assert _counts(plain) == {"type": (1, 0, 0), "type_source": (0, 1, 1), "type_source_target": (0, 1, 1)}


def test_symmetric_flag_on_prediction_and_no_swap_without_target(tmp_path):
    recs = _gold(tmp_path, [("s2", "Oslo and Stockholm settled their fishing dispute.",
                             [_ev("AGREE", ["SWE"], ["NOR"])])])
    flagged = evaluate(recs, _fixed([[_pred("AGREE", "NOR", "SWE", symmetric=True)]]))
    assert flagged.levels["type_source_target"].tp == 1
    lone = evaluate(recs, _fixed([[_pred("AGREE", "SWE", "-", symmetric=True)]]))
    assert _counts(lone)["type_source"] == (1, 0, 0)  # no (AGREE, None) added for the missing target


def test_cameo_scheme_uses_root_and_symmetric_roots(tmp_path):
    recs = _gold(tmp_path, [
        ("c1", "The two foreign ministers met on the sidelines of the summit.", [_ev(None, [], [], cameo="043")]),
        ("c2", "The cabinet voted to expel the ambassador.", [_ev(None, [], [], cameo="1212")]),
    ])
    preds = [[_pred("CONSULT", "-", None, cameo="042")],  # right root; its PLOVER type is ignored
             [{**_pred("REJECT", "-", "-", cameo="161"), "cameo_root": None}]]  # root derived from the code
    r = evaluate(recs, _fixed(preds))
    assert r.schemes == {"cameo": 2}
    assert _counts(r)["type"] == (1, 1, 1)
    assert r.confusion == {"04": {"04": 1}, "12": {"16": 1}}
    # c1: root 04 is symmetric but the prediction's only actor is a countryless target: (None, None) both ways
    assert _counts(r)["type_source_target"] == (1, 1, 1)
    assert _counts(r)["type_source"] == (1, 1, 1)


def test_top1_ties_pick_the_first_and_untyped_predictions(tmp_path):
    recs = _gold(tmp_path, [("t1", "Dockworkers walked off the job at the port.", [_ev("PROTEST", ["AUS"], None)])])
    r = evaluate(recs, _fixed([[_pred("PROTEST", conf=0.7), _pred("ASSAULT", conf=0.7), _pred(None, conf=0.1)]]))
    assert r.top1_correct == 1
    # a prediction without a PLOVER type (a CAMEO 01x statement) is not a PLOVER event
    assert "UNTYPED" not in r.per_class and r.levels["type"].fp == 1
    r = evaluate(recs, _fixed([[_pred("ASSAULT", conf=0.7), _pred("PROTEST", conf=0.7)]]))
    assert r.top1_correct == 0 and r.confusion == {"PROTEST": {"ASSAULT": 1}}


def test_coder_output_shape_is_checked(tmp_path):
    recs = _gold(tmp_path, [("x", "A placeholder sentence about nothing.", [_ev("AID", [], [])])])
    with pytest.raises(ValueError, match="0 results for 1 records"):
        evaluate(recs, lambda rs: [])
    with pytest.raises(ValueError, match="list of dicts"):
        evaluate(recs, lambda rs: [["AID"]])


def test_json_round_trip_and_table(five):
    recs, preds = five
    r = evaluate(recs, _fixed(preds))
    data = json.loads(json.dumps(r.to_json()))
    assert data["summary"]["type_f1"] == pytest.approx(2 / 3)
    assert data["levels"]["type_source_target"] == {"tp": 1, "fp": 3, "fn": 3, "support": 4,
                                                    "precision": 0.25, "recall": 0.25, "f1": 0.25}
    back = Report.from_json(data)
    assert back == r
    assert back.to_json() == r.to_json()

    table = r.format_table()
    assert "type+source+target" in table and "0.667" in table and "top-1 type accuracy: 0.500 (2/4" in table
    assert "r5" not in table  # misses only on request
    line = next(ln for ln in table.splitlines() if ln.startswith("type+source "))
    assert line.split() == ["type+source", "0.600", "0.600", "0.600", "3", "2", "2", "0"]
    full = r.format_table(errors=True, max_errors=2)
    assert "misses (2 of 4 records" in full and "- r1:" in full and "- r4:" not in full
    assert "trigger='signed' rule=verb:sign" in full


# --- properties -------------------------------------------------------------------------------

_PLOVER = ["AGREE", "ASSAULT", "ACCUSE", "PROTEST", "REQUEST", "AID"]
_ROOTS = [f"{i:02d}" for i in range(1, 21)]
_C = ["USA", "CHN", "IND", "NGA", "PSE"]
_countries = st.none() | st.lists(st.sampled_from(_C), max_size=3, unique=True).map(tuple)


@st.composite
def _gold_records(draw):
    scheme = draw(st.sampled_from(["plover", "cameo"]))
    recs = []
    for i in range(draw(st.integers(1, 6))):
        types = draw(st.lists(st.sampled_from(_PLOVER if scheme == "plover" else _ROOTS), max_size=3, unique=True))
        events = tuple(GoldEvent(plover=t if scheme == "plover" else None,
                                 cameo=None if scheme == "plover" else t + "0",
                                 cameo_root=None if scheme == "plover" else t,
                                 source=draw(_countries), target=draw(_countries)) for t in types)
        recs.append(GoldRecord(id=f"g{i}", date=None, text="An invented sentence.", events=events))
    return recs


def _echo(records):
    """The gold read back as predictions: one per source × target pair."""
    out = []
    for rec in records:
        preds = []
        for e in rec.events:
            for s in (e.source or (None,)):
                for t in (e.target or (None,)):
                    p = _pred(e.plover, s, t if t else "-", cameo=e.cameo)
                    p["cameo_root"] = e.cameo_root
                    preds.append(p)
        out.append(preds)
    return out


@settings(max_examples=150, deadline=None)
@given(_gold_records())
def test_echoed_gold_scores_perfectly(records):
    r = evaluate(records, _echo, symmetric_types=frozenset(), symmetric_roots=frozenset())
    for lvl in LEVELS:
        s = r.levels[lvl]
        assert s.fp == 0 and s.fn == 0
        if s.tp:
            assert s.precision == s.recall == s.f1 == 1.0
    if r.top1_total:
        assert r.top1_accuracy == 1.0
    assert r.misses == ()


_pred_strategy = st.builds(
    lambda t, s, g, c, sym: _pred(t if t in _PLOVER else None, s, g, cameo=(t + "1") if t in _ROOTS else None,
                                  conf=c, symmetric=sym),
    st.sampled_from(_PLOVER + _ROOTS + ["?"]), st.sampled_from(_C + [None, "-"]), st.sampled_from(_C + [None, "-"]),
    st.floats(0, 1), st.booleans())


@settings(max_examples=150, deadline=None)
@given(_gold_records(), st.data())
def test_scores_stay_in_unit_interval(records, data):
    preds = [data.draw(st.lists(_pred_strategy, max_size=4)) for _ in records]
    r = evaluate(records, _fixed(preds))
    for value in r.summary().values():
        assert value is None or 0.0 <= value <= 1.0
    for by in r.per_class.values():
        for s in by.values():
            for v in (s.precision, s.recall, s.f1):
                assert v is None or 0.0 <= v <= 1.0
    assert Report.from_json(json.loads(json.dumps(r.to_json()))) == r
