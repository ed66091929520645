"""Near-duplicate detection for articles with MinHash + LSH over word shingles.

Why: the same wire story is re-posted by many outlets with another headline, byline,
footer, punctuation or a dateline ("CAIRO (Reuters) -"). Coding every copy would count one
event many times, so each article is mapped to a *canonical* article (the first copy seen)
and every (url, outlet) that carried it is kept: the copies are evidence of reach, not new
events.

How:
1. the body text is normalised: Unicode NFKC, a leading dateline removed, lowercased,
   apostrophes/periods inside words dropped ("U.S." == "US"), every other punctuation
   mark a space, whitespace collapsed;
2. an exact copy (same SHA-256 of the normalised text) is found by hash, before LSH;
3. otherwise the set of word `shingle`-grams is MinHashed; LSH (set a little below
   `threshold` so borderline pairs are not lost to banding) proposes candidates and a
   candidate is accepted when the estimated Jaccard similarity is >= `threshold`.
   Every article (not only canonicals) is indexed, so a copy of a copy still finds the
   first article; the canonical of the best-matching candidate is used.

Defaults (word 3-shingles, threshold 0.5), measured in tests/test_dedup_minhash.py: one
changed word breaks up to `shingle` shingles, so a copy with 5% of its words dropped or
replaced plus a few boilerplate lines keeps a Jaccard of about 0.6-0.8 with 3-shingles
(0.45-0.7 with 5-shingles), while unrelated texts - even on the same topic - stay under
0.02. 5-shingles with 0.5 lose ~8% of such copies and with 0.8 nearly all of them; 0.8
only catches near-verbatim re-posts.

Persistence: `signature(article)` returns bytes holding the parameters, the exact-text
hash and the MinHash values; `export()` gives one `DedupRecord` per article and
`ArticleDeduplicator.load(records)` rebuilds the index, so a store can dedup across runs.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from herald.records import Article

__all__ = ["ArticleDeduplicator", "DedupRecord", "DedupResult", "normalise_text"]

# A leading dateline: an upper-case place ("CAIRO", "KYIV, Ukraine, March 3") and/or an
# agency in brackets ("(Reuters)", "(AP)"), then a dash. Only at the very start.
_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\w.'’ ]{0,30}){0,3})?\s*
    (?P<agency>\([A-Za-z][^()\n]{0,40}\))?\s*
    [-–—:]{1,2}\s+""",
    re.VERBOSE,
)
_JOINERS = re.compile(r"[\u0027\u2018\u2019\u02bc`.]")  # removed inside words: U.S. -> us
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

_MAGIC = b"HDS1"  # version 1: datasketch affine32 scheme, seed 1
_SCHEME = "affine32"
_HEADER = struct.Struct(">4sBH32sB")  # magic, shingle, num_perm, sha256, has-shingles flag


def normalise_text(text: str) -> str:
    """The text dedup compares: template, punctuation and case differences removed."""
    text = unicodedata.normalize("NFKC", text)
    m = _DATELINE.match(text[:160])
    if m and (m.group("place") or m.group("agency")):
        text = text[m.end():]
    text = _JOINERS.sub("", text.lower())
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class DedupResult:
    """What `add` decided for one article.

    `similarity` is the estimated Jaccard to the matched article (1.0 for an exact copy);
    for a new canonical it is the best similarity among the LSH candidates (0.0 if none),
    a diagnostic of how close the nearest miss was.
    """

    canonical_id: str
    is_duplicate: bool
    similarity: float
    exact: bool


@dataclass(frozen=True, slots=True)
class DedupRecord:
    """One article's persistent dedup state (what a store keeps to dedup across runs)."""

    article_id: str
    canonical_id: str
    signature: bytes
    url: str | None = None
    outlet: str | None = None
    similarity: float = 0.0
    exact: bool = False


class ArticleDeduplicator:
    """Maps every added article to the first-seen copy of the same text."""

    def __init__(self, *, threshold: float = 0.5, num_perm: int = 128, shingle: int = 3) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle < 1 or not 16 <= num_perm <= 65535:
            raise ValueError("shingle must be >= 1 and num_perm in [16, 65535]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        # LSH a little below the acceptance threshold: banding misses pairs near its
        # own threshold, the exact check afterwards removes the extra candidates.
        self._lsh = MinHashLSH(threshold=max(0.1, threshold - 0.15), num_perm=num_perm)
        self._hashes: dict[str, np.ndarray] = {}
        self._exact: dict[bytes, str] = {}
        self._records: dict[str, DedupRecord] = {}  # insertion order = arrival order
        self._carriers: dict[str, list[str]] = {}
        self._template = MinHash(num_perm=num_perm, seed=1, scheme=_SCHEME)  # permutations, once

    # -- signatures -------------------------------------------------------------------
    def shingles(self, text: str) -> set[str]:
        words = normalise_text(text).split()
        k = self.shingle
        if len(words) < k:
            return {" ".join(words)} if words else set()
        return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}

    def signature_of_text(self, text: str) -> bytes:
        digest = hashlib.sha256(normalise_text(text).encode("utf-8")).digest()
        sh = self.shingles(text)
        m = MinHash(num_perm=self.num_perm, seed=1, permutations=self._template.permutations,
                    scheme=_SCHEME)
        if sh:
            m.update_batch([s.encode("utf-8") for s in sh])
        head = _HEADER.pack(_MAGIC, self.shingle, self.num_perm, digest, 1 if sh else 0)
        return head + m.hashvalues.astype("<u8").tobytes()

    def signature(self, article: Article) -> bytes:
        """Bytes that fully describe `article` for dedup (parameters, exact hash, MinHash)."""
        return self.signature_of_text(article.text)

    def _unpack(self, signature: bytes) -> tuple[bytes, bool, np.ndarray]:
        magic, k, perm, digest, flag = _HEADER.unpack_from(signature)
        if magic != _MAGIC:
            raise ValueError("not a herald dedup signature")
        if (k, perm) != (self.shingle, self.num_perm):
            raise ValueError(f"signature made with shingle={k}, num_perm={perm}; "
                             f"this index uses shingle={self.shingle}, num_perm={self.num_perm}")
        values = np.frombuffer(signature, dtype="<u8", offset=_HEADER.size).astype(np.uint64)
        if len(values) != perm:
            raise ValueError("truncated dedup signature")
        return digest, bool(flag), values

    # -- adding -----------------------------------------------------------------------
    def add(self, article: Article) -> DedupResult:
        return self.add_signature(article.id, self.signature(article), url=article.url,
                                  outlet=article.outlet)

    def add_signature(self, article_id: str, signature: bytes, *, url: str | None = None,
                      outlet: str | None = None) -> DedupResult:
        """Add one article by its signature; adding the same id twice returns the first answer."""
        old = self._records.get(article_id)
        if old is not None:
            return DedupResult(old.canonical_id, old.canonical_id != article_id, old.similarity, old.exact)
        digest, has_shingles, values = self._unpack(signature)
        hit = self._exact.get(digest)
        if hit is not None:
            result = DedupResult(self._records[hit].canonical_id, True, 1.0, True)
        else:
            self._exact[digest] = article_id
            result = DedupResult(article_id, False, 0.0, False)
            if has_shingles:
                result = self._near(article_id, values)
                self._lsh.insert(article_id, self._minhash(values), check_duplication=False)
        self._hashes[article_id] = values
        self._store(DedupRecord(article_id, result.canonical_id, bytes(signature), url, outlet,
                                result.similarity, result.exact))
        return result

    def _near(self, article_id: str, values: np.ndarray) -> DedupResult:
        best_id, best_sim = None, 0.0
        order = {k: i for i, k in enumerate(self._records)}
        for cand in self._lsh.query(self._minhash(values)):
            sim = float(np.mean(self._hashes[cand] == values))
            if sim > best_sim or (sim == best_sim and best_id is not None and order[cand] < order[best_id]):
                best_id, best_sim = cand, sim
        if best_id is not None and best_sim >= self.threshold:
            return DedupResult(self._records[best_id].canonical_id, True, best_sim, False)
        return DedupResult(article_id, False, best_sim, False)

    def _store(self, rec: DedupRecord) -> None:
        self._records[rec.article_id] = rec
        self._carriers.setdefault(rec.canonical_id, []).append(rec.article_id)

    def _minhash(self, values: np.ndarray) -> MinHash:
        return MinHash(num_perm=self.num_perm, seed=1, hashvalues=values,
                       permutations=self._template.permutations, scheme=_SCHEME)

    # -- persistence ------------------------------------------------------------------
    def export(self) -> list[DedupRecord]:
        """Every article's state, in arrival order (feed back to `load`)."""
        return list(self._records.values())

    @classmethod
    def load(cls, items: Iterable[DedupRecord | tuple], *, threshold: float = 0.5,
             num_perm: int = 128, shingle: int = 3) -> ArticleDeduplicator:
        """Rebuild an index from `DedupRecord`s (restored as decided) or from
        `(article_id, signature[, url, outlet])` tuples (re-decided, in the given order)."""
        self = cls(threshold=threshold, num_perm=num_perm, shingle=shingle)
        for item in items:
            if isinstance(item, DedupRecord):
                self._restore(item)
            else:
                aid, sig, *rest = item
                url, outlet = (list(rest) + [None, None])[:2]
                self.add_signature(aid, sig, url=url, outlet=outlet)
        return self

    def _restore(self, rec: DedupRecord) -> None:
        if rec.article_id in self._records:
            return
        digest, has_shingles, values = self._unpack(rec.signature)
        self._exact.setdefault(digest, rec.article_id)
        if has_shingles and not rec.exact:
            self._lsh.insert(rec.article_id, self._minhash(values), check_duplication=False)
        self._hashes[rec.article_id] = values
        self._store(rec)

    # -- persistent index (a store keeps these, see herald.coding.ingest_articles) ----------
    def lsh_keys(self, signature: bytes) -> list[str]:
        """The LSH bucket keys ("band:hash") of a signature, the same bands this index uses.

        A store that keeps these keys per article finds near-duplicate candidates with one
        lookup instead of holding every signature in memory. An article without shingles
        (empty after normalisation) has no keys.
        """
        _, has_shingles, values = self._unpack(signature)
        if not has_shingles:
            return []
        r = self._lsh.r
        keys = []
        for band in range(self._lsh.b):
            chunk = values[band * r:(band + 1) * r].astype("<u8").tobytes()
            keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
        return keys

    def similarity(self, a: bytes, b: bytes) -> tuple[float, bool]:
        """(estimated Jaccard, exact copy) of two signatures made with this index's parameters."""
        da, _, va = self._unpack(a)
        db, _, vb = self._unpack(b)
        if da == db:
            return 1.0, True
        return float(np.mean(va == vb)), False

    # -- queries ----------------------------------------------------------------------
    @property
    def seen_ids(self) -> frozenset[str]:
        return frozenset(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._records

    def canonical_of(self, article_id: str) -> str:
        return self._records[article_id].canonical_id

    def canonical_ids(self) -> list[str]:
        """Canonical articles in arrival order."""
        return [a for a, r in self._records.items() if r.canonical_id == a]

    def carriers(self, canonical_id: str) -> list[tuple[str | None, str | None, str]]:
        """(url, outlet, article_id) of every copy of `canonical_id`, itself first."""
        return [(self._records[a].url, self._records[a].outlet, a)
                for a in self._carriers.get(canonical_id, [])]


