"""The plugin manager: herald's built-ins first, then every installed `herald` entry point."""

from __future__ import annotations

import functools

import pluggy

from herald.plugins import _specs, builtin
from herald.plugins._formats import ExportFormat

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "build_plugin_manager", "export_formats", "plugin_manager"]

ENTRY_POINT_GROUP = "herald"


class PluginError(RuntimeError):
    """A plugin returned something herald cannot use; the message names the plugin."""


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    """The process-wide manager (built once: entry points are scanned a single time)."""
    return build_plugin_manager()


def build_plugin_manager(*, entry_points: bool = True) -> pluggy.PluginManager:
    """A new manager with herald's built-ins and, unless told not to, installed entry points."""
    pm = pluggy.PluginManager(_specs.PROJECT)
    pm.add_hookspecs(_specs)
    pm.register(builtin, name="herald.builtin")
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


def export_formats(pm: pluggy.PluginManager | None = None) -> dict[str, ExportFormat]:
    """Every export format by name. Two plugins claiming one name is an error, not a silent override."""
    pm = pm or plugin_manager()
    found: dict[str, ExportFormat] = {}
    owner: dict[str, str] = {}
    hook = pm.hook.herald_export_formats
    for impl in hook.get_hookimpls():  # registration order: built-ins first
        result = impl.function()
        plugin = pm.get_name(impl.plugin) or impl.plugin_name
        for fmt in result or ():
            if not isinstance(fmt, ExportFormat):
                raise PluginError(f"plugin {plugin!r}: herald_export_formats returned {type(fmt).__name__}, "
                                  "not herald.plugins.ExportFormat")
            if fmt.name in found:
                raise PluginError(f"export format {fmt.name!r} is defined by both {owner[fmt.name]!r} and {plugin!r}")
            found[fmt.name], owner[fmt.name] = fmt, plugin
    return found
