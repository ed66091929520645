"""The dashboard's static files: offline by construction (no URL to any host, every referenced
file shipped), a small valid world map, and the map converter in tools/."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from herald.dashboard import STATIC_DIR

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".md", ".svg", ".txt"}


def _static_files() -> list[Path]:
    return sorted(p for p in STATIC_DIR.rglob("*") if p.is_file())


def test_static_files_reference_no_remote_url():
    files = _static_files()
    assert {"index.html", "app.js", "style.css", "world.json"} <= {p.name for p in files}
    for p in files:
        assert p.suffix in TEXT_SUFFIXES, f"unexpected file {p.name}"
        text = p.read_text(encoding="utf-8")
        # no absolute URL of any kind, and no protocol-relative //host URL in markup or styles
        assert not re.search(r"\bhttps?://", text, re.IGNORECASE), f"{p.name} names a remote URL"
        assert not re.search(r"""(?:src|href)\s*=\s*["']//|url\(\s*["']?//|@import""", text), p.name


def test_every_local_reference_exists():
    html = (STATIC_DIR / "index.html").read_text()
    refs = re.findall(r"""(?:src|href)="([^"#]+)\"""", html)
    local = [r for r in refs if not r.startswith("data:")]
    assert "app.js" in local and "style.css" in local
    for r in local:
        assert (STATIC_DIR / r).is_file(), r
    for js in STATIC_DIR.glob("*.js"):
        for mod in re.findall(r"""^import\s.*?from\s+["'](.+?)["'];""", js.read_text(), re.MULTILINE):
            assert mod.startswith("./"), f"{js.name} imports a bare or remote module {mod}"
            assert (STATIC_DIR / mod[2:]).is_file(), f"{js.name} imports missing {mod}"
        for path in re.findall(r"""api\(\s*["']([^"'`]+)["']""", js.read_text()):
            assert not path.startswith("/") or path.startswith("/api/"), path


def test_world_map_is_small_valid_geojson():
    path = STATIC_DIR / "world.json"
    assert path.stat().st_size < 1_000_000
    geo = json.loads(path.read_text())
    assert geo["type"] == "FeatureCollection" and "Natural Earth" in geo["source"]
    by_id = {f["id"]: f for f in geo["features"] if f["id"]}
    assert len(geo["features"]) > 150
    for iso in ("ISR", "RUS", "UKR", "CHN", "BRA", "USA", "FJI"):
        assert iso in by_id, iso
    for f in geo["features"]:
        assert f["geometry"]["type"] == "MultiPolygon"
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert len(ring) >= 4
                # no ring jumps across the map (antimeridian crossings are split by the converter)
                assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:])), f["properties"]["name"]
                assert all(-90 <= lat <= 90 for _, lat in ring)
    # Israel's outline holds a point near Jerusalem (lon 35.2, lat 31.8) in its bounding box
    lons = [p[0] for poly in by_id["ISR"]["geometry"]["coordinates"] for r in poly for p in r]
    lats = [p[1] for poly in by_id["ISR"]["geometry"]["coordinates"] for r in poly for p in r]
    assert min(lons) < 35.2 < max(lons) and min(lats) < 31.8 < max(lats)


@pytest.fixture(scope="module")
def converter():
    spec = importlib.util.spec_from_file_location("make_world_map", ROOT / "tools" / "make_world_map.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _topo(arcs, geometries):
    return {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": arcs,
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}


def test_converter_decodes_delta_arcs_and_reversed_arcs(converter):
    # a unit square split into two arcs; the second polygon walks arc 0 backwards (~0)
    arcs = [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]]
    topo = _topo(arcs, [
        {"type": "Polygon", "id": "376", "properties": {"name": "A"}, "arcs": [[0, 1]]},
        {"type": "Polygon", "id": "999", "properties": {"name": "B"}, "arcs": [[~1, ~0]]},
        {"type": "Polygon", "id": "010", "properties": {"name": "Antarctica"}, "arcs": [[0, 1]]},
    ])
    out = converter.convert(topo)
    assert [f["properties"]["name"] for f in out["features"]] == ["A", "B"]   # Antarctica left out
    a, b = out["features"]
    assert a["id"] == "ISR" and b["id"] is None
    assert a["geometry"]["coordinates"] == [[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]]
    assert b["geometry"]["coordinates"] == [[[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]]]


def test_converter_splits_rings_across_the_antimeridian(converter):
    ring = [[179.0, -16.0], [-179.0, -16.0], [-179.0, -17.0], [179.0, -17.0], [179.0, -16.0]]
    parts = converter._unwrap(ring)
    assert len(parts) == 2
    for part in parts:
        assert all(abs(a[0] - b[0]) <= 180 for a, b in zip(part, part[1:]))
    # one copy east of 180, one copy west of -180: each shows its half on the flat map
    assert max(p[0] for p in parts[0]) > 180 or max(p[0] for p in parts[1]) > 180
    assert min(p[0] for p in parts[0]) < -180 or min(p[0] for p in parts[1]) < -180
    assert converter._unwrap([[0, 0], [1, 0], [1, 1], [0, 0]]) == [[[0, 0], [1, 0], [1, 1], [0, 0]]]
