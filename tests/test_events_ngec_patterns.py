"""Pattern gaps found by reading herald's misses on lead sentences of synthetic news stories
(a development signal only): resumed relations, gratitude, money contributed, aid packages
signed, relief teams, troops contributed to missions, forces kept on alert, labour strikes
named by their length or kind, campaigns of attacks, and protesters who turn violent.

The sentences here are invented for these tests (not taken from any data file).
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


pytest.importorskip("spacy")


def _codes(events) -> set[str]:
    return {e["cameo"] for e in events if e["cameo"]}


@pytest.mark.parametrize("text, plover, cameo", [
    # relations resumed, renewed or forged are diplomatic cooperation (050)
    ("Peru and Chile resumed diplomatic relations on Monday after a two-year rift.", "SUPPORT", "050"),
    ("The two neighbours forged closer ties during the prime minister's visit.", "SUPPORT", "050"),
    ("Hanoi and Manila are expanding cooperation against human trafficking.", "SUPPORT", "050"),
    # gratitude and backing are praise or endorsement (051)
    ("Kenya said it was grateful to Japan for its help after the floods.", "SUPPORT", "051"),
    ("The opposition threw its support behind the president's nominee for the court.", "SUPPORT", "051"),
    # money contributed or an aid package signed is aid (07)
    ("Norway contributed 50 million dollars to the reconstruction fund for Haiti.", "AID", "070"),
    ("Sweden and Indonesia signed a 200 million dollar aid package on Monday.", "AID", "070"),
    ("Japan sent a medical team to the flood-hit districts of Bangladesh.", "AID", "073"),
    ("Ghana contributed 800 troops to the United Nations mission in Mali.", "AID", "074"),
    # forces kept on alert, and exercises joined, are shows of force (15)
    ("Police in the capital were on high alert after the bombing.", "MOBILIZE", "152"),
    ("The army kept its troops on alert along the northern border.", "MOBILIZE", "152"),
    ("Egyptian troops took part in exercises in the western desert.", "MOBILIZE", "150"),
    # a strike named by its length or kind is a labour strike (143), not an air strike
    ("Teachers in Ghana began a two-day strike on Monday over unpaid salaries.", "PROTEST", "143"),
    ("Dock workers launched a wildcat strike at the port of Antwerp.", "PROTEST", "143"),
    # protesters who storm, attack or clash are protesting violently (145)
    ("Protesters stormed the parliament building in Colombo on Saturday.", "PROTEST", "145"),
    ("Hundreds of demonstrators attacked shops in the city centre.", "PROTEST", "145"),
])
def test_ngec_lead_vocabulary(code, text, plover, cameo):
    events = code(text)
    assert plover in _types(events), events
    assert cameo in _codes(events), events


def test_vowed_campaign_of_attacks_is_a_threat(code):
    # a campaign of attacks is an attack, so vowing to continue one threatens force (13)
    events = code("The rebels vowed to continue their campaign of attacks on government targets.")
    assert _types(events) == {"THREATEN"}, events


def test_police_attacking_protesters_stays_force(code):
    # the riot re-coding is about who acts: security forces clashing stay force (19)
    events = code("Riot police clashed with students outside the university on Friday.")
    assert "ASSAULT" in _types(events) and "PROTEST" not in _types(events), events


def test_plain_strike_and_military_strike_are_not_labour_strikes(code):
    events = code("Israeli jets carried out an air strike on a weapons depot near Damascus.")
    assert "PROTEST" not in _types(events), events


@pytest.mark.parametrize("text", [
    "Nurses remained on strike for a third day on Wednesday.",
    "Teachers in Lagos are on strike over unpaid wages.",
])
def test_being_on_strike_is_a_strike(code, text):
    assert "PROTEST" in _types(code(text))


def test_aid_received_is_aid_from_the_giver(code):
    events = code("Jordan received military aid from the United States.")
    aid = [e for e in events if e["plover"] == "AID"]
    assert aid and "CONSULT" not in _types(events), events
    assert aid[0]["source"]["country"] == "USA", aid


def test_receiving_a_visitor_is_hosting_but_receiving_a_message_is_not(code):
    assert "CONSULT" in _types(code("King Abdullah received the visiting Iraqi prime minister in Amman."))
    # (the learned classifier may still guess for such a sentence; the pattern must not fire)
    for text in ("The ministry received written assurances from Brussels on Tuesday.",
                 "The former governor received a prison sentence of ten years."):
        assert not any(e["cameo"] == "043" for e in code(text)), text


def test_protecting_an_economy_is_no_peacekeeping(code):
    assert "AID" not in _types(code("The central bank took measures to protect the economy from a weaker currency."))
    assert "AID" in _types(code("French troops protected civilians fleeing the fighting in the north."))


@pytest.mark.parametrize("text, plover, cameo", [
    # idioms of material cooperation (060)
    ("Kenya and Uganda joined forces to fight cattle raiders along their border.", "COOPERATE", "060"),
    ("Turkey teamed up with Qatar to build the new airport.", "COOPERATE", "060"),
    # armed groups formed or raised are a mobilisation (154)
    ("Villagers in the north formed an armed militia to fight the insurgents.", "MOBILIZE", "154"),
    ("The warlord raised an army of 5,000 men in the eastern provinces.", "MOBILIZE", "154"),
    # refusal idioms (120)
    ("Greece balked at the creditors' demands for new pension cuts.", "REJECT", "120"),
    ("The opposition shot down the government's proposal for early elections.", "REJECT", "120"),
    ("Russia blocked a draft resolution on Syria at the Security Council.", "REJECT", "120"),
    # a visitor welcomed is a visit hosted (043), not praise
    ("King Salman welcomed the visiting Chinese president in Riyadh.", "CONSULT", "043"),
    ("Egypt's foreign minister welcomed a delegation from Hamas in Cairo.", "CONSULT", "043"),
    # support restated, and ties developed or cemented (05)
    ("Ethiopia on Sunday reiterated its support for the African Union's mediation.", "SUPPORT", "051"),
    ("Kazakhstan is developing ties with the energy-rich Gulf states.", "SUPPORT", "050"),
    ("The two leaders cemented their alliance at a summit in Hanoi.", "SUPPORT", "050"),
])
def test_ngec_lead_idioms(code, text, plover, cameo):
    events = code(text)
    assert plover in _types(events), events
    assert cameo in _codes(events), events


def test_shooting_down_aircraft_is_still_force_and_welcoming_a_deal_still_praise(code):
    assert "ASSAULT" in _types(code("Rebels shot down an army helicopter near the border."))
    assert "051" in _codes(code("The European Union welcomed the ceasefire agreement."))
