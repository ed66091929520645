"""Material-conflict and concession/retreat types: allowing someone in, abandoning ground,
announced deployments, fire opened in a place, missiles slamming into buildings (invented
sentences)."""

import pytest

from conftest import plover_types as _types


def _codes(events) -> set[str]:
    return {e["cameo"] for e in events}


@pytest.mark.parametrize("text, cameo", [
    # the one allowed in is the infinitive's subject in the parse, and the object of "allow"
    ("Damascus allowed a U.N. convoy to enter the besieged town.", "0863"),
    ("Tehran allowed U.N. inspectors to visit the enrichment plant.", "0862"),
    ("The junta permitted a team of U.N. investigators to enter the country.", "0862"),
    ("Israel allowed fuel trucks to enter the strip on Sunday.", "0863"),
    ("Jakarta allowed an international force into the province.", "0861"),
    ("Beijing accepted foreign rescue teams after the earthquake.", "0863"),
])
def test_letting_monitors_aid_or_a_force_in_is_a_retreat(code, text, cameo):
    events = code(text)
    assert "RETREAT" in _types(events) and cameo in _codes(events)


@pytest.mark.parametrize("text", [
    "The government allowed opposition newspapers to publish freely.",
    "The court allowed the company to resume drilling.",
])
def test_allowing_anything_else_is_still_a_concession(code, text):
    assert _types(code(text)) == {"CONCEDE"}


@pytest.mark.parametrize("text", [
    "Government troops abandoned the town of Kidal as rebels advanced.",
    "The army suspended its offensive in the north for three days.",
    "Israel completed its pullout from the territory, ending decades of occupation.",
])
def test_withdrawals_and_halted_offensives_are_retreats(code, text):
    assert "RETREAT" in _types(code(text))


def test_talks_suspended_after_an_attack_are_not_a_halted_attack(code):
    events = code("Kenya suspended talks with the rebels after an attack on a police post.")
    assert "RETREAT" not in _types(events) and "SANCTION" in _types(events)


@pytest.mark.parametrize("text", [
    "Germany will send 500 more troops to Lithuania next year.",
    "Some 20,000 police officers will be deployed across the capital on Saturday.",
])
def test_an_announced_deployment_is_a_mobilization_not_a_threat(code, text):
    events = code(text)
    assert "MOBILIZE" in _types(events) and "THREATEN" not in _types(events)
    assert all(e["modality"] == "future" for e in events if e["plover"] == "MOBILIZE")


def test_a_conditional_deployment_is_still_a_threat(code):
    events = code("The president said he would deploy the army to the cities if the riots continued.")
    assert "THREATEN" in _types(events) and "MOBILIZE" not in _types(events)


@pytest.mark.parametrize("text", [
    "A gunman opened fire in a busy market in Kano, killing five people.",
    "Two missiles slammed into a residential block in Odesa overnight.",
    "Police fired tear gas to disperse the crowd outside the ministry.",
])
def test_violence_vocabulary(code, text):
    events = code(text)
    assert "ASSAULT" in _types(events) and "COOPERATE" not in _types(events)


@pytest.mark.parametrize("text, plover", [
    ("The ruling party admitted defeat in the general election.", "CONCEDE"),
    ("Nigeria disbanded the notorious police unit after weeks of protests.", "CONCEDE"),
    ("The government recognised the right of workers to form independent unions.", "CONCEDE"),
    ("A court sentenced the activist to five years in prison.", "ACCUSE"),
])
def test_concessions_and_sentences(code, text, plover):
    assert plover in _types(code(text))


@pytest.mark.parametrize("text", [
    "Farmers blockaded the port with their tractors.",
    "Striking dock workers blockaded the port of Antwerp.",
    "Anti-government protesters occupied the main airport, stranding thousands of travellers.",
])
def test_protesters_blockading_or_occupying_are_protesting(code, text):
    events = code(text)
    assert "PROTEST" in _types(events) and "COERCE" not in _types(events)


def test_troops_occupying_a_town_still_coerce(code):
    assert "COERCE" in _types(code("Government troops occupied the town after heavy fighting."))


@pytest.mark.parametrize("text", [
    "Moscow retaliated by expelling ten British diplomats.",
    "Russia hit back by banning imports of European food.",
    "Beijing retaliated by ordering the closure of the U.S. consulate in Chengdu.",
])
def test_a_retaliation_is_the_act_it_was_done_by(code, text):
    events = code(text)
    assert "SANCTION" in _types(events) and "ASSAULT" not in _types(events)


def test_a_bare_retaliation_is_still_violence(code):
    assert "ASSAULT" in _types(code("Hezbollah retaliated, firing rockets into northern Israel."))


@pytest.mark.parametrize("text", [
    "The teachers' union said it could call a nationwide strike if wages were not paid.",
    "Opposition parties said they would boycott the election unless the electoral roll was revised.",
])
def test_a_conditional_protest_is_a_threat(code, text):
    assert "THREATEN" in _types(code(text))


def test_withdrawing_currency_is_no_retreat(code):
    assert "RETREAT" not in _types(code("Crowds queued at cash machines to withdraw the new currency."))


@pytest.mark.parametrize("text, plover", [
    ("Hamas announced a three-month suspension of attacks on Israel.", "RETREAT"),
    ("Israel launched air raids on Gaza after rockets were fired.", "ASSAULT"),
    ("Millions of Egyptians poured into the streets to demand the president's resignation.", "PROTEST"),
])
def test_more_conflict_and_retreat_vocabulary(code, text, plover):
    assert plover in _types(code(text))


@pytest.mark.parametrize("text", [
    "Canada barred Iranian officials from entering the country.",
    "Canada suspended Aeroflot's landing rights for sixty days.",
])
def test_a_ban_on_another_countrys_officials_or_firms_is_a_sanction(code, text):
    events = code(text)
    assert "SANCTION" in _types(events) and "COERCE" not in _types(events)


@pytest.mark.parametrize("text", [
    "The junta banned the main opposition party.",
    "China banned the BBC World News channel.",
])
def test_a_ban_at_home_or_on_foreign_media_stays_coercion(code, text):
    assert "COERCE" in _types(code(text))


def test_peacekeepers_deploying_are_aid_not_mobilization(code):
    events = code("Russian peacekeepers began deploying to Nagorno-Karabakh under the deal.")
    assert "AID" in _types(events) and "MOBILIZE" not in _types(events)


def test_a_court_striking_down_a_law_is_no_attack(code):
    assert "ASSAULT" not in _types(code("The Supreme Court struck down a law on pretrial detention."))


def test_easing_a_ban_on_another_countrys_flights_eases_a_sanction(code):
    events = code("Ethiopia eased a ban on Somali flights into Addis Ababa.")
    assert "085" in _codes(events) and _types(events) == {"RETREAT"}


def test_easing_press_restrictions_at_home_stays_a_concession(code):
    assert _types(code("The government lifted restrictions on the press.")) == {"CONCEDE"}


def test_ending_a_boycott_of_another_country_eases_a_sanction(code):
    assert "085" in _codes(code("Saudi Arabia and Egypt ended their boycott of Qatar."))
    assert "082" in _codes(code("The opposition ended its boycott of parliament."))
