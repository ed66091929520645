"""The seed article end to end: parse, then actors, as a careful human coder reads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from herald.actors import ActorResolver
from herald.parse import load_model

SEED = Path("/work/shared/seeds/000_04e95e81a419dec2.txt")
if not SEED.exists():
    SEED = Path(__file__).resolve().parents[1] / "herald" / "ingest" / "demo" / "seed_putin_netanyahu.txt"


@pytest.fixture(scope="module")
def mentions():
    lines = SEED.read_text(encoding="utf-8").rstrip().split("\n")
    if lines[-1].startswith("Back to top"):
        lines = lines[:-3]  # page boilerplate (comment form, navigation)
    text = "\n".join(lines).rstrip()
    doc = load_model()(text)
    return ActorResolver().resolve_doc(doc, date=dt.date(2023, 10, 16))


@pytest.mark.parametrize("name,country,role", [
    ("Vladimir Putin", "RUS", "GOV"), ("Benjamin Netanyahu", "ISR", "GOV"), ("Bashar al-Assad", "SYR", "GOV"),
    ("Ebrahim Raisi", "IRN", "GOV"), ("Abdel Fattah al-Sisi", "EGY", "GOV"), ("Mahmoud Abbas", "PSE", "GOV"),
])
def test_seed_people(mentions, name, country, role):
    found = [m.actor for m in mentions if m.actor.name == name]
    assert found and all((a.country, a.role) == (country, role) for a in found)


def test_seed_groups(mentions):
    hamas = [m for m in mentions if "Hamas" in m.text]
    assert hamas and hamas[0].actor.country == "PSE" and hamas[0].actor.role in ("REB", "INS", "UAF", "PTY")
    idf = [m for m in mentions if m.text == "IDF"]
    assert idf and all((m.actor.country, m.actor.role) == ("ISR", "MIL") for m in idf)


def test_seed_coreference(mentions):
    by = {m.text: m for m in mentions}
    assert by["Russian head of state"].actor.name == "Vladimir Putin"
    assert by["President of the Russian Federation"].actor.name == "Vladimir Putin"
    assert by["Moscow"].rule == "capital-metonymy"
    assert by["group"].actor.name == "Hamas"
    assert "Leave a Reply" not in " ".join(m.text for m in mentions)
