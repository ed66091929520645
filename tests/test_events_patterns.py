"""Predicate patterns for the PLOVER classes that confuse each other (COERCE/ASSAULT, SANCTION,
CONCEDE, RETREAT): invented news-English sentences, real spaCy parses, real actor stage.

Each case pins one sense distinction of predicates.yaml: the object deciding the code ("seized a
tanker" vs "seized a town"), figurative senses of force verbs ("fight corruption", "the bill was
killed"), and the non-military senses of "withdraw" and "pull out". None come from gold data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


@pytest.mark.parametrize("text", [
    "Police raided the offices of an opposition newspaper in Minsk.",
    "Iran seized a British-flagged tanker in the Strait of Hormuz.",
    "China expelled a Wall Street Journal correspondent.",
    "Police cordoned off the area around the parliament.",
    "The regime stripped the dissident of his citizenship.",
    "Police evicted hundreds of families from the disputed land.",
])
def test_coercion_is_not_assault(code, text):
    types = _types(code(text))
    assert "COERCE" in types and "ASSAULT" not in types


@pytest.mark.parametrize("text", [
    "Somali pirates seized a Greek tanker off the coast.",
    "Troops raided a rebel camp near the border.",
    "Gunmen stormed a hotel in Mogadishu.",
])
def test_armed_seizures_and_raids_stay_assaults(code, text):
    assert "ASSAULT" in _types(code(text))


@pytest.mark.parametrize("text", [
    "China called off a planned summit with Japan.",
    "Washington ended its military cooperation with Niger.",
    "Ukraine broke diplomatic relations with Russia.",
    "Japan tightened export controls on chip materials to South Korea.",
    "Washington imposed visa restrictions on Nigerian officials.",
])
def test_sanction_senses(code, text):
    assert "SANCTION" in _types(code(text))


@pytest.mark.parametrize("text", [
    "The government agreed to the protesters' demands.",
    "Authorities restored internet access in Kashmir.",
])
def test_concessions(code, text):
    assert "CONCEDE" in _types(code(text))


@pytest.mark.parametrize("text", [
    "The party withdrew its candidate from the presidential race.",
    "The central bank withdrew the old banknotes from circulation.",
    "The president withdrew his nomination of the judge.",
    "The airline withdrew from the Moscow route.",
])
def test_withdraw_outside_war_is_no_retreat(code, text):
    assert "RETREAT" not in _types(code(text))


@pytest.mark.parametrize("text", [
    "Russia withdrew its troops from Kherson.",
    "Armenian forces pulled out of the disputed villages.",
])
def test_military_withdrawal_is_a_retreat(code, text):
    assert "RETREAT" in _types(code(text))


@pytest.mark.parametrize("text", [
    "The bill was killed in the Senate committee.",
    "The ministers clashed over the budget at the cabinet meeting.",
    "The government promised to fight corruption and inflation.",
])
def test_figurative_force_is_no_assault(code, text):
    assert "ASSAULT" not in _types(code(text))


@pytest.mark.parametrize("text, plover", [
    ("EU foreign ministers agreed to impose new sanctions on Iran.", "SANCTION"),
    ("NATO allies agreed to deploy more troops to the eastern flank.", "MOBILIZE"),
    ("The two sides agreed to a cessation of hostilities.", "AGREE"),
    ("Ukraine and Russia agreed to hold talks in Istanbul.", "AGREE"),
])
def test_agreeing_to_act_is_the_act_or_an_agreement_not_a_threat(code, text, plover):
    types = _types(code(text))
    assert plover in types and "THREATEN" not in types


@pytest.mark.parametrize("text, plover", [
    ("A Paris court found the former minister guilty of embezzlement.", "ACCUSE"),
    ("Dutch investigators found Russia responsible for downing the airliner.", "ACCUSE"),
    ("The government withdrew the controversial pension reform after weeks of strikes.", "CONCEDE"),
    ("Talks between the government and the rebels broke down on Friday.", "SANCTION"),
])
def test_verdicts_withdrawn_reforms_and_failed_talks(code, text, plover):
    assert plover in _types(code(text))


def test_finding_something_convincing_is_no_verdict(code):
    assert "ACCUSE" not in _types(code("The jury found the evidence convincing."))


@pytest.mark.parametrize("text, plover", [
    ("The United States designated the Houthis as a terrorist organisation.", "SANCTION"),
    ("Canada closed its airspace to Russian aircraft.", "SANCTION"),
    ("Chad cut defence cooperation with France.", "SANCTION"),
    ("The government lifted the internet shutdown in the region.", "CONCEDE"),
    ("The president conceded defeat in the runoff.", "CONCEDE"),
])
def test_more_sanction_and_concession_vocabulary(code, text, plover):
    assert plover in _types(code(text))


@pytest.mark.parametrize("text", [
    "The former interior minister was put on trial in Lima on charges of corruption.",
    "State prosecutors prosecuted the mayor for embezzling public funds.",
    "The junta brought the deposed prime minister to trial on treason charges.",
])
def test_bringing_someone_to_court_is_an_accusation_not_a_detention(code, text):
    # PLOVER's ACCUSE covers charging and bringing to court; detention (COERCE) needs custody
    assert _types(code(text)) == {"ACCUSE"}


@pytest.mark.parametrize("text", [
    "Striking miners called off their walkout after the pay deal.",
    "Dock workers suspended their stoppage for a week of talks.",
])
def test_ending_a_protest_concedes_rather_than_protests(code, text):
    # CAMEO 082 (ease political dissent): the particle verb outranks the strike-calling sense
    assert _types(code(text)) == {"CONCEDE"}
