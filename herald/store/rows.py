"""Records to Arrow columns (for bulk inserts) and stored rows back to the output contract.

The column lists here are the single place that says which record field lands in which
column; `Store` builds every INSERT and SELECT from them, so the two directions cannot drift.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pyarrow as pa

from herald.merging import MergedEvent
from herald.records import Actor, ActorMention, Article, ArticleCopy, Event, Evidence, Location, SkippedItem

__all__ = ["ACTOR_SCHEMA", "ALIAS_SCHEMA", "alias_table", "ARTICLE_SCHEMA", "COPY_SCHEMA", "EVENT_OUTPUT_COLUMNS", "EVENT_SCHEMA", "LSH_SCHEMA",
           "MENTION_SCHEMA", "MERGED_MENTION_SCHEMA", "MERGED_OUTPUT_COLUMNS", "MERGED_SCHEMA", "MERGE_INPUT_COLUMNS", "MINHASH_SCHEMA",
           "SKIPPED_SCHEMA", "actor_id", "actor_table", "article_table", "copy_table", "event_for_merge",
           "event_output", "event_table", "mention_table", "merged_output", "merged_tables", "minhash_tables", "skipped_table"]

_S, _I, _F = pa.string(), pa.int32(), pa.float64()

ARTICLE_SCHEMA = pa.schema([
    ("id", _S), ("content_hash", _S), ("title", _S), ("outlet", _S), ("url", _S), ("date", pa.date32()),
    ("text", _S), ("origin", _S), ("ingested_at", pa.timestamp("us")),
])

ACTOR_SCHEMA = pa.schema([("actor_id", _S), ("code", _S), ("country", _S), ("role", _S), ("name", _S),
                          ("kind", _S)])

MENTION_SCHEMA = pa.schema([
    ("article_id", _S), ("idx", _I), ("char_start", _I), ("char_end", _I), ("tok_start", _I), ("tok_end", _I),
    ("text", _S), ("actor_id", _S), ("actor_code", _S), ("rule", _S),
])


def _side(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{c}", t) for c, t in (("text", _S), ("code", _S), ("country", _S), ("role", _S),
                                                ("name", _S), ("kind", _S), ("actor_id", _S), ("start", _I),
                                                ("end", _I))]


EVENT_SCHEMA = pa.schema([
    ("event_id", _S), ("article_id", _S), ("date", pa.date32()), ("cameo", _S), ("cameo_root", _S),
    ("quad_class", pa.int8()), ("goldstein", _F), ("plover", _S), ("plover_mode", _S), ("modality", _S),
    ("symmetric", pa.bool_()),
    *_side("source"), *_side("target"),
    ("location_name", _S), ("location_country", _S), ("location_lat", _F), ("location_lon", _F),
    ("location_feature", _S), ("location_geonameid", pa.int64()),
    ("evidence_sentence", _S), ("evidence_start", _I), ("evidence_end", _I), ("evidence_trigger", _S),
    ("trigger_start", _I), ("trigger_end", _I), ("confidence", _F), ("casualties", _S),
    ("provenance_stage", _S), ("provenance_version", _S), ("provenance_rule", _S),
])

SKIPPED_SCHEMA = pa.schema([("origin", _S), ("reason", _S), ("at", pa.timestamp("us"))])


@lru_cache(maxsize=65536)
def actor_id(a: Actor) -> str:
    """Stable key for one distinct actor (all five fields), so equal actors share a row.

    Cached: a batch names the same few actors thousands of times.
    """
    key = json.dumps([a.code, a.country, a.role, a.name, a.kind], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _table(schema: pa.Schema, rows: Sequence[tuple]) -> pa.Table:
    cols = list(zip(*rows)) if rows else [() for _ in schema]
    return pa.Table.from_arrays([pa.array(list(c), type=f.type) for c, f in zip(cols, schema)], schema=schema)


def article_table(articles: Sequence[Article], *, now: _dt.datetime) -> pa.Table:
    return _table(ARTICLE_SCHEMA, [(a.id, a.content_hash, a.title, a.outlet, a.url, a.date, a.text, a.origin, now)
                                   for a in articles])


def actor_table(actors: Sequence[Actor]) -> pa.Table:
    return _table(ACTOR_SCHEMA, [(actor_id(a), a.code, a.country, a.role, a.name, a.kind) for a in actors])


def mention_table(items: Sequence[tuple[str, int, ActorMention]]) -> pa.Table:
    """`items` are (article_id, position in ArticleState.actors, mention)."""
    return _table(MENTION_SCHEMA, [(aid, i, m.start, m.end, m.tok_start, m.tok_end, m.text, actor_id(m.actor),
                                    m.actor.code, m.rule) for aid, i, m in items])


def _mention_cols(m: ActorMention | None) -> tuple:
    if m is None:
        return (None,) * 9
    a = m.actor
    return (m.text, a.code, a.country, a.role, a.name, a.kind, actor_id(a), m.start, m.end)


def event_table(events: Sequence[Event]) -> pa.Table:
    rows = []
    for e in events:
        loc, ev, pv = e.location, e.evidence, e.provenance
        loc_cols = ((loc.name, loc.country, loc.lat, loc.lon, loc.feature, loc.geonameid) if loc
                    else (None,) * 6)
        rows.append((
            e.event_id, e.article_id, e.date, e.cameo, e.cameo_root, e.quad_class, float(e.goldstein), e.plover,
            e.plover_mode, e.modality, bool(e.symmetric), *_mention_cols(e.source), *_mention_cols(e.target),
            *loc_cols, ev.sentence, ev.start, ev.end, ev.trigger, ev.trigger_start, ev.trigger_end,
            float(e.confidence), json.dumps(dict(e.casualties), ensure_ascii=False) if e.casualties else "{}", pv.stage, pv.version, pv.rule,
        ))
    return _table(EVENT_SCHEMA, rows)


def skipped_table(items: Sequence[SkippedItem], *, now: _dt.datetime) -> pa.Table:
    return _table(SKIPPED_SCHEMA, [(s.origin, s.reason, now) for s in items])


# The SELECT list `event_output` expects, in order.
EVENT_OUTPUT_COLUMNS = (
    "article_id", "event_id", "date", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "plover_mode",
    "modality", "symmetric",
    "source_text", "source_code", "source_country", "source_role", "source_name",
    "target_text", "target_code", "target_country", "target_role", "target_name",
    "location_name", "location_country", "location_lat", "location_lon",
    "casualties", "evidence_sentence", "evidence_start", "evidence_end", "evidence_trigger", "confidence",
    "provenance_stage", "provenance_version", "provenance_rule",
)


def _actor_out(text, code, country, role, name) -> dict[str, Any] | None:
    if code is None:
        return None
    return {"text": text, "code": code, "country": country, "role": role, "name": name}


def _casualties(value: Any) -> dict[str, int]:
    """DuckDB hands JSON back as text, PostgreSQL (psycopg) as the parsed object."""
    if isinstance(value, dict):
        return value
    return json.loads(value) if value else {}


def event_output(r: Sequence[Any]) -> dict[str, Any]:
    """One stored row (EVENT_OUTPUT_COLUMNS order) as `Event.as_output()` would have printed it."""
    (article_id, event_id, date, cameo, cameo_root, quad_class, goldstein, plover, plover_mode, modality, symmetric,
     *rest) = r
    src, tgt, loc = rest[0:5], rest[5:10], rest[10:14]
    casualties, sentence, ev_start, ev_end, trigger, confidence, p_stage, p_version, p_rule = rest[14:]
    return {
        "article_id": article_id,
        "event_id": event_id,
        "date": date.isoformat() if date else None,
        "cameo": cameo,
        "cameo_root": cameo_root,
        "quad_class": int(quad_class),
        "goldstein": goldstein,
        "plover": plover,
        "plover_mode": plover_mode,
        "modality": modality,
        "symmetric": bool(symmetric),
        "source": _actor_out(*src),
        "target": _actor_out(*tgt),
        "location": ({"name": loc[0], "country": loc[1], "lat": loc[2], "lon": loc[3]}
                     if loc[0] is not None else None),
        "casualties": _casualties(casualties),
        "evidence": {"sentence": sentence, "start": ev_start, "end": ev_end, "trigger": trigger},
        "confidence": round(confidence, 3),
        "provenance": {"stage": p_stage, "version": p_version, "rule": p_rule},
    }


# -- dedup and merging ----------------------------------------------------------------------

COPY_SCHEMA = pa.schema([("article_id", _S), ("copy_id", _S), ("url", _S), ("outlet", _S), ("origin", _S),
                         ("date", pa.date32()), ("similarity", _F), ("seen_at", pa.timestamp("us"))])
MINHASH_SCHEMA = pa.schema([("article_id", _S), ("signature", _S)])
LSH_SCHEMA = pa.schema([("band", _I), ("bucket", _S), ("article_id", _S)])
MERGED_SCHEMA = pa.schema([
    ("merged_id", _S), ("date", pa.date32()), ("first_seen", pa.date32()), ("last_seen", pa.date32()),
    ("cameo", _S), ("cameo_root", _S), ("quad_class", pa.int8()), ("goldstein", _F), ("plover", _S),
    ("modality", _S), ("symmetric", pa.bool_()), ("source_code", _S), ("source_country", _S),
    ("target_code", _S), ("target_country", _S), ("location_name", _S), ("location_country", _S),
    ("location_lat", _F), ("location_lon", _F), ("location_feature", _S), ("location_geonameid", pa.int64()),
    ("num_mentions", _I), ("num_articles", _I), ("num_sources", _I), ("confidence", _F),
])
MERGED_MENTION_SCHEMA = pa.schema([("event_id", _S), ("merged_id", _S)])


def copy_table(items: Sequence[ArticleCopy], *, now: _dt.datetime) -> pa.Table:
    return _table(COPY_SCHEMA, [(c.article_id, c.copy_id, c.url, c.outlet, c.origin, c.date, float(c.similarity),
                                 now) for c in items])


def minhash_tables(items: Sequence[tuple[str, bytes, Sequence[str]]]) -> tuple[pa.Table, pa.Table]:
    """(article_minhash, article_lsh) rows for `(article_id, signature, lsh keys "band:hash")`."""
    sigs = [(aid, sig.hex()) for aid, sig, _ in items]
    buckets = []
    for aid, _, keys in items:
        for k in keys:
            band, _, h = k.partition(":")
            buckets.append((int(band), k, aid))
    return _table(MINHASH_SCHEMA, sigs), _table(LSH_SCHEMA, buckets)


def merged_tables(merged: Sequence[MergedEvent]) -> tuple[pa.Table, pa.Table]:
    """(merged_events, merged_event_mentions) rows."""
    rows, links = [], []
    for m in merged:
        loc = m.location
        loc_cols = ((loc.name, loc.country, loc.lat, loc.lon, loc.feature, loc.geonameid) if loc
                    else (None,) * 6)
        rows.append((m.merged_id, m.date, m.first_seen, m.last_seen, m.cameo, m.cameo_root, m.quad_class,
                     float(m.goldstein), m.plover, m.modality, bool(m.symmetric), m.source_code, m.source_country,
                     m.target_code, m.target_country, *loc_cols, m.num_mentions, m.num_articles, m.num_sources,
                     float(m.confidence)))
        links.extend((eid, m.merged_id) for eid in m.mention_ids)
    return _table(MERGED_SCHEMA, rows), _table(MERGED_MENTION_SCHEMA, links)


# What merging reads of a stored event (plus its article's date and outlet), in order.
MERGE_INPUT_COLUMNS = (
    "e.event_id", "e.article_id", "e.date", "e.cameo", "e.cameo_root", "e.quad_class", "e.goldstein", "e.plover",
    "e.modality", "e.symmetric", "e.confidence",
    "e.source_code", "e.source_country", "e.source_role", "e.source_name", "e.source_kind",
    "e.target_code", "e.target_country", "e.target_role", "e.target_name", "e.target_kind",
    "e.location_name", "e.location_country", "e.location_lat", "e.location_lon", "e.location_feature",
    "e.location_geonameid", "e.evidence_start", "e.evidence_end", "a.date", "a.outlet",
)


def _merge_side(code, country, role, name, kind) -> ActorMention | None:
    if code is None:
        return None
    return ActorMention(text="", start=0, end=0, tok_start=0, tok_end=0,
                        actor=Actor(code, country, role, name, kind or "state"), rule="store")


def event_for_merge(r: Sequence[Any]) -> tuple[Event, _dt.date | None, str | None]:
    """A stored event rebuilt with the fields merging compares, plus (article date, outlet)."""
    (event_id, article_id, date, cameo, cameo_root, quad_class, goldstein, plover, modality, symmetric,
     confidence, *rest) = r
    src, tgt, loc = rest[0:5], rest[5:10], rest[10:16]
    ev_start, ev_end, art_date, outlet = rest[16:]
    location = (Location(loc[0], loc[1], loc[2], loc[3], loc[4], loc[5]) if loc[0] is not None else None)
    ev = Event(article_id=article_id, event_id=event_id, date=date, cameo=cameo, cameo_root=cameo_root,
               quad_class=int(quad_class), goldstein=float(goldstein), plover=plover, source=_merge_side(*src),
               target=_merge_side(*tgt), location=location, evidence=Evidence("", ev_start, ev_end),
               confidence=float(confidence), modality=modality, symmetric=bool(symmetric))
    return ev, art_date, outlet


MERGED_OUTPUT_COLUMNS = (
    "merged_id", "date", "first_seen", "last_seen", "cameo", "cameo_root", "quad_class", "goldstein", "plover",
    "modality", "symmetric", "source_code", "source_country", "target_code", "target_country",
    "location_name", "location_country", "location_lat", "location_lon", "num_mentions", "num_articles",
    "num_sources", "confidence",
)


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def merged_output(r: Sequence[Any]) -> dict[str, Any]:
    """One merged_events row (MERGED_OUTPUT_COLUMNS order) as a JSON-ready dict."""
    (merged_id, date, first, last, cameo, root, quad, gs, plover, modality, sym, sc, scc, tc, tcc,
     lname, lcountry, lat, lon, n_m, n_a, n_s, conf) = r
    return {
        "merged_id": merged_id, "date": _iso(date), "first_seen": _iso(first), "last_seen": _iso(last),
        "cameo": cameo, "cameo_root": root, "quad_class": int(quad), "goldstein": gs, "plover": plover,
        "modality": modality, "symmetric": bool(sym),
        "source": {"code": sc, "country": scc} if sc else None,
        "target": {"code": tc, "country": tcc} if tc else None,
        "source_code": sc, "source_country": scc, "target_code": tc, "target_country": tcc,
        "location": {"name": lname, "country": lcountry, "lat": lat, "lon": lon} if lname is not None else None,
        "num_mentions": int(n_m), "num_articles": int(n_a), "num_sources": int(n_s), "confidence": round(conf, 3),
    }


ALIAS_SCHEMA = pa.schema([
    ("alias", _S), ("code", _S), ("country", _S), ("role", _S), ("name", _S), ("first_date", pa.date32()),
    ("last_date", pa.date32()), ("article_id", _S), ("evidence", _S), ("n_seen", _I), ("status", _S),
])


def alias_table(rows: Sequence[tuple]) -> pa.Table:
    return _table(ALIAS_SCHEMA, rows)
