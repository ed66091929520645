"""Store: round trips, filters, idempotency, transactions, migrations, injection.

Every behavioural test runs on both backends (a real DuckDB file and a real PostgreSQL
database on the server started by conftest's `pg_server`) through the `store` /
`new_store_target` fixtures; DuckDB-only facts (file format, locking) say so in their name.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.pipeline import ArticleState
from herald.records import Actor, ActorMention, Article, Event, Evidence, Location, Provenance, SkippedItem
from herald.store import AddResult, Store, StoreError, StoreVersionError
from herald.store import rows as store_rows
from herald.store import store as store_mod
from herald.store.backends import is_postgres_dsn, redact_dsn
from herald.store.schema import Migration, load_migrations

from conftest import BACKENDS, store_target

RUSGOV = Actor("RUSGOV", "RUS", "GOV", "Sergei Lavrov", "person")
CHNGOV = Actor("CHNGOV", "CHN", "GOV", None, "state")
UKRMIL = Actor("UKRMIL", "UKR", "MIL", None, "state")
USAGOV = Actor("USAGOV", "USA", "GOV", "Antony Blinken", "person")
UNO = Actor("UNO", None, None, "United Nations", "igo")
KENPOL = Actor("KENPOL", "KEN", "COP", None, "state")


def _mention(text: str, phrase: str, actor: Actor, rule: str = "ner+country") -> ActorMention:
    start = text.index(phrase)
    return ActorMention(text=phrase, start=start, end=start + len(phrase), tok_start=0, tok_end=1, actor=actor,
                        rule=rule)


def _event(art: Article, sentence: str, trigger: str, *, cameo: str, root: str, quad: int, goldstein: float,
           plover: str, src: ActorMention | None, tgt: ActorMention | None, loc: Location | None = None,
           modality: str = "asserted", casualties: dict | None = None, date: dt.date | None = None,
           symmetric: bool = False) -> Event:
    s = art.text.index(sentence)
    t = art.text.index(trigger, s)
    eid = hashlib.sha256(f"{art.id}|{s}|{t}|{cameo}".encode()).hexdigest()[:16]
    return Event(article_id=art.id, event_id=eid, date=date or art.date, cameo=cameo, cameo_root=root,
                 quad_class=quad, goldstein=goldstein, plover=plover, source=src, target=tgt, location=loc,
                 evidence=Evidence(sentence, s, s + len(sentence), trigger, t, t + len(trigger)),
                 confidence=0.8123, modality=modality, plover_mode=None, casualties=casualties or {},
                 symmetric=symmetric, provenance=Provenance("events", "0.3", f"verb:{trigger}"))


def _state(art: Article, mentions: list[ActorMention], events: list[Event]) -> ArticleState:
    return ArticleState(article=art, doc=None, actors=tuple(mentions), events=tuple(events))


def corpus() -> list[ArticleState]:
    """Three small invented news articles with hand-coded actors and events."""
    out = []
    t1 = ("Russian Foreign Minister Sergei Lavrov met Chinese officials in Beijing on Monday. "
          "Lavrov later criticised the United Nations for its silence.")
    a1 = Article("art-1", t1, title="Lavrov in Beijing", outlet="Wire", url="https://example.org/1",
                 date=dt.date(2024, 3, 4), origin="feed.jsonl:1")
    m1 = [_mention(t1, "Sergei Lavrov", RUSGOV), _mention(t1, "Chinese officials", CHNGOV),
          _mention(t1, "Lavrov", RUSGOV, "coref:surname"), _mention(t1, "United Nations", UNO)]
    m1[2] = ActorMention("Lavrov", t1.index("Lavrov later"), t1.index("Lavrov later") + 6, 14, 15, RUSGOV,
                         "coref:surname")
    beijing = Location("Beijing", "CHN", 39.9075, 116.39723, "city", 1816670)
    e1 = [_event(a1, t1.split(". ")[0] + ".", "met", cameo="040", root="04", quad=1, goldstein=1.0,
                 plover="CONSULT", src=m1[0], tgt=m1[1], loc=beijing, symmetric=True),
          _event(a1, "Lavrov later criticised the United Nations for its silence.", "criticised", cameo="111",
                 root="11", quad=3, goldstein=-2.0, plover="DISAPPROVE", src=m1[2], tgt=m1[3])]
    out.append(_state(a1, m1, e1))

    t2 = ("Ukrainian forces shelled positions near Donetsk, killing 4 soldiers, officials said. "
          "US Secretary of State Antony Blinken will visit Kyiv next week.")
    a2 = Article("art-2", t2, title=None, outlet="Daily", url=None, date=dt.date(2024, 3, 10), origin="b.html")
    m2 = [_mention(t2, "Ukrainian forces", UKRMIL), _mention(t2, "Antony Blinken", USAGOV)]
    e2 = [_event(a2, t2.split(". ")[0] + ".", "shelled", cameo="195", root="19", quad=4, goldstein=-10.0,
                 plover="ASSAULT", src=m2[0], tgt=None, loc=Location("Donetsk", "UKR", 48.023, 37.80224),
                 casualties={"killed": 4}),
          _event(a2, "US Secretary of State Antony Blinken will visit Kyiv next week.", "visit", cameo="042",
                 root="04", quad=1, goldstein=1.9, plover="CONSULT", src=m2[1], tgt=None, modality="future",
                 date=dt.date(2024, 3, 17))]
    out.append(_state(a2, m2, e2))

    t3 = "Police in Nairobi dispersed protesters with tear gas. The report did not give a date."
    a3 = Article("art-3", t3, date=None, origin="<stdin>")
    m3 = [_mention(t3, "Police", KENPOL)]
    e3 = [_event(a3, "Police in Nairobi dispersed protesters with tear gas.", "dispersed", cameo="175", root="17",
                 quad=4, goldstein=-5.0, plover="COERCE", src=m3[0], tgt=None,
                 loc=Location("Nairobi", "KEN", -1.28333, 36.81667))]
    out.append(_state(a3, m3, e3))
    return out


def all_events(states: list[ArticleState]) -> list[Event]:
    return [e for s in states for e in s.events or ()]


def _order(e: Event):
    return (e.date is None, e.date or dt.date.min, e.article_id, e.evidence.start, e.evidence.trigger_start,
            e.event_id)


def oracle(events: list[Event], *, start=None, end=None, actor=None, country=None, source_country=None,
           target_country=None, cameo_root=None, plover=None, quad_class=None, article_id=None) -> list[dict]:
    """What `Store.events` must return, computed in plain Python from the records."""
    def sides(e):
        return [m.actor for m in (e.source, e.target) if m is not None]

    def keep(e: Event) -> bool:
        if start is not None and (e.date is None or e.date < start):
            return False
        if end is not None and (e.date is None or e.date > end):
            return False
        if actor is not None and not any(a.code.upper().startswith(actor.upper())
                                         or (a.name and actor.lower() in a.name.lower()) for a in sides(e)):
            return False
        if country is not None and country.upper() not in [a.country for a in sides(e)]:
            return False
        if source_country is not None and not (e.source and e.source.actor.country == source_country.upper()):
            return False
        if target_country is not None and not (e.target and e.target.actor.country == target_country.upper()):
            return False
        if cameo_root is not None and e.cameo_root != cameo_root:
            return False
        if plover is not None and e.plover.upper() != plover.upper():
            return False
        if quad_class is not None and e.quad_class != quad_class:
            return False
        return article_id is None or e.article_id == article_id

    return [e.as_output() for e in sorted(filter(keep, events), key=_order)]


def columns(store: Store, table: str) -> list[str]:
    return [r[0] for r in store._fetchall(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = ? ORDER BY ordinal_position", [table])]


def test_round_trip_matches_output_contract(store):
    states = corpus()
    r = store.add_batch(states)
    assert r == AddResult(new_articles=3, new_events=5, present_articles=0, present_events=0, new_actors=6,
                          new_mentions=7, conflicts=(), new_copies=3, merged_events=r.merged_events)
    assert 1 <= r.merged_events <= 5
    got = store.events()
    assert got == oracle(all_events(states))
    assert [g["event_id"] for g in got][-1] == states[2].events[0].event_id  # undated event last
    assert got[0]["source"] == {"text": "Sergei Lavrov", "code": "RUSGOV", "country": "RUS", "role": "GOV",
                                "name": "Sergei Lavrov"}
    assert got[0]["location"] == {"name": "Beijing", "country": "CHN", "lat": 39.9075, "lon": 116.39723}
    assert got[0]["symmetric"] is True and got[0]["confidence"] == 0.812


def test_reopened_store_keeps_everything(new_store_target):
    path = new_store_target()
    states = corpus()
    with Store.open(path) as s:
        s.add_batch(states)
    with Store.open(path, read_only=True) as s:
        assert s.events() == oracle(all_events(states))
        assert s.count_events() == 5
        with pytest.raises(StoreError, match="read-only"):
            s.add_batch(states)


@pytest.mark.parametrize("filters", [
    {"start": dt.date(2024, 3, 5)},
    {"end": dt.date(2024, 3, 10)},
    {"start": "2024-03-04", "end": "2024-03-04"},
    {"actor": "rus"},
    {"actor": "RUSGOV"},
    {"actor": "blinken"},
    {"actor": "united nat"},
    {"actor": "GOV"},  # not a code prefix of anyone, not in a name
    {"country": "chn"},
    {"country": "UKR"},
    {"source_country": "RUS"},
    {"target_country": "CHN"},
    {"source_country": "CHN"},
    {"cameo_root": "04"},
    {"plover": "consult"},
    {"plover": "ASSAULT"},
    {"quad_class": 4},
    {"article_id": "art-2"},
    {"actor": "lavrov", "cameo_root": "11", "quad_class": 3},
    {"country": "RUS", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31), "plover": "CONSULT"},
])
def test_each_filter_matches_python_oracle(store, filters):
    states = corpus()
    store.add_batch(states)
    want = oracle(all_events(states), **{k: (dt.date.fromisoformat(v) if k in ("start", "end")
                                             and isinstance(v, str) else v) for k, v in filters.items()})
    assert store.events(**filters) == want
    assert store.count_events(**filters) == len(want)


def test_filters_that_cannot_match_and_root_forms(store):
    store.add_batch(corpus())
    assert store.events(actor="GOV") == []  # a role alone is neither a code prefix nor a name
    assert store.count_events(cameo_root=4) == store.count_events(cameo_root="4") == 2
    assert store.count_events(start=dt.date(2030, 1, 1)) == 0
    # undated events never pass a date filter
    assert all(e["date"] for e in store.events(end=dt.date(2100, 1, 1)))
    with pytest.raises(ValueError):
        store.events(start="last tuesday")
    with pytest.raises(ValueError):
        store.events(limit=-1)


def test_pagination_is_stable(store):
    states = corpus()
    store.add_batch(states)
    full = store.events()
    pages = [store.events(limit=2, offset=o) for o in range(0, 6, 2)]
    assert [e for p in pages for e in p] == full
    assert store.events(limit=0) == []


def test_text_order_is_code_point_order_on_every_backend(store):
    """Ties on date are ordered by article id as Python orders strings, whatever the database locale.

    (Under an en-US collation "a_1" < "a-2" < "A-3"; by code point "A-3" < "a-2" < "a_1".)
    """
    states = []
    for aid in ("a_1", "a-2", "A-3", "b"):
        text = "Police in Nairobi dispersed protesters with tear gas."
        art = Article(aid, text, date=dt.date(2024, 5, 1))
        m = _mention(text, "Police", KENPOL)
        states.append(_state(art, [m], [_event(art, text, "dispersed", cameo="175", root="17", quad=4,
                                                goldstein=-5.0, plover="COERCE", src=m, tgt=None)]))
    store.add_batch(states)
    assert [e["article_id"] for e in store.events()] == ["A-3", "a-2", "a_1", "b"]
    assert [a["id"] for a in store.articles()] == ["A-3", "a-2", "a_1", "b"]  # same ingested_at
    assert store.events() == oracle(all_events(states))


_VALUES = st.fixed_dictionaries({}, optional={
    "start": st.dates(dt.date(2024, 3, 1), dt.date(2024, 3, 20)),
    "end": st.dates(dt.date(2024, 3, 1), dt.date(2024, 3, 20)),
    "actor": st.sampled_from(["r", "RUS", "chn", "lav", "Nations", "x", "UKRMIL", "'", "%", "_"]),
    "country": st.sampled_from(["RUS", "CHN", "UKR", "USA", "KEN", "FRA"]),
    "source_country": st.sampled_from(["RUS", "UKR", "CHN"]),
    "target_country": st.sampled_from(["CHN", "UKR"]),
    "cameo_root": st.sampled_from(["04", "11", "19", "17", "20"]),
    "plover": st.sampled_from(["CONSULT", "assault", "COERCE", "AID"]),
    "quad_class": st.integers(1, 4),
})


@pytest.fixture(scope="module", params=BACKENDS)
def shared_store(request, tmp_path_factory):
    with Store.open(store_target(request.param, tmp_path_factory.mktemp("prop"), request)) as s:
        s.add_batch(corpus())
        yield s


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=_VALUES)
def test_any_filter_combination_matches_oracle(shared_store, filters):
    assert shared_store.events(**filters) == oracle(all_events(corpus()), **filters)


def test_idempotent_re_add(store, new_store_target):
    states = corpus()
    store.add_batch(states)
    before = store.stats()
    r = store.add_batch(states)
    assert (r.new_articles, r.new_events, r.new_actors, r.new_mentions) == (0, 0, 0, 0)
    assert (r.present_articles, r.present_events, r.conflicts) == (3, 5, ())
    assert store.stats() == before
    # the same article twice inside one batch is stored once
    s2 = corpus()
    with Store.open(new_store_target()) as mem:
        r2 = mem.add_batch([s2[0], s2[0], s2[1]])
        assert (r2.new_articles, r2.new_events, r2.present_articles, r2.present_events) == (2, 4, 1, 2)


def test_same_id_new_text_is_a_conflict_and_first_wins(store):
    states = corpus()
    store.add_batch(states[:1])
    changed = Article("art-1", "A completely different body.", date=dt.date(2024, 3, 4))
    r = store.add_batch([ArticleState(article=changed, actors=(), events=()), states[1]])
    assert r.conflicts == ("art-1",)
    assert (r.new_articles, r.present_articles) == (1, 1)
    stored = {a["id"]: a for a in store.articles(with_text=True)}
    assert stored["art-1"]["text"] == states[0].article.text
    assert stored["art-1"]["events"] == 2


def test_failed_batch_leaves_nothing(store, monkeypatch):
    states = corpus()
    store.add_batch(states[:1])
    real_insert = Store._insert

    def failing(self, table, data):
        if table == "events":  # articles, actors and mentions of this batch are already written
            raise RuntimeError("disk full (simulated)")
        return real_insert(self, table, data)

    monkeypatch.setattr(Store, "_insert", failing)
    with pytest.raises(RuntimeError, match="simulated"):
        store.add_batch(states[1:])
    monkeypatch.undo()
    s = store.stats()
    assert (s["articles"], s["events"], s["mentions"], s["actors"]) == (1, 2, 4, 3)
    assert store.count_events(article_id="art-2") == 0
    # the store is still usable and the batch can be retried
    r = store.add_batch(states[1:])
    assert (r.new_articles, r.new_events) == (2, 3)
    assert store.events() == oracle(all_events(states))


def test_event_of_another_article_is_refused_before_writing(store):
    states = corpus()
    bad = ArticleState(article=states[1].article, actors=(), events=states[0].events)
    with pytest.raises(ValueError, match="came with article"):
        store.add_batch([states[2], bad])
    assert store.stats()["articles"] == 0


def test_states_without_actors_or_events(store):
    art = Article("bare", "Nothing happened today.")
    r = store.add_batch([ArticleState(article=art)])
    assert (r.new_articles, r.new_events, r.new_mentions) == (1, 0, 0)
    assert store.articles()[0]["events"] == 0


def test_skipped_items(store):
    items = [SkippedItem("a.html", "no body text"), SkippedItem("b.json:3", "bad JSON"),
             SkippedItem("a.html", "no body text")]
    assert store.add_skipped(items) == 2
    assert store.add_skipped(items[:1]) == 0
    assert store.stats()["skipped"] == 2


def test_stats(store):
    store.add_batch(corpus())
    s = store.stats()
    assert (s["articles"], s["events"], s["actors"], s["skipped"]) == (3, 5, 6, 0)
    assert s["events_per_cameo_root"] == {"04": 2, "11": 1, "17": 1, "19": 1}
    assert s["top_dyads"] == [{"source": "RUSGOV", "target": "CHNGOV", "events": 1},
                              {"source": "RUSGOV", "target": "UNO", "events": 1}]
    assert (s["first_date"], s["last_date"]) == ("2024-03-04", "2024-03-17")


def test_fetch_arrow_matches_fetch_on_every_backend(store):
    store.add_batch(corpus())
    sql = ("SELECT cameo_root, count(*) AS n, min(date) AS first FROM events WHERE cameo_root <> ? "
           "GROUP BY cameo_root ORDER BY cameo_root")
    table = store.fetch_arrow(sql, ["11"])
    assert table.column_names == ["cameo_root", "n", "first"]
    assert [tuple(r.values()) for r in table.to_pylist()] == store.fetch(sql, ["11"])
    assert [r["cameo_root"] for r in table.to_pylist()] == ["04", "17", "19"]
    empty = store.fetch_arrow("SELECT event_id FROM events WHERE event_id = ?", ["none"])
    assert empty.num_rows == 0 and empty.column_names == ["event_id"]


INJECTIONS = ["'; DROP TABLE events; --", "\" OR 1=1 --", "RUS' OR '1'='1", "%", "_", "\\", "'); DELETE FROM articles; --"]


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_strings_are_just_values(store, bad):
    store.add_batch(corpus())
    for key in ("actor", "country", "source_country", "target_country", "cameo_root", "plover", "article_id"):
        assert store.events(**{key: bad}) == []
        assert store.count_events(**{key: bad}) == 0
    assert store.count_events() == 5 and store.stats()["articles"] == 3


def test_hostile_text_is_stored_verbatim(store):
    text = "He said '; DROP TABLE events; -- and \"quoted\" words \\ with % and _ and ünïcode."
    art = Article("id'; DROP TABLE articles; --", text, title="O'Brien's \"test\"")
    ment = ActorMention("He", 0, 2, 0, 1, Actor("IRL", "IRL", None, "O'Brien", "person"), "pronoun")
    ev = _event(art, text, "said", cameo="010", root="01", quad=1, goldstein=0.0, plover="OTHER", src=ment,
                tgt=None)
    store.add_batch([ArticleState(article=art, actors=(ment,), events=(ev,))])
    assert store.events(actor="o'brien") == [ev.as_output()]
    assert store.events(article_id=art.id) == [ev.as_output()]
    assert store.articles(with_text=True)[0]["text"] == text


# ---------------------------------------------------------------- migrations


def test_schema_columns_match_row_builders(store):
    assert columns(store, "events") == store_rows.EVENT_SCHEMA.names
    for table, schema in (("articles", store_rows.ARTICLE_SCHEMA), ("actors", store_rows.ACTOR_SCHEMA),
                          ("actor_mentions", store_rows.MENTION_SCHEMA), ("skipped", store_rows.SKIPPED_SCHEMA)):
        assert columns(store, table) == schema.names
    sql = ("SELECT index_name FROM duckdb_indexes()" if store.backend == "duckdb"
           else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    idx = {r[0] for r in store._fetchall(sql)}
    assert {"events_date", "events_cameo_root", "events_source_country", "events_target_country",
            "events_plover"} <= idx


def test_migrates_an_empty_v0_store(new_store_target):
    path = new_store_target()
    if not is_postgres_dsn(path):
        duckdb.connect(str(path)).close()  # a valid DuckDB file with no tables at all (a new PG database is one)
    with Store.open(path) as s:
        assert s.schema_version == len(load_migrations()) >= 1
        s.add_batch(corpus())
        assert s.count_events() == 5


def test_older_store_is_upgraded_in_place(new_store_target, monkeypatch):
    path = new_store_target()
    with Store.open(path) as s:
        s.add_batch(corpus())
        v1 = s.schema_version
    future = Migration(v1 + 1, "article_language", "ALTER TABLE articles ADD COLUMN lang VARCHAR;")
    monkeypatch.setattr(store_mod, "load_migrations", lambda *a: [*load_migrations(*a), future])
    with pytest.raises(StoreVersionError, match="needs upgrading"):
        Store.open(path, read_only=True)
    with Store.open(path) as s:
        assert s.schema_version == v1 + 1
        assert s.count_events() == 5
        assert "lang" in columns(s, "articles")
        versions = s._fetchall("SELECT version, name FROM schema_version ORDER BY version")
        assert versions[-1] == (v1 + 1, "article_language")


def test_broken_migration_changes_nothing(new_store_target, monkeypatch):
    path = new_store_target()
    with Store.open(path) as s:
        v1 = s.schema_version
    bad = Migration(v1 + 1, "broken", "ALTER TABLE articles ADD COLUMN x INT; ALTER TABLE nope ADD COLUMN y INT;")
    monkeypatch.setattr(store_mod, "load_migrations", lambda *a: [*load_migrations(*a), bad])
    with pytest.raises(StoreError, match=f"schema version {v1 + 1}"):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as s:
        assert s.schema_version == v1
        assert "x" not in columns(s, "articles")


def _raw_max_version(path: str) -> int:
    """Read the version without herald, to see that a refused store was not touched."""
    if is_postgres_dsn(path):
        import psycopg
        with psycopg.connect(path) as con:
            return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    con = duckdb.connect(path)
    try:
        return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    finally:
        con.close()


def test_newer_store_is_refused_untouched(new_store_target):
    path = new_store_target()
    with Store.open(path) as s:
        latest = s.schema_version
        s._db.execute("INSERT INTO schema_version VALUES (?, 'from the future', CAST(now() AS TIMESTAMP))",
                      [latest + 5])
    for ro in (False, True):
        with pytest.raises(StoreVersionError, match=r"newer herald.*Upgrade herald"):
            Store.open(path, read_only=ro)
    assert _raw_max_version(path) == latest + 5


def test_migrations_per_backend():
    for dialect in BACKENDS:
        ms = load_migrations(dialect)
        assert [m.version for m in ms] == list(range(1, len(ms) + 1))
    with pytest.raises(ValueError):
        load_migrations("sqlite")


def test_duckdb_not_a_duckdb_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError):
        Store.open(path)
    with pytest.raises(FileNotFoundError):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


# ---------------------------------------------------------------- choosing and reaching a backend


def test_target_selects_backend():
    for dsn in ("postgresql://u@127.0.0.1:5432/db", "postgres://h/db", "host=127.0.0.1 dbname=x"):
        assert is_postgres_dsn(dsn)
    for path in ("herald.duckdb", ":memory:", "data/postgresql.duckdb", "a=b.duckdb"):
        assert not is_postgres_dsn(path)
    assert redact_dsn("postgresql://u:s3cret@h:1/db") == "postgresql://u:***@h:1/db"
    assert redact_dsn("host=h password=s3cret dbname=d") == "host=h password=*** dbname=d"


def test_postgres_unreachable_is_a_store_error():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connection refused
        with pytest.raises(StoreError, match=r"cannot open the store postgresql://u:\*\*\*@"):
            Store.open(f"postgresql://u:pw@127.0.0.1:{port}/db?connect_timeout=3")


def test_postgres_reports_backend_and_hides_password(pg_server):
    dsn = pg_server.new_database().replace("postgres@", "postgres:notused@")
    with Store.open(dsn) as s:  # trust auth: the password is ignored by the server
        st = s.stats()
        assert st["backend"] == "postgres" and "notused" not in st["path"]
    with Store.open(dsn, read_only=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.add_batch(corpus())


def test_postgres_concurrent_writers_of_overlapping_batches(pg_server):
    """Two connections writing the same and different articles at once: every row once, no errors."""
    import threading

    dsn = pg_server.new_database()
    Store.open(dsn).close()
    states = corpus()
    batches = [[states[0], states[1]], [states[1], states[2], states[0]]]
    results, errors = [], []

    def write(batch):
        try:
            with Store.open(dsn) as s:
                for _ in range(5):
                    results.append(s.add_batch(batch))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sum(r.new_articles for r in results) == 3 and sum(r.new_events for r in results) == 5
    with Store.open(dsn, read_only=True) as s:
        assert s.events() == oracle(all_events(states))
        assert s.stats()["mentions"] == 7


def test_postgres_concurrent_versions_of_one_article_never_mix(pg_server):
    """Two writers racing with different texts for one new article id: whichever wins, the stored
    mentions and events are all that version's, and the other writer is told of the conflict."""
    import threading

    text_a = "Police in Nairobi dispersed protesters with tear gas."
    text_b = "Police in Nairobi arrested protesters near parliament."
    versions = []
    for text, trig in ((text_a, "dispersed"), (text_b, "arrested")):
        art = Article("race", text, date=dt.date(2024, 5, 1))
        m = _mention(text, "Police", KENPOL)
        versions.append(_state(art, [m], [_event(art, text, trig, cameo="175", root="17", quad=4, goldstein=-5.0,
                                                  plover="COERCE", src=m, tgt=None)]))
    for _ in range(4):
        dsn = pg_server.new_database()
        Store.open(dsn).close()
        stores = [Store.open(dsn), Store.open(dsn)]
        go, results = threading.Barrier(2), [None, None]

        def write(k):
            go.wait()
            results[k] = stores[k].add_batch([versions[k]])

        threads = [threading.Thread(target=write, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        for s in stores:
            s.close()
        assert sorted(r.new_articles for r in results) == [0, 1]
        winner = next(k for k in range(2) if results[k].new_articles)
        assert results[1 - winner].conflicts == ("race",)
        with Store.open(dsn, read_only=True) as s:
            assert s.events() == [e.as_output() for e in versions[winner].events]
            assert s.stats()["mentions"] == 1
