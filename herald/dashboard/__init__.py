"""The herald dashboard: static files (HTML, CSS, ES modules, map outlines) that `herald serve`
serves at `/`. Nothing here is built or fetched at run time; the page works offline."""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
