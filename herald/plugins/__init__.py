"""Plugins: how herald and third parties add features through one set of hooks.

A plugin is a module (or object) with functions marked `@hookimpl`, installed with an entry
point in the `herald` group, e.g. in its pyproject.toml:

    [project.entry-points.herald]
    myformat = "herald_myformat"

Hooks are listed in docs/PLUGINS.md; `herald plugins` shows what is loaded.
"""

from herald.plugins._formats import ExportFormat
from herald.plugins._manager import (ENTRY_POINT_GROUP, PluginError, build_plugin_manager, export_formats,
                                     plugin_manager)
from herald.plugins._specs import hookimpl

__all__ = [
    "ENTRY_POINT_GROUP",
    "ExportFormat",
    "PluginError",
    "build_plugin_manager",
    "export_formats",
    "hookimpl",
    "plugin_manager",
]
