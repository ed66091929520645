"""Background conflict nouns and aid-carrying deployments.

A war named as a setting (a past war by name or date, a war told as a span) or a figurative
war (trade war, war of words, war on drugs) is not a new act of fighting; reported fighting
still codes. The sentences are invented for these tests (not taken from any data file).
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


pytest.importorskip("spacy")


@pytest.mark.parametrize("text", [
    "China and the United States are locked in a trade war that has worried exporters.",
    "Two Japanese carmakers started a price war in Thailand last month.",
    "Moscow and Washington engaged in a war of words over the missile deal.",
    "Mexico launched a war on drugs in 2006.",
    "The Kenyan government launched a battle against corruption.",
    "The country was still rebuilding after the Second World War.",
    "Iraqi troops fled after a four-day ground war.",
    "Putin said the West risked nuclear war by arming Kyiv.",
    "France will veto any resolution authorising war on Iraq.",
    "Analysts said the two countries were on the brink of war.",
    "The diplomats worked to head off a war between the neighbours.",
])
def test_background_or_figurative_war_is_not_an_assault(code, text):
    assert "ASSAULT" not in _types(code(text))


@pytest.mark.parametrize("text", [
    "The war between Ethiopia and Eritrea escalated on Tuesday.",
    "Iraq declared war on Iran.",
    "Russia waged war against Georgia in August.",
    "Israel launched a war against Hamas in Gaza.",
])
def test_reported_war_still_codes(code, text):
    assert "ASSAULT" in _types(code(text))


# Troops, ships or planes sent with relief give aid, abroad or at home; a plain deployment,
# or one merely after a disaster, stays a show of force.
@pytest.mark.parametrize("text", [
    "Mexico sent troops and rescue teams to help Haiti recover from the earthquake.",
    "India deployed soldiers for flood relief in Assam.",
    "The government deployed 5,000 troops to deliver aid to villages hit by the cyclone.",
    "Britain sent a warship to the Caribbean to help islands hit by the hurricane.",
])
def test_deployment_with_relief_is_aid(code, text):
    types = _types(code(text))
    assert "AID" in types and "MOBILIZE" not in types


@pytest.mark.parametrize("text", [
    "Russia sent troops to the Ukrainian border.",
    "India deployed soldiers to Kashmir after the attack.",
    "Germany sent troops to Lithuania to deter Russia.",
    "Some 15,000 police officers were deployed around Lyon as truckers threatened to block the city's food depots.",
])
def test_plain_deployment_stays_mobilize(code, text):
    types = _types(code(text))
    assert "MOBILIZE" in types and "AID" not in types
