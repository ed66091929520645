"""Material cooperation (CAMEO 06, PLOVER COOPERATE) and aid (CAMEO 07, PLOVER AID): suspects
handed back, records passed on, forces working or fighting alongside, weapons rushed to an ally,
refugee status and shelter granted, peacekeepers and relief arriving; and the look-alikes that are
neither ("armed with knives", "traded accusations", "cancelled joint exercises"). Invented
news-English sentences, real spaCy parses. None come from gold or held-out data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


def _codes(events: list[dict]) -> set[str]:
    return {e["cameo"] for e in events}


@pytest.mark.parametrize("text, cameo", [
    ("Spanish police handed the suspect back to the French authorities on Friday.", "063"),
    ("The files were passed to Italian prosecutors by the Swiss police.", "064"),
    ("Canadian troops are fighting alongside Afghan soldiers in Kandahar.", "062"),
    ("American advisers are working alongside Iraqi commanders near Mosul.", "060"),
    ("Kenyan police are working with FBI agents on the investigation.", "060"),
    ("Philippine police received information from Malaysian police.", "064"),
    ("American special forces began coordinating air strikes with Kurdish commanders.", "062"),
    ("Russian military police are patrolling the town with Turkish troops.", "062"),
    ("Greek police handed over two men wanted for the bombing to Turkish authorities.", "063"),
    ("Thai police flew the suspected arms dealer to the United States.", "063"),
    ("Uzbek and Kyrgyz security services exchanged lists of suspected militants.", "064"),
    ("Britain provided training to Afghan special forces.", "060"),
    ("A consortium of Japanese firms provided a $2 billion loan for the plant.", "061"),
    ("Dutch and Belgian prosecutors opened a joint investigation into the crash.", "060"),
    ("Agents of the FBI helped Kenyan detectives trace the kidnappers.", "060"),
    ("Brazil and Argentina lowered tariffs on most goods on Sunday.", "061"),
    ("French and Malian soldiers launched a joint hunt for the gunmen.", "062"),
])
def test_cooperation_acts(code, text, cameo):
    events = code(text)
    assert _types(events) == {"COOPERATE"}
    assert cameo in _codes(events)


@pytest.mark.parametrize("text, cameo", [
    ("Washington rushed anti-tank missiles to Kyiv this week.", "072"),
    ("France granted refugee status to the dissident writer.", "075"),
    ("Germany offered the refugees temporary shelter.", "075"),
    ("A battalion of Ghanaian peacekeepers landed in Juba on Monday.", "074"),
    ("Planeloads of food and medicine landed in Port-au-Prince on Sunday.", "073"),
    ("Japan extended a grant of 3 billion yen to Nepal on Monday.", "071"),
    ("The Saudi Fund signed a loan of $30 million with Tunisia.", "071"),
    ("The United States announced a $2 billion package of military aid for Ukraine.", "070"),
    ("Germany took in one million refugees.", "075"),
    ("Japan's aid agency handed over 30 ambulances to Ghana's health ministry.", "070"),
    ("Cuba sent doctors to Brazil.", "073"),
    ("Greek firefighters flew to Turkey to help battle the wildfires.", "074"),
    ("Bangladesh opened its border to thousands of Rohingya refugees.", "075"),
    ("Israel released $100 million in frozen tax revenues to the Palestinian Authority.", "071"),
    ("The EU unfroze 10 billion euros of funds for Hungary.", "071"),
    ("Jordan allowed 5,000 Syrian refugees to cross into its territory.", "075"),
])
def test_aid_acts(code, text, cameo):
    events = code(text)
    assert _types(events) == {"AID"}
    assert cameo in _codes(events)


def test_troops_rushed_are_still_mobilized(code):
    assert _types(code("Washington rushed troops to the border.")) == {"MOBILIZE"}


def test_arming_a_group_is_still_aid(code):
    assert _types(code("Washington is arming the rebels with anti-tank missiles.")) == {"AID"}


@pytest.mark.parametrize("text", [
    "Mobs armed with knives attacked shops in the old city.",
    "Families were sheltering in a school when the shells fell.",
    "The two sides traded accusations over the attack.",
    "Washington cancelled joint military exercises with Seoul.",
    "A suspension of all aid to the junta was announced by Paris on Monday.",
    "Two American bombers flew over international waters near the peninsula.",
])
def test_look_alikes_are_no_cooperation_or_aid(code, text):
    assert not _types(code(text)) & {"AID", "COOPERATE"}


@pytest.mark.parametrize("text, cameo", [
    ("American military instructors arrived in Kiev to begin training Ukrainian troops.", "062"),
    ("Brazilian agronomists arrived in Angola to work with local researchers on new crops.", "060"),
])
def test_a_trip_made_to_cooperate_is_the_cooperation(code, text, cameo):
    events = code(text)
    assert _types(events) == {"COOPERATE"} and cameo in _codes(events)


def test_a_trip_for_talks_stays_a_visit(code):
    assert _types(code("The minister arrived in Paris for talks.")) == {"CONSULT"}


def test_aid_workers_released_are_released_not_aid(code):
    assert _types(code("Rebels released two Italian aid workers they had held for a week.")) == {"RETREAT"}


def test_intelligence_sharing_told_in_the_future_is_the_sharing(code):
    events = code("Washington and Seoul will share intelligence on North Korea.")
    assert _types(events) == {"COOPERATE"} and _codes(events) == {"064"}


def test_an_agreement_to_share_stays_an_agreement(code):
    assert _types(code("The two countries agreed to share intelligence on militants.")) == {"AGREE"}
