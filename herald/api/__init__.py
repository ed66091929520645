"""HTTP API over a herald store (FastAPI): `create_app(db=...)`, run by `herald serve`.

Imported lazily so the `herald` command line does not load FastAPI for other commands.
"""

from __future__ import annotations

__all__ = ["create_app", "serve"]


def __getattr__(name: str):
    if name == "create_app":
        from herald.api.app import create_app
        return create_app
    if name == "serve":
        from herald.api.serve import serve
        return serve
    raise AttributeError(f"module 'herald.api' has no attribute {name!r}")
