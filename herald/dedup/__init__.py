"""Article de-duplication: find re-posted wire copies before they are coded twice."""

from herald.dedup.minhash import ArticleDeduplicator, DedupRecord, DedupResult, normalise_text

__all__ = ["ArticleDeduplicator", "DedupRecord", "DedupResult", "normalise_text"]
