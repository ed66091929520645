"""Event dating: explicit dates, weekdays, relative and same-day expressions, on real parses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.dating import RULES, resolve_date_text, resolve_event_date

MON = dt.date(2024, 1, 8)  # a Monday
THU = dt.date(2024, 1, 11)
JAN5 = dt.date(2024, 1, 5)


def _sent(nlp, text):
    return next(iter(nlp(text).sents))


@pytest.mark.parametrize("text, pub, expected", [
    ("Rebels seized the airport on October 7, officials said.", dt.date(2024, 1, 5), dt.date(2023, 10, 7)),
    ("Rebels seized the airport on Oct. 7, officials said.", dt.date(2023, 11, 2), dt.date(2023, 10, 7)),
    ("The ceasefire collapsed on 7 October 2021.", dt.date(2024, 1, 5), dt.date(2021, 10, 7)),
    ("The ceasefire collapsed on October 7, 2021, after talks failed.", dt.date(2024, 1, 5), dt.date(2021, 10, 7)),
    ("The ministry reported the raid on 2022-03-15.", dt.date(2024, 1, 5), dt.date(2022, 3, 15)),
    ("Police detained 40 people on the 3rd of December.", dt.date(2024, 1, 5), dt.date(2023, 12, 3)),
    ("Police detained 40 people on December 3rd.", dt.date(2023, 12, 3), dt.date(2023, 12, 3)),
])
def test_explicit_dates(nlp, text, pub, expected):
    assert resolve_event_date(_sent(nlp, text), pub_date=pub) == (expected, "explicit")
    assert resolve_date_text(text, pub_date=pub) == (expected, "explicit")


def test_explicit_date_without_year_never_in_future(nlp):
    # December 20 in an article of 5 January is last December, not this one
    got, rule = resolve_event_date(_sent(nlp, "Troops crossed the border on December 20."), pub_date=JAN5)
    assert (got, rule) == (dt.date(2023, 12, 20), "explicit")


def test_may_and_march_as_verbs_are_not_months():
    assert resolve_date_text("Protesters may march 5 kilometres to the palace.", pub_date=MON) == (MON, "pub-date")


@pytest.mark.parametrize("text, pub, expected", [
    ("On Monday, gunmen attacked a checkpoint.", MON, MON),  # same weekday: the article's own day
    ("Gunmen attacked a checkpoint on Monday.", THU, dt.date(2024, 1, 8)),
    ("Gunmen attacked a checkpoint on Sunday.", MON, dt.date(2024, 1, 7)),
    ("Gunmen attacked a checkpoint last Monday.", MON, dt.date(2024, 1, 1)),  # a week back
    ("Gunmen attacked a checkpoint last Tuesday.", THU, dt.date(2024, 1, 9)),
    ("Fighting erupted on Tuesday night in the capital.", THU, dt.date(2024, 1, 9)),
    ("Tuesday's strike killed three soldiers.", THU, dt.date(2024, 1, 9)),
])
def test_weekdays(nlp, text, pub, expected):
    assert resolve_event_date(_sent(nlp, text), pub_date=pub) == (expected, "weekday")


def test_weekday_in_future_clause_points_forward(nlp):
    got = resolve_event_date(_sent(nlp, "The two leaders will meet in Geneva on Friday."), pub_date=MON)
    assert got == (dt.date(2024, 1, 12), "weekday")
    # the report is past even though what was said is future
    got = resolve_event_date(_sent(nlp, "The minister said on Friday that he will resign."), pub_date=MON)
    assert got == (dt.date(2024, 1, 5), "weekday")
    got = resolve_event_date(_sent(nlp, "The envoy arrives next Monday for talks."), pub_date=MON)
    assert got == (dt.date(2024, 1, 15), "weekday")


@pytest.mark.parametrize("text, expected", [
    ("Police arrested two suspects yesterday.", dt.date(2024, 1, 7)),
    ("Shelling resumed last night, residents said.", dt.date(2024, 1, 7)),
    ("The cabinet meets today to discuss the budget.", MON),
    ("Thousands marched this morning through the city centre.", MON),
    ("A car bomb exploded three days ago near the market.", dt.date(2024, 1, 5)),
    ("A car bomb exploded 10 days ago near the market.", dt.date(2023, 12, 29)),
    ("The talks resume tomorrow.", dt.date(2024, 1, 9)),
])
def test_relative_to_publication(nlp, text, expected):
    assert resolve_event_date(_sent(nlp, text), pub_date=MON) == (expected, "relative")


def test_relative_to_previous_event(nlp):
    prev = dt.date(2024, 1, 2)
    s = _sent(nlp, "Two days later, the army withdrew from the town.")
    assert resolve_event_date(s, pub_date=MON, previous=prev) == (dt.date(2024, 1, 4), "relative")
    # without an earlier event there is nothing to count from
    assert resolve_event_date(s, pub_date=MON) == (None, "none")
    s = _sent(nlp, "The following day, rebels shelled the airport.")
    assert resolve_event_date(s, pub_date=MON, previous=prev) == (dt.date(2024, 1, 3), "relative")
    # "later" than the publication date cannot be past narrative
    assert resolve_event_date(s, pub_date=MON, previous=MON) == (None, "none")


@pytest.mark.parametrize("text", [
    "Earlier the same day, protesters blocked the main road.",
    "Later that day, the president addressed the nation.",
    "Hours later, a second explosion hit the port.",
    "Police dispersed a second rally on the same day.",
])
def test_same_day(nlp, text):
    prev = dt.date(2024, 1, 3)
    assert resolve_event_date(_sent(nlp, text), pub_date=MON, previous=prev) == (prev, "same-day")
    assert resolve_event_date(_sent(nlp, text), pub_date=MON) == (MON, "same-day")


@pytest.mark.parametrize("text", [
    "Last week the army shelled the town.",
    "Protesters gathered outside the embassy in March 2022.",
    "In recent days, militias have clashed along the border.",
    "Two weeks ago, the government imposed a curfew.",
])
def test_vague_ranges_give_no_day(nlp, text):
    assert resolve_event_date(_sent(nlp, text), pub_date=MON) == (None, "none")


@pytest.mark.parametrize("text", [
    "The minister, 70 years old, resigned.",
    "He served in parliament for 10 years before he resigned.",
    "The movement, founded in 2014, called a general strike.",
    "Rebels have fought the army since October 7.",
    "Soldiers opened fire on the crowd.",
])
def test_durations_ages_and_background_fall_back_to_publication(nlp, text):
    assert resolve_event_date(_sent(nlp, text), pub_date=MON) == (MON, "pub-date")


def test_no_publication_date(nlp):
    s = _sent(nlp, "Soldiers opened fire on the crowd on Monday.")
    assert resolve_event_date(s, pub_date=None) == (None, "none")
    s = _sent(nlp, "Soldiers opened fire on the crowd on March 3, 2020.")
    assert resolve_event_date(s, pub_date=None) == (dt.date(2020, 3, 3), "explicit")
    assert resolve_date_text("Soldiers opened fire.", pub_date=None) == (None, "none")


def test_numeric_date_through_dateparser(nlp):
    s = _sent(nlp, "The decree was signed on 10/07/2023 by the president.")
    got, rule = resolve_event_date(s, pub_date=MON)
    assert rule == "explicit" and got is not None and got.year == 2023


def test_plain_string_accepted():
    assert resolve_event_date("Police arrested two suspects yesterday.", pub_date=MON) == (
        dt.date(2024, 1, 7), "relative")


# --- properties --------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))

PAST_EXPRESSIONS = ["on Monday", "on Tuesday", "last Wednesday", "on Thursday night", "Friday",
                    "last Saturday", "Sunday morning", "yesterday", "last night", "today",
                    "two days ago", "5 days ago", "the day before", "a day earlier", "the same day",
                    "later that day", "three days later", "the next day", "on October 7", "on Feb. 29",
                    "on 31 December"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), pub=st.none() | dates, prev=st.none() | dates)
def test_never_raises(text, pub, prev):
    got, rule = resolve_date_text(text, pub_date=pub, previous=prev)
    assert rule in RULES
    assert got is None or isinstance(got, dt.date)


@settings(max_examples=300, deadline=None)
@given(expr=st.sampled_from(PAST_EXPRESSIONS), pub=dates, back=st.integers(0, 30),
       lead=st.sampled_from(["Police said troops {} shelled the village.", "{}, militants attacked a convoy.",
                             "The army withdrew from the town {}.", "Rebels had fired rockets {}, officials said."]))
def test_past_expressions_never_after_publication(expr, pub, back, lead):
    prev = pub - dt.timedelta(days=back)
    got, rule = resolve_date_text(lead.format(expr), pub_date=pub, previous=prev)
    assert rule in RULES
    assert got is None or got <= pub


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expr=st.sampled_from(PAST_EXPRESSIONS), pub=dates)
def test_past_expressions_on_real_parses(nlp, expr, pub):
    got, _ = resolve_event_date(_sent(nlp, f"Witnesses said soldiers opened fire {expr}."), pub_date=pub)
    assert got is None or got <= pub
