"""PLOVER JSON export: statements skipped and counted, fields mapped, JSON Lines safe."""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from herald.export import plover_record, write_plover_json
from herald.records import Actor, ActorMention, Event, Evidence, Location, Provenance


def _mention(text, code, country, role, name=None):
    return ActorMention(text, 0, len(text), 0, 1, Actor(code, country, role, name), "test")


def _event(**kw) -> dict:
    base = dict(
        article_id="story-7", event_id="b0b0c1c1d2d2e3e3", date=dt.date(2022, 6, 14),
        cameo="1823", cameo_root="18", quad_class=4, goldstein=-9.0, plover="ASSAULT",
        plover_mode="assassinate",
        source=_mention("gunmen", "NGAREB", "NGA", "REB"),
        target=_mention("the district governor", "NGAGOV", "NGA", "GOV", "Musa Danladi"),
        location=Location("Kaduna", "NGA", 10.52, 7.44, "city"),
        evidence=Evidence("Gunmen shot dead the district governor outside Kaduna late on Tuesday.", 120, 191, "shot"),
        confidence=0.85, casualties={"killed": 1}, provenance=Provenance("events", "2", "pattern:shoot"),
    )
    base.update(kw)
    return Event(**base).as_output()


def test_record_fields():
    rec = plover_record(_event(), articles={"story-7": {"url": "https://example.ng/s/7", "outlet": "Example",
                                                        "date": dt.date(2022, 6, 15)}})
    assert rec["id"] == "b0b0c1c1d2d2e3e3" and rec["date"] == "2022-06-14"
    assert (rec["event_type"], rec["mode"], rec["context"]) == ("ASSAULT", "assassinate", [])
    assert (rec["actor"], rec["actor_country"], rec["actor_role"], rec["actor_code"]) == ("gunmen", "NGA", "REB", "NGAREB")
    assert (rec["recipient"], rec["recipient_country"], rec["recipient_role"]) == ("Musa Danladi", "NGA", "GOV")
    assert rec["recipient_text"] == "the district governor"
    assert rec["location"] == {"name": "Kaduna", "country": "NGA", "lat": 10.52, "lon": 7.44}
    assert rec["event_text"].startswith("Gunmen shot dead")
    assert rec["story_id"] == "story-7" and rec["source_url"] == "https://example.ng/s/7"
    assert rec["publisher"] == "Example" and rec["publication_date"] == "2022-06-15"
    assert rec["cameo"] == "1823" and rec["goldstein"] == -9.0 and rec["casualties"] == {"killed": 1}
    assert rec["herald"]["evidence"] == {"start": 120, "end": 191, "trigger": "shot"}
    assert rec["herald"]["provenance"]["rule"] == "pattern:shoot"
    assert "num_mentions" not in rec["herald"]


def test_statements_skipped_and_counted_jsonl():
    statement = _event(event_id="0c", cameo="012", cameo_root="01", quad_class=1, goldstein=-0.4,
                       plover="", plover_mode=None)
    merged = _event(event_id="0d", source=None, location=None)
    merged.update(num_mentions=3, mention_ids=["a", "b", "c"], context=["military"])
    buf, stats = io.StringIO(), {}
    n = write_plover_json([_event(), statement, merged], buf, stats=stats)
    lines = buf.getvalue().splitlines()
    assert n == 2 == len(lines) and stats == {"written": 2, "skipped_no_plover": 1}
    recs = [json.loads(x) for x in lines]
    assert [r["id"] for r in recs] == ["b0b0c1c1d2d2e3e3", "0d"]
    assert recs[1]["actor"] is None and recs[1]["location"] is None and recs[1]["mode"] == "assassinate"
    assert recs[1]["context"] == ["military"] and recs[1]["herald"]["num_mentions"] == 3


def test_json_array_and_path(tmp_path):
    path = tmp_path / "p.json"
    assert write_plover_json([_event(), _event(event_id="ff")], path, jsonl=False) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list) and [d["id"] for d in data] == ["b0b0c1c1d2d2e3e3", "ff"]
    empty = tmp_path / "e.json"
    assert write_plover_json([], empty, jsonl=False) == 0
    assert json.loads(empty.read_text(encoding="utf-8")) == []


@settings(max_examples=100, deadline=None)
@given(sentence=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_jsonl_one_record_per_line_for_any_text(sentence):
    buf = io.StringIO()
    write_plover_json([_event(evidence=Evidence(sentence, 0, len(sentence)))] * 2, buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["event_text"] == sentence
