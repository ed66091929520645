"""Hook specifications: the points where a plugin (or herald itself) adds behaviour.

Every hook here is documented in docs/PLUGINS.md; tests/test_plugins.py fails when one is not.
"""

from __future__ import annotations

import pluggy

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "herald"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def herald_export_formats():
    """Return a list of ExportFormat records that `herald export --to NAME` can write.

    Herald's own GDELT, PLOVER and Parquet exporters are registered through this hook.
    """
