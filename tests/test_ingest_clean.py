"""Plain-text boilerplate removal: the seed page, hand-written scraped pages with other
kinds of site furniture, and properties that must hold for any input."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.ingest import DEMO_PATH, clean_page_text
from herald.ingest.clean import is_sentence, normalise_text

DATA = Path(__file__).parent / "data" / "ingest"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_04e95e81a419dec2.txt"


def test_demo_is_the_seed_and_cleans():
    if SEED.exists():
        assert DEMO_PATH.read_bytes() == SEED.read_bytes()
    title, body = clean_page_text(DEMO_PATH.read_text(encoding="utf-8"))
    assert title == "Putin and Netanyahu discussed the worsening of the Palestinian-Israeli conflict"
    assert title not in body
    for kept in ("Putin also confirmed", "Operation Iron Swords", "Russian President Vladimir Putin"):
        assert kept in body
    for lost in ("Leave a Reply", "Your email address will not be published", "Back to top button",
                 "Required fields are marked"):
        assert lost not in body
    assert body.count("\n\n") == 5  # six paragraphs, blank-line separated as in the page
    assert body.endswith("more than half of them were Palestinians.")


CASES = {
    "share_bar_related.txt": (
        "Finance ministers agree on debt relief for drought-hit states",
        ["Finance ministers from twelve African countries", "It is not binding.",
         "We cannot pay twice for the same drought"],
        ["Northern Ledger", "Home", "By Maria Okafor", "Published", "Share this", "Facebook", "Related Articles",
         "IMF board", "Bondholders", "All rights reserved"],
    ),
    "newsletter_box.txt": (
        "Protesters clash with police outside parliament in Tbilisi",
        ["Thousands of demonstrators", "He declined to comment.", "The leader of the main opposition",
         "The European Union has warned"],
        ["Skip to content", "Menu", "min read", "Morning Briefing", "Enter your email", "Subscribe",
         "Terms of Use", "Advertisement", "Tags:", "cookies"],
    ),
    "menu_top_pipes.txt": (
        "Navy seizes fishing vessels in disputed waters",
        ["three foreign fishing vessels operating without permits", "accused the navy of piracy."],
        ["Home |", "Advertisement", "Read more", "Follow us", "Back to top"],
    ),
    "single_newline_comments.txt": (
        "Rebels release aid workers after weeks of negotiations",
        ["Armed rebels in the eastern province", "no ransom had been paid.",
         "continue operations against the group in the area."],
        ["Post navigation", "Previous article", "Ceasefire talks", "Comments", "says:", "great news",
         "acted much sooner", "Reply"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_scraped_pages_lose_furniture_keep_article(name):
    want_title, keep, lose = CASES[name]
    title, body = clean_page_text((DATA / name).read_text(encoding="utf-8"))
    assert title == want_title
    assert want_title not in body
    for s in keep:
        assert s in body, s
    for s in lose:
        assert s not in body, s


def test_hard_wrapped_lines_are_rejoined():
    _, body = clean_page_text((DATA / "menu_top_pipes.txt").read_text(encoding="utf-8"))
    assert "foreign fishing vessels operating without permits in waters claimed by both countries, and detained" in body
    assert body.count("\n\n") == 2


def test_single_newline_paragraphs_stay_apart():
    _, body = clean_page_text((DATA / "single_newline_comments.txt").read_text(encoding="utf-8"))
    assert body.count("\n") == 2 and "\n\n" not in body


def test_short_sentences_in_the_middle_survive():
    page = ("Ministers meet in Geneva\n\n"
            "Foreign ministers from both countries met in Geneva on Thursday for the first time in a year.\n\n"
            "No deal.\n\n"
            "Talks resumed.\n\n"
            "The two delegations will meet again in June, a spokesperson for the host government said.\n\n"
            "Share on Facebook\n\nMost Popular\n\nMarkets rally on rate hopes")
    title, body = clean_page_text(page)
    assert title == "Ministers meet in Geneva"
    assert "No deal.\n\nTalks resumed." in body
    assert "Share" not in body and "Popular" not in body and "Markets" not in body


def test_stop_marker_before_any_prose_does_not_swallow_the_article():
    page = ("Most Read\n\nTrending Now\n\nA court in the capital sentenced two journalists to three years in "
            "prison on Monday, their lawyers said.\n\nRelated Articles\n\nOther story headline here")
    title, body = clean_page_text(page)
    assert body.startswith("A court in the capital")
    assert "Other story" not in body


def test_whitespace_normalised():
    raw = ("Headline\u200b here for test\r\n\r\nThe\u00a0army   said\ton Monday that it had\u200b withdrawn "
           "its forces.\r\n\r\n\r\n\r\nA second paragraph follows here with more words.\r\n")
    title, body = clean_page_text(raw)
    assert title == "Headline here for test"
    assert body == ("The army said on Monday that it had withdrawn its forces.\n\n"
                    "A second paragraph follows here with more words.")


def test_nfc():
    _, body = clean_page_text("The Cafe\u0301 owners said on Monday that they would strike for a week.")
    assert "Caf\u00e9" in body


def test_no_prose_gives_empty_body():
    assert clean_page_text("Home\nWorld\nPolitics\nSport\n\nSubscribe")[1] == ""
    assert clean_page_text("")[1] == ""


@pytest.mark.parametrize("text,want", [
    ("The president signed the decree on Monday.", True),
    ("He resigned.", False),  # too short for a sentence on its own at the page edge
    ("Police said three people were hurt.", True),
    ("Related Articles", False),
    ("Border Talks Collapse As Both Sides Trade Accusations", False),
    ("Facebook Twitter WhatsApp Telegram Email", False),
])
def test_is_sentence(text, want):
    assert is_sentence(text) is want


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_clean_never_raises_grows_or_invents(raw):
    title, body = clean_page_text(raw)
    nfc = unicodedata.normalize("NFC", raw)
    assert len(body) <= len(nfc)
    assert set(body) <= set(nfc) | {" ", "\n"}
    if title is not None:
        assert title and "\n" not in title and set(title) <= set(nfc) | {" "}


page_lines = st.sampled_from([
    "The minister said on Tuesday that the talks would continue next week.",
    "Leave a Reply", "Share this:", "Facebook Twitter", "Home", "World", "Tags: politics, war",
    "Rebels attacked an army post near the border, killing two soldiers.", "", "", "Read more: other story",
    "Troops withdraw from valley", "He declined to comment.", "© 2024 Some Outlet",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(page_lines, max_size=25))
def test_clean_on_page_like_input(lines):
    raw = "\n".join(lines)
    title, body = clean_page_text(raw)
    assert len(body) <= len(raw)
    for furniture in ("Leave a Reply", "Share this", "Tags:", "©", "Read more"):
        assert furniture not in body
    for para in body.split("\n"):
        assert para in raw  # paragraphs are lines of the page, never rewritten
    assert normalise_text(body) == body
