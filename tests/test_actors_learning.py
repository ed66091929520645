"""Learned aliases: title+name appositions teach later bare names (real spaCy parses)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from herald.actors import ActorResolver, ActorStage
from herald.actors.learning import LearnedAlias, learn_aliases, person_records
from herald.pipeline import ArticleState
from herald.records import Article


@pytest.fixture(scope="module")
def stage():
    return ActorStage()


def _state(nlp, stage, text, date, aid="a1"):
    art = Article(id=aid, text=text, date=date)
    st = ArticleState(article=art, doc=nlp(text))
    return dataclasses.replace(st, actors=stage.predict([st])[0]["actors"])


def test_title_and_name_teach_an_alias(nlp, stage):
    st = _state(nlp, stage, "Malawian Foreign Minister Grace Phiri arrived in Lusaka on Monday for talks. "
                            "Zambian Defence Minister Peter Banda welcomed her.", dt.date(2024, 3, 1))
    got = learn_aliases([st])
    assert [(x.alias, x.code, x.country, x.role) for x in got] == [
        ("Grace Phiri", "MWIGOV", "MWI", "GOV"), ("Peter Banda", "ZMBGOV", "ZMB", "GOV")]
    assert got[0].evidence == "Malawian Foreign Minister Grace Phiri"
    assert got[0].date == dt.date(2024, 3, 1) and got[0].article_id == "a1"
    with pytest.raises(dataclasses.FrozenInstanceError):
        got[0].code = "X"  # type: ignore[misc]


def test_known_office_holders_and_bare_names_teach_nothing(nlp, stage):
    st = _state(nlp, stage, "Russian President Vladimir Putin met Banda, and a spokesman said talks went well.",
                dt.date(2023, 6, 1))
    assert learn_aliases([st]) == []


def test_extra_persons_resolve_bare_names_with_their_dates(nlp):
    learned = [LearnedAlias("Grace Phiri", "MWIGOV", "MWI", "GOV", "Grace Phiri", dt.date(2024, 3, 1), "a1",
                            "Malawian Foreign Minister Grace Phiri")]
    res = ActorResolver(extra_persons=learned)
    doc = nlp("Grace Phiri criticised the decision on Tuesday. Phiri said talks would continue.")
    ms = res.resolve_doc(doc, date=dt.date(2024, 5, 2))
    assert [(m.text, m.actor.code) for m in ms] == [("Grace Phiri", "MWIGOV"), ("Phiri", "MWIGOV")]
    before = res.resolve_doc(doc, date=dt.date(2019, 1, 1))  # before the first sighting: a national elite
    assert before[0].actor.country == "MWI" and before[0].actor.role == "ELI"
    assert ActorResolver().resolve_doc(doc, date=dt.date(2024, 5, 2)) == ()  # the shared KB is unchanged


def test_store_rows_two_offices_and_rejected_rows():
    rows = [
        {"alias": "Omar Haddad", "code": "JORGOV", "country": "JOR", "role": "GOV", "name": "Omar Haddad",
         "first_date": "2020-01-05", "last_date": "2021-02-01", "status": "accepted"},
        {"alias": "Omar Haddad", "code": "JOROPP", "country": "JOR", "role": "OPP", "name": "Omar Haddad",
         "first_date": dt.date(2022, 7, 1), "last_date": None, "status": "learned"},
        {"alias": "Lina Saleh", "code": "JORGOV", "country": "JOR", "role": "GOV", "name": "Lina Saleh",
         "first_date": "2021-01-01", "status": "rejected"},
    ]
    recs = person_records(rows)
    assert len(recs) == 1
    name, aliases, roles = recs[0]
    assert name == "Omar Haddad" and aliases == []
    assert roles == (("JOR", "GOV", "", dt.date(2020, 1, 5), dt.date(2022, 7, 1)),
                     ("JOR", "OPP", "", dt.date(2022, 7, 1), None))


def test_kb_person_is_not_overridden_by_a_learned_row(nlp):
    res = ActorResolver(extra_persons=[{"alias": "Vladimir Putin", "code": "FRAGOV", "country": "FRA",
                                        "role": "GOV", "name": "Vladimir Putin", "first_date": "2020-01-01"}])
    ms = res.resolve_doc(nlp("Vladimir Putin spoke on Monday."), date=dt.date(2023, 1, 1))
    assert ms[0].actor.code == "RUSGOV"


def test_appositive_title_teaches_an_alias(nlp, stage):
    st = _state(nlp, stage, "Ghana's interior minister, Kwame Asante, said the border would reopen.",
                dt.date(2022, 9, 9), aid="b7")
    got = learn_aliases([st])
    assert [(x.alias, x.code, x.evidence, x.article_id) for x in got] == [
        ("Kwame Asante", "GHAGOV", "Ghana's interior minister, Kwame Asante", "b7")]
