"""WARC input: crawl archives (WARC, WARC.gz) to articles through the same HTML path as any page.

A crawl is mostly not news pages: request and metadata records, redirects, images, scripts.
Only `response` records with HTTP 200 and an HTML content type become articles; every other
response is reported as a SkippedItem with its reason (so the run report can count them),
while request/metadata/warcinfo records, which are not pages at all, are only counted.
A damaged record (bad header, broken gzip member, truncated tail) is reported once per
damaged region and reading resumes at the next record start the file holds.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from herald.ingest.readers import _article, _extract_html, _Skip, decode_bytes
from herald.records import Article, SkippedItem

__all__ = ["WARC_SUFFIXES", "is_warc_name", "looks_like_warc", "outlet_of", "read_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN = 1 << 20


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def looks_like_warc(head: bytes) -> bool:
    """An uncompressed WARC starts with its version line; a gzipped one is checked by name."""
    return head.lstrip(b"\r\n").startswith(_WARC_MAGIC)


def outlet_of(url: str | None) -> str | None:
    """The outlet of a page is the host of its URL, lower-cased, without port or a leading 'www.'."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _fetch_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset or None


def _decode(payload: bytes, charset: str | None) -> str:
    """The HTTP header's charset first when it is not UTF-8 (which decode_bytes tries anyway)."""
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(payload, html=True)


def _page(rec, payload: bytes, *, origin: str, default_date: dt.date | None) -> Article:
    """One HTML response record to an Article; raises _Skip with the reason otherwise."""
    status = rec.http_headers.get_statuscode() if rec.http_headers else None
    if status != "200":
        raise _Skip(f"http status {status or 'missing'}")
    media, charset = _media_type(rec.http_headers.get_header("Content-Type"))
    if media and media not in _HTML_TYPES:
        raise _Skip(f"not html: {media}")
    if not payload.strip():
        raise _Skip("empty response body")
    html = _decode(payload, charset)
    got = _extract_html(html)
    url = rec.rec_headers.get_header("WARC-Target-URI") or got["url"]
    # the page's own publication date beats the crawl date; the crawl date beats the caller's default
    date = got["date"] or _fetch_date(rec.rec_headers.get_header("WARC-Date")) or default_date
    return _article(got["text"], title=got["title"], outlet=outlet_of(url) or got["outlet"], url=url,
                    date=date, origin=origin)


def _resync(fh: BinaryIO, start: int, magic: bytes) -> int | None:
    """The offset of the next `magic` at or after `start`, or None at end of file."""
    fh.seek(start)
    buf_start, tail = start, b""
    while True:
        chunk = fh.read(_SCAN)
        if not chunk:
            return None
        data = tail + chunk
        at = data.find(magic)
        if at >= 0:
            return buf_start - len(tail) + at
        tail = data[-(len(magic) - 1):]
        buf_start += len(chunk)


def read_warc(source: str | os.PathLike | BinaryIO, *, default_date: dt.date | None = None,
              max_record_bytes: int = 20_000_000, counts: Counter | None = None,
              origin: str | None = None) -> Iterator[Article | SkippedItem]:
    """Yield an Article per HTML page in a WARC file and a SkippedItem per other response or
    damaged region, in file order. `counts` (if given) is incremented per outcome: 'article',
    'skipped', 'bad record' and one key per non-page record type ('request', 'metadata', ...).

    `source` is a path or a seekable binary file; origins are 'name#byte-offset'.
    """
    counts = counts if counts is not None else Counter()
    if isinstance(source, (str, os.PathLike)):
        name = origin or os.fspath(source)
        try:
            fh: BinaryIO = Path(source).open("rb")
        except OSError as exc:
            counts["skipped"] += 1
            yield SkippedItem(origin=name, reason=f"unreadable: {exc.strerror or exc}")
            return
        with fh:
            yield from _read(fh, name, default_date, max_record_bytes, counts)
    else:
        yield from _read(source, origin or getattr(source, "name", "<warc>"), default_date, max_record_bytes, counts)


def _read(fh: BinaryIO, name: str, default_date, max_record_bytes: int, counts: Counter
          ) -> Iterator[Article | SkippedItem]:
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    head = fh.read(4)
    magic = _GZIP_MAGIC if head.startswith(_GZIP_MAGIC) else _WARC_MAGIC
    if not size:
        counts["skipped"] += 1
        yield SkippedItem(origin=name, reason="empty file")
        return
    pos = 0
    while pos is not None and pos < size:
        fh.seek(pos)
        it = ArchiveIterator(fh)
        end = pos  # end of the last record read whole
        error = None
        try:
            for rec in it:
                if rec.rec_type is None or not (rec.rec_headers.protocol or "").startswith("WARC/"):
                    error = "not a WARC record header"
                    break
                payload = rec.content_stream().read(max_record_bytes + 1) if rec.rec_type == "response" else b""
                it.read_to_end()
                offset = it.get_record_offset()
                missing = getattr(rec.raw_stream, "limit", 0) or 0
                if missing > 0:  # uncompressed file cut inside this record: warcio hands back a short body
                    end = offset
                    error = f"truncated record ({missing} bytes missing)"
                    break
                end = offset + it.get_record_length()
                if rec.rec_type != "response":
                    counts[rec.rec_type] += 1
                    continue
                where = f"{name}#{offset}"
                try:
                    if len(payload) > max_record_bytes:
                        raise _Skip(f"too large: more than {max_record_bytes} bytes")
                    item: Article | SkippedItem = _page(rec, payload, origin=where, default_date=default_date)
                    counts["article"] += 1
                except _Skip as skip:
                    item = SkippedItem(origin=where, reason=str(skip))
                    counts["skipped"] += 1
                except Exception as exc:  # noqa: BLE001 - one bad page must not stop the file
                    item = SkippedItem(origin=where, reason=f"failed: {type(exc).__name__}: {exc}")
                    counts["skipped"] += 1
                yield item
        except Exception as exc:  # noqa: BLE001 - warcio/zlib errors on damaged data
            error = _describe(exc)
        if error is None:
            # warcio stops quietly on a truncated last record: anything but blank bytes left over is damage
            fh.seek(end)
            rest = fh.read(_SCAN)
            if not rest.strip(b"\r\n\x00 "):
                return
            error = "truncated or unreadable data"
        counts["bad record"] += 1
        yield SkippedItem(origin=f"{name}#{end}", reason=f"bad warc record: {error}")
        pos = _resync(fh, end + 1, magic)
        # a false start (magic bytes inside compressed data) is skipped without a second report
        while pos is not None and not _starts_record(fh, pos):
            pos = _resync(fh, pos + 1, magic)


def _describe(exc: Exception) -> str:
    """A short, printable reason: warcio quotes the damaged bytes themselves in its message."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(exc, ArchiveLoadFailed):
        return "invalid record header or compressed data"
    text = "".join(c for c in (str(exc).splitlines() or [""])[0] if c.isascii() and c.isprintable())
    return f"{type(exc).__name__}: {text[:100]}".rstrip(": ")


def _starts_record(fh: BinaryIO, pos: int) -> bool:
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(pos)
    try:
        rec = next(iter(ArchiveIterator(fh)), None)
    except Exception:  # noqa: BLE001
        return False
    return rec is not None and rec.rec_type is not None
