"""Actors the resolver used to miss, and sentences that got no event because of it (real spaCy
parses; invented news English, not gold data)."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.actors import ActorResolver, ActorStage
from herald.events import EventCoder, EventStage
from herald.parse import ParseStage
from herald.pipeline import Pipeline
from herald.records import Article


def _mentions(nlp, res, text):
    return {m.text: m for m in res.resolve_doc(nlp(text))}


@pytest.mark.parametrize("text,mention,code", [
    # a role phrase the tagger reads as a person's name ("Riot") is still the role
    ("Riot police fired tear gas at students in Dhaka.", "Riot police", "BGDCOP"),
    # a capitalised role phrase standing alone is a role like its lower-case spelling
    ("The Defence Ministry in Kyiv said two drones were shot down.", "Defence Ministry", "UKRMIL"),
    ("The Interior Ministry in Baghdad said 40 suspects were arrested.", "Interior Ministry", "IRQCOP"),
    # central banks are their state's monetary authority
    ("The People's Bank of China cut interest rates on Monday.", "People's Bank of China", "CHNGOV"),
    ("The Bank of England raised interest rates again.", "Bank of England", "GBRGOV"),
    ("The European Central Bank kept rates on hold.", "European Central Bank", "IGOEU"),
    ("The Asian Development Bank approved a loan for Nepal.", "Asian Development Bank", "IGOADB"),
    # crowds and armed men named by what they do take the country of the place they act in
    ("Bandits in northwest Nigeria abducted dozens of schoolchildren.", "Bandits", "NGACRM"),
    ("Rioters in Nairobi looted shops and torched cars.", "Rioters", "KENCVL"),
    ("Mourners in Tehran chanted slogans against the government.", "Mourners", "IRNCVL"),
    ("Ukraine's National Guard repelled an attack near Kharkiv.", "Ukraine's National Guard", "UKRMIL"),
    ("Abkhaz officials rejected the offer of talks.", "Abkhaz officials", "GEOGOV"),
])
def test_role_and_organisation_coverage(nlp, res, text, mention, code):
    ms = _mentions(nlp, res, text)
    assert mention in ms, sorted(ms)
    assert ms[mention].actor.code == code


@pytest.mark.parametrize("text,mention,code", [
    ("Gunmen in Zamfara abducted dozens of schoolchildren.", "Gunmen", "NGAREB"),
    ("Soldiers in Helmand came under fire overnight.", "Soldiers", "AFGMIL"),
])
def test_a_province_gives_a_role_its_country(nlp, res, text, mention, code):
    assert _mentions(nlp, res, text)[mention].actor.code == code


def test_a_compass_word_or_a_wide_region_is_no_province(nlp, res):
    # "the West" is no province of anyone's; "the Sahel" spans many states
    ms = _mentions(nlp, res, "Putin warned the West against sending troops.")
    assert "West" not in ms
    ms = _mentions(nlp, res, "Militants in the Sahel attacked a convoy.")
    assert ms["Militants"].actor.country is None


def test_capitalised_role_inside_an_unknown_name_is_not_an_actor(nlp, res):
    # "the Free Patriotic Army" is a name the vocabulary lacks, not "the army" of anyone
    ms = res.resolve_doc(nlp("The Free Patriotic Army said it would keep fighting."))
    assert not any(m.actor.role == "MIL" for m in ms)


def test_title_before_a_name_is_not_a_second_actor(nlp, res):
    ms = res.resolve_doc(nlp("Kenya hosted President Barack Obama for a three-day visit."))
    assert not any(m.text == "President" for m in ms)
    assert any(m.actor.name and "Obama" in m.actor.name for m in ms)


def test_supporters_take_the_role_of_their_side(nlp, res):
    ms = _mentions(nlp, res, "Opposition supporters in Lusaka clashed with police.")
    assert ms["Opposition supporters"].actor.code == "ZMBOPP"


@pytest.fixture(scope="module")
def towns_pipeline():
    """Parse → actors with the geocoder (towns) → events, no dates."""
    from herald.coding import build_pipeline
    return build_pipeline(resolve_dates=False)


def _run(pipe, text):
    (state,) = pipe.run([Article(id="t", text=text, date=dt.date(2020, 1, 1))])
    return state


class _StubModel:
    """A classifier stand-in with a fixed answer, so the tests pin the coder's logic."""

    version = "stub"

    def __init__(self, label, prob):
        self.label, self.prob = label, prob

    def predict(self, sent):
        return self.label, self.prob


def _pipeline(model, geocoder=None):
    return Pipeline([ParseStage(), ActorStage(resolver=ActorResolver(geocoder=geocoder)),
                     EventStage(coder=EventCoder(classifier=model))])


def test_a_role_with_a_town_modifier_can_be_the_subject(towns_pipeline):
    # the role's country comes from the town before it ("Kirkuk oil workers"); the mention is
    # no place, so the coder may take it as the one who acts
    geocoder = towns_pipeline.stages[1].resolver.geocoder  # the gazetteer knows the town
    st = _run(_pipeline(_StubModel("PROTEST", 0.9), geocoder),
              "Kirkuk oil workers walked off the job over unpaid wages.")
    (workers,) = [m for m in st.actors if m.text == "workers"]
    assert workers.actor.code == "IRQLAB" and "place" not in workers.rule
    assert [e.source.actor.code for e in st.events] == ["IRQLAB"]


def test_a_town_the_tagger_missed_still_gives_a_role_its_country(towns_pipeline):
    st = _run(towns_pipeline, "Residents of Goma fled their homes as fighting spread.")
    (res_m,) = [m for m in st.actors if m.text == "Residents"]
    assert res_m.actor.code == "CODCVL"


def test_reported_act_of_a_speaker_who_is_no_actor_is_typed_by_the_model():
    text = "Police in Caracas hauled opposition activists off to prison cells, witnesses said."
    st = _run(_pipeline(_StubModel("COERCE", 0.9)), text)
    (ev,) = st.events
    assert ev.plover == "COERCE" and ev.provenance.rule.startswith("model:")
    assert ev.source.actor.code == "VENCOP" and ev.target.actor.code == "VENOPP"
    assert ev.evidence.trigger == "hauled"


def test_reported_act_needs_a_sure_model():
    text = "Police in Caracas hauled opposition activists off to prison cells, witnesses said."
    assert not _run(_pipeline(_StubModel("COERCE", 0.1)), text).events
    assert not _run(_pipeline(_StubModel("NONE", 0.9)), text).events


def test_a_speaker_who_is_an_actor_is_not_the_doer_of_the_act_reported():
    text = "Venezuelan officials said police had hauled opposition activists off to prison cells."
    st = _run(_pipeline(_StubModel("COERCE", 0.9)), text)
    assert [(e.plover, e.source.actor.code, e.target.actor.code, e.evidence.trigger) for e in st.events] == \
        [("COERCE", "VENCOP", "VENOPP", "hauled")]
