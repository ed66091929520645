"""Second events in a coordinated clause of the same subject.

Invented news-English sentences (real spaCy parses, real actor stage), none from gold data:
an agreement or pledge coordinated with the main act ("met ... and agreed to ...") is news of
its own; other coordinated verbs, and a negated or reduced-relative "agreed", are not.
"""

from __future__ import annotations

import pytest

from conftest import plover_types as _types


@pytest.mark.parametrize("text, both", [
    ("The two foreign ministers met in Geneva and agreed to reopen their embassies.", {"CONSULT", "AGREE"}),
    ("Rebel commanders met government envoys in Nairobi and agreed to a ceasefire.", {"CONSULT", "AGREE"}),
    ("The junta gave in to the protesters and agreed to hold elections next year.", {"CONCEDE", "AGREE"}),
    ("The prime minister visited Hanoi and promised to expand trade ties.", {"CONSULT", "AGREE"}),
])
def test_coordinated_commitment_is_a_second_event(code, text, both):
    assert both <= _types(code(text))


@pytest.mark.parametrize("text, absent", [
    ("The ministers met in Geneva but did not agree to a ceasefire.", "AGREE"),
    ("Fighters traded fire near the border despite the truce agreed last month.", "AGREE"),
])
def test_no_second_commitment_when_not_asserted(code, text, absent):
    assert absent not in _types(code(text))


@pytest.mark.parametrize("text, plover", [
    ("The ruling party rallied behind the president.", "SUPPORT"),
    ("Arab states rallied around Qatar after the blockade.", "SUPPORT"),
    ("Dockworkers struck over unpaid wages.", "PROTEST"),
    ("Crowds rallied in the capital against the new law.", "PROTEST"),
])
def test_preposition_patterns_match(code, text, plover):
    """Rallying behind someone is support, not a protest rally; striking over pay is a strike."""
    assert plover in _types(code(text))
    assert len(_types(code(text))) == 1


def test_alternative_prepositions_are_read_apart():
    from herald.events.lexicon import parse_pattern
    assert parse_pattern("rally +behind|around", "053").preps == {"behind", "around"}
