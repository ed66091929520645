"""read_inputs: every input format, folders and stdin, and every kind of bad input, which
must come out as a SkippedItem with its reason while the batch goes on."""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.ingest import DEMO_PATH, read_inputs
from herald.ingest.readers import decode_bytes
from herald.records import Article, SkippedItem, content_hash

DATA = Path(__file__).parent / "data" / "ingest"
BODY = ("The interior minister said on Monday that police had arrested twelve people after clashes "
        "near the parliament building.\n\nOpposition leaders called for an independent inquiry.")
PAGE = "Police arrest twelve after clashes in the capital\n\n" + BODY + "\n\nLeave a Reply\n\nPost Comment\n"
HTML = ("<!doctype html><html><head><title>Police arrest twelve</title>"
        '<meta property="og:site_name" content="Capital News">'
        '<meta property="article:published_time" content="2024-02-03"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/w'>World</a> <a href='/p'>Politics</a></nav><article>"
        "<h1>Police arrest twelve</h1>"
        "<p>The interior minister said on Monday that police had arrested twelve people after clashes "
        "near the parliament building.</p><p>Opposition leaders called for an independent inquiry into "
        "the use of force by the riot police.</p></article><footer>Copyright 2024 Capital News</footer>"
        "</body></html>")


def one(paths, **kw):
    items = list(read_inputs([str(p) for p in paths], **kw))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def set_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ---------------------------------------------------------------- formats

def test_text_file(tmp_path):
    art = one([write(tmp_path, "a.txt", PAGE)], default_date=dt.date(2024, 1, 2))
    assert isinstance(art, Article)
    assert art.title == "Police arrest twelve after clashes in the capital"
    assert art.text == BODY
    assert art.id == content_hash(BODY) == art.content_hash
    assert art.date == dt.date(2024, 1, 2)
    assert art.origin == str(tmp_path / "a.txt")


def test_demo_path_reads_as_one_article():
    art = one([DEMO_PATH], default_date=dt.date(2023, 10, 16))
    assert isinstance(art, Article) and art.title.startswith("Putin and Netanyahu")
    assert "Leave a Reply" not in art.text and art.date == dt.date(2023, 10, 16)


def test_html_file_extracts_metadata_and_strips_furniture(tmp_path):
    art = one([DATA / "article.html"], default_date=dt.date(2000, 1, 1))
    assert isinstance(art, Article), art
    assert art.title == "Border talks collapse as both sides trade accusations"
    assert art.outlet == "Coastal Herald"
    assert art.url == "https://coastalherald.example/world/border-talks-collapse"
    assert art.date == dt.date(2024, 5, 21)  # the page's date beats the default
    assert art.text.startswith("Negotiations between the two neighbours")
    assert "urged restraint in the meantime." in art.text
    assert art.text.count("\n\n") == 2
    for junk in ("Home", "Politics", "cookies", "Leave a Reply", "generals are replaced", "Post Comment",
                 "Related Articles", "Troops reinforce", "All rights reserved", "Privacy Policy", "Facebook",
                 "Border talks collapse"):
        assert junk not in art.text, junk


def test_html_sniffed_in_txt_and_forced_format(tmp_path):
    art = one([write(tmp_path, "page.txt", HTML)])
    assert isinstance(art, Article) and art.outlet == "Capital News" and art.date == dt.date(2024, 2, 3)
    assert "Home" not in art.text and "Copyright" not in art.text
    forced = one([write(tmp_path, "page.data", HTML)], input_format="html")
    assert forced.text == art.text
    as_text = one([write(tmp_path, "p.html", PAGE)], input_format="text")
    assert as_text.text == BODY


def test_jsonl_mixed_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": PAGE, "date": "2024-03-01", "url": "https://x.example/a", "outlet": "X"}),
        "{not json",
        json.dumps([1, 2, 3]),
        json.dumps({"id": "a4", "title": "Nothing here"}),
        json.dumps({"id": "a5", "text": BODY, "date": "01/03/2024"}),
        "",
        json.dumps({"id": 6, "html": HTML}),
        json.dumps({"text": BODY, "title": "Given title"}),
        json.dumps({"id": "a9", "text": "Home\nWorld\nShare"}),
        json.dumps({"id": "a10", "text": BODY, "title": 7}),
        json.dumps({"id": "a11", "text": BODY, "date": "2024-02-30"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([str(path)], default_date=dt.date(1999, 9, 9)))
    origins = [i.origin for i in items]
    assert origins == [f"{path}:{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11)]
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "SkippedItem", "SkippedItem", "SkippedItem", "SkippedItem", "Article", "Article",
                     "SkippedItem", "SkippedItem", "SkippedItem"]
    a1, a6, a8 = (i for i in items if isinstance(i, Article))
    assert (a1.id, a1.date, a1.url, a1.outlet, a1.title) == (
        "a1", dt.date(2024, 3, 1), "https://x.example/a", "X", "Police arrest twelve after clashes in the capital")
    assert a1.text == BODY
    assert a6.id == "6" and a6.date == dt.date(2024, 2, 3) and a6.outlet == "Capital News"
    assert a8.id == content_hash(BODY) and a8.title == "Given title" and a8.date == dt.date(1999, 9, 9)
    reasons = [i.reason for i in items if isinstance(i, SkippedItem)]
    assert reasons[0].startswith("bad JSON")
    assert "not a JSON object" in reasons[1]
    assert "no 'text' or 'html'" in reasons[2]
    assert "bad date" in reasons[3] and "bad date" in reasons[6]
    assert reasons[4] == "no article text after boilerplate removal"
    assert "'title' must be a string" in reasons[5]


def test_jsonl_record_date_beats_page_date(tmp_path):
    path = write(tmp_path, "b.ndjson", json.dumps({"id": "h", "html": HTML, "date": "2020-05-05"}))
    assert one([path]).date == dt.date(2020, 5, 5)


def test_stdin_text_html_and_jsonl(monkeypatch):
    set_stdin(monkeypatch, PAGE.encode())
    art = one(["-"])
    assert art.origin == "<stdin>" and art.text == BODY
    set_stdin(monkeypatch, HTML.encode())
    assert one(["-"]).outlet == "Capital News"
    set_stdin(monkeypatch, (json.dumps({"id": "s1", "text": BODY}) + "\n" + "[]\n").encode())
    items = list(read_inputs(["-"]))
    assert [type(i).__name__ for i in items] == ["Article", "SkippedItem"]
    assert items[0].id == "s1" and items[1].origin == "<stdin>:2"
    set_stdin(monkeypatch, b"")
    assert one(["-"]) == SkippedItem("<stdin>", "empty file")


def test_stdin_too_large(monkeypatch):
    set_stdin(monkeypatch, PAGE.encode() * 10)
    item = one(["-"], max_bytes=100)
    assert isinstance(item, SkippedItem) and item.reason.startswith("too large")


def test_folder_recursion_sorted_hidden_skipped(tmp_path):
    write(tmp_path, "b/z.txt", PAGE)
    write(tmp_path, "b/a/inner.html", HTML)
    write(tmp_path, "a.txt", PAGE.replace("twelve", "ten"))
    write(tmp_path, ".hidden.txt", PAGE)
    write(tmp_path, ".git/config.txt", PAGE)
    write(tmp_path, "c.jsonl", json.dumps({"id": "j", "text": BODY}))
    items = list(read_inputs([str(tmp_path)]))
    assert [i.origin for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b/a/inner.html"),
                                         str(tmp_path / "b/z.txt"), f"{tmp_path / 'c.jsonl'}:1"]
    assert all(isinstance(i, Article) for i in items)


def test_duplicates_pass_through_with_same_id(tmp_path):
    items = list(read_inputs([str(write(tmp_path, "x.txt", PAGE)), str(write(tmp_path, "y.txt", PAGE))]))
    assert len(items) == 2 and items[0].id == items[1].id and items[0].origin != items[1].origin


# ---------------------------------------------------------------- bad input

def test_bad_inputs_are_skipped_and_the_batch_goes_on(tmp_path):
    good = write(tmp_path, "good.txt", PAGE)
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b"  \n\n \t\n", "empty file"),
        "nul.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary content"),
        "controls.txt": (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50, "binary content"),
        "garbage.txt": (bytes(range(0x80, 0x100)) * 20, "undecodable text"),
        "furniture.txt": (b"Home\nWorld\nPolitics\n\nShare this:\nFacebook Twitter\n\nLeave a Reply\n",
                          "no article text after boilerplate removal"),
        "nohtmltext.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    }
    paths = [good]
    for name, (data, _) in bad.items():
        paths.append(write(tmp_path, name, data))
    paths.append(tmp_path / "missing.txt")
    paths.append(good)
    items = list(read_inputs([str(p) for p in paths]))
    assert len(items) == len(paths)
    assert isinstance(items[0], Article) and isinstance(items[-1], Article)
    for item, (name, (_, reason)) in zip(items[1:], bad.items(), strict=False):
        assert isinstance(item, SkippedItem) and item.origin == str(tmp_path / name)
        assert item.reason.startswith(reason), (name, item.reason)
    assert items[-2] == SkippedItem(str(tmp_path / "missing.txt"), "no such file or directory")


def test_huge_file_skipped_without_reading(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)  # sparse: cheap to make
    real_open = pathlib.Path.open

    def guarded(self, *a, **kw):
        assert self != huge, "the oversized file must be refused from its size alone"
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "open", guarded)
    item = one([huge])
    assert item == SkippedItem(str(huge), f"too large: {50 * 1024 * 1024 + 1} bytes > 20000000")
    assert isinstance(one([write(tmp_path, "small.txt", PAGE)]), Article)


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", PAGE)
    real_open = pathlib.Path.open

    def denied(self, *a, **kw):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "open", denied)
    assert one([path]) == SkippedItem(str(path), "unreadable: Permission denied")


def test_cp1252_page_accepted(tmp_path):
    text = ("Caf\u00e9 owners protest new tax\n\nCaf\u00e9 owners in the capital said on Monday that the "
            "minister\u2019s plan would force many of them to close before the summer.\n")
    art = one([write(tmp_path, "w.txt", text.encode("cp1252"))])
    assert isinstance(art, Article) and "minister\u2019s plan" in art.text and art.title.startswith("Caf\u00e9")


def test_declared_charset_used_for_html(tmp_path):
    html = ("<html><head><meta charset='windows-1251'><title>t</title></head><body><article><p>"
            "\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
            "said on Monday that the new budget would cut spending on defence and raise pensions "
            "for the first time in five years.</p></article></body></html>")
    art = one([write(tmp_path, "ru.html", html.encode("cp1251"))])
    assert isinstance(art, Article) and art.text.startswith("\u041f\u0440\u0430\u0432")


def test_utf8_bom_and_utf16(tmp_path):
    assert one([write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + PAGE.encode())]).text == BODY
    assert one([write(tmp_path, "u16.txt", PAGE.encode("utf-16"))]).text == BODY


@pytest.mark.parametrize("html", [
    "<html><body><p>Unclosed <div><p>The army said on Monday that it had withdrawn troops from the border "
    "area after two days of talks with rebel commanders.<span><b>",
    "<<<>>><</p><<html></html><p><p><p>",
    "<html><head><title>x</title></head><body>" + "<div>" * 3000 + "text" + "</body>",
    "<?xml version='1.0'?><html><body>\x0c\x0b</body>",
])
def test_malformed_html_never_crashes(tmp_path, html):
    item = one([write(tmp_path, "bad.html", html)])
    assert isinstance(item, (Article, SkippedItem))
    if isinstance(item, SkippedItem):
        assert item.reason


def test_malformed_html_unclosed_tags_still_yields_text(tmp_path):
    html = ("<html><body><p>Unclosed <div><p>The army said on Monday that it had withdrawn troops from the border "
            "area after two days of talks with rebel commanders.<span><b>")
    art = one([write(tmp_path, "u.html", html)])
    assert isinstance(art, Article) and "withdrawn troops" in art.text


def test_extractor_exception_becomes_skip(tmp_path, monkeypatch):
    import trafilatura

    def boom(*a, **kw):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    items = list(read_inputs([str(write(tmp_path, "x.html", HTML)), str(write(tmp_path, "y.txt", PAGE))]))
    assert isinstance(items[0], SkippedItem) and "RuntimeError: parser exploded" in items[0].reason
    assert isinstance(items[1], Article)


def test_unknown_format_is_a_usage_error():
    with pytest.raises(ValueError):
        list(read_inputs(["x"], input_format="pdf"))


# ---------------------------------------------------------------- properties

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), ext=st.sampled_from([".txt", ".html", ".md"]))
def test_any_bytes_give_exactly_one_item(tmp_path, data, ext):
    path = tmp_path / f"any{ext}"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], (Article, SkippedItem))
    if isinstance(items[0], Article):
        assert items[0].text.strip() and items[0].origin == str(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.binary(max_size=80).map(lambda b: b.replace(b"\n", b"")),
                          st.just(json.dumps({"id": "k", "text": BODY}).encode())), min_size=1, max_size=8))
def test_any_jsonl_lines_give_one_item_per_nonblank_line(tmp_path, lines):
    path = tmp_path / "any.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, (Article, SkippedItem)) for i in items)
    if len(items) == 1 and items[0].origin == str(path):
        return  # the whole file was refused (binary, undecodable, empty)
    text = decode_bytes(b"\n".join(lines))
    nonblank = [n for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert [i.origin for i in items] == [f"{path}:{n}" for n in nonblank]


@pytest.mark.parametrize("text,want", [
    ("<!DOCTYPE html><html><body></body></html>", "html"),
    ("  <!-- saved page -->\n<html lang='en'>", "html"),
    ("<div><p>One</p><p>Two</p><a href='x'>three</a></div>", "html"),
    ("The court ruled that the <b> tag in the filing was irrelevant, lawyers said on Monday.", "text"),
    ('{"id": "1", "text": "x"}\n{"id": "2"}', "jsonl"),
    ("{not json at all}\nsecond line", "text"),
])
def test_sniff_format(text, want):
    from herald.ingest.readers import sniff_format
    assert sniff_format(text) == want


def test_txt_files_are_never_sniffed_as_jsonl(tmp_path):
    item = one([write(tmp_path, "odd.txt", json.dumps({"id": "x", "text": BODY}))])
    assert item.origin == str(tmp_path / "odd.txt") and item.id != "x"  # read as text, not as a record
    item = one([write(tmp_path, "noext", json.dumps({"id": "x", "text": BODY}))])
    assert isinstance(item, Article) and item.id == "x" and item.origin.endswith("noext:1")


def test_div_soup_html_without_semantic_tags(tmp_path):
    art = one([DATA / "div_soup.html"])
    assert isinstance(art, Article)
    assert art.title == "Ceasefire holds in northern district"
    assert art.date == dt.date(2024, 6, 3)
    assert art.text.startswith("A ceasefire between government forces")
    assert "handover of heavy weapons." in art.text
    for junk in ("Home", "Posted on", "Share this", "Facebook", "Responses", "Finally some peace", "Leave a Reply",
                 "Required fields", "Recent Posts", "Flood waters", "Copyright"):
        assert junk not in art.text, junk


def test_text_page_date_from_dateline_beats_default():
    from herald.ingest.readers import page_date
    art = one([DATA / "share_bar_related.txt"], default_date=dt.date(2000, 1, 1))
    assert art.date == dt.date(2024, 3, 12)
    assert page_date("Headline here today\n\nJune 3, 2024\n\nThe army said on Monday it had left.") == dt.date(2024, 6, 3)
    # a date inside the article is what happened, not when it was published
    assert page_date("Troops leave\n\nThe army said that on 3 June 2021 it had left the town.") is None
    assert one([DATA / "menu_top_pipes.txt"], default_date=dt.date(2000, 1, 1)).date == dt.date(2000, 1, 1)
