"""Precision of CONSULT (CAMEO 04) and AGREE (03): arrivals that are no state visit, meetings
with the press or with a reaction, hosting troops, phone calls with reporters. Invented
news-English sentences, real spaCy parses. None come from gold data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


@pytest.mark.parametrize("text", [
    "Refugees arriving in Albania said they had walked for three days.",
    "Thousands of delegates arrived in Geneva for the trade conference.",
])
def test_travellers_arriving_make_no_visit(code, text):
    assert "CONSULT" not in _types(code(text))


def test_inspectors_arriving_are_received(code):
    assert [e["cameo"] for e in code("A team of U.N. weapons inspectors arrived in Baghdad on Monday.")] == ["0862"]


def test_an_official_arriving_for_talks_visits(code):
    assert _types(code("The Iranian president arrived in Caracas for talks with his Venezuelan counterpart.")) == {"CONSULT"}


def test_meeting_a_counterpart_is_consultation(code):
    assert _types(code("The German chancellor met the French president in Paris.")) == {"CONSULT"}


def test_talking_to_reporters_by_phone_is_no_phone_call_between_parties(code):
    assert "CONSULT" not in _types(code("The rebel leader spoke to journalists by satellite phone."))


def test_a_phone_call_between_leaders_is_consultation(code):
    assert _types(code("The Chinese premier spoke with the Japanese prime minister by telephone.")) == {"CONSULT"}


def test_hosting_troops_is_no_hosted_visit(code):
    assert "CONSULT" not in _types(code("The airbase, which hosts American troops, was struck by rockets."))


def test_hosting_negotiators_is_consultation(code):
    assert _types(code("Egypt hosted Israeli and Palestinian negotiators in Cairo.")) == {"CONSULT"}


def test_investigators_visiting_a_site_investigate(code):
    evs = code("War crimes investigators visited the village where the bodies were found.")
    assert [e["cameo"] for e in evs] == ["090"]


def test_a_head_of_state_visiting_is_consultation(code):
    assert _types(code("The Qatari emir visited Tehran on Sunday.")) == {"CONSULT"}


def test_firms_reaching_a_deal_do_business(code):
    evs = code("Two Japanese energy companies reached agreement on a joint gas terminal in Vietnam.")
    assert {e["cameo"] for e in evs} == {"061"}


def test_states_reaching_a_deal_agree(code):
    assert _types(code("India and Pakistan reached agreement on a prisoner exchange.")) == {"AGREE"}


def test_people_huddled_somewhere_are_not_consulting(code):
    assert "CONSULT" not in _types(code("Villagers huddled outside the mission as the shooting went on."))


def test_huddling_with_someone_is_consultation(code):
    assert _types(code("The finance minister huddled with bankers over the weekend.")) == {"CONSULT"}


def test_a_call_that_only_carries_a_coded_message_is_no_consultation(code):
    text = "The French president told his Iranian counterpart in a phone call that the attacks were unacceptable."
    assert _types(code(text)) == {"ACCUSE"}


def test_a_call_held_is_consultation(code):
    assert _types(code("The two leaders held a phone call on Monday.")) == {"CONSULT"}


@pytest.mark.parametrize("text", [
    "The first meetings between the two foreign ministers could take place in March, an official said.",
    "The Turkish president's trip to Athens never took place.",
])
def test_meetings_that_may_or_did_not_happen_are_not_coded(code, text):
    assert "CONSULT" not in _types(code(text))


def test_talks_that_will_start_are_an_intent(code):
    evs = code("Talks between India and Pakistan will start in February, officials said.")
    assert {e["cameo"] for e in evs} == {"036"}


def test_flying_people_somewhere_is_no_visit(code):
    assert "CONSULT" not in _types(code("The air force flew 40 wounded patients to hospitals in Germany."))


def test_a_minister_flying_to_a_capital_visits(code):
    assert _types(code("The Indian foreign minister flew to Beijing on Monday.")) == {"CONSULT"}
