"""Assemble herald's standard pipeline: parse → actors → events (with dates and places)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from herald.actors import ActorResolver, ActorStage
from herald.events import CoderSettings, EventCoder, EventStage, ModalityPolicy
from herald.parse import DEFAULT_MODEL, ParseStage
from herald.pipeline import ArticleState, Pipeline
from herald.records import Article, ArticleCopy, SkippedItem

if TYPE_CHECKING:
    from herald.dedup import ArticleDeduplicator

__all__ = ["IngestReport", "build_pipeline", "ingest_articles", "run_parallel"]


def build_pipeline(*, model: str | None = None, n_process: int = 1, batch_size: int = 32,
                   policy: ModalityPolicy | None = None, geocode: bool = True, resolve_dates: bool = True,
                   predicates: str | None = None, extra_persons: Sequence[Any] = ()) -> Pipeline:
    """The coding pipeline with every stage in order.

    `model` is any installed spaCy pipeline (name or path); `predicates` a user's own
    predicate file in the layout of herald/events/data/predicates.yaml; `extra_persons` are
    learned person aliases (store rows of `learned_aliases`) the actor resolver uses like its
    own knowledge base.
    """
    from herald.events.lexicon import load_lexicon

    date_resolver = None
    if resolve_dates:
        from herald.dating import resolve_event_date
        date_resolver = resolve_event_date
    geocoder = None
    if geocode:
        from herald.geocoding import Geocoder
        geocoder = Geocoder()
    coder = EventCoder(lexicon=load_lexicon(predicates), settings=CoderSettings(policy=policy or ModalityPolicy()),
                       date_resolver=date_resolver, geocoder=geocoder)
    return Pipeline([
        ParseStage(model=model or DEFAULT_MODEL, n_process=n_process, batch_size=batch_size),
        # the resolver shares the geocoder: towns and regions then give role nouns their country
        ActorStage(resolver=ActorResolver(extra_persons=extra_persons, geocoder=geocoder)),
        EventStage(coder=coder),
    ])


_WORKER: Pipeline | None = None


def _init_worker(kwargs: dict) -> None:
    global _WORKER
    _WORKER = build_pipeline(**kwargs)


def _run_chunk(articles: list[Article]) -> list[ArticleState]:
    assert _WORKER is not None, "worker pipeline not initialised"
    # the spaCy Doc stays in the worker: every offset in actors and events points into the text
    return [dataclasses.replace(s, doc=None) for s in _WORKER.run_batch(articles)]


def run_parallel(articles: Iterable[Article], *, n_process: int = 2, batch_size: int = 32,
                 **build_kwargs) -> Iterator[ArticleState]:
    """Run the whole pipeline (parse, actors, events) in `n_process` worker processes.

    Each worker builds the pipeline once; batches go out and come back in input order.
    Yielded states carry `doc=None` (a Doc is costly to ship between processes).
    """
    if n_process <= 1:
        yield from build_pipeline(**build_kwargs).run(articles, batch_size=batch_size)
        return
    it = iter(articles)
    chunks = iter(lambda: list(itertools.islice(it, batch_size)), [])
    with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker,
                             initargs=(dict(build_kwargs, n_process=1),)) as pool:
        # keep a bounded number of batches in flight so memory stays flat on long inputs
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, chunk))
            if len(pending) >= 2 * n_process:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()


@dataclasses.dataclass(frozen=True, slots=True)
class IngestReport:
    """What `ingest_articles` did with one stream of inputs."""

    read: int = 0            # articles read (not counting skipped inputs)
    new_articles: int = 0    # coded and stored
    present: int = 0         # already in the store (same id as an article or a recorded copy)
    duplicates: int = 0      # exact or near copies of another article: stored as copies, not coded
    new_events: int = 0
    merged_events: int = 0   # merged_events rows (re)written
    skipped: tuple[SkippedItem, ...] = ()
    conflicts: tuple[str, ...] = ()


class _DedupFilter:
    """Decides, article by article, which inputs need coding: not stored yet, not a copy.

    Copies are checked against this run (an in-memory MinHash index) and against the store
    (its LSH buckets), so a wire story re-posted in another batch or another run is stored
    once with every carrier.
    """

    def __init__(self, store, dedup: ArticleDeduplicator | None) -> None:
        self.store = store
        self.dedup = dedup
        self.signatures: dict[str, tuple[bytes, list[str]]] = {}
        self.copies: list[ArticleCopy] = []
        self.canonical: dict[str, str] = {}  # run id -> stored canonical id
        self.present = self.duplicates = self.read = 0

    def __call__(self, articles: Iterable[Article | SkippedItem], skipped: list[SkippedItem], *,
                 chunk: int = 256) -> Iterator[Article]:
        it = iter(articles)
        while True:
            items = list(itertools.islice(it, chunk))
            if not items:
                return
            yield from self._chunk(items, skipped)

    def _chunk(self, items: list[Article | SkippedItem], skipped: list[SkippedItem]) -> Iterator[Article]:
        """One store lookup for the ids of a chunk and one for its LSH buckets, then decide
        article by article in input order (an earlier article of the chunk can be the
        canonical of a later one)."""
        arts = [x for x in items if not isinstance(x, SkippedItem)]
        stored = self.store.seen_ids([a.id for a in arts])
        sigs: dict[str, tuple[bytes, list[str]]] = {}
        if self.dedup is not None:
            for a in arts:
                if a.id not in stored and a.id not in self.canonical and a.id not in sigs:
                    sig = self.dedup.signature(a)
                    sigs[a.id] = (sig, self.dedup.lsh_keys(sig))
        buckets = self.store.dedup_candidates([k for _, keys in sigs.values() for k in keys]) if sigs else {}
        for item in items:
            if isinstance(item, SkippedItem):
                skipped.append(item)
                continue
            self.read += 1
            a = item
            if a.id in self.canonical or a.id in stored:
                self.present += 1
                continue
            if self.dedup is None:
                self.canonical[a.id] = a.id
                yield a
                continue
            sig, keys = sigs[a.id]
            first = self.dedup.add_signature(a.id, sig, url=a.url, outlet=a.outlet)
            match: tuple[str, float] | None = None
            if first.is_duplicate:
                match = (self.canonical[first.canonical_id], first.similarity)
            else:
                cands = {aid: csig for k in keys for aid, csig in buckets.get(k, ())}
                for cand in sorted(cands):
                    sim, _ = self.dedup.similarity(sig, cands[cand])
                    if sim >= self.dedup.threshold and (match is None or sim > match[1]):
                        match = (cand, sim)
            if match is not None:
                self.duplicates += 1
                self.canonical[a.id] = match[0]
                self.copies.append(ArticleCopy(match[0], a.id, match[1], a.url, a.outlet, a.origin, a.date))
                continue
            self.canonical[a.id] = a.id
            self.signatures[a.id] = (sig, keys)
            yield a


def ingest_articles(store, items: Iterable[Article | SkippedItem], *, batch_size: int = 64, n_process: int = 1,
                    dedup: bool | ArticleDeduplicator = True, pipeline: Pipeline | None = None,
                    on_state=None, learn: bool = True, use_learned: bool = True,
                    **build_kwargs) -> IngestReport:
    """Dedup, code and store a stream of articles; each batch (with its copies and dedup index
    rows) is one transaction, so an interrupted run loses nothing committed and a re-run adds
    nothing. New mentions are merged into real-world events once, at the end of the run (one
    more transaction); a run killed before that leaves them pending and the next run merges them.

    `dedup` is True (default MinHash settings), False, or an `ArticleDeduplicator` with a
    user's own settings. `pipeline` reuses an already built pipeline (one process); otherwise
    one is built from `build_kwargs` (see `build_pipeline`), in `n_process` workers.
    `on_state` is called with each stored `ArticleState` (progress bars, live views).
    With `learn`, person aliases read in new articles ("Kenyan Foreign Minister X") are
    recorded in the store for review; with `use_learned`, the ones not rejected so far are
    given to the actor resolver (when herald builds the pipeline).
    """
    from herald.actors.learning import learn_aliases
    from herald.dedup import ArticleDeduplicator

    if dedup is True:
        dedup = ArticleDeduplicator()
    skipped: list[SkippedItem] = []
    filt = _DedupFilter(store, None if dedup is False or dedup is None else dedup)
    to_code = filt(items, skipped)
    if use_learned and pipeline is None and "extra_persons" not in build_kwargs:
        known = [a for a in store.learned_aliases() if a["status"] != "rejected"]
        if known:
            build_kwargs["extra_persons"] = known
    # build the pipeline (spaCy's model, worker processes) only if something needs coding:
    # a re-run of a stored corpus, or a batch of copies, then costs no model load
    first = next(to_code, None)
    if first is None:
        states: Iterable[ArticleState] = ()
    elif pipeline is not None:
        states = pipeline.run(itertools.chain([first], to_code), batch_size=batch_size)
    else:
        states = run_parallel(itertools.chain([first], to_code), n_process=n_process, batch_size=batch_size,
                              **build_kwargs)
    totals = {"new_articles": 0, "new_events": 0, "merged_events": 0}
    conflicts: list[str] = []
    stored: set[str] = set()

    def flush(batch: list[ArticleState], *, final: bool = False) -> None:
        ids = {s.article.id for s in batch}
        ready = [c for c in filt.copies if final or c.article_id in stored or c.article_id in ids]
        filt.copies = [c for c in filt.copies if c not in ready]
        sigs = [(aid, *filt.signatures.pop(aid)) for aid in ids if aid in filt.signatures]
        if batch:
            r = store.add_batch(batch, copies=ready, signatures=sigs, merge=False,
                                aliases=learn_aliases(batch) if learn else ())
            totals["new_articles"] += r.new_articles
            totals["new_events"] += r.new_events
            totals["merged_events"] += r.merged_events
            conflicts.extend(r.conflicts)
            stored.update(ids)
        elif ready:
            store.add_copies(ready)
        if skipped:
            store.add_skipped(skipped)
            report_skipped.extend(skipped)
            skipped.clear()

    report_skipped: list[SkippedItem] = []
    batch: list[ArticleState] = []
    for state in states:
        batch.append(state)
        if on_state is not None:
            on_state(state)
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    flush(batch, final=True)
    # one merge for the whole run (and for anything an interrupted run left unmerged)
    totals["merged_events"] += store.remerge()
    return IngestReport(read=filt.read, new_articles=totals["new_articles"], present=filt.present,
                        duplicates=filt.duplicates, new_events=totals["new_events"],
                        merged_events=totals["merged_events"], skipped=tuple(report_skipped),
                        conflicts=tuple(conflicts))
