"""WARC input: real archives written with warcio's writer, read through read_inputs and
read_warc. HTML responses become articles (same extraction as an HTML file), everything else
is counted or reported, and damage in the middle or at the tail costs only the damaged record."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from herald.ingest import read_inputs
from herald.ingest.warc import outlet_of, read_warc
from herald.records import Article, SkippedItem

PAGES = [
    ("https://www.harbourtimes.example/news/port-strike",
     "<!doctype html><html><head><title>Dock workers strike over pay</title>"
     '<meta property="article:published_time" content="2024-04-02"></head><body>'
     "<nav><a href='/'>Home</a></nav><article><h1>Dock workers strike over pay</h1>"
     "<p>Thousands of dock workers walked off the job on Tuesday, halting cargo traffic at the "
     "country's largest port as talks with the shipping association broke down.</p>"
     "<p>The union said the strike would continue until employers improved their wage offer.</p>"
     "</article></body></html>"),
    ("http://valleypost.example/politics/budget-vote",
     "<!doctype html><html><head><title>Senate rejects budget</title></head><body><main>"
     "<h1>Senate rejects budget</h1><p>The senate voted down the government's spending plan late on "
     "Wednesday, leaving the finance ministry a week to present a revised proposal.</p>"
     "<p>Opposition senators accused the cabinet of hiding the real size of the deficit.</p>"
     "</main></body></html>"),
    ("https://news.northgazette.example:8443/world/envoy",
     "<!doctype html><html><head><title>Envoy visits capital</title></head><body><article>"
     "<h1>Envoy visits capital</h1><p>A special envoy from the regional bloc arrived in the capital on "
     "Thursday to meet the interior minister about the disputed election results.</p>"
     "<p>Officials said the talks would focus on a timetable for a recount.</p></article></body></html>"),
]


def _response(w: WARCWriter, url: str, body: bytes, *, status="200 OK", ctype="text/html; charset=utf-8",
              date="2024-04-05T08:30:00Z", extra=()):
    http = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
    return w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                warc_headers_dict={"WARC-Date": date})


def build_warc(path: Path, *, gz: bool, damage_middle: bool = False, truncate_tail: bool = False) -> Path:
    """Pages, a request record, an image, a redirect; optionally a damaged record in the middle
    (between the first and second page) and a last page cut in half."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record(path.name, {"software": "herald-test"}))
    w.write_record(w.create_warc_record(PAGES[0][0], "request", payload=io.BytesIO(
        b"GET /news/port-strike HTTP/1.1\r\nHost: www.harbourtimes.example\r\n\r\n")))
    w.write_record(_response(w, PAGES[0][0], PAGES[0][1].encode()))
    cut = buf.tell()
    w.write_record(_response(w, "https://www.harbourtimes.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200),
                             ctype="image/png"))
    w.write_record(_response(w, "http://valleypost.example/old", b"", status="301 Moved Permanently",
                             extra=[("Location", PAGES[1][0])]))
    w.write_record(_response(w, PAGES[1][0], PAGES[1][1].encode(), date="2024-04-03T23:10:00Z"))
    last = buf.tell()
    w.write_record(_response(w, PAGES[2][0], PAGES[2][1].encode(), date="2024-04-04T06:00:00Z"))
    data = buf.getvalue()
    if damage_middle:  # smash the image record's bytes (header and body): the rest must still be read
        data = data[:cut + 10] + b"\xde\xad\xbe\xef" * 40 + data[cut + 170:]  # same length, same offsets
    if truncate_tail:
        data = data[: last + (len(data) - last) // 2]
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles_and_the_rest_is_reported(tmp_path, gz):
    path = build_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)
    counts: Counter = Counter()
    items = list(read_warc(path, counts=counts, default_date=dt.date(2000, 1, 1)))
    arts = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, SkippedItem)]
    assert [a.url for a in arts] == [u for u, _ in PAGES]
    assert [a.title for a in arts] == ["Dock workers strike over pay", "Senate rejects budget", "Envoy visits capital"]
    assert arts[0].text.startswith("Thousands of dock workers walked off the job")
    # the page's published date wins; without one the crawl date (WARC-Date) is used, not the default
    assert [a.date for a in arts] == [dt.date(2024, 4, 2), dt.date(2024, 4, 3), dt.date(2024, 4, 4)]
    assert [a.outlet for a in arts] == ["harbourtimes.example", "valleypost.example", "news.northgazette.example"]
    assert all(a.origin.startswith(f"{path}#") for a in arts)
    assert sorted(s.reason for s in skipped) == ["http status 301", "not html: image/png"]
    assert counts == Counter({"article": 3, "skipped": 2, "request": 1, "warcinfo": 1})


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_damage_is_reported_and_the_rest_of_the_file_is_read(tmp_path, gz):
    path = build_warc(tmp_path / ("bad.warc.gz" if gz else "bad.warc"), gz=gz, damage_middle=True,
                      truncate_tail=True)
    counts: Counter = Counter()
    items = list(read_warc(path, counts=counts))
    arts = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, SkippedItem) and i.reason.startswith("bad warc record")]
    # page 0 is before the damage, page 1 after it; page 2 is cut off
    assert [a.url for a in arts] == [PAGES[0][0], PAGES[1][0]]
    assert len(bad) == 2 and counts["bad record"] == 2
    assert [i.reason for i in items if isinstance(i, SkippedItem) and not i.reason.startswith("bad")] == \
        ["http status 301"]


def test_read_inputs_reads_warc_by_extension_folder_and_sniffing(tmp_path):
    (tmp_path / "in").mkdir()
    build_warc(tmp_path / "in" / "a.warc.gz", gz=True)
    plain = build_warc(tmp_path / "crawl-no-ext", gz=False)
    via_folder = list(read_inputs([str(tmp_path / "in")]))
    assert sum(isinstance(i, Article) for i in via_folder) == 3
    sniffed = list(read_inputs([str(plain)]))
    assert sum(isinstance(i, Article) for i in sniffed) == 3
    forced = list(read_inputs([str(plain)], input_format="warc"))
    assert [i for i in forced] == sniffed


def test_same_extraction_as_the_html_path(tmp_path):
    """A page read from a WARC has the body, title and id an .html file with the same bytes gets."""
    warc = build_warc(tmp_path / "c.warc.gz", gz=True)
    html = tmp_path / "page.html"
    html.write_text(PAGES[1][1], encoding="utf-8")
    from_html = next(iter(read_inputs([str(html)])))
    from_warc = [i for i in read_warc(warc) if isinstance(i, Article)][1]
    assert (from_warc.id, from_warc.text, from_warc.title) == (from_html.id, from_html.text, from_html.title)


def test_gzip_content_encoding_and_header_charset(tmp_path):
    body = PAGES[2][1].replace("capital", "capital — café").encode("latin-1", "replace")
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(_response(w, "http://x.example/a", gzip.compress(body), ctype="text/html; charset=ISO-8859-1",
                             extra=[("Content-Encoding", "gzip")]))
    (tmp_path / "e.warc.gz").write_bytes(buf.getvalue())
    (art,) = list(read_warc(tmp_path / "e.warc.gz"))
    assert isinstance(art, Article) and "café" in art.text


def test_empty_and_missing_files_are_skipped(tmp_path):
    (tmp_path / "empty.warc").write_bytes(b"")
    assert [i.reason for i in read_warc(tmp_path / "empty.warc")] == ["empty file"]
    (item,) = list(read_warc(tmp_path / "nope.warc.gz"))
    assert isinstance(item, SkippedItem) and item.reason.startswith("unreadable")


def test_outlet_of():
    assert outlet_of("https://WWW.Example.COM:8080/a?b") == "example.com"
    assert outlet_of("not a url") is None and outlet_of(None) is None
