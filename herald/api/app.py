"""The HTTP API (FastAPI): query a herald store, ingest new articles, serve the dashboard.

Read endpoints are open. Write endpoints (POST /api/ingest) need `Authorization: Bearer
<token>` with the token the operator configured (`herald serve --token`, or the environment
variable HERALD_API_TOKEN); with no token configured, write endpoints are disabled and answer
403, and the store is opened read-only. Costs are bounded: request bodies above `max_body_bytes`
are refused with 413 before they are read, pages are capped (limit <= 1000), intervals and
sort orders come from whitelists, and every read query has a time limit. Client mistakes get a
4xx answer with `{"detail": "..."}`; the contract is docs/API_CONTRACT.md.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from herald import __version__
from herald.api import query as q
from herald.api.cube import CubeHolder
from herald.api.stores import QueryTimeout, StorePool
from herald.records import Article, SkippedItem
from herald.store.schema import StoreError

__all__ = ["DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_ARTICLES", "STATIC_DIR", "create_app"]

DEFAULT_MAX_BODY_BYTES = 10_000_000
DEFAULT_MAX_ARTICLES = 200
MAX_OFFSET = 10_000_000
STATIC_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "static"


class BodyLimit:
    """Refuse request bodies above `max_bytes` with 413: at once when Content-Length says so,
    otherwise as soon as the streamed body passes the limit (chunked uploads)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    await _send_detail(send, 400, "bad Content-Length header")
                    return
                if too_big:
                    await _send_detail(send, 413, f"request body larger than {self.max_bytes} bytes")
                    return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except _TooLarge:
            if not started:
                await _send_detail(send, 413, f"request body larger than {self.max_bytes} bytes")


class _TooLarge(Exception):
    pass


async def _send_detail(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


class _Cache:
    """Answers of read queries, kept until the store changes (LRU, `size` entries; 0 disables).

    A DuckDB file has one writer, and while the server holds it that writer is the server:
    every change comes through `bump()` after an ingest, so cached answers are never stale.
    A PostgreSQL store may be written by other processes, so there answers expire after `ttl_s`.
    """

    def __init__(self, size: int, *, ttl_s: float | None) -> None:
        self.size, self.ttl_s = size, ttl_s
        self._data: OrderedDict[Any, tuple[int, float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.version = 0

    def bump(self) -> None:
        with self._lock:
            self.version += 1
            self._data.clear()

    def get(self, key: Any) -> Any:
        if not self.size:
            return None
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                return None
            version, at, value = hit
            if version != self.version or (self.ttl_s is not None and time.monotonic() - at > self.ttl_s):
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return value

    def put(self, key: Any, version: int, value: Any) -> None:
        if not self.size:
            return
        with self._lock:
            if version != self.version:  # the store changed while this was computed
                return
            self._data[key] = (version, time.monotonic(), value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


class _Coder:
    """The coding pipeline, built on first use (loading spaCy takes seconds) and then reused."""

    def __init__(self, factory: Callable[[], Any] | None) -> None:
        self._factory = factory
        self._pipeline = None
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._pipeline is None:
                if self._factory is None:
                    from herald.coding import build_pipeline
                    self._pipeline = build_pipeline()
                else:
                    self._pipeline = self._factory()
            return self._pipeline


def _read_items(records: Sequence[Any], uploads: Sequence[tuple[str, bytes]]) -> list[Article | SkippedItem]:
    """JSON records and uploaded files through ingest's own readers (same cleaning and skips as the CLI)."""
    from herald.ingest import readers

    out: list[Article | SkippedItem] = []
    for i, rec in enumerate(records):
        origin = f"api:articles[{i}]"
        if not isinstance(rec, dict):
            out.append(SkippedItem(origin, f"not a JSON object but {type(rec).__name__}"))
            continue
        line = json.dumps(rec, ensure_ascii=False).encode("utf-8")
        for item in readers._read_one(line, origin=origin, fmt="jsonl", allow_jsonl=True, default_date=None):
            if isinstance(item, SkippedItem):  # the reader numbers lines; one record is one line
                item = SkippedItem(origin, item.reason)
            out.append(item)
    for name, data in uploads:
        origin = f"api:upload:{name}"
        out.extend(readers._read_one(data, origin=origin, fmt=readers._format_for(name, "auto"), allow_jsonl=True,
                                     default_date=None))
    return out


def create_app(*, db: str | Path, token: str | None = None, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
               max_articles: int = DEFAULT_MAX_ARTICLES, readers: int = 8, query_timeout_s: float | None = 10.0,
               static_dir: str | Path | None = None, pipeline_factory: Callable[[], Any] | None = None,
               cache_size: int = 1024, cache_ttl_s: float = 10.0, cube: bool = True) -> FastAPI:
    """The API over the store at `db` (DuckDB file or PostgreSQL URL).

    `token`: the bearer token for write endpoints; None disables them (403) and opens the
    store read-only. `pipeline_factory` builds the coding pipeline on the first ingest
    (default `herald.coding.build_pipeline()`); it is built once and reused. Read answers
    are cached (`cache_size` entries, 0 = off) until an ingest changes the store; for
    PostgreSQL, which other processes may write, for at most `cache_ttl_s` seconds. With
    `cube` (DuckDB only), aggregates are answered from an in-memory cube of merged events
    (herald.api.cube), built at start and rebuilt after each ingest.
    """
    token = token or None
    pool = StorePool(str(db), writable=token is not None, readers=readers, timeout_s=query_timeout_s)
    coder = _Coder(pipeline_factory)
    cache = _Cache(cache_size, ttl_s=cache_ttl_s if pool.backend == "postgres" else None)
    cubes = CubeHolder(pool, enabled=cube)
    try:
        cubes.build_now(cache.version)
    except BaseException:
        pool.close()
        raise
    static = Path(static_dir) if static_dir is not None else STATIC_DIR

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        cubes.close()
        pool.close()

    app = FastAPI(title="herald", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description=__doc__.split("\n\n", 1)[1].replace("\n", " "))
    _mount_api_docs(app)
    app.state.pool = pool
    app.state.coder = coder
    app.state.cache = cache
    app.state.cubes = cubes
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"detail": _validation_detail(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(ValueError)
    async def _value(request: Request, exc: ValueError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def read(fn: Callable[..., Any], *args, cubed: bool = False, **kwargs) -> Any:
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        found = cache.get(key)
        if found is not None:
            return found
        version = cache.version
        if cubed:
            kwargs["cube"] = cubes.current(version)
        with pool.reader() as store:
            try:
                value = fn(store, *args, **kwargs)
                cache.put(key, version, value)
                return value
            except Exception as exc:  # PostgreSQL's statement_timeout
                if type(exc).__name__ == "QueryCanceled":
                    raise QueryTimeout(f"the query took longer than {query_timeout_s:g} s and was stopped; "
                                       "narrow the filters") from exc
                raise

    def filters(start: dt.date | None = Query(None, description="Earliest event date (inclusive)."),
                end: dt.date | None = Query(None, description="Latest event date (inclusive)."),
                actor: str | None = Query(None, max_length=200, description="Actor code prefix or name substring."),
                country: str | None = Query(None, description="ISO alpha-3 country, as source or target."),
                source_country: str | None = Query(None),
                target_country: str | None = Query(None),
                dyad: str | None = Query(None, description="Two countries or code prefixes, either direction: RUS-ISR."),
                cameo_root: str | None = Query(None, description="CAMEO root, 01..20."),
                plover: str | None = Query(None, description="PLOVER type, e.g. ASSAULT."),
                quad_class: int | None = Query(None, ge=1, le=4),
                place: str | None = Query(None, max_length=200, description="Location name substring or ISO3."),
                min_mentions: int | None = Query(None, ge=0, le=1_000_000,
                                                 description="Merged events only: at least this many mentions."),
                ) -> q.Filters:
        return q.Filters.parse(start=start, end=end, actor=actor, country=country, source_country=source_country,
                               target_country=target_country, dyad=dyad, cameo_root=cameo_root, plover=plover,
                               quad_class=quad_class, place=place, min_mentions=min_mentions)

    def require_token(request: Request) -> None:
        if token is None:
            raise HTTPException(403, "write endpoints are disabled: start herald serve with --token "
                                     "(or HERALD_API_TOKEN) to enable them")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "missing bearer token (Authorization: Bearer <token>)",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(403, "wrong token")

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict:
        return {"ok": True}

    @app.get("/api/stats", tags=["store"])
    def stats() -> dict:
        """Store sizes, date range, events per CAMEO root, top dyads (`Store.stats()`)."""
        cube = cubes.current(cache.version)
        if cube is not None and cube.stats is not None:
            return cube.stats
        return read(_stats)

    @app.get("/api/events", tags=["events"])
    def events(f: q.Filters = Depends(filters), merged: bool = True,
               limit: int = Query(100, ge=1, le=q.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET),
               sort: Literal["date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"] = "date") -> dict:
        """A page of merged events (default) or of event mentions (`merged=false`), with the total."""
        return read(q.events_page, f, merged=merged, limit=limit, offset=offset, sort=sort, cubed=True)

    @app.get("/api/events/{merged_id}", tags=["events"])
    def event(merged_id: str = PathParam(..., max_length=200)) -> dict:
        """One merged event with every mention, its evidence offsets and article."""
        out = read(q.event_detail, merged_id)
        if out is None:
            raise HTTPException(404, f"no merged event {merged_id!r}")
        return out

    @app.get("/api/mentions/{event_id}", tags=["events"])
    def mention(event_id: str = PathParam(..., max_length=200)) -> dict:
        """One event mention, with evidence offsets and its article."""
        out = read(q.mention, event_id)
        if out is None:
            raise HTTPException(404, f"no event mention {event_id!r}")
        return out

    @app.get("/api/actors", tags=["actors"])
    def actors(q_: str | None = Query(None, alias="q", max_length=200), limit: int = Query(50, ge=1, le=q.MAX_LIMIT)
               ) -> list:
        """Actors (code prefix, name or alias text match), busiest first, with their aliases and counts."""
        return read(q.actors, q=q_, limit=limit, cubed=True)

    @app.get("/api/series", tags=["aggregates"])
    def series(f: q.Filters = Depends(filters), interval: Literal["day", "week", "month"] = "week",
               merged: bool = True) -> list:
        """Events per period: count, summed and mean Goldstein, QuadClass shares."""
        return read(q.series, f, interval=interval, merged=merged, cubed=True)

    @app.get("/api/network", tags=["aggregates"])
    def network(f: q.Filters = Depends(filters), limit: int = Query(50, ge=1, le=q.MAX_LIMIT),
                merged: bool = True) -> dict:
        """The busiest source -> target actor pairs and their actors."""
        return read(q.network, f, limit=limit, merged=merged, cubed=True)

    @app.get("/api/places", tags=["aggregates"])
    def places(f: q.Filters = Depends(filters), limit: int = Query(500, ge=1, le=q.MAX_PLACES),
               merged: bool = True) -> list:
        """Events per place with coordinates, mean Goldstein and QuadClass shares."""
        return read(q.places, f, limit=limit, merged=merged, cubed=True)

    @app.get("/api/articles", tags=["articles"])
    def articles(limit: int = Query(100, ge=1, le=q.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> list:
        """Stored articles, oldest ingested first, with event counts (no text)."""
        return read(q.articles, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str = PathParam(..., max_length=500)) -> dict:
        """One article with its text, its events and the copies ingest saw of it."""
        out = read(q.article, article_id)
        if out is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return out

    def ingest_items(items: list[Article | SkippedItem]) -> dict:
        try:
            return _ingest(pool, coder, items)
        finally:
            cache.bump()
            cubes.current(cache.version)  # rebuild the cube in the background now

    @app.post("/api/ingest", tags=["write"], dependencies=[Depends(require_token)], openapi_extra={
        "requestBody": {"content": {
            "application/json": {"schema": {"type": "object", "required": ["articles"], "properties": {
                "articles": {"type": "array", "items": {"type": "object", "properties": {
                    k: {"type": "string"} for k in ("text", "html", "title", "url", "outlet", "date", "id")}}}}}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}})
    async def ingest(request: Request) -> dict:
        """Code new articles with the full pipeline and store them (needs the bearer token).

        Body: JSON `{"articles": [{"text" or "html", "title", "url", "outlet", "date", "id"}]}`,
        or multipart/form-data with one or more files (text, HTML or JSONL, as `herald ingest`).
        Write endpoints are disabled (403) when the server has no token configured.
        """
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        records: list[Any] = []
        uploads: list[tuple[str, bytes]] = []
        if ctype == "application/json":
            raw = await request.body()
            try:
                body = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                raise HTTPException(400, f"malformed JSON: {exc}") from None
            if not isinstance(body, dict) or not isinstance(body.get("articles"), list):
                raise HTTPException(422, 'the body must be a JSON object {"articles": [...]}')
            records = body["articles"]
        elif ctype == "multipart/form-data":
            try:
                form = await request.form(max_files=max_articles, max_fields=max_articles)
            except Exception as exc:  # malformed multipart: python-multipart / starlette errors
                raise HTTPException(400, f"malformed multipart body: {exc}") from None
            for _, value in form.multi_items():
                if hasattr(value, "read"):
                    uploads.append((Path(value.filename or "upload").name, await value.read()))
            if not uploads:
                raise HTTPException(422, "no files in the multipart body")
        else:
            raise HTTPException(415, "send application/json or multipart/form-data")
        if len(records) + len(uploads) > max_articles:
            raise HTTPException(413, f"at most {max_articles} articles or files per request")
        if not records and not uploads:
            raise HTTPException(422, "no articles given")
        items = await run_in_threadpool(_read_items, records, uploads)
        return await run_in_threadpool(ingest_items, items)

    _mount_dashboard(app, static)
    return app


def _stats(store) -> dict:
    return store.stats()


def _ingest(pool: StorePool, coder: _Coder, items: list[Article | SkippedItem]) -> dict:
    """Dedup, code and store the new articles (one write at a time); each article's status.

    Uses `herald.coding.ingest_articles` (exact/near-duplicate detection, coding, storing and
    merging in one path shared with `herald ingest`) with the server's one pipeline.
    """
    from herald import coding

    arts = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, SkippedItem)]
    stored: dict[str, list[dict]] = {}
    with pool.writer() as store:
        ids = list(dict.fromkeys(a.id for a in arts))
        before = {r[0] for r in store.fetch(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) UNION "
            "SELECT copy_id FROM article_copies WHERE copy_id IN (SELECT unnest(?::VARCHAR[]))", [ids, ids])
        } if ids else set()
        pipeline = coder.get() if arts else None
        ingest_articles = getattr(coding, "ingest_articles", None)
        if ingest_articles is not None:
            def keep(state) -> None:
                stored[state.article.id] = [e.as_output() for e in state.events or ()]
            report = ingest_articles(store, items, pipeline=pipeline, on_state=keep)
            skipped = list(report.skipped)
        else:  # before ingest_articles existed: no duplicate detection
            fresh = [a for a in dict((a.id, a) for a in arts).values() if a.id not in before]
            if fresh:
                for s in pipeline.run_batch(fresh):
                    store.add_batch([s])
                    stored[s.article.id] = [e.as_output() for e in s.events or ()]
            if skipped:
                store.add_skipped(skipped)
        canonical = dict(store.fetch(
            "SELECT copy_id, article_id FROM article_copies WHERE copy_id IN (SELECT unnest(?::VARCHAR[])) "
            "AND copy_id <> article_id", [ids])) if ids else {}
    out, done = [], set()
    for a in arts:
        if a.id in stored and a.id not in done:
            out.append({"id": a.id, "status": "new", "events": stored[a.id]})
        elif a.id in before or a.id in done or a.id not in canonical:
            out.append({"id": a.id, "status": "present", "events": []})
        else:
            out.append({"id": a.id, "status": "duplicate", "duplicate_of": canonical[a.id], "events": []})
        done.add(a.id)
    return {"articles": out, "skipped": [{"origin": s.origin, "reason": s.reason} for s in skipped]}


def _mount_api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the swagger-ui-bundle package's files: FastAPI's default page
    loads them from a CDN, which an offline analyst's machine cannot reach."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/_swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="herald API",
                                   swagger_js_url="/_swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/_swagger/swagger-ui.css",
                                   swagger_favicon_url="/_swagger/favicon-32x32.png")


def _mount_dashboard(app: FastAPI, static: Path) -> None:
    """The dashboard's static files at /, when they exist; else a short note (404) at /."""
    if (static / "index.html").is_file():
        from fastapi.staticfiles import StaticFiles
        app.mount("/", StaticFiles(directory=static, html=True), name="dashboard")
        return

    @app.get("/", include_in_schema=False)
    def no_dashboard() -> HTMLResponse:
        return HTMLResponse("<!doctype html><title>herald</title><p>The dashboard is not installed "
                            f"({static} has no index.html). The API is at <a href='/docs'>/docs</a>.</p>",
                            status_code=404)
