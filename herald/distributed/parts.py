"""A shard's coded output as Parquet files, and back to article states for the store.

The columns are the store's own (herald.store.rows builds both), so a shard folder can be
queried with any Parquet reader as it is. Reading back rebuilds the exact `ArticleState`s
the worker coded (minus the spaCy Doc): the final load then goes through the same store
ingest path as a single-process run, dedup and merging included.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from herald.pipeline import ArticleState
from herald.records import Actor, ActorMention, Article, Event, Evidence, Location, Provenance, SkippedItem
from herald.store import rows as R

__all__ = ["PARTS", "PartsWriter", "parts_complete", "read_parts"]

PARTS = ("articles", "actors", "mentions", "events", "skipped")
_SCHEMAS = {"articles": R.ARTICLE_SCHEMA, "actors": R.ACTOR_SCHEMA, "mentions": R.MENTION_SCHEMA,
            "events": R.EVENT_SCHEMA, "skipped": R.SKIPPED_SCHEMA}


class PartsWriter:
    """Streams states into one Parquet file per table (a row group per batch), so a shard's
    memory stays one batch deep."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=False)
        self._writers = {name: pq.ParquetWriter(self.folder / f"{name}.parquet", _SCHEMAS[name])
                         for name in PARTS}
        self._actors: set[str] = set()
        self._ids: set[str] = set()
        self._now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)

    def _write(self, name: str, table: pa.Table) -> None:
        if table.num_rows:
            self._writers[name].write_table(table)

    def add(self, states: Sequence[ArticleState]) -> None:
        mentions, events, actors = [], [], {}
        for s in states:
            # an article met twice in a shard (same id = same text) was coded the same way twice:
            # its copy keeps an article row, its actors and events are written once
            if s.article.id in self._ids:
                continue
            self._ids.add(s.article.id)
            for i, m in enumerate(s.actors or ()):
                mentions.append((s.article.id, i, m))
                actors.setdefault(R.actor_id(m.actor), m.actor)
            for e in s.events or ():
                events.append(e)
                for m in (e.source, e.target):
                    if m is not None:
                        actors.setdefault(R.actor_id(m.actor), m.actor)
        fresh = [a for k, a in actors.items() if k not in self._actors]
        self._actors.update(actors)
        self._write("articles", R.article_table([s.article for s in states], now=self._now))
        self._write("actors", R.actor_table(fresh))
        self._write("mentions", R.mention_table(mentions))
        self._write("events", R.event_table(events))

    def skipped(self, items: Sequence[SkippedItem]) -> None:
        self._write("skipped", R.skipped_table(list(items), now=self._now))

    def close(self) -> None:
        for w in self._writers.values():
            w.close()
        # the files' data must be on disk before the folder is renamed into place
        for name in PARTS:
            with open(self.folder / f"{name}.parquet", "rb") as fh:
                os.fsync(fh.fileno())


def parts_complete(folder: Path) -> bool:
    return all((Path(folder) / f"{name}.parquet").is_file() for name in PARTS)


def _read(folder: Path, name: str) -> list[dict]:
    return pq.read_table(Path(folder) / f"{name}.parquet", schema=_SCHEMAS[name]).to_pylist()


def _side(r: dict, prefix: str, actors: dict[str, Actor], by_span: dict) -> ActorMention | None:
    aid = r[f"{prefix}_actor_id"]
    if aid is None:
        return None
    start, end = r[f"{prefix}_start"], r[f"{prefix}_end"]
    known = by_span.get((start, end, aid))
    if known is not None:  # the very mention object of the article's actor list
        return known
    actor = actors.get(aid) or Actor(r[f"{prefix}_code"], r[f"{prefix}_country"], r[f"{prefix}_role"],
                                     r[f"{prefix}_name"], r[f"{prefix}_kind"] or "state")
    return ActorMention(text=r[f"{prefix}_text"], start=start, end=end, tok_start=-1, tok_end=-1, actor=actor,
                        rule="event")


def read_parts(folder: Path) -> tuple[list[ArticleState], list[SkippedItem]]:
    """The shard's article states in coding order, and its skipped items."""
    actors = {r["actor_id"]: Actor(r["code"], r["country"], r["role"], r["name"], r["kind"])
              for r in _read(folder, "actors")}
    mentions: dict[str, list[ActorMention]] = defaultdict(list)
    for r in sorted(_read(folder, "mentions"), key=lambda r: r["idx"]):
        mentions[r["article_id"]].append(ActorMention(
            text=r["text"], start=r["char_start"], end=r["char_end"], tok_start=r["tok_start"],
            tok_end=r["tok_end"], actor=actors[r["actor_id"]], rule=r["rule"]))
    events: dict[str, list[Event]] = defaultdict(list)
    spans = {aid: {(m.start, m.end, R.actor_id(m.actor)): m for m in ms} for aid, ms in mentions.items()}
    for r in _read(folder, "events"):
        by_span = spans.get(r["article_id"], {})
        loc = (Location(r["location_name"], r["location_country"], r["location_lat"], r["location_lon"],
                        r["location_feature"], r["location_geonameid"]) if r["location_name"] is not None else None)
        events[r["article_id"]].append(Event(
            article_id=r["article_id"], event_id=r["event_id"], date=r["date"], cameo=r["cameo"],
            cameo_root=r["cameo_root"], quad_class=int(r["quad_class"]), goldstein=r["goldstein"],
            plover=r["plover"], source=_side(r, "source", actors, by_span), target=_side(r, "target", actors, by_span),
            location=loc, evidence=Evidence(r["evidence_sentence"], r["evidence_start"], r["evidence_end"],
                                            r["evidence_trigger"], r["trigger_start"], r["trigger_end"]),
            confidence=r["confidence"], modality=r["modality"], plover_mode=r["plover_mode"],
            casualties=json.loads(r["casualties"]) if r["casualties"] else {}, symmetric=bool(r["symmetric"]),
            provenance=Provenance(r["provenance_stage"], r["provenance_version"], r["provenance_rule"])))
    states = []
    for r in _read(folder, "articles"):
        art = Article(id=r["id"], text=r["text"], title=r["title"], outlet=r["outlet"], url=r["url"],
                      date=r["date"], origin=r["origin"], content_hash=r["content_hash"])
        states.append(ArticleState(article=art, actors=tuple(mentions.get(art.id, ())),
                                   events=tuple(events.get(art.id, ()))))
    skipped = [SkippedItem(origin=r["origin"], reason=r["reason"]) for r in _read(folder, "skipped")]
    return states, skipped
