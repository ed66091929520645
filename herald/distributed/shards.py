"""Input shards: the unit of work a cluster task codes, and the unit the manifest resumes by.

A WARC file is one shard (its gzip members are not worth splitting); a JSONL file is cut into
byte ranges of `shard_size` lines; other files (HTML, text, sniffed formats) are grouped in
input order, `shard_size` files per shard. Reading a shard goes through herald.ingest's own
readers, so a shard yields exactly what `read_inputs` yields for the same inputs, in order.

A shard's id covers its files, range, content hash and the coding settings, so a changed
file or a different model makes a new shard (and is coded again) while an unchanged one is
recognised on a re-run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from herald.records import Article, SkippedItem

__all__ = ["Shard", "plan_shards", "read_shard"]

_JSONL_EXT = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Shard:
    """One task's input. `start`/`end` are a byte range and `first_line` its 1-based line
    number (JSONL chunks only); `content_hash` is the SHA-256 of the bytes the shard reads."""

    index: int
    kind: str  # "warc" | "jsonl" | "files"
    paths: tuple[str, ...]
    content_hash: str
    start: int = 0
    end: int = -1
    first_line: int = 1
    items: int = 0  # files, or JSONL lines: a size hint for the progress bar
    settings: str = ""  # hash of the coding settings

    @property
    def id(self) -> str:
        key = json.dumps([self.kind, list(self.paths), self.start, self.end, self.content_hash, self.settings])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    @property
    def label(self) -> str:
        name = self.paths[0] if len(self.paths) == 1 else f"{self.paths[0]} (+{len(self.paths) - 1} files)"
        return f"{name}:{self.first_line}+" if self.kind == "jsonl" else name

    def as_dict(self) -> dict:
        return {**asdict(self), "paths": list(self.paths), "id": self.id}


def _hash_files(paths: Sequence[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.encode("utf-8") + b"\0")
        try:
            with open(p, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        except OSError as exc:  # the reader reports it; the hash only has to be stable
            h.update(f"unreadable:{exc.errno}".encode())
    return h.hexdigest()


def _jsonl_chunks(path: str, shard_size: int) -> Iterator[tuple[int, int, int, int, str]]:
    """(start, end, first_line, lines, sha256) per run of `shard_size` non-blank lines."""
    with open(path, "rb") as fh:
        start = pos = 0
        first = lineno = 1
        n = 0
        h = hashlib.sha256()
        for line in fh:
            h.update(line)
            pos += len(line)
            if line.strip():
                n += 1
            if n >= shard_size:
                yield start, pos, first, n, h.hexdigest()
                start, first, n, h = pos, lineno + 1, 0, hashlib.sha256()
            lineno += 1
        if n:
            yield start, pos, first, n, h.hexdigest()


def _is_jsonl_splittable(path: str) -> bool:
    """Byte-range splitting needs a byte-oriented encoding and at least one JSON line."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return bool(head.strip()) and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def plan_shards(paths: Sequence[str], *, shard_size: int = 500, input_format: str = "auto",
                settings: str = "") -> tuple[list[Shard], list[SkippedItem]]:
    """Cut the inputs into shards in input order; missing paths and unreadable folders come
    back as SkippedItems (the same ones `read_inputs` would report)."""
    from herald.ingest.readers import FORMATS, _format_for, _walk
    from herald.ingest.warc import is_warc_name

    if input_format not in FORMATS:
        raise ValueError(f"input_format must be one of {FORMATS}, got {input_format!r}")
    if shard_size < 1:
        raise ValueError("shard_size must be >= 1")
    shards: list[Shard] = []
    skipped: list[SkippedItem] = []
    group: list[str] = []

    def add(kind, ps, content, **kw):
        shards.append(Shard(index=len(shards), kind=kind, paths=tuple(ps), content_hash=content,
                            settings=settings, **kw))

    def flush():
        if group:
            add("files", group, _hash_files(group), items=len(group))
            group.clear()

    for raw in paths:
        raw = os.fspath(raw)
        if raw == "-":
            raise ValueError("stdin ('-') cannot be sharded: save it to a file first")
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            skipped.append(SkippedItem(origin=raw, reason="no such file or directory"))
            continue
        for f in found:
            if isinstance(f, SkippedItem):
                skipped.append(f)
                continue
            name = str(f)
            if input_format == "warc" or (input_format == "auto" and is_warc_name(name)):
                flush()
                add("warc", [name], _hash_files([name]), items=1)
            elif _format_for(f.name, input_format) == "jsonl" and _is_jsonl_splittable(name):
                flush()
                for start, end, first, n, h in _jsonl_chunks(name, shard_size):
                    add("jsonl", [name], h, start=start, end=end, first_line=first, items=n)
            else:
                group.append(name)
                if len(group) >= shard_size:
                    flush()
    flush()
    return shards, skipped


def read_shard(shard: Shard, *, input_format: str = "auto", default_date: dt.date | None = None,
               max_bytes: int = 20_000_000, counts: Counter | None = None) -> Iterator[Article | SkippedItem]:
    """The articles and skipped items of one shard, through herald.ingest's readers."""
    from herald.ingest.readers import _read_jsonl, _read_path, _Skip, decode_bytes
    from herald.ingest.warc import read_warc

    if shard.kind == "warc":
        yield from read_warc(shard.paths[0], default_date=default_date, counts=counts, max_record_bytes=max_bytes)
    elif shard.kind == "jsonl":
        origin = shard.paths[0]
        try:
            with open(origin, "rb") as fh:
                fh.seek(shard.start)
                data = fh.read(shard.end - shard.start)
            text = decode_bytes(data)
        except OSError as exc:
            yield SkippedItem(origin=f"{origin}:{shard.first_line}", reason=f"unreadable: {exc.strerror or exc}")
            return
        except _Skip as skip:
            yield SkippedItem(origin=f"{origin}:{shard.first_line}", reason=str(skip))
            return
        yield from _read_jsonl(text, origin=origin, default_date=default_date, start_line=shard.first_line)
    else:
        for p in shard.paths:
            yield from _read_path(Path(p), input_format=input_format, default_date=default_date, max_bytes=max_bytes)
