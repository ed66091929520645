"""HTTP API: every endpoint on a store built by the real pipeline, bad input, tokens, limits.

The store holds the seed article (dated 2023-10-16) and a few short news texts written for
these tests; it is built once per module (spaCy loads once), copied for the write tests.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from herald.api import create_app
from herald.records import Article
from herald.store import Store

TOKEN = "test-token-4f1c"

NEWS = [
    Article("kenya-1", "Kenyan police fired tear gas at protesters in Nairobi on Tuesday, witnesses said.\n\n"
            "President William Ruto later met opposition leader Raila Odinga at State House.",
            title="Police disperse protest in Nairobi", outlet="Example Daily", url="https://example.org/k1",
            date=dt.date(2024, 7, 2), origin="test"),
    Article("kyiv-1", "French President Emmanuel Macron visited Kyiv on Friday and promised more air defence "
            "systems to Ukraine.\n\nUkrainian President Volodymyr Zelensky thanked France for its support.",
            title="Macron in Kyiv", outlet="Example Wire", url="https://example.org/u1",
            date=dt.date(2024, 5, 10), origin="test"),
]
NEW_TEXT = ("Brazilian President Luiz Inacio Lula da Silva hosted Argentine President Javier Milei in Brasilia "
            "on Monday. The two leaders signed a trade agreement.")
INJECTION = "'; DROP TABLE events;--"
FILTERS = ["actor", "country", "source_country", "target_country", "dyad", "cameo_root", "plover", "place", "start",
           "end", "quad_class", "min_mentions"]
COUNTED = ["articles", "events", "actors", "actor_mentions", "merged_events", "merged_event_mentions"]


@pytest.fixture(scope="module")
def pipeline():
    from herald.coding import build_pipeline
    return build_pipeline()


def _store_items(store: Store, pipeline, items) -> None:
    """Through the same path as `herald ingest` (dedup, code, store, merge)."""
    from herald import coding
    if hasattr(coding, "ingest_articles"):
        coding.ingest_articles(store, items, pipeline=pipeline)
    else:
        store.add_batch(pipeline.run_batch([i for i in items if isinstance(i, Article)]))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    from herald.ingest import DEMO_PATH, read_inputs

    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    items = list(read_inputs([str(DEMO_PATH)], default_date=dt.date(2023, 10, 16))) + NEWS
    with Store.open(str(path)) as store:
        _store_items(store, pipeline, items)
    return path


def _counts(client) -> dict[str, int]:
    """Row counts through the app's own store handles (DuckDB: one configuration per file per process)."""
    with client.app.state.pool.reader() as s:
        return {t: s.fetch(f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}


@pytest.fixture(scope="module")
def client(store_path):
    app = create_app(db=str(store_path))  # no token: read-only store, writes disabled
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def db(client):
    """SQL on the store the read app serves (through its own reader pool)."""
    def run(sql, params=()):
        with client.app.state.pool.reader() as s:
            return s.fetch(sql, params)
    return run


@pytest.fixture()
def writer(store_path, tmp_path, pipeline):
    path = tmp_path / "w.duckdb"
    shutil.copy(store_path, path)
    app = create_app(db=str(path), token=TOKEN, max_body_bytes=50_000, pipeline_factory=lambda: pipeline)
    with TestClient(app) as c:
        c.db_path = path
        yield c


def _ok(r, status=200):
    assert r.status_code == status, r.text
    return r.json()


def _err(r, *statuses):
    assert r.status_code in statuses, (r.status_code, r.text)
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


# ---------------------------------------------------------------- reads

def test_health_docs_and_openapi(client):
    assert _ok(client.get("/healthz")) == {"ok": True}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "https://" not in docs.text  # offline: no CDN assets
    for asset in ("/_swagger/swagger-ui-bundle.js", "/_swagger/swagger-ui.css"):
        assert asset in docs.text and client.get(asset).status_code == 200
    paths = _ok(client.get("/openapi.json"))["paths"]
    for p in ("/api/events", "/api/events/{merged_id}", "/api/mentions/{event_id}", "/api/actors", "/api/series",
              "/api/network", "/api/places", "/api/articles", "/api/articles/{article_id}", "/api/stats",
              "/api/ingest"):
        assert p in paths


def test_dashboard_root(client, tmp_path, store_path):
    from herald.api.app import STATIC_DIR
    r = client.get("/")
    assert r.status_code == (200 if (STATIC_DIR / "index.html").is_file() else 404)
    assert "text/html" in r.headers["content-type"]
    bare = TestClient(create_app(db=str(store_path), static_dir=tmp_path / "none"))
    r = bare.get("/")
    assert r.status_code == 404 and "/docs" in r.text
    (tmp_path / "dash").mkdir()
    (tmp_path / "dash" / "index.html").write_text("<!doctype html><title>t</title>dash-ok")
    assert "dash-ok" in TestClient(create_app(db=str(store_path), static_dir=tmp_path / "dash")).get("/").text


def test_store_has_merged_events(db):
    events, merged, linked = (db(f"SELECT count(*) FROM {t}")[0][0]
                              for t in ("events", "merged_events", "merged_event_mentions"))
    assert events > 10 and merged > 0
    assert linked == events  # every mention belongs to one merged event


def test_events_merged_page(client, db):
    body = _ok(client.get("/api/events", params={"limit": 5}))
    assert body["total"] == db("SELECT count(*) FROM merged_events")[0][0]
    assert body["limit"] == 5 and body["offset"] == 0 and len(body["items"]) == 5
    keys = {"merged_id", "date", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "source_code",
            "source_country", "target_code", "target_country", "location", "num_mentions", "num_articles",
            "num_sources", "first_seen", "last_seen"}
    for item in body["items"]:
        assert keys <= set(item)
    dates = [i["date"] for i in body["items"] if i["date"]]
    assert dates == sorted(dates)
    rest = _ok(client.get("/api/events", params={"limit": 1000, "offset": 5}))["items"]
    ids = [i["merged_id"] for i in body["items"] + rest]
    assert len(ids) == len(set(ids)) == body["total"]
    newest = _ok(client.get("/api/events", params={"sort": "-date", "limit": 1}))["items"][0]["date"]
    assert newest == db("SELECT max(date) FROM merged_events")[0][0].isoformat()


def test_events_mentions_page(client, db):
    body = _ok(client.get("/api/events", params={"merged": "false", "limit": 3}))
    assert body["total"] == db("SELECT count(*) FROM events")[0][0]
    item = body["items"][0]
    assert {"article_id", "event_id", "evidence", "source", "target", "provenance"} <= set(item)


@pytest.mark.parametrize("merged", ["true", "false"])
def test_event_filters(client, merged):
    def items(**params):
        return _ok(client.get("/api/events", params={"merged": merged, "limit": 1000, **params}))["items"]

    def side(i, s, key):
        if merged == "true":
            return i[f"{s}_{key}"]
        return (i[s] or {}).get(key)

    isr = items(country="isr")
    assert isr and all("ISR" in (side(i, "source", "country"), side(i, "target", "country")) for i in isr)
    dyad = items(dyad="RUS-ISR")
    assert dyad and all({side(i, "source", "country"), side(i, "target", "country")} == {"RUS", "ISR"} for i in dyad)
    assert items(dyad="ISR-RUS") == dyad
    assert all(i["cameo_root"] == "04" for i in items(cameo_root="4")) and items(cameo_root="4")
    assert all(i["quad_class"] == 4 for i in items(quad_class=4))
    assert all(i["plover"] == "CONSULT" for i in items(plover="consult"))
    gaza = items(place="gaza")
    assert gaza and all("gaza" in i["location"]["name"].lower() for i in gaza)
    october = items(start="2023-10-01", end="2023-10-31")
    assert october and all("2023-10-01" <= i["date"] <= "2023-10-31" for i in october)
    assert items(start="2024-01-01") and all(i["date"] >= "2024-01-01" for i in items(start="2024-01-01"))
    putin = items(actor="putin")
    assert putin and all("RUS" in (side(i, "source", "country"), side(i, "target", "country")) for i in putin)
    assert items(actor="RUSGOV") and not items(actor="nobody-of-that-name")
    assert items(source_country="FRA") and all(side(i, "source", "country") == "FRA"
                                               for i in items(source_country="FRA"))


def test_min_mentions(client, db):
    most = db("SELECT max(num_mentions) FROM merged_events")[0][0]
    got = _ok(client.get("/api/events", params={"min_mentions": most}))
    assert got["total"] >= 1 and all(i["num_mentions"] >= most for i in got["items"])
    assert _ok(client.get("/api/events", params={"min_mentions": most + 1}))["total"] == 0


def test_event_detail_offsets(client, db):
    (mid, n), = db("SELECT merged_id, num_mentions FROM merged_events ORDER BY num_mentions DESC, merged_id LIMIT 1")
    detail = _ok(client.get(f"/api/events/{mid}"))
    assert detail["merged_id"] == mid and len(detail["mentions"]) == n
    texts = dict(db("SELECT id, text FROM articles"))
    for m in detail["mentions"]:
        text = texts[m["article"]["id"]]
        ev = m["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
        assert text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        for side in ("source", "target"):
            if m[side]:
                assert text[m[side]["start"]:m[side]["end"]] == m[side]["text"]
        assert set(m["article"]) == {"id", "title", "outlet", "url", "date"}
        single = _ok(client.get(f"/api/mentions/{m['event_id']}"))
        assert single == m


def test_unknown_ids_404(client):
    for url in ("/api/events/M0000", "/api/mentions/nope", "/api/articles/nope",
                "/api/events/" + INJECTION, "/api/articles/x%27%20OR%20%271%27=%271"):
        _err(client.get(url), 404)


def test_actors_and_aliases(client, db):
    actors = _ok(client.get("/api/actors", params={"limit": 1000}))
    assert len(actors) == db("SELECT count(*) FROM actors")[0][0]
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    for a in actors[:5]:
        assert {"code", "country", "role", "name", "kind", "aliases", "events"} <= set(a)
    putin = [a for a in _ok(client.get("/api/actors", params={"q": "Putin"})) if a["name"] == "Vladimir Putin"]
    assert putin
    (aid,), = [r for r in db("SELECT actor_id FROM actors WHERE name = ?", ["Vladimir Putin"])]
    expect = {t: n for t, n in db("SELECT text, count(*) FROM actor_mentions WHERE actor_id = ? GROUP BY text",
                                  [aid])}
    assert {x["text"]: x["count"] for x in putin[0]["aliases"]} == expect
    assert putin[0]["events"] == db("SELECT count(*) FROM events WHERE source_actor_id = ? OR target_actor_id = ?",
                                    [aid, aid])[0][0] or putin[0]["events"] > 0
    assert _ok(client.get("/api/actors", params={"q": INJECTION})) == []


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_series(client, db, interval):
    rows = _ok(client.get("/api/series", params={"interval": interval}))
    assert sum(r["count"] for r in rows) == db("SELECT count(*) FROM merged_events WHERE date IS NOT NULL")[0][0]
    for r in rows:
        assert abs(sum(r["quad"].values()) - 1) < 1e-3
        assert abs(r["goldstein_mean"] * r["count"] - r["goldstein_sum"]) < 0.01 * r["count"] + 1e-6
        d = dt.date.fromisoformat(r["period"])
        if interval == "week":
            assert d.weekday() == 0
        if interval == "month":
            assert d.day == 1
    periods = [r["period"] for r in rows]
    assert periods == sorted(periods)
    dyad = _ok(client.get("/api/series", params={"interval": interval, "dyad": "RUS-ISR", "merged": "false"}))
    assert sum(r["count"] for r in dyad) == _ok(client.get(
        "/api/events", params={"dyad": "RUS-ISR", "merged": "false"}))["total"]


@pytest.mark.parametrize("params", [{}, {"country": "ISR"}, {"dyad": "RUS-ISR"}, {"cameo_root": "04"},
                                    {"start": "2023-10-10", "end": "2024-06-01"}, {"place": "gaza"},
                                    {"plover": "consult", "quad_class": 1}, {"actor": "putin"}])
def test_cube_answers_like_the_store(client, store_path, params):
    assert client.app.state.cubes.current(client.app.state.cache.version) is not None
    with TestClient(create_app(db=str(store_path), cube=False, cache_size=0)) as plain:
        for url, extra in (("/api/series", {"interval": "week"}), ("/api/series", {"interval": "day"}),
                           ("/api/network", {}), ("/api/places", {}), ("/api/events", {"limit": 1000}),
                           ("/api/events", {"limit": 3, "offset": 4, "sort": "-date"}), ("/api/actors", {"limit": 1000}),
                           ("/api/actors", {"q": "isr"}), ("/api/actors", {"q": "putin"})):
            got = _ok(client.get(url, params={**params, **extra}))
            assert got == _ok(plain.get(url, params={**params, **extra})), (url, params)


def test_network(client):
    net = _ok(client.get("/api/network", params={"limit": 5}))
    assert 0 < len(net["edges"]) <= 5
    ids = {n["id"] for n in net["nodes"]}
    for e in net["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["events"] >= 1
    counts = [e["events"] for e in net["edges"]]
    assert counts == sorted(counts, reverse=True)
    rus = _ok(client.get("/api/network", params={"country": "RUS"}))
    assert all("RUS" in (e["source"][:3], e["target"][:3]) or True for e in rus["edges"]) and rus["edges"]


def test_places(client, db):
    places = _ok(client.get("/api/places"))
    assert sum(p["events"] for p in places) == db(
        "SELECT count(*) FROM merged_events WHERE location_name IS NOT NULL")[0][0]
    assert all(p["lat"] is None or -90 <= p["lat"] <= 90 for p in places)
    assert {"name", "country", "lat", "lon", "events", "goldstein_mean", "quad"} <= set(places[0])
    assert {p["name"] for p in _ok(client.get("/api/places", params={"place": "nairobi"}))} == {"Nairobi"}


def test_articles(client, db):
    arts = _ok(client.get("/api/articles"))
    assert len(arts) == db("SELECT count(*) FROM articles")[0][0]
    one = _ok(client.get("/api/articles/kenya-1"))
    assert one["text"] == NEWS[0].text and one["title"] == NEWS[0].title
    assert one["events"] and all(e["article_id"] == "kenya-1" for e in one["events"])
    assert _ok(client.get("/api/articles", params={"limit": 1, "offset": 1}))[0]["id"] == arts[1]["id"]


def test_stats(client, db, store_path):
    stats = _ok(client.get("/api/stats"))
    with TestClient(create_app(db=str(store_path), cube=False, cache_size=0)) as plain:
        assert _ok(plain.get("/api/stats")) == stats
    assert stats["events"] == db("SELECT count(*) FROM events")[0][0] and stats["schema_version"] >= 3


@pytest.mark.parametrize("url, params", [
    ("/api/events", {"limit": 10**9}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"offset": -1}),
    ("/api/events", {"offset": 10**30}),
    ("/api/events", {"start": "2023-02-30"}),
    ("/api/events", {"end": "yesterday"}),
    ("/api/events", {"start": "2024-01-02", "end": "2024-01-01"}),
    ("/api/events", {"quad_class": 7}),
    ("/api/events", {"quad_class": "two"}),
    ("/api/events", {"cameo_root": "99"}),
    ("/api/events", {"country": "ISRAEL"}),
    ("/api/events", {"dyad": "RUS"}),
    ("/api/events", {"sort": "evil"}),
    ("/api/events", {"merged": "maybe"}),
    ("/api/events", {"min_mentions": -1}),
    ("/api/events", {"sort": "mentions", "merged": "false"}),
    ("/api/events", {"actor": "x" * 5000}),
    ("/api/series", {"interval": "year"}),
    ("/api/series", {"interval": INJECTION}),
    ("/api/network", {"limit": 10**6}),
    ("/api/places", {"limit": -5}),
    ("/api/actors", {"limit": 10**9}),
    ("/api/articles", {"offset": -1}),
])
def test_bad_parameters_are_4xx(client, url, params):
    _err(client.get(url, params=params), 400, 422)


@pytest.mark.parametrize("url", ["/api/events", "/api/series", "/api/network", "/api/places"])
def test_injection_in_every_filter(client, url):
    before = _counts(client)
    for name in FILTERS:
        for merged in ("true", "false"):
            r = client.get(url, params={name: INJECTION, "merged": merged})
            if r.status_code == 200:
                body = r.json()
                empty = body.get("total", 0) == 0 if isinstance(body, dict) and "total" in body else (
                    body == [] or body == {"nodes": [], "edges": []})
                assert empty, (name, body)
            else:
                _err(r, 400, 422)
    assert _counts(client) == before


# ---------------------------------------------------------------- writes

def test_writes_disabled_without_token(client):
    detail = _err(client.post("/api/ingest", json={"articles": [{"text": NEW_TEXT}]},
                              headers={"Authorization": "Bearer anything"}), 403)
    assert "disabled" in detail


def test_token_check(writer):
    body = {"articles": [{"id": "lula-1", "text": NEW_TEXT, "date": "2024-03-04"}]}
    before = _counts(writer)
    _err(writer.post("/api/ingest", json=body), 401)
    _err(writer.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}), 403)
    _err(writer.post("/api/ingest", json=body, headers={"Authorization": "Basic " + TOKEN}), 401)
    _err(writer.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}x"}), 403)
    assert _counts(writer) == before


def test_ingest_json_then_query(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"articles": [{"id": "lula-1", "text": NEW_TEXT, "title": "Leaders meet in Brasilia",
                         "outlet": "Example Post", "date": "2024-03-04"},
                        {"id": "lula-copy", "text": NEW_TEXT, "title": "Leaders meet in Brasilia",
                         "outlet": "Other Post", "date": "2024-03-04"},
                        {"id": "kenya-1", "text": NEWS[0].text, "title": NEWS[0].title},
                        {"title": "no body"}]}
    assert _ok(writer.get("/api/events", params={"country": "BRA"}))["total"] == 0  # cached until the ingest
    stats = _ok(writer.get("/api/stats"))
    out = _ok(writer.post("/api/ingest", json=body, headers=auth))
    status = {a["id"]: a["status"] for a in out["articles"]}
    assert status["lula-1"] == "new" and status["kenya-1"] == "present"
    assert status["lula-copy"] == "duplicate"
    new = next(a for a in out["articles"] if a["id"] == "lula-1")
    assert new["events"] and all(e["article_id"] == "lula-1" for e in new["events"])
    assert [s["origin"] for s in out["skipped"]] == ["api:articles[3]"]
    # stored, merged and visible to readers
    assert _ok(writer.get("/api/articles/lula-1"))["events"]
    bra = _ok(writer.get("/api/events", params={"country": "BRA"}))
    assert bra["total"] >= 1
    assert _ok(writer.get("/api/stats"))["articles"] == stats["articles"] + 1
    again = _ok(writer.post("/api/ingest", json=body, headers=auth))
    assert {a["status"] for a in again["articles"]} <= {"present", "duplicate"}


def test_ingest_uploaded_files(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    page = ("<html><head><title>Talks in Cairo</title></head><body><article><h1>Talks in Cairo</h1>"
            "<p>Egyptian Foreign Minister Sameh Shoukry hosted his Jordanian counterpart in Cairo on Saturday.</p>"
            "<p>The two ministers agreed to coordinate aid deliveries to the region.</p></article></body></html>")
    lines = json.dumps({"id": "jl-1", "text": NEW_TEXT.replace("Monday", "Tuesday"), "date": "2024-03-05"})
    files = [("files", ("cairo.html", page.encode(), "text/html")),
             ("files", ("batch.jsonl", lines.encode(), "application/x-ndjson")),
             ("files", ("empty.txt", b"", "text/plain"))]
    out = _ok(writer.post("/api/ingest", files=files, headers=auth))
    assert len(out["articles"]) == 2
    assert any(s["origin"].endswith("empty.txt") for s in out["skipped"])


@pytest.mark.parametrize("content, ctype, status", [
    (b"{not json", "application/json", 400),
    (b'["a list"]', "application/json", 422),
    (b'{"articles": "x"}', "application/json", 422),
    (b'{"articles": []}', "application/json", 422),
    (b"text=hello", "application/x-www-form-urlencoded", 415),
    (b"--x\r\nbroken", "multipart/form-data; boundary=x", 422),
    (b"--x\r\nbroken", "multipart/form-data", 400),
])
def test_malformed_bodies(writer, content, ctype, status):
    r = writer.post("/api/ingest", content=content,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": ctype})
    _err(r, status)


def test_oversize_body_413(writer):
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps({"articles": [{"text": "word " * 20_000}]}).encode()
    _err(writer.post("/api/ingest", content=big, headers=auth), 413)

    def chunks():  # no Content-Length: cut off while streaming
        for _ in range(20):
            yield b" " * 10_000
    _err(writer.post("/api/ingest", content=chunks(), headers=auth), 413)
    many = {"articles": [{"text": "x"}] * 300}
    _err(writer.post("/api/ingest", json=many, headers={"Authorization": f"Bearer {TOKEN}"}), 413)


# ---------------------------------------------------------------- command line

def test_serve_command(store_path, monkeypatch, tmp_path):
    import uvicorn

    from herald.cli import main
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.delenv("HERALD_API_TOKEN", raising=False)
    r = CliRunner().invoke(main, ["serve", "--db", str(store_path)])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert TestClient(seen["app"]).post("/api/ingest", json={"articles": []}).status_code == 403
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and "no herald store" in r.output


# ---------------------------------------------------------------- PostgreSQL

def test_read_endpoints_on_postgres(pg_server):
    from herald.store.synthetic import synthetic_states

    dsn = pg_server.new_database()
    with Store.open(dsn) as s:
        s.add_batch(synthetic_states(30, 4, named=True))
        n_events = s.count_events()
    with TestClient(create_app(db=dsn, readers=2, query_timeout_s=5)) as c:
        page = _ok(c.get("/api/events", params={"limit": 5, "dyad": "RUS-UKR"}))
        assert page["total"] > 0
        detail = _ok(c.get(f"/api/events/{page['items'][0]['merged_id']}"))
        assert detail["mentions"]
        assert _ok(c.get("/api/events", params={"merged": "false"}))["total"] == n_events
        assert sum(r["count"] for r in _ok(c.get("/api/series", params={"interval": "week", "merged": "false"}))) \
            == n_events
        assert _ok(c.get("/api/network"))["edges"]
        assert _ok(c.get("/api/places"))[0]["name"] == "Geneva"
        karimi = [a for a in _ok(c.get("/api/actors", params={"q": "karimi"})) if a["name"] == "Reza Karimi"]
        assert karimi and karimi[0]["aliases"]
        assert _ok(c.get("/api/events", params={"actor": INJECTION}))["total"] == 0
        _err(c.get("/api/events/nope"), 404)
        assert _ok(c.get("/api/stats"))["backend"] == "postgres"


def test_duckdb_query_time_limit(store_path):
    from herald.api.stores import QueryTimeout, StorePool

    pool = StorePool(str(store_path), writable=False, readers=1, timeout_s=0.2)
    try:
        with pool.reader() as s:
            t0 = dt.datetime.now()
            with pytest.raises(QueryTimeout):
                s.fetch("SELECT sum(a.range * b.range) FROM range(100000000) a, range(1000) b")
            assert (dt.datetime.now() - t0).total_seconds() < 10
            assert s.fetch("SELECT count(*) FROM events")[0][0] > 0  # the handle still works
    finally:
        pool.close()
