"""The dashboard in a real browser (Debian's Chromium driven by Playwright) against the real
`herald serve` over a store built by the real pipeline: the seed article plus three short news
texts written for this test.

Screenshots go to $HERALD_ARTIFACTS (default test-artifacts/ at the project root).
Skipped only when /usr/bin/chromium is missing outside CI; in CI (env CI set) it must run.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "dashboard-test-token"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: run scripts/system-deps.sh", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (scripts/system-deps.sh installs it); CI runs these tests",
                allow_module_level=True)
if os.environ.get("CI"):
    from playwright.sync_api import expect, sync_playwright
else:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) not installed")
    expect, sync_playwright = sync_api.expect, sync_api.sync_playwright

# Short news texts written for these tests (not from any gold set): a missile strike on a named
# city, a meeting of two foreign ministers, a protest met by police.
EXTRA_ARTICLES = [
    {"id": "dash-kharkiv", "title": "Missiles hit Kharkiv overnight", "outlet": "Herald Test Wire",
     "date": "2023-10-17",
     "text": "Russian forces fired missiles at the city of Kharkiv overnight, killing two civilians and damaging "
             "a power station, Ukrainian officials said on Tuesday.\n\nThe Ukrainian Foreign Ministry condemned "
             "the attack and urged Western governments to send more air defence systems.\n\nRussia's Defence "
             "Ministry said its forces had struck military targets."},
    {"id": "dash-beijing", "title": "Foreign ministers meet in Beijing", "outlet": "Herald Test Wire",
     "date": "2023-10-18",
     "text": "Chinese Foreign Minister Wang Yi met Brazilian Foreign Minister Mauro Vieira in Beijing on "
             "Wednesday to discuss trade and the war in Gaza.\n\nThe two ministers signed an agreement on "
             "agricultural exports and pledged to expand cooperation on climate policy.\n\nWang praised "
             "Brazil's role at the United Nations Security Council."},
    {"id": "dash-amman", "title": "Protest in Amman", "outlet": "Herald Test Wire", "date": "2023-10-20",
     "text": "Thousands of protesters marched in Amman on Friday to denounce Israel's bombardment of Gaza.\n\n"
             "Jordanian police fired tear gas at demonstrators who tried to approach the Israeli embassy.\n\n"
             "Jordan's King Abdullah urged the United States to press Israel for a ceasefire."},
]

# Uploaded through the page in test_upload_*: a visit between two leaders in a named capital.
UPLOAD_TEXT = ("Turkish President Recep Tayyip Erdogan met German Chancellor Olaf Scholz in Berlin on Friday. "
               "The two leaders discussed migration and the war in Gaza.\n\n"
               "Scholz criticised Ankara's stance on Hamas during a joint news conference.")


UPLOAD_FILE_TEXT = ("Iranian Foreign Minister Hossein Amir-Abdollahian visited Doha on Saturday and held talks "
                    "with Qatar's emir about the fighting in Gaza.\n\nHe warned Israel against a ground offensive.\n")


def _herald(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from herald.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def artifacts() -> Path:
    out = Path(os.environ.get("HERALD_ARTIFACTS") or ROOT / "test-artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """`herald serve` on a free loopback port over seed + extra articles ingested by the CLI."""
    tmp = tmp_path_factory.mktemp("dashboard")
    db = tmp / "store.duckdb"
    seed = _herald("ingest", "--demo", "--date", "2023-10-16", "--db", str(db))
    assert seed.returncode == 0, seed.stderr
    extra = tmp / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(a) for a in EXTRA_ARTICLES) + "\n")
    more = _herald("ingest", str(extra), "--db", str(db))
    assert more.returncode == 0, more.stderr
    for attempt in range(3):
        port = _free_port()
        log = open(tmp / f"serve-{attempt}.log", "w+")
        proc = subprocess.Popen([sys.executable, "-c", "from herald.cli import main; main()", "serve", "--db", str(db),
                                 "--host", "127.0.0.1", "--port", str(port), "--token", TOKEN,
                                 "--log-level", "warning"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as r:
                    if json.load(r) == {"ok": True}:
                        break
            except OSError:
                time.sleep(0.2)
        if proc.poll() is None:
            break
        log.seek(0)
        output = log.read()
        if "address already in use" not in output.lower():
            pytest.fail(f"herald serve exited ({proc.returncode}):\n{output}")
    else:
        pytest.fail("herald serve could not bind a free port")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """Console errors, page errors and every requested URL of one page."""

    def __init__(self, page) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def foreign(self) -> list[str]:
        """Requests to anything but this machine (data: URLs never leave the page)."""
        return [u for u in self.requests if not u.startswith("data:") and urlsplit(u).hostname not in LOOPBACK]


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    pg.watch = Watch(pg)
    yield pg
    ctx.close()


def _open(page, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    page.wait_for_selector("body[data-state=ready]")


def _wait_ready(page) -> None:
    page.wait_for_function("document.body.dataset.state === 'ready'")


def _all_cameos(page) -> list[str]:
    """The CAMEO code of every row on every page of the table (walks the pager back to page 1)."""
    codes = []
    while True:
        codes += page.locator("#events-table tbody tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.cameo)")
        nxt = page.locator("#next-page")
        if nxt.is_disabled():
            break
        before = page.locator("#page-info").inner_text()
        nxt.click()
        expect(page.locator("#page-info")).not_to_have_text(before)
    while not page.locator("#prev-page").is_disabled():
        before = page.locator("#page-info").inner_text()
        page.locator("#prev-page").click()
        expect(page.locator("#page-info")).not_to_have_text(before)
    return codes


def test_page_loads_offline_without_console_errors(page, server, artifacts):
    _open(page, server)
    expect(page.locator("#events-table tbody tr.event-row").first).to_be_visible()
    page.screenshot(path=str(artifacts / "dashboard-overview.png"))
    w = page.watch
    assert w.console == [] and w.errors == [], (w.console, w.errors)
    assert w.foreign() == [], w.foreign()
    assert any("/api/events" in u for u in w.requests) and any(u.endswith("/world.json") for u in w.requests)
    assert page.locator("#errors .error-item").count() == 0
    assert re.search(r"\b4 articles\b", page.locator("#stats").inner_text())


def test_seed_events_in_table_map_and_timeline(page, server, artifacts):
    _open(page, server)
    cameos = _all_cameos(page)
    assert any(c.startswith("04") for c in cameos), cameos        # Putin's calls
    assert any(c.startswith("02") for c in cameos), cameos        # appeals for a ceasefire
    assert any(c[:2] in ("18", "19") for c in cameos), cameos     # the strikes on Gaza
    # the Putin-Netanyahu call is a row RUSGOV -> ISRGOV with a 04x code
    call = page.locator("#events-table tbody tr.event-row[data-cameo^='04']").filter(has_text="ISRGOV")
    assert call.filter(has_text="RUSGOV").count() >= 1
    # the map has a circle for Gaza; the timeline has bars on the call's day and the attack's day
    gaza = page.locator("#map-chart circle.place[data-name*='Gaza']")
    expect(gaza).to_have_count(1)
    assert int(gaza.get_attribute("data-events")) >= 1
    expect(page.locator("#timeline-chart rect.bar.q1[data-period='2023-10-16']")).to_have_count(1)
    expect(page.locator("#timeline-chart rect.bar.q4[data-period='2023-10-07']")).to_have_count(1)
    assert page.locator("#network-chart g.node[data-id='RUSGOV']").count() == 1
    assert page.locator("#network-chart g.edge[data-source='RUSGOV'][data-target='ISRGOV']").count() == 1
    page.locator("#t-mode").select_option("goldstein")
    expect(page.locator("#timeline-chart circle.pt[data-period='2023-10-16']")).to_have_count(1)
    page.screenshot(path=str(artifacts / "dashboard-goldstein.png"))
    assert page.watch.console == [] and page.watch.errors == []


def test_filters_drive_table_map_and_timeline(page, server, artifacts):
    _open(page, server)
    total = int(page.locator("#events-count").inner_text().split()[0])
    page.locator("#f-cameo").select_option("19")               # applies on change
    _wait_ready(page)
    expect(page).to_have_url(re.compile(r"cameo_root=19"))
    rows = page.locator("#events-table tbody tr.event-row")
    codes = rows.evaluate_all("rows => rows.map(r => r.dataset.cameo)")
    assert codes and all(c.startswith("19") for c in codes), codes
    fights = int(page.locator("#events-count").inner_text().split()[0])
    assert 0 < fights < total
    # fighting is material conflict: no other QuadClass left on the timeline
    assert page.locator("#timeline-chart rect.bar:not(.q4)").count() == 0
    assert page.locator("#timeline-chart rect.bar.q4").count() >= 1
    page.screenshot(path=str(artifacts / "dashboard-filter-cameo19.png"))

    page.locator("#f-cameo").select_option("")
    page.locator("#f-country").fill("isr")                     # upper-cased by the page
    page.locator("#filters button[type=submit]").click()
    _wait_ready(page)
    expect(page).to_have_url(re.compile(r"country=ISR"))
    for text in rows.all_inner_texts():
        assert "ISR" in text, text
    # the Kharkiv strike and the Beijing meeting involve no Israeli actor: their places are gone
    assert page.locator("#map-chart circle.place[data-name='Kharkiv']").count() == 0
    assert page.locator("#map-chart circle.place[data-name='Beijing']").count() == 0

    page.locator("#f-reset").click()
    _wait_ready(page)
    expect(page.locator("#events-count")).to_have_text(re.compile(rf"^{total} merged"))
    expect(page.locator("#map-chart circle.place[data-name='Kharkiv']")).to_have_count(1)

    # the table's sort order comes from the API: conflict first puts a -10 on top
    page.locator("#e-sort").select_option("goldstein")
    expect(page).to_have_url(re.compile(r"sort=goldstein"))
    expect(rows.first.locator("td.num").first).to_have_text("-10.0")
    page.locator("#e-sort").select_option("date")

    # clicking a map circle filters by that place
    page.locator("#map-chart circle.place[data-name='Kharkiv']").click()
    _wait_ready(page)
    assert page.locator("#f-place").input_value() == "Kharkiv"
    for text in rows.all_inner_texts():
        assert "Kharkiv" in text, text
    assert page.watch.console == [] and page.watch.errors == []


def test_evidence_highlights_actor_and_trigger_spans(page, server, artifacts):
    _open(page, server, "?cameo_root=04&actor=RUSGOV")
    call = page.locator("#events-table tbody tr.event-row").filter(has_text="ISRGOV").first
    call.focus()                                               # keyboard: Enter opens the evidence
    page.keyboard.press("Enter")
    panel = page.locator("#evidence")
    expect(panel).to_be_visible()
    page.wait_for_selector("#evidence[data-loaded]")
    mention = page.locator("#evidence-body li.mention").first
    sentence = mention.locator("blockquote.sentence").inner_text()
    sources = mention.locator("mark.hl-source").all_inner_texts()
    targets = mention.locator("mark.hl-target").all_inner_texts()
    triggers = mention.locator("mark.hl-trigger").all_inner_texts()
    assert any("Putin" in s for s in sources), (sources, sentence)
    assert any("Netanyahu" in t for t in targets), (targets, sentence)
    assert triggers and all(t.strip() and t in sentence for t in triggers), triggers
    assert not any(t in sources or t in targets for t in triggers)
    assert "Putin" in mention.locator("p.meta.article").inner_text() or "2023-10-16" in mention.inner_text()
    panel.screenshot(path=str(artifacts / "dashboard-evidence.png"))
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert page.watch.console == [] and page.watch.errors == []


def test_evidence_spans_come_from_offsets_not_text_search(page, server):
    """Offsets decide what is marked: a repeated name is marked where the span says, overlapping
    spans share a segment, and a span outside the sentence falls back to the text."""
    _open(page, server)
    marks = page.evaluate("""async () => {
        const { renderEvidence } = await import("./events.js");
        const sentence = "Putin said Putin would call Netanyahu.";
        const base = 100;  // offsets are into the article; the sentence starts at 100
        const ev = { date: "2023-10-16", cameo: "041", mentions: [{
            event_id: "x", cameo: "041",
            source: { text: "Putin", code: "RUSGOV", start: base + 11, end: base + 16 },
            target: { text: "Netanyahu", code: "ISRGOV", start: 9999, end: 10008 },
            evidence: { sentence, start: base, end: base + sentence.length, trigger: "call",
                        trigger_start: base + 23, trigger_end: base + 27 },
            article: { id: "a", title: "t", outlet: "o", date: "2023-10-16" } }] };
        const body = document.createElement("div");
        renderEvidence(body, ev);
        return [...body.querySelectorAll("mark")].map((m) => {
            let before = 0;
            for (let n = m.previousSibling; n; n = n.previousSibling) before += n.textContent.length;
            return [m.className, m.textContent, before];
        });
    }""")
    assert ["hl-source", "Putin", 11] in marks, marks          # the second Putin, by offset
    assert ["hl-trigger", "call", 23] in marks, marks
    assert ["hl-target", "Netanyahu", 28] in marks, marks      # bad offsets: found by its text
    assert len(marks) == 3


def test_every_form_control_has_a_label(page, server):
    _open(page, server)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll("input, select, textarea")]
        .filter((el) => !(el.id && document.querySelector(`label[for="${el.id}"]`)) && !el.getAttribute("aria-label"))
        .map((el) => el.outerHTML)""")
    assert unlabelled == []
    # rows, map circles and network nodes are reachable with the keyboard
    assert page.locator("#events-table tbody tr.event-row[tabindex='0']").count() >= 1
    assert page.locator("#map-chart circle.place[tabindex='0']").count() >= 1
    assert page.locator("#network-chart g.node[tabindex='0']").count() >= 1


def test_api_errors_are_shown_in_the_page(page, server):
    page.route("**/api/series*", lambda route: route.fulfill(
        status=400, content_type="application/json", body=json.dumps({"detail": "interval must be day"})))
    page.goto(f"{server}/")
    page.wait_for_function("document.body.dataset.state === 'error'")
    expect(page.locator("#errors")).to_contain_text("interval must be day")
    expect(page.locator("#timeline-chart")).to_contain_text("Could not load")
    # the other views still work
    expect(page.locator("#events-table tbody tr.event-row").first).to_be_visible()
    page.unroute("**/api/series*")
    # a bad filter value reaches the server and its 4xx detail is shown
    page.goto(f"{server}/?dyad=not-a-dyad-at-all")
    page.wait_for_function("document.body.dataset.state === 'error'")
    expect(page.locator("#errors")).to_contain_text("dyad")


def test_upload_with_token_codes_and_shows_the_article(page, server, artifacts):
    _open(page, server)
    before = int(page.locator("#events-count").inner_text().split()[0])
    page.locator("#u-text").fill(UPLOAD_TEXT)
    page.locator("#u-title").fill("Erdogan in Berlin")
    page.locator("#u-date").fill("2023-10-27")
    page.locator("#u-token").fill("not-the-token")
    page.locator("#u-submit").click()
    expect(page.locator("#upload-result .error")).to_contain_text("403", timeout=30_000)
    assert page.locator("#upload-result").inner_text().count("token") >= 1

    page.locator("#u-token").fill(TOKEN)
    page.locator("#u-submit").click()                          # first ingest loads spaCy on the server
    result = page.locator("#upload-result .ingested")
    expect(result).to_have_count(1, timeout=180_000)
    assert result.get_attribute("data-status") == "new"
    coded = result.locator("li.coded")
    assert coded.count() >= 1
    assert any("TURGOV" in t or "DEUGOV" in t for t in coded.all_inner_texts()), coded.all_inner_texts()
    _wait_ready(page)
    after = int(page.locator("#events-count").inner_text().split()[0])
    assert after > before
    expect(page.locator("#timeline-chart rect.bar[data-period='2023-10-27']").first).to_be_attached()
    page.locator("#f-country").fill("TUR")
    page.locator("#filters button[type=submit]").click()
    _wait_ready(page)
    assert page.locator("#events-table tbody tr.event-row").count() >= 1
    page.screenshot(path=str(artifacts / "dashboard-upload.png"), full_page=True)

    # a chosen file instead of pasted text
    page.locator("#u-text").fill("")
    page.locator("#u-title").fill("Minister in Doha")
    page.locator("#u-date").fill("2023-10-14")
    page.locator("#u-file").set_input_files(files=[{"name": "doha.txt", "mimeType": "text/plain",
                                                    "buffer": UPLOAD_FILE_TEXT.encode()}])
    page.locator("#u-submit").click()
    expect(page.locator("#upload-result .ingested li.coded").first).to_contain_text("IRNGOV", timeout=60_000)
    assert page.locator("#u-file").input_value() == ""           # cleared for the next upload
    _wait_ready(page)
    page.locator("#f-country").fill("QAT")
    page.locator("#filters button[type=submit]").click()
    _wait_ready(page)
    expect(page.locator("#map-chart circle.place[data-name='Doha']")).to_have_count(1)
    assert all("QAT" in t for t in page.locator("#events-table tbody tr.event-row").all_inner_texts())
    # Chromium logs the refused (403) POST itself; nothing else may reach the console
    others = [m for m in page.watch.console if "status of 403" not in m]
    assert others == [] and page.watch.errors == [], (others, page.watch.errors)
