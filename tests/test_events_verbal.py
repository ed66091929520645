"""Typing of verbal cooperation and conflict next to the acts they are easily mistaken for.

Invented news-English sentences (real spaCy parses, real actor stage), none from gold data:
a control verb whose object gives it its own verbal meaning ("asked for forgiveness"),
forces sent to help another country (military protection, not a show of force), and a
missile that "slammed into" a building (an attack, not a criticism).
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


def _cameo(events) -> set[str]:
    return {e["cameo"] for e in events}


@pytest.mark.parametrize("text", [
    "The Spanish king asked Mexico for forgiveness for abuses committed during the conquest.",
    "The bishop begged the victims' families for forgiveness.",
    "Japan's prime minister offered a formal apology to South Korea for wartime forced labour.",
])
def test_apology_through_a_control_verb(code, text):
    evs = code(text)
    assert _cameo(evs) == {"055"}
    assert _types(evs) == {"SUPPORT"}


def test_condolences_offered_are_no_pledge(code):
    evs = code("The Kenyan president offered condolences to Ethiopia after the plane crash.")
    assert "AGREE" not in _types(evs)
    assert _cameo(evs) == {"018"}


@pytest.mark.parametrize("text, plover", [
    # the control reading stands when the object has no verbal meaning, or a clause follows
    ("Serbia's president asked the European Union for financial help.", "REQUEST"),
    ("Qatar offered to mediate between Ethiopia and Eritrea.", "AGREE"),
    ("Japan pledged 300 million dollars in aid to Sri Lanka.", "AGREE"),
])
def test_control_reading_kept(code, text, plover):
    assert _types(code(text)) == {plover}


@pytest.mark.parametrize("text", [
    "Nigerian peacekeepers began deploying to Liberia under the accord signed in Accra.",
    "British soldiers arrived in Sierra Leone to protect the elected government.",
    "France sent 1,500 troops to Mali to help fight Islamist militants.",
    "Italian troops were deployed to Lebanon as part of the United Nations peacekeeping force.",
])
def test_forces_sent_to_help_are_protection(code, text):
    evs = code(text)
    assert _types(evs) == {"AID"}
    assert "074" in _cameo(evs)


@pytest.mark.parametrize("text", [
    "Russian troops arrived in Belarus for joint exercises.",
    "Police were deployed across Nairobi to help disperse protesters.",
    "Russian troops massed on the border with Ukraine.",
])
def test_other_deployments_stay_mobilization(code, text):
    assert _types(code(text)) == {"MOBILIZE"}


def test_slammed_into_is_an_attack(code):
    assert _types(code("Two Russian missiles slammed into the port of Odesa overnight.")) == {"ASSAULT"}
    assert _types(code("The opposition leader slammed the government's budget as reckless.")) == {"ACCUSE"}
    assert code("Hurricane Maria slammed into Puerto Rico on Wednesday.") == []


@pytest.mark.parametrize("text", [
    "More than 200 prisoners refused food to protest against their detention.",
    "The detained activist has refused meals for three weeks.",
])
def test_refusing_food_is_a_hunger_strike(code, text):
    evs = code(text)
    assert _types(evs) == {"PROTEST"}
    assert _cameo(evs) == {"142"}


def test_refusing_to_act_stays_a_refusal(code):
    assert _types(code("The government refused to release the detained journalists.")) == {"REJECT"}


@pytest.mark.parametrize("text", [
    "Washington did not rule out new sanctions on Moscow.",
    "The president refused to rule out sanctions against Beijing.",
    "The army did not rule out an offensive against the rebels.",
    "Hamas said it would walk away from the talks if Israel continued the raids.",
])
def test_hostile_act_held_out_is_a_threat(code, text):
    assert _types(code(text)) == {"THREATEN"}


def test_reported_future_rejection_stays_a_rejection(code):
    assert _types(code("Iran said it would reject any deal that limited its missile programme.")) == {"REJECT"}


@pytest.mark.parametrize("text", [
    "China's state banks financed the construction of a new port in Sri Lanka.",
    "Chinese state lenders financed a hydropower dam in Laos under a deal with Vientiane.",
])
def test_financing_a_project_is_economic_cooperation(code, text):
    evs = code(text)
    assert _types(evs) == {"COOPERATE"}
    assert _cameo(evs) == {"061"}


def test_financing_relief_stays_aid(code):
    assert _types(code("Germany financed humanitarian operations in Yemen.")) == {"AID"}


def test_asked_about_is_no_appeal(code):
    evs = code("Asked about the election, the minister said he was focused on the budget.")
    assert "REQUEST" not in _types(evs)


@pytest.mark.parametrize("text", [
    "Neither side had asked for a meeting, diplomats said.",
    "No country has recognised the new government.",
])
def test_negated_subject_negates_the_act(code, text):
    assert _types(code(text)) == set()


@pytest.mark.parametrize("text", [
    "The president called his Kenyan counterpart on the telephone on Friday.",
    "Chinese and American trade negotiators held a telephone call on the tariff dispute.",
])
def test_telephone_call_is_no_appeal(code, text):
    evs = code(text)
    assert _types(evs) == {"CONSULT"}
    assert _cameo(evs) == {"041"}


def test_appeal_call_kept(code):
    assert _types(code("The United Nations called on both sides to hold talks.")) == {"REQUEST"}


def test_brushed_aside_is_a_rejection(code):
    assert _types(code("The emir brushed aside opposition calls for an elected parliament.")) == {"REJECT"}


@pytest.mark.parametrize("text", [
    "India offered to send 500 more troops to the U.N. peacekeeping force in South Sudan.",
    "Ghana pledged to contribute troops to the African Union peacekeeping mission in Somalia.",
])
def test_offered_peacekeepers_are_an_intent_to_protect(code, text):
    evs = code(text)
    assert _types(evs) == {"AGREE"}
    assert _cameo(evs) == {"0334"}


@pytest.mark.parametrize("text, plover, cameo", [
    ("A fresh round of sanctions against Iran was agreed by EU foreign ministers on Monday.", "SANCTION", "163"),
    ("Talks with the rebels were rejected by the government.", "REJECT", "125"),
    ("A ceasefire was proposed by Egypt on Tuesday.", "AGREE", "0356"),
])
def test_event_noun_as_passive_subject_of_a_control_verb(code, text, plover, cameo):
    evs = code(text)
    assert _types(evs) == {plover}
    assert cameo in _cameo(evs)


@pytest.mark.parametrize("text", [
    "EU leaders failed to agree on a new budget at the summit in Brussels.",
    "The two sides failed to reach a deal on the border dispute.",
])
def test_failed_to_agree_is_no_agreement(code, text):
    assert "AGREE" not in _types(code(text))


def test_agreement_still_coded(code):
    assert _types(code("Russia and Ukraine agreed to a prisoner exchange.")) == {"AGREE"}


@pytest.mark.parametrize("text", [
    "Britain dispatched a navy destroyer and a cargo plane carrying aid for survivors of the typhoon.",
    "Australian navy ships arrived in Tonga with food, tents and water.",
])
def test_forces_sent_with_relief_deliver_aid(code, text):
    evs = code(text)
    assert _types(evs) == {"AID"}
    assert _cameo(evs) == {"073"}


def test_aid_in_a_temporal_phrase_is_no_relief(code):
    evs = code("Egypt sent troops to the border after aid workers were killed in an ambush.")
    assert _types(evs) == {"MOBILIZE"}


@pytest.mark.parametrize("text, cameo", [
    ("Iran stood up for its ally, calling the offensive a legitimate fight against terrorists.", "052"),
    ("Lithuania came to the defence of Taiwan at the World Health Assembly.", "052"),
    ("The Nobel committee awarded the peace prize to a jailed Chinese dissident.", "051"),
    ("The Canadian prime minister delivered a formal apology to indigenous communities.", "055"),
])
def test_verbal_support_idioms(code, text, cameo):
    evs = code(text)
    assert _types(evs) == {"SUPPORT"}
    assert _cameo(evs) == {cameo}


@pytest.mark.parametrize("text", [
    "Prosecutors said they would pursue corruption charges against the former president.",
    "The electoral commission filed charges against the opposition leader.",
    "Police pressed charges against two journalists in Istanbul.",
])
def test_charges_brought_are_accusations(code, text):
    assert _types(code(text)) == {"ACCUSE"}


@pytest.mark.parametrize("text", [
    "The senator stood up and left the chamber.",
    "The company awarded a contract to a Chinese firm.",
])
def test_support_idioms_need_their_complement(code, text):
    assert "SUPPORT" not in _types(code(text))


@pytest.mark.parametrize("text", [
    "Poland proposed that Washington station a permanent armoured division on its soil.",
    "The panel recommended that the government lift the ban on opposition parties.",
])
def test_proposal_that_another_acts_is_an_appeal(code, text):
    assert _types(code(text)) == {"REQUEST"}


@pytest.mark.parametrize("text, expected", [
    ("France proposed to host a peace conference in Paris.", {"AGREE"}),
    ("The report suggested that the economy was slowing.", set()),
])
def test_own_proposal_and_suggested_facts(code, text, expected):
    assert _types(code(text)) == expected


@pytest.mark.parametrize("text, cameo", [
    ("Trump accepted an invitation to meet Kim Jong Un by May.", "036"),
    ("The Indian prime minister accepted an invitation to visit Washington.", "036"),
])
def test_accepted_invitation_is_an_intent_to_meet(code, text, cameo):
    evs = code(text)
    assert _types(evs) == {"AGREE"}
    assert _cameo(evs) == {cameo}


def test_accepted_demands_stay_a_concession(code):
    assert _types(code("The government accepted the protesters' demands.")) == {"CONCEDE"}
