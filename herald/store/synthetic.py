"""Deterministic synthetic coded articles, for store tests, crash tests and benchmarks.

Real records (ArticleState / Event / ActorMention), built without the coding pipeline so a
test can make 100,000 events in seconds; the same arguments always give the same records.
"""

from __future__ import annotations

import datetime as _dt

from herald.pipeline import ArticleState
from herald.records import Actor, ActorMention, Article, Event, Evidence, Location, Provenance

__all__ = ["COUNTRIES", "NAMES", "ROOTS", "synthetic_states"]

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "ISR", "IRN", "FRA", "DEU", "KEN", "BRA"]
ROOTS = [("01", "010", 1, 0.0, "OTHER"), ("04", "042", 1, 1.9, "CONSULT"), ("11", "111", 3, -2.0, "DISAPPROVE"),
         ("17", "173", 4, -5.0, "COERCE"), ("19", "190", 4, -10.0, "ASSAULT")]
# Invented people, one per country (used when `named=True`).
NAMES = ["Ivan Petrov", "Olena Shevchuk", "Mary Jones", "Li Wei", "Dana Levi", "Reza Karimi", "Claire Martin",
         "Hans Weber", "Grace Wanjiru", "Paulo Souza"]


def synthetic_states(n_articles: int, per_article: int, *, first: int = 0, named: bool = False,
                     base: _dt.date = _dt.date(2023, 1, 1), days: int = 365) -> list[ArticleState]:
    """Articles `first .. first+n_articles-1` of `per_article` sentences, one event each.

    Countries, CAMEO roots and dates rotate with the article number; every other event has a
    location and ASSAULTs carry casualties. With `named`, every third source is a named person.
    """
    states = []
    for i in range(first, first + n_articles):
        sents = []
        for j in range(per_article):
            s, t = COUNTRIES[(i + j) % 10], COUNTRIES[(i + 3 * j + 1) % 10]
            sents.append(f"Officials of {s} condemned officials of {t} over incident {i}-{j}.")
        text = " ".join(sents)
        art = Article(f"bulk-{i:05d}", text, title=f"Report {i}", outlet="Synthetic",
                      date=base + _dt.timedelta(i % days), origin=f"synthetic:{i}")
        mentions, events, pos = [], [], 0
        for j, sent in enumerate(sents):
            si, ti = (i + j) % 10, (i + 3 * j + 1) % 10
            s, t = COUNTRIES[si], COUNTRIES[ti]
            if named and j % 3 == 0:
                src_actor = Actor(f"{s}GOV", s, "GOV", NAMES[si], "person")
            else:
                src_actor = Actor(f"{s}GOV", s, "GOV")
            ms = ActorMention(f"Officials of {s}", pos, pos + 16, 0, 3, src_actor, "ner+country")
            ts = pos + sent.index("officials of")
            mt = ActorMention(f"officials of {t}", ts, ts + 16, 5, 8, Actor(f"{t}GOV", t, "GOV"), "ner+country")
            root, cameo, quad, gs, plover = ROOTS[(i + j) % len(ROOTS)]
            trig = pos + sent.index("condemned")
            events.append(Event(
                article_id=art.id, event_id=f"{art.id}-e{j}", date=art.date, cameo=cameo, cameo_root=root,
                quad_class=quad, goldstein=gs, plover=plover, source=ms, target=mt,
                location=Location("Geneva", "CHE", 46.20222, 6.14569) if j % 2 else None,
                evidence=Evidence(sent, pos, pos + len(sent), "condemned", trig, trig + 9),
                confidence=0.7, casualties={"killed": j} if root == "19" else {},
                provenance=Provenance("events", "0.3", "verb:condemn")))
            mentions += [ms, mt]
            pos += len(sent) + 1
        states.append(ArticleState(article=art, actors=tuple(mentions), events=tuple(events)))
    return states
