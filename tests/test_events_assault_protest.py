"""Acts of force (CAMEO 18-20, PLOVER ASSAULT) and protests (CAMEO 14, PLOVER PROTEST):
invented news-English sentences, real spaCy parses. None come from gold data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


@pytest.mark.parametrize("text", [
    "The Nigerian army said its troops had overrun a militant camp in Sambisa forest.",
    "The Colombian military said its soldiers had destroyed a rebel camp near the border.",
])
def test_a_side_telling_its_own_attack_is_no_accusation(code, text):
    assert "ACCUSE" not in _types(code(text))


def test_another_side_telling_an_attack_is_still_an_accusation(code):
    assert "ACCUSE" in _types(code("Georgia said Russian aircraft had bombed villages near Gori."))


@pytest.mark.parametrize("text", [
    "Sierra Leone suspended the operations of two foreign mining companies for six months.",
    "The airline resumed operations at the airport after a two-day closure.",
])
def test_business_operations_are_no_attack(code, text):
    assert "ASSAULT" not in _types(code(text))


def test_an_operation_against_rebels_is_an_attack(code):
    assert _types(code("The army launched an operation against rebels in the northern hills.")) == {"ASSAULT"}


def test_a_blackout_strikes_no_one(code):
    assert _types(code("A blackout struck much of Pakistan, leaving millions without power.")) == set()


@pytest.mark.parametrize("text", [
    "Thousands of teachers staged a sit-in outside the education ministry in Lagos to demand unpaid salaries.",
    "Hundreds of workers held a sit-in at the factory gates in Dhaka.",
])
def test_a_hyphenated_sit_in_is_a_protest(code, text):
    assert _types(code(text)) == {"PROTEST"}


def test_police_answering_a_rally_is_a_second_event(code):
    text = "Thousands marched in Nairobi to demand lower food prices, and police fired tear gas."
    assert _types(code(text)) == {"PROTEST", "ASSAULT"}


@pytest.mark.parametrize("text", [
    "Riot police used batons and tear gas against students protesting against tuition fees in Santiago.",
    "Police used truncheons on striking miners outside the company offices in Rustenburg.",
])
def test_batons_used_on_protesters_are_repression(code, text):
    assert _types(code(text)) == {"ASSAULT"}


def test_goods_looted_long_ago_are_background(code):
    text = "Germany returned dozens of bronzes looted from the royal palace of Benin to Nigeria."
    assert "PROTEST" not in _types(code(text))


@pytest.mark.parametrize("text", [
    "At least 40 people were killed when a ferry capsized on Lake Victoria.",
    "Chlorine gas leaked from a factory in Gujarat, killing eleven workers.",
])
def test_deaths_in_an_accident_are_no_attack(code, text):
    assert "ASSAULT" not in _types(code(text))


def test_deaths_in_a_raid_are_still_an_attack(code):
    assert "ASSAULT" in _types(code("Gunmen killed 12 villagers when they attacked a market in Borno."))


@pytest.mark.parametrize("text", [
    "Iran has been shipping rockets to militias fighting American troops in Iraq, U.S. officials said.",
    "Kenya sent aid to Juba, where rival factions have been fighting for a week.",
])
def test_fighting_that_describes_an_object_is_background(code, text):
    assert "ASSAULT" not in _types(code(text))


@pytest.mark.parametrize("text", [
    "The Senate authorised air strikes against militant camps in Yemen on Tuesday.",
    "The Turkish parliament authorised a cross-border operation into northern Iraq.",
])
def test_strikes_authorised_are_a_threat_not_an_attack(code, text):
    assert _types(code(text)) == {"THREATEN"}


@pytest.mark.parametrize("text", [
    "Students burned effigies of the prime minister in Dhaka.",
    "Shopkeepers in Srinagar closed their shops in a protest strike against the killings.",
])
def test_symbolic_burning_and_protest_strikes_are_protests(code, text):
    assert _types(code(text)) == {"PROTEST"}


def test_a_barrage_of_missiles_is_an_attack_but_not_of_criticism(code):
    assert "ASSAULT" in _types(code("A barrage of Russian missiles hit Kharkiv on Sunday, officials said."))
    assert "ASSAULT" not in _types(code("The minister faced a barrage of criticism from opposition lawmakers."))


@pytest.mark.parametrize("text", [
    "Police arrested two men wanted in connection with the 1998 bomb attack on the U.S. embassy in Nairobi.",
    "NATO moved warplanes to Lithuania to deter a Russian attack on the Baltic states.",
    "The minister dismissed the report as a verbal attack on his ministry.",
])
def test_attacks_dated_averted_or_figurative_are_background(code, text):
    assert "ASSAULT" not in _types(code(text))
