"""The record a plugin returns to add an export format."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

__all__ = ["ExportFormat"]

_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")

Target = IO[str] | str | os.PathLike[str]


@dataclass(frozen=True)
class ExportFormat:
    """One output format.

    `write(records, target)` receives event dicts in the `Event.as_output()` /
    `MergedEvent.as_output()` shape (an iterator: stream it, do not hold it) and returns the
    number of records written. `target` is a path, or an open text stream when the user asked
    for stdout ('-'); a format that writes a folder sets `folder=True` and always gets a path.
    """

    name: str
    help: str
    write: Callable[[Iterable[Mapping[str, Any]], Target], int]
    folder: bool = False

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"export format name {self.name!r}: use 1-32 lower-case letters, digits, '-' or '_'")
        if not callable(self.write):
            raise TypeError(f"export format {self.name!r}: write must be callable")
