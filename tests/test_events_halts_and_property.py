"""Mediation begun and halted, withdrawals of monitors, suspended links, complaints spoken as
"protested that ...", and the destruction of property (CAMEO 1712, PLOVER COERCE): invented
news-English sentences, real spaCy parses. None come from gold data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types
from herald.events import load_lexicon


@pytest.mark.parametrize("text", [
    "Norway launched a mediation effort between the government and the rebels on Tuesday.",
    "The Vatican undertook a mediation mission between the two governments.",
])
def test_mediation_begun_is_consultation(code, text):
    assert _types(code(text)) == {"CONSULT"}


@pytest.mark.parametrize("text", [
    "Egypt's foreign ministry ended its mediation between the two Sudanese factions on Friday.",
    "Qatar halted its mediation efforts between the rival Libyan governments after months of deadlock.",
])
def test_mediation_halted_is_a_sanction(code, text):
    events = code(text)
    assert events and {e["cameo"] for e in events} == {"165"}


def test_monitors_flown_out_are_withdrawn(code):
    assert _types(code("Two hundred UN observers were flown out of the capital on Sunday.")) == {"SANCTION"}


def test_a_suspension_of_links_is_a_sanction(code):
    assert _types(code("Austria announced a suspension of rail links with Belarus on Monday.")) == {"SANCTION"}


def test_cancelled_restrictions_are_conceded(code):
    assert _types(code("The court cancelled restrictions on opposition newspapers.")) == {"CONCEDE"}


def test_collecting_signatures_is_dissent(code):
    text = "Opposition activists began collecting signatures for a petition demanding the mayor's resignation."
    assert _types(code(text)) == {"PROTEST"}


def test_put_under_investigation(code):
    text = "A Swiss banker has been put under investigation in France for alleged money laundering."
    assert _types(code(text)) == {"ACCUSE"}


@pytest.mark.parametrize("text", [
    "Amnesty International protested on Tuesday that the journalists had been held without charge.",
    "The opposition protested that the vote had been rigged.",
])
def test_protesting_that_is_a_complaint(code, text):
    events = code(text)
    assert _types(events) == {"ACCUSE"} and {e["cameo"] for e in events} == {"114"}


@pytest.mark.parametrize("text", [
    "Thousands of students protested in the capital against the new fees.",
    "Farmers protested outside parliament on Monday.",
])
def test_street_protest_stays_a_protest(code, text):
    assert _types(code(text)) == {"PROTEST"}


@pytest.mark.parametrize("text", [
    "Unknown attackers set fire to the offices of an opposition newspaper.",
    "Saboteurs blew up a power line north of the capital on Sunday.",
    "Militiamen torched dozens of homes in the district.",
])
def test_destroying_property_is_coercion(code, text):
    assert _types(code(text)) == {"COERCE"}


@pytest.mark.parametrize("text", [
    "Israeli warplanes destroyed a weapons factory near the coast.",
    "Government troops destroyed three rebel tanks near the airport.",
    "Gunmen burned a bus and shot its driver.",
])
def test_armed_destruction_and_killing_stay_assaults(code, text):
    assert _types(code(text)) == {"ASSAULT"}


def test_codebook_files_destroying_property_under_coerce():
    info = load_lexicon().info("1712")
    assert (info.root, info.plover) == ("17", "COERCE")


def test_reduced_food_supplies_are_reduced_aid(code):
    events = code("The World Food Programme reduced food supplies to refugee camps in eastern Chad on Monday.")
    assert {e["cameo"] for e in events} == {"162"}


@pytest.mark.parametrize("text", [
    "Some 20,000 miners stopped work on the first day of an indefinite strike over pay.",
    "Dock workers walked off the job in Rotterdam to demand higher wages.",
    "Jailed Kurdish activists continued their hunger strike to demand better prison conditions.",
])
def test_a_stoppage_with_its_demand_is_the_protest(code, text):
    assert _types(code(text)) == {"PROTEST"}


def test_peacekeepers_withdrawn_or_threatened(code):
    assert _types(code("Ghana withdrew its peacekeeping contingent from Rwanda on Friday.")) == {"SANCTION"}
    text = "Nigeria said it would withdraw its peacekeeping force from Liberia unless the factions disarmed."
    assert _types(code(text)) == {"THREATEN"}


def test_a_yield_done_for_a_purpose_is_not_a_second_yield(code):
    events = code("The army chief resigned on Monday to allow a civilian government to take office.")
    assert [e["plover"] for e in events] == ["RETREAT"]


def test_a_decided_yield_is_the_yield_an_agreed_one_a_promise(code):
    assert _types(code("The European Union decided on Wednesday to end its arms embargo on Croatia.")) == {"RETREAT"}
    events = code("The two sides agreed to release all prisoners of war.")
    assert _types(events) == {"AGREE"} and {e["cameo"] for e in events} == {"0353"}
