"""Words that mention an event without reporting one: nouns of fear and remembrance, failed
acts, long-past adjuncts, what is remembered, feared or expected, and relative clauses on the
subject. Each contrast codes nothing (or not the background act); the plain act still codes.

The sentences here are invented for these tests (not taken from any data file).
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


pytest.importorskip("spacy")


# 1. nouns of fear, prospect and remembrance hold their content as unasserted; the sentence
# is read, so the learned model does not type it from those words either
@pytest.mark.parametrize("text", [
    "Residents of Lagos stockpiled food amid fears of an army attack on the city.",
    "Markets fell on fears of a Turkish strike on Syria.",
    "The risk of war between Ethiopia and Eritrea has grown, analysts said.",
    "The prospect of sanctions against Iran worried European firms.",
])
def test_feared_or_possible_act_is_not_coded(code, text):
    assert not ({"ASSAULT", "SANCTION"} & _types(code(text)))


def test_act_on_an_anniversary_still_codes(code):
    events = code("Protesters marched in Warsaw on the anniversary of the Soviet invasion.")
    assert _types(events) == {"PROTEST"}
    assert "ASSAULT" in _types(code("Sudanese troops attacked the town of El Fasher, residents said."))


# 2. "failed to agree", "ended without an agreement": the act did not happen
@pytest.mark.parametrize("text", [
    "EU ministers failed to agree on new sanctions against Belarus.",
])
def test_failed_act_is_not_coded(code, text):
    assert "SANCTION" not in _types(code(text)) and "AGREE" not in _types(code(text))


def test_agreed_act_still_codes(code):
    assert "SANCTION" in _types(code("EU ministers agreed on new sanctions against Belarus."))


def test_without_an_agreement_is_no_agreement(code):
    events = code("Kenya and Uganda ended their talks in Kampala without an agreement on fishing rights.")
    assert "AGREE" not in _types(events)


# 3. "N years after X": a long-past act is never the news; a recent one still sets the scene
def test_long_past_adjunct_is_not_coded(code):
    events = code("Two years after Russia's full-scale invasion, Ukrainians gathered in churches "
                  "to remember the dead.")
    assert "ASSAULT" not in _types(events)


def test_recent_adjunct_keeps_main_act(code):
    events = code("Three hours after the bombing, police arrested two men in Kabul.")
    assert "COERCE" in _types(events)


# 4. what is remembered, feared or expected is not reported as done
@pytest.mark.parametrize("text", [
    "Americans remembered the people killed in the attacks of 2001.",
    "Residents fear that Sudanese troops will attack the town of El Fasher.",
    "Pakistan's lawyers were expected to hold a rally in Karachi on Saturday.",
])
def test_remembered_feared_or_expected_act_is_not_coded(code, text):
    assert not ({"ASSAULT", "PROTEST"} & _types(code(text)))


def test_reported_killing_still_codes(code):
    assert "ASSAULT" in _types(code("Gunmen killed six people in an attack on a bus in Kenya."))


# 5. a relative clause on the subject is background when the main clause codes an act
def test_relative_clause_on_subject_is_background(code):
    events = code("Chinese authorities, who released the crew of the plane last month, refused "
                  "on Tuesday to return the aircraft.")
    assert _types(events) == {"REJECT"}


# 6. what a poll, study or analyst finds or argues is an opinion, not a report
@pytest.mark.parametrize("text", [
    "A new biography argues that his assassination in 1995 ended the peace process.",
    "Analysts said the army would probably attack the rebel stronghold within weeks.",
])
def test_opinion_content_is_not_coded(code, text):
    assert "ASSAULT" not in _types(code(text))


def test_officials_report_still_codes(code):
    assert "ASSAULT" in _types(code("Kenyan officials said the army attacked the rebel stronghold on Monday."))


# 7. what is not known or believed, or what there is no sign of, is not reported as done
@pytest.mark.parametrize("text, plover", [
    ("Officials said they did not know who was behind the bombing in Lahore.", "ACCUSE"),
    ("Many said they did not believe the army would send tanks into Kharkiv.", "AGREE"),
    ("The president has no plans to visit Moscow, his spokesman said.", "AGREE"),
])
def test_unknown_or_unlikely_act_is_not_coded(code, text, plover):
    assert plover not in _types(code(text))


def test_known_culprit_still_an_accusation(code):
    assert "ACCUSE" in _types(code("Officials said militants were behind the bombing in Lahore."))


# 8. "a possible invasion", "an imminent attack": an event noun for an act not yet done
@pytest.mark.parametrize("text", [
    "A possible Chinese invasion of Taiwan dominated the agenda of the meeting.",
    "An imminent Russian invasion of Ukraine was the main topic in Brussels.",
])
def test_possible_act_noun_is_not_coded(code, text):
    assert "ASSAULT" not in _types(code(text))


def test_act_noun_that_happened_still_codes(code):
    assert "ASSAULT" in _types(code("A Russian invasion of Ukraine began at dawn on Thursday."))


# 9. a sentence whose root is an opinion or a doubt is not typed by the learned model either
@pytest.mark.parametrize("text", [
    "Analysts said Iran would be unlikely to give up its missile programme even if Washington lifted all sanctions.",
    "Economists said the earthquake in Peru killed at least 500 people and destroyed the port.",
])
def test_opinion_sentence_is_not_typed(code, text):
    assert not _types(code(text))


# 10. an event noun that goes on ("the truce has held") is no news; one that starts still is
@pytest.mark.parametrize("text", [
    "A ceasefire in southern Lebanon brokered by France has largely held since May, residents said.",
    "The truce between the two militias survived a week of sporadic clashes.",
])
def test_ceasefire_that_held_is_not_coded(code, text):
    assert "RETREAT" not in _types(code(text))


def test_ceasefire_taking_effect_still_codes(code):
    assert "RETREAT" in _types(code("A ceasefire between Armenia and Azerbaijan took effect at noon."))
