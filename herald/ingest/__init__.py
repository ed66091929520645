"""Ingest: read news pages (plain text, HTML, JSONL batches) into clean `Article` records.

Bad input never stops a batch: each file or line that cannot become an article comes out
as a `SkippedItem` with its reason, and the reading goes on.
"""

from __future__ import annotations

from herald.ingest.clean import clean_page_text
from herald.ingest.readers import DEMO_PATH, read_inputs

__all__ = ["DEMO_PATH", "clean_page_text", "read_inputs"]
