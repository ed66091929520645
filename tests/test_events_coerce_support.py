"""COERCE (CAMEO 17, 191-192) and SUPPORT (CAMEO 05): rallying support for a third party,
apologies, solidarity, tributes, recognition, detention by "holding", deportations told as
"sent back", impounding, disqualifying candidates, blocking vessels and closing corridors.
Invented news-English sentences, real spaCy parses. None come from gold or held-out data.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


def _codes(events: list[dict]) -> set[str]:
    return {e["cameo"] for e in events}


def _src(e: dict) -> str | None:
    s = e.get("source")
    return s.get("code") if isinstance(s, dict) else s


def _tgt(e: dict) -> str | None:
    t = e.get("target")
    return t.get("code") if isinstance(t, dict) else t


@pytest.mark.parametrize("text", [
    "The Arab League urged European states to recognise a Palestinian state.",
    "Saudi Arabia called on Muslim countries to recognise the State of Palestine.",
])
def test_appeal_to_back_a_third_party_rallies_support(code, text):
    events = code(text)
    assert _codes(events) == {"053"} and _types(events) == {"SUPPORT"}
    assert any((_tgt(e) or "").startswith("PSE") for e in events)


@pytest.mark.parametrize("text", [
    "Zelensky urged Western leaders to support Ukraine.",
    "Ukraine's foreign minister urged Germany to back a full embargo on Russian gas.",
])
def test_appeal_for_own_side_or_a_policy_stays_an_appeal(code, text):
    assert _types(code(text)) == {"REQUEST"}


@pytest.mark.parametrize("text", [
    "Japan expressed regret to Seoul for the suffering caused during its colonial rule.",
    "The Dutch king expressed deep remorse for his country's role in the slave trade.",
])
def test_expressed_regret_is_an_apology(code, text):
    assert _codes(code(text)) == {"055"}


@pytest.mark.parametrize("text", [
    "The Kremlin expressed solidarity with Beijing over the Taiwan issue.",
    "The foreign minister paid tribute to the late president as a champion of peace.",
])
def test_solidarity_and_tribute_are_support(code, text):
    assert _types(code(text)) == {"SUPPORT"}


def test_praise_won_from_someone_is_their_praise(code):
    events = code("Kenya's reforms won praise from the IMF.")
    assert _types(events) == {"SUPPORT"}
    assert any(_src(e) == "IGOIMF" for e in events)


@pytest.mark.parametrize("text", [
    "China granted diplomatic recognition to the new government in Kabul.",
    "Recognition of the new republic by Russia was announced on Monday.",
])
def test_recognition_granted(code, text):
    assert _codes(code(text)) == {"054"}


@pytest.mark.parametrize("text", [
    "Russia is holding an American reporter on espionage charges.",
    "Two journalists were held by Ethiopian police for three days.",
])
def test_people_held_by_authorities_are_detained(code, text):
    assert _codes(code(text)) == {"173"}


def test_people_held_hostage_stay_hostages(code):
    assert _codes(code("Gunmen held the journalist hostage for two weeks.")) == {"181"}


@pytest.mark.parametrize("text", [
    "The United States sent back hundreds of Haitian migrants on deportation flights.",
    "Authorities forcibly returned dozens of North Korean defectors to China.",
    "France kicked out a radical imam accused of inciting hatred.",
    "Authorities ordered a foreign journalist to leave the country within 24 hours.",
])
def test_individuals_sent_out_are_deported(code, text):
    assert _codes(code(text)) == {"174"}


@pytest.mark.parametrize("text, cameo", [
    ("Authorities impounded a cargo ship carrying Russian grain.", "1711"),
    ("The election commission disqualified the main opposition candidate.", "172"),
    ("The government revoked the citizenship of dozens of dissidents.", "172"),
    ("Chinese ships blocked Philippine vessels from reaching the reef.", "191"),
    ("Azerbaijan closed the Lachin corridor.", "191"),
])
def test_coercive_measures(code, text, cameo):
    events = code(text)
    assert _codes(events) == {cameo} and _types(events) == {"COERCE"}


def test_protesters_blocking_a_highway_still_protest(code):
    assert _types(code("Protesters blocked the main highway into the capital.")) == {"PROTEST"}


def test_a_named_person_welcomed_is_hosted(code):
    assert _codes(code("Mikhail Gorbachev was welcomed in Beijing by Deng Xiaoping.")) == {"043"}


def test_a_decision_welcomed_is_praised(code):
    assert _codes(code("Washington welcomed Saudi Arabia's decision to raise oil output.")) == {"051"}


@pytest.mark.parametrize("text", [
    "French soldiers, backed by helicopters, swept through villages near the river.",
    "The central bank raised rates to defend the peso.",
    "Russia's electoral commission said 78 percent of voters backed the amendments.",
])
def test_backing_by_arms_defending_a_currency_and_votes_are_no_support(code, text):
    assert "SUPPORT" not in _types(code(text))


def test_youths_armed_with_clubs_are_not_given_arms(code):
    assert "AID" not in _types(code("Youths armed with clubs torched dozens of shops in the town."))


@pytest.mark.parametrize("text", [
    "Police fired tear gas to disperse thousands of protesters.",
    "Iranian security forces cracked down on protests in several cities.",
])
def test_dispersing_protests_is_violent_repression(code, text):
    assert _codes(code(text)) == {"175"}


def test_verbal_defence_of_a_right(code):
    assert _codes(code("China defended Russia's right to protect its interests.")) == {"052"}


@pytest.mark.parametrize("text, cameo", [
    ("Security agents picked up the blogger at his home.", "173"),
    ("The court remanded the former minister in custody.", "173"),
    ("Authorities pulled the independent channel off the air.", "172"),
    ("Officials blocked the opposition candidate from registering.", "172"),
    ("Police froze the bank accounts of the opposition party.", "1711"),
])
def test_more_coercion(code, text, cameo):
    assert cameo in _codes(code(text))


@pytest.mark.parametrize("text", [
    "Iran returned the British tanker it seized in July.",
    "Iran agreed to suspend uranium enrichment.",
    "The regime shut down its nuclear reactor as promised.",
    "The government restored the citizenship of dissidents stripped of it in 2020.",
])
def test_yielding_is_no_coercion(code, text):
    assert "COERCE" not in _types(code(text))


def test_people_described_as_detained_are_background(code):
    text = "The two foreign ministers talked by telephone about the sailors detained in the Gulf."
    assert "COERCE" not in _types(code(text))


def test_a_detention_reported_as_news_stays(code):
    assert _codes(code("Iranian forces detained 15 British sailors in the Gulf.")) == {"173"}


def test_people_described_as_evicted_are_background(code):
    events = code("Reporters interviewed families evicted from their homes by the authorities.")
    assert not any(str((e.get("provenance") or {}).get("rule", "")).startswith("verb:evict") for e in events)


def test_protesters_arrested_are_arrested_not_protesting(code):
    events = code("At least 30 protesters were arrested in the capital, witnesses said.")
    assert _codes(events) == {"173"}


def test_a_strike_that_shuts_down_a_city_is_still_the_protest(code):
    assert "COERCE" not in _types(code("A general strike by transport workers shut down the capital on Monday."))
