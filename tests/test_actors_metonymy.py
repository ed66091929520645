"""Capitals, seats of government, dated metonyms, datelines and regional demonyms,
on real spaCy parses of sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.actors import ActorResolver
from herald.parse import load_model


def _codes(nlp, res, text, date=None):
    return {m.text: m.actor.code for m in res.resolve_doc(nlp(text), date=date)}


def test_moscow_is_the_soviet_government_before_1992(nlp, res):
    text = "Moscow rejected the proposal on Tuesday."
    assert _codes(nlp, res, text, dt.date(1983, 9, 6))["Moscow"] == "SUNGOV"
    assert _codes(nlp, res, text, dt.date(2015, 9, 6))["Moscow"] == "RUSGOV"
    assert _codes(nlp, res, text)["Moscow"] == "RUSGOV"  # undated: the current referent


def test_kremlin_follows_the_same_era(nlp, res):
    assert _codes(nlp, res, "The Kremlin denounced the embargo.", dt.date(1980, 1, 5))["Kremlin"] == "SUNGOV"
    assert _codes(nlp, res, "The Kremlin denounced the embargo.", dt.date(2020, 1, 5))["Kremlin"] == "RUSGOV"


def test_shared_capital_names_go_to_one_state(nlp, res):
    assert _codes(nlp, res, "Belgrade recalled its ambassador.")["Belgrade"] == "SRBGOV"
    assert _codes(nlp, res, "Bonn welcomed the decision.")["Bonn"] == "DEUGOV"


def test_congo_and_congolese_name_the_democratic_republic(nlp, res):
    c = _codes(nlp, res, "Congolese soldiers clashed with rebels in eastern Congo.")
    assert c["Congolese soldiers"] == "CODMIL"
    assert c["Congo"] == "COD"
    assert _codes(nlp, res, "The Republic of Congo held an election.")["Republic of Congo"] == "COG"


def test_pope_is_the_vatican(nlp, res):
    c = _codes(nlp, res, "Pope Leo met the Lebanese president in Beirut.")
    assert c["Pope Leo"].startswith("VAT")


def test_more_seats_of_government(nlp, res):
    assert _codes(nlp, res, "Malacanang said the talks would resume.")["Malacanang"] == "PHLGOV"
    assert _codes(nlp, res, "The Storting voted to raise the budget.")["Storting"] == "NORLEG"


def test_regional_demonyms_take_their_state(nlp, res):
    c = _codes(nlp, res, "Thousands of Catalans and Hong Kongers marched on Sunday.")
    assert c["Catalans"] == "ESP"
    assert c["Hong Kongers"] == "HKG"
    assert _codes(nlp, res, "Chechen fighters ambushed a convoy.")["Chechen fighters"] == "RUSREB"


def test_dateline_city_is_not_an_actor(nlp, res):
    c = _codes(nlp, res, "LIMA (Reuters) - Ecuador's president met Chilean officials on Monday.")
    assert "LIMA" not in c and "Reuters" not in c
    assert c["Ecuador's president"] == "ECUGOV"
    c = _codes(nlp, res, "BOGOTA, Colombia - The army said rebels attacked a police post.")
    assert "BOGOTA" not in c
    # an all-caps subject that is not a dateline stays an actor
    assert _codes(nlp, res, "NATO said it would send more ships.")["NATO"] == "IGONATO"


def test_named_group_without_a_country_takes_none_from_context(nlp, res):
    ms = res.resolve_doc(nlp("Al-Qaeda militants attacked a hotel in Mali, killing nine guests."))
    q = next(m for m in ms if m.text.lower().startswith("al-qaeda"))
    assert q.actor.country is None


def test_capital_in_a_place_slot_is_a_place_mention(nlp, res):
    ms = {m.text: m for m in res.resolve_doc(nlp("The Cuban leader arrived in Hanoi for a three-day visit."))}
    assert ms["Hanoi"].rule == "capital-place" and ms["Hanoi"].actor.country == "VNM"
    ms = {m.text: m for m in res.resolve_doc(nlp("Hanoi protested to the embassy."))}
    assert ms["Hanoi"].rule == "capital-metonymy"


def test_town_as_object_is_a_place_of_its_country():
    from herald.geocoding import Geocoder

    nlp = load_model()
    res = ActorResolver(geocoder=Geocoder())
    ms = {m.text: m for m in res.resolve_doc(nlp("Pakistani jets bombed Kandahar overnight."))}
    assert ms["Kandahar"].rule == "geo-place" and ms["Kandahar"].actor.country == "AFG"


def test_companies_and_state_bodies_carry_their_country(nlp, res):
    c = _codes(nlp, res, "Petrobras and Sonatrach signed a supply deal, the Justice Department said.")
    assert c["Petrobras"] == "BRABUS" and c["Sonatrach"] == "DZABUS"
    assert c["Justice Department"] == "USAJUD"
    c = _codes(nlp, res, "Gardai arrested two men in Dublin.")
    assert c["Gardai"] == "IRLCOP"


def test_capital_as_destination_is_a_place(nlp, res):
    ms = {m.text: m for m in res.resolve_doc(nlp("Chile's foreign minister began a trip to Lima on Monday."))}
    assert ms["Lima"].rule == "capital-place"
    ms = {m.text: m for m in res.resolve_doc(nlp("Chile sent a protest note to Lima on Monday."))}
    assert ms["Lima"].rule == "capital-metonymy"
