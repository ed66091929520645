"""Readers: files, folders and stdin in, `Article` or `SkippedItem` out, one input at a time."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from herald.ingest.clean import _blocks, clean_body_blocks, clean_page_text, has_sentence, normalise_text
from herald.records import Article, SkippedItem, content_hash

__all__ = ["DEMO_PATH", "FORMATS", "decode_bytes", "page_date", "read_inputs", "sniff_format"]

FORMATS = ("auto", "text", "html", "jsonl", "warc")
_EXT = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_DEMO = resources.files("herald.ingest") / "demo" / "seed_putin_netanyahu.txt"
# A real path when the package is installed as files (editable or wheel), which is what
# `herald code --demo` passes to read_inputs.
DEMO_PATH = Path(str(_DEMO))

_NO_TEXT = "no article text after boilerplate removal"
_TAG = re.compile(r"<(/?)(html|head|body|p|div|span|a|br|li|ul|ol|table|tr|td|script|style|meta|link|"
                  r"h[1-6]|article|section|nav|header|footer|main|img|title)\b", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")


class _Skip(Exception):
    """Internal: this input cannot become an article, for the given reason."""


# ---------------------------------------------------------------- bytes to text

def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 and b not in b"\t\n\r\f\v\x1b") or b == 127)
    return controls > 0.05 * len(head)


def _plausible(text: str) -> bool:
    """Is a single-byte decode real text? Mostly printable, mostly ASCII letters and
    punctuation: a cp1252 page in a Western language is; a page in another codepage or
    random bytes decoded as latin-1 is not."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    bad = sum(1 for c in chars if not c.isprintable() or "\x80" <= c <= "\x9f")
    ascii_ = sum(1 for c in chars if c < "\x80")
    return bad <= 0.01 * len(chars) and ascii_ >= 0.8 * len(chars)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, the page's declared
    charset (HTML), then cp1252/latin-1 if the result reads as text. latin-1 maps every
    byte, so accepting it loses no byte; it is only refused when the result is garbage.

    Raises _Skip("binary content" | "undecodable text").
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Skip("undecodable text (bad UTF-16)") from None
    if _looks_binary(data):
        raise _Skip("binary content")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = []
    if html and (m := _CHARSET.search(data[:8192])):
        candidates.append(m.group(1).decode("ascii", "replace"))
    candidates += ["cp1252", "latin-1"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec.lower().replace("_", "-") in {"utf-8", "utf8"}:
            continue
        if codec in ("cp1252", "latin-1") and not _plausible(text):
            continue
        return text
    raise _Skip("undecodable text (not UTF-8, and no single-byte reading gives text)")


def sniff_format(text: str, *, allow_jsonl: bool = True) -> str:
    """'html' if it starts like an HTML document or is dense with tags, 'jsonl' if its
    first lines are JSON objects, else 'text'."""
    head = text[:20000]
    if _HTML_START.match(head):
        return "html"
    tags = len(_TAG.findall(head))
    if tags >= 20 or (tags >= 5 and tags * 500 >= len(head)):
        return "html"
    if allow_jsonl:
        first = next((line for line in head.split("\n") if line.strip()), "")
        if first.lstrip().startswith("{"):
            try:
                if isinstance(json.loads(first), dict):
                    return "jsonl"
            except ValueError:
                pass
    return "text"


# ---------------------------------------------------------------- text to articles

def _article(text: str, *, title, outlet, url, date, origin, id_=None) -> Article:
    return Article(id=id_ or content_hash(text), text=text, title=title or None, outlet=outlet or None,
                   url=url or None, date=date, origin=origin)


_DATE_SPAN = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d\d"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\b")


def page_date(text: str) -> dt.date | None:
    """The publication date of a plain-text page: a short dated line ("Published: 12 March
    2024", "June 3, 2024") above the first real sentence. Dates inside the article are
    what the events are about, not when it was published, so they are not looked at."""
    from herald.ingest.clean import is_sentence

    for line in normalise_text(text).split("\n")[:40]:
        if is_sentence(line):
            return None
        if len(line) > 80 or not (m := _DATE_SPAN.search(line)):
            continue
        import dateparser

        got = dateparser.parse(m.group(1), languages=["en"],
                               settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True})
        if got is not None:
            return got.date()
    return None


def _from_text(text: str, *, origin: str, default_date: dt.date | None) -> Article:
    title, body = clean_page_text(text)
    if not has_sentence(body):
        raise _Skip(_NO_TEXT)
    return _article(body, title=title, outlet=None, url=None, date=page_date(text) or default_date, origin=origin)


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise _Skip(f"bad date {value!r} (want YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise _Skip(f"bad date {value!r} (want YYYY-MM-DD)") from None


def _extract_html(html: str) -> dict[str, Any]:
    """trafilatura on one page: body text, title, date, outlet, url. Any library failure
    becomes a skip, never a crash of the batch."""
    import trafilatura

    semantic = re.search(r"<(article|main)\b", html[:2_000_000], re.IGNORECASE) is not None
    doc = None
    try:
        # Without <article>/<main> the extractor has to guess: prefer precision, and fall
        # back to its default balance only when precision finds nothing.
        for precision in ([False] if semantic else [True, False]):
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                              include_tables=False, favor_precision=precision)
            if doc is not None and (getattr(doc, "text", None) or "").strip():
                break
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the batch
        raise _Skip(f"html extraction failed: {type(exc).__name__}: {exc}") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise _Skip("no article text in html")
    title = normalise_text(doc.title).replace("\n", " ").strip() if getattr(doc, "title", None) else None
    lines = [line for line in normalise_text(text).split("\n") if line]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    body = clean_body_blocks([[line] for line in lines], title=title)
    if not has_sentence(body):
        raise _Skip(_NO_TEXT)
    try:
        date = dt.date.fromisoformat(doc.date[:10]) if getattr(doc, "date", None) else None
    except (TypeError, ValueError):
        date = None
    return {"text": body, "title": title, "date": date, "outlet": getattr(doc, "sitename", None),
            "url": getattr(doc, "url", None)}


def _from_html(html: str, *, origin: str, default_date: dt.date | None) -> Article:
    got = _extract_html(html)
    return _article(got["text"], title=got["title"], outlet=got["outlet"], url=got["url"],
                    date=got["date"] or default_date, origin=origin)


def _str_field(rec: dict, key: str) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Skip(f"field {key!r} must be a string, got {type(value).__name__}")
    value = normalise_text(value).replace("\n", " ").strip()
    return value or None


def _from_record(line: str, *, origin: str, default_date: dt.date | None) -> Article:
    try:
        rec = json.loads(line)
    except ValueError as exc:
        raise _Skip(f"bad JSON: {exc}") from None
    if not isinstance(rec, dict):
        raise _Skip(f"not a JSON object but {type(rec).__name__}")
    rid = rec.get("id")
    if rid is not None and not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise _Skip(f"field 'id' must be a string or integer, got {type(rid).__name__}")
    rid = str(rid).strip() if rid is not None else None
    date = _parse_date(rec.get("date"))
    title, url, outlet = _str_field(rec, "title"), _str_field(rec, "url"), _str_field(rec, "outlet")
    text, html = rec.get("text"), rec.get("html")
    if isinstance(text, str) and text.strip():
        if title:
            body = clean_body_blocks(_split_blocks(text), title=title)
        else:
            title, body = clean_page_text(text)
        if not has_sentence(body):
            raise _Skip(_NO_TEXT)
        got: dict[str, Any] = {"text": body, "title": title, "date": None, "outlet": None, "url": None}
    elif isinstance(html, str) and html.strip():
        got = _extract_html(html)
    else:
        raise _Skip("record has no 'text' or 'html' string")
    return _article(got["text"], id_=rid, title=title or got["title"], outlet=outlet or got["outlet"],
                    url=url or got["url"], date=date or got["date"] or default_date, origin=origin)


def _split_blocks(text: str) -> list[list[str]]:
    return _blocks(normalise_text(text))


# ---------------------------------------------------------------- paths to inputs

def _walk(path: Path) -> Iterator[Path | SkippedItem]:
    """Files under a folder, sorted by name at each level, hidden files and folders
    skipped; an unreadable folder comes out as a SkippedItem and the walk goes on."""
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield SkippedItem(origin=str(path), reason=f"unreadable folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                yield from _walk(entry)
            elif entry.is_file():
                yield entry
        except OSError as exc:
            yield SkippedItem(origin=str(entry), reason=f"unreadable: {exc.strerror or exc}")


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Skip(f"too large: {size} bytes > {max_bytes}")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _Skip(f"unreadable: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat, or a device with no size
        raise _Skip(f"too large: more than {max_bytes} bytes")
    return data


def _format_for(name: str, input_format: str) -> str | None:
    """The format fixed by the caller or the extension; None means sniff the content."""
    if input_format != "auto":
        return input_format
    return _EXT.get(os.path.splitext(name)[1].lower())


def _read_one(data: bytes, *, origin: str, fmt: str | None, allow_jsonl: bool,
              default_date: dt.date | None) -> Iterator[Article | SkippedItem]:
    try:
        if not data.strip():
            raise _Skip("empty file")
        text = decode_bytes(data, html=fmt in (None, "html"))
        if not text.strip():
            raise _Skip("empty file")
        if fmt is None:
            fmt = sniff_format(text, allow_jsonl=allow_jsonl)
        if fmt == "jsonl":
            n = 0
            for n, item in enumerate(_read_jsonl(text, origin=origin, default_date=default_date), 1):
                yield item
            if not n:
                raise _Skip("empty file (no JSON lines)")
        elif fmt == "html":
            yield _from_html(text, origin=origin, default_date=default_date)
        else:
            yield _from_text(text, origin=origin, default_date=default_date)
    except _Skip as skip:
        yield SkippedItem(origin=origin, reason=str(skip))
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
        yield SkippedItem(origin=origin, reason=f"failed: {type(exc).__name__}: {exc}")


def _read_jsonl(text: str, *, origin: str, default_date: dt.date | None,
                start_line: int = 1) -> Iterator[Article | SkippedItem]:
    for lineno, line in enumerate(text.split("\n"), start=start_line):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            yield _from_record(line, origin=where, default_date=default_date)
        except _Skip as skip:
            yield SkippedItem(origin=where, reason=str(skip))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the batch
            yield SkippedItem(origin=where, reason=f"{type(exc).__name__}: {exc}")


def read_inputs(paths: Sequence[str], *, input_format: str = "auto", default_date: dt.date | None = None,
                max_bytes: int = 20_000_000) -> Iterator[Article | SkippedItem]:
    """Yield one Article per readable page (one per line for JSONL) and a SkippedItem for
    everything else, in input order; folders are read recursively in sorted order.

    `input_format` "auto" goes by extension (.html/.htm, .jsonl/.ndjson, .warc/.warc.gz) and otherwise by
    content (HTML or text; stdin and extension-less files may also sniff as JSONL or WARC).
    Article.date is the record's date, else the date found in the page, else `default_date`.
    """
    if input_format not in FORMATS:
        raise ValueError(f"input_format must be one of {FORMATS}, got {input_format!r}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        raw = os.fspath(raw)
        if raw == "-":
            yield from _read_stdin(input_format=input_format, default_date=default_date, max_bytes=max_bytes)
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                found: Iterator[Path | SkippedItem] = _walk(path)
            elif path.exists() or path.is_symlink():
                found = iter([path])
            else:
                yield SkippedItem(origin=raw, reason="no such file or directory")
                continue
        except OSError as exc:
            yield SkippedItem(origin=raw, reason=f"unreadable: {exc.strerror or exc}")
            continue
        for file in found:
            if isinstance(file, SkippedItem):
                yield file
            else:
                yield from _read_path(file, input_format=input_format, default_date=default_date,
                                      max_bytes=max_bytes)


def _read_path(path: Path, *, input_format: str, default_date, max_bytes: int) -> Iterator[Article | SkippedItem]:
    origin = str(path)
    if input_format == "warc" or (input_format == "auto" and _is_warc(path.name, b"")):
        # streamed record by record: a crawl file is far larger than any one page
        yield from _warc(path, origin=origin, default_date=default_date)
        return
    try:
        data = _read_file(path, max_bytes)
    except _Skip as skip:
        yield SkippedItem(origin=origin, reason=str(skip))
        return
    fmt = _format_for(path.name, input_format)
    if fmt is None and _is_warc(path.name, data):
        yield from _warc(io.BytesIO(data), origin=origin, default_date=default_date)
        return
    allow_jsonl = path.suffix.lower() not in (".txt", ".text")
    yield from _read_one(data, origin=origin, fmt=fmt, allow_jsonl=allow_jsonl, default_date=default_date)


def _is_warc(name: str, data: bytes) -> bool:
    from herald.ingest.warc import is_warc_name, looks_like_warc
    return is_warc_name(name) or looks_like_warc(data[:64])


def _warc(fh, *, origin: str, default_date) -> Iterator[Article | SkippedItem]:
    from herald.ingest.warc import read_warc
    yield from read_warc(fh, origin=origin, default_date=default_date)


def _read_stdin(*, input_format: str, default_date, max_bytes: int) -> Iterator[Article | SkippedItem]:
    origin = "<stdin>"
    try:
        data = sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, AttributeError, ValueError) as exc:
        yield SkippedItem(origin=origin, reason=f"unreadable: {exc}")
        return
    if len(data) > max_bytes:
        yield SkippedItem(origin=origin, reason=f"too large: more than {max_bytes} bytes")
        return
    fmt = None if input_format == "auto" else input_format
    if fmt == "warc" or (fmt is None and _is_warc("", data)):
        yield from _warc(io.BytesIO(data), origin=origin, default_date=default_date)
        return
    yield from _read_one(data, origin=origin, fmt=fmt, allow_jsonl=True, default_date=default_date)

