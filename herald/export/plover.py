"""Herald events as PLOVER records (the OEDA PLOVER/POLECAT event fields), JSON or JSON Lines.

PLOVER has no type for CAMEO's public statements (01x), so those events are skipped and
counted. Fields herald does not produce stay empty: `context` is [] unless the event dict
carries a `context` list. CAMEO code, Goldstein, modality and herald's evidence/provenance
ride along as extra fields so a record can be audited against the text.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping, MutableMapping
from typing import IO, Any

from herald.export._common import article_info, as_date, event_url, normalise_event, open_text_out

__all__ = ["plover_record", "write_plover_json"]

log = logging.getLogger(__name__)

_MERGE_KEYS = ("num_mentions", "num_sources", "num_articles", "mention_ids", "first_seen", "last_seen")


def _side(actor: Mapping[str, Any] | None, prefix: str) -> dict[str, Any]:
    a = actor or {}
    return {
        prefix: a.get("name") or a.get("text"),
        f"{prefix}_code": a.get("code"),
        f"{prefix}_country": a.get("country"),
        f"{prefix}_role": a.get("role"),
        f"{prefix}_text": a.get("text"),
    }


def plover_record(ev: Mapping[str, Any], *, articles: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """One event dict -> a PLOVER record, or None when the event has no PLOVER type."""
    ev = normalise_event(ev)
    if not ev.get("plover"):
        return None
    art = article_info(articles, ev.get("article_id"))
    loc = ev.get("location")
    evidence = ev.get("evidence") or {}
    pub = as_date(art.get("date"))
    rec: dict[str, Any] = {
        "id": ev.get("event_id"),
        "date": (d.isoformat() if (d := as_date(ev.get("date"))) else None),
        "event_type": ev["plover"],
        "mode": ev.get("plover_mode") or "",
        "context": list(ev.get("context") or []),
        **_side(ev.get("source"), "actor"),
        **_side(ev.get("target"), "recipient"),
        "location": ({k: loc.get(k) for k in ("name", "country", "lat", "lon")} if loc else None),
        "event_text": evidence.get("sentence"),
        "story_id": ev.get("article_id"),
        "source_url": event_url(ev, art),
        "publisher": art.get("outlet"),
        "publication_date": pub.isoformat() if pub else None,
        "casualties": dict(ev.get("casualties") or {}),
        # CAMEO view of the same event, for users joining with CAMEO/GDELT data
        "cameo": ev.get("cameo"),
        "quad_class": ev.get("quad_class"),
        "goldstein": ev.get("goldstein"),
        "modality": ev.get("modality"),
        "symmetric": ev.get("symmetric"),
        "confidence": ev.get("confidence"),
        "herald": {
            "evidence": {k: evidence.get(k) for k in ("start", "end", "trigger")},
            "provenance": ev.get("provenance"),
            **{k: ev[k] for k in _MERGE_KEYS if ev.get(k) is not None},
        },
    }
    return rec


def _dumps(rec: Mapping[str, Any]) -> str:
    # U+2028/2029/0085 are legal raw in JSON strings but split lines for splitlines()-based
    # readers; they can only occur inside strings here, so escaping them is safe.
    s = json.dumps(rec, ensure_ascii=False, default=str)
    return s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def write_plover_json(events: Iterable[Mapping[str, Any]], out: IO[str] | str | os.PathLike[str], *,
                      articles: Mapping[str, Any] | None = None, jsonl: bool = True,
                      stats: MutableMapping[str, int] | None = None) -> int:
    """Write PLOVER records (one per line, or a JSON array when jsonl=False).

    Returns the number written; events without a PLOVER type are skipped and, when `stats`
    is given, counted in stats["skipped_no_plover"] (also stats["written"]).
    """
    written = skipped = 0
    with open_text_out(out) as fh:
        if not jsonl:
            fh.write("[")
        for ev in events:
            rec = plover_record(ev, articles=articles)
            if rec is None:
                skipped += 1
                continue
            if jsonl:
                fh.write(_dumps(rec) + "\n")
            else:
                fh.write(("\n " if written == 0 else ",\n ") + _dumps(rec))
            written += 1
        if not jsonl:
            fh.write("\n]\n" if written else "]\n")
    if skipped:
        log.info("PLOVER export: %d events without a PLOVER type (CAMEO statements) skipped", skipped)
    if stats is not None:
        stats["written"] = written
        stats["skipped_no_plover"] = skipped
    return written
