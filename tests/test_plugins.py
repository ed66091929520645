"""Plugins: herald's built-in exporters go through the hooks, an installed entry-point plugin adds a
format that `herald export` writes end to end, and every hook is documented."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from herald.plugins import ExportFormat, PluginError, build_plugin_manager, export_formats, hookimpl
from herald.plugins import _specs

ROOT = Path(__file__).resolve().parents[1]
HERALD = str(Path(sys.executable).with_name("herald"))


def test_builtin_formats_come_through_the_hook():
    pm = build_plugin_manager(entry_points=False)
    formats = export_formats(pm)
    assert list(formats) == ["gdelt", "plover", "parquet"]
    assert formats["parquet"].folder and not formats["gdelt"].folder
    assert pm.get_plugin("herald.builtin") is not None


def test_every_hook_is_documented():
    doc = (ROOT / "docs" / "PLUGINS.md").read_text(encoding="utf-8")
    hooks = [n for n, f in inspect.getmembers(_specs, inspect.isfunction) if n.startswith("herald_")]
    assert hooks, "no hook specifications found"
    for name in hooks:
        assert f"### {name}(" in doc, f"hook {name} is not documented in docs/PLUGINS.md"


class _Clash:
    @hookimpl
    def herald_export_formats(self):
        return [ExportFormat("gdelt", "another gdelt", lambda records, target: 0)]


class _Junk:
    @hookimpl
    def herald_export_formats(self):
        return [{"name": "csv"}]


def test_a_name_clash_and_a_bad_return_are_errors_naming_the_plugin():
    pm = build_plugin_manager(entry_points=False)
    pm.register(_Clash(), name="clashing-plugin")
    with pytest.raises(PluginError, match="herald.builtin.*clashing-plugin"):
        export_formats(pm)
    pm = build_plugin_manager(entry_points=False)
    pm.register(_Junk(), name="junk-plugin")
    with pytest.raises(PluginError, match="junk-plugin.*dict"):
        export_formats(pm)


@pytest.mark.parametrize("name", ["", "CSV", "has space", "x" * 33, "1abc"])
def test_export_format_names_are_checked(name):
    with pytest.raises(ValueError, match="export format name"):
        ExportFormat(name, "help", lambda r, t: 0)


PLUGIN = textwrap.dedent('''
    import csv
    from herald.plugins import ExportFormat, hookimpl

    def write_csv(records, target):
        fh = open(target, "w", newline="", encoding="utf-8") if isinstance(target, str) else target
        w = csv.writer(fh)
        n = 0
        for r in records:
            w.writerow([r.get("cameo"), r.get("plover_type"), r.get("source_country"), r.get("target_country")])
            n += 1
        if fh is not target:
            fh.close()
        return n

    @hookimpl
    def herald_export_formats():
        return [ExportFormat("csv", "CAMEO, PLOVER, source and target country", write_csv)]
''')


def test_an_installed_entry_point_plugin_exports_end_to_end(tmp_path):
    site = tmp_path / "site"
    (site / "herald_csvplug").mkdir(parents=True)
    (site / "herald_csvplug" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "herald_csvplug-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: herald-csvplug\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[herald]\ncsv = herald_csvplug\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args):
        return subprocess.run([HERALD, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    listed = json.loads(run("plugins", "--json").stdout)
    assert "csv" in listed["export_formats"]
    assert any(p["distribution"] == "herald-csvplug 0.1" for p in listed["plugins"])
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "date": "2024-05-02", "text":
                               "Egyptian President Abdel Fattah al-Sisi met Jordan's King Abdullah in Cairo on "
                               "Thursday, his office said."}) + "\n", encoding="utf-8")
    assert run("ingest", str(src), "--db", "s.duckdb").returncode == 0
    proc = run("export", "--db", "s.duckdb", "--to", "csv", "out.csv")
    assert proc.returncode == 0, proc.stderr
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert rows and all(r.startswith("04") for r in rows)
    assert {"EGY", "JOR"} <= set(",".join(rows).split(","))
    # without the plugin on the path, the format is unknown: a usage error, not a crash
    bare = subprocess.run([HERALD, "export", "--db", "s.duckdb", "--to", "csv", "x.csv"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert bare.returncode == 2 and "csv" in bare.stderr
