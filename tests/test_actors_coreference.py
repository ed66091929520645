"""In-document coreference of role nouns, possessives, generic seats and transnational
modifiers, on real spaCy parses of sentences written for these tests."""

from __future__ import annotations

import pytest



def _codes(nlp, res, text):
    return {m.text: (m.actor.code, m.rule) for m in res.resolve_doc(nlp(text))}


def test_definite_role_noun_takes_the_body_named_before(nlp, res):
    c = _codes(nlp, res, "Three Kenyan soldiers died when their truck hit a mine near the Somali border, "
                         "the army said.")
    assert c["army"][0] == "KENMIL"
    c = _codes(nlp, res, "Pakistani troops shelled villages along the frontier. The military said it had "
                         "responded to fire from across the line.")
    assert c["military"][0] == "PAKMIL"


def test_modified_role_noun_is_another_body(nlp, res):
    c = _codes(nlp, res, "Iraqi troops retook the town, and the regional government thanked them.")
    assert c.get("government", ("", ""))[1] != "coref:role"


def test_his_role_is_the_body_of_the_person_named_last(nlp, res):
    c = _codes(nlp, res, "Colombian President Gustavo Petro said his government would resume talks.")
    assert c["government"] == ("COLGOV", "coref:his+role")
    c = _codes(nlp, res, "Houthi leader Abdul-Malik al-Houthi said his fighters would keep up the attacks.")
    assert c["fighters"][0] == "YEMREB"


def test_its_role_prefers_the_clause_subject(nlp, res):
    c = _codes(nlp, res, "Uganda said it would pull its troops out of South Sudan by the end of the month.")
    assert c["troops"][0] == "UGAMIL"


def test_generic_seat_with_an_owner_is_that_states_body(nlp, res):
    c = _codes(nlp, res, "Mexico's Senate approved the reform on Thursday.")
    assert c["Mexico's Senate"][0] == "MEXLEG"
    c = _codes(nlp, res, "The Argentine Congress rejected the budget.")
    assert c["Argentine Congress"][0] == "ARGLEG"
    assert _codes(nlp, res, "The Senate passed the bill.")["Senate"][0] == "USALEG"


def test_transnational_modifier_blocks_a_context_country(nlp, res):
    c = _codes(nlp, res, "Western diplomats in Kenya said the vote was flawed.")
    assert c["diplomats"][0] == "GOV"
    c = _codes(nlp, res, "Diplomats in Kenya said the vote was flawed.")
    assert c["Diplomats"][0] == "KENGOV"


def test_demonym_on_a_place_noun_is_a_place(nlp, res):
    ms = res.resolve_doc(nlp("The two leaders met in the Thai capital on Friday."))
    thai = next(m for m in ms if m.text == "Thai")
    assert thai.rule == "demonym-place" and thai.actor.country == "THA"
    ms = res.resolve_doc(nlp("Thai officials met their Lao counterparts."))
    assert next(m for m in ms if m.text == "Thai officials").actor.code == "THAGOV"


def test_compound_role_nouns(nlp, res):
    c = _codes(nlp, res, "Union leaders and a cardinal met the minister.")
    assert c["Union leaders"][0] == "LAB"
    assert c["cardinal"][0] == "REL"


def test_transnational_words_anywhere_before_the_noun(nlp, res):
    c = _codes(nlp, res, "Euro zone finance ministers met in Greece.")
    assert c["finance ministers"][0] == "GOV"


def test_words_of_the_role_phrase_are_not_transnational_modifiers(nlp, res):
    c = _codes(nlp, res, "Kenya's neighbours met on Monday. The foreign minister said Kenya would host the talks.")
    assert c["foreign minister"][0] == "KENGOV"


def test_regional_before_a_singular_body_is_subnational(nlp, res):
    c = _codes(nlp, res, "Protesters in Peru stormed the regional parliament.")
    assert c["parliament"][0] == "PERLEG"
    c = _codes(nlp, res, "Regional leaders met in Peru.")
    assert c["leaders"][0] == "GOV"


def test_plural_role_of_plural_states_is_no_single_state(nlp, res):
    # the last-named leader is one of several: no single country fits "the leaders of the states"
    text = ("The Kenyan president spoke by phone with the heads of Uganda and Tanzania. "
            "The leaders of the states agreed to reopen the border.")
    c = _codes(nlp, res, text)
    assert c.get("leaders", ("GOV", ""))[0] in ("GOV", None)
    c = _codes(nlp, res, "The Kenyan president spoke with Tanzania's leader. The leader agreed to reopen the border.")
    assert c.get("leader", ("", ""))[0] != "GOV"
