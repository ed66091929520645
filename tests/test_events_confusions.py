"""Wrong-type confusions found on training data, fixed with general rules of news English.
The sentences are invented, not gold data."""

from __future__ import annotations

import pytest
from conftest import plover_types as _types


@pytest.mark.parametrize("text", [
    "The militia vowed to hunt down the men behind the ambush.",
    "The army chief vowed to crush the insurgents in the mountains.",
    "The rebel group vowed to avenge the death of its leader.",
    "The minister vowed to punish the gangs responsible for the raid.",
])
def test_vow_of_hostile_act_is_a_threat(code, text):
    types = _types(code(text))
    assert "THREATEN" in types
    assert "AGREE" not in types


def test_vow_of_cooperative_act_stays_an_intent(code):
    types = _types(code("The governor vowed to help families displaced by the floods."))
    assert "AGREE" in types
    assert "THREATEN" not in types


def test_crush_a_sports_rival_is_no_fight(code):
    assert "ASSAULT" not in _types(code("Brazil crushed Japan 4-0 in a friendly in Tokyo."))


@pytest.mark.parametrize("text", [
    "Moscow moved warplanes closer to the frontier as the fighting spread.",
    "The navy sent a frigate to the disputed strait on Monday.",
])
def test_military_assets_moved_or_sent_are_a_mobilization(code, text):
    types = _types(code(text))
    assert "MOBILIZE" in types
    assert "ASSAULT" not in types


def test_moving_offices_or_sending_letters_is_no_mobilization(code):
    assert "MOBILIZE" not in _types(code("The president sent a letter to the prime minister of Norway."))
