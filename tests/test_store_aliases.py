"""Person aliases learned from one article resolve the bare name in later ones, are stored
for review, and a rejected alias is not used again."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from herald.coding import ingest_articles
from herald.records import Article
from herald.store import Store

HERALD = str(Path(sys.executable).with_name("herald"))
INTRO = Article("intro", "Kenyan Foreign Minister Joseph Wachira met Ugandan officials in Kampala on Thursday "
                "to discuss border security.", date=dt.date(2024, 5, 2))
LATER = Article("later", "Wachira accused Somali militants of attacking a police post near the border on Tuesday.",
                date=dt.date(2024, 5, 9))
LATEST = Article("latest", "Wachira criticised Ethiopian officials over the new dam on Friday.",
                 date=dt.date(2024, 5, 17))


def _sources(store: Store, article_id: str) -> set[str | None]:
    return {(e["source"] or {}).get("code") for e in store.events(article_id=article_id)}


def test_learned_alias_is_used_reviewed_and_rejected(tmp_path):
    db = tmp_path / "a.duckdb"
    with Store.open(db) as store:
        ingest_articles(store, [INTRO])
        (row,) = [a for a in store.learned_aliases() if a["alias"] == "Joseph Wachira"]
        assert (row["code"], row["first_date"], row["status"]) == ("KENGOV", "2024-05-02", "learned")
        assert "Foreign Minister" in row["evidence"]
        ingest_articles(store, [LATER])  # the next run knows the name
        assert "KENGOV" in _sources(store, "later")

    listed = subprocess.run([HERALD, "aliases", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "Joseph Wachira" in listed.stdout and "KENGOV" in listed.stdout
    rejected = subprocess.run([HERALD, "aliases", "--db", str(db), "--reject", "Joseph Wachira", "KENGOV"],
                              capture_output=True, text=True, timeout=120)
    assert rejected.returncode == 0, rejected.stderr

    with Store.open(db) as store:
        assert store.learned_aliases(status="rejected")[0]["alias"] == "Joseph Wachira"
        ingest_articles(store, [LATEST])
        assert "KENGOV" not in _sources(store, "latest")  # a rejected alias teaches nothing
