"""Build herald/dashboard/static/world.json, the offline country outlines of the dashboard map.

Input: `countries-110m.json` from the npm package world-atlas@2 (TopoJSON of Natural Earth
1:110m admin-0 countries; Natural Earth is public domain, world-atlas packaging ISC). Get it with
`npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz` and run
`python tools/make_world_map.py package/countries-110m.json`.

Output: a small GeoJSON FeatureCollection (lon/lat rounded to 0.01 degree, ISO alpha-3 ids via
pycountry), so the browser needs no TopoJSON decoder and no network.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "herald" / "dashboard" / "static" / "world.json"


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs from quantized, delta-encoded TopoJSON arcs."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(indexes: list[int], arcs: list) -> list[list[float]]:
    """A ring from arc indexes; a negative index ~i means arc i reversed; shared ends kept once."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    simplified: list[list[float]] = []
    for lon, lat in out:
        p = [round(lon, 2), round(lat, 2)]
        if not simplified or simplified[-1] != p:
            simplified.append(p)
    return simplified


def _unwrap(ring: list[list[float]]) -> list[list[list[float]]]:
    """Rings crossing the antimeridian (Russia, Fiji) made continuous, plus a copy shifted by 360
    degrees, so a flat equirectangular path has no streak across the map (the SVG clips the rest)."""
    out = [ring[0][:]]
    shifted = False
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        shifted |= not -180 <= lon <= 180
        out.append([round(lon, 2), lat])
    if not shifted:
        return [ring]
    sign = -1 if sum(p[0] for p in out) / len(out) > 0 else 1
    return [out, [[round(lon + sign * 360, 2), lat] for lon, lat in out]]


def _iso3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    c = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return c.alpha_3 if c else None


def convert(topo: dict) -> dict:
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        if geom.get("id") == "010":  # Antarctica: no news events, a third of the map's height
            continue
        coords = []
        for poly in polys:
            rings = [_ring(ring, arcs) for ring in poly]
            rings = [r for r in rings if len(r) >= 4]
            if not rings:
                continue
            # a shell crossing the antimeridian becomes two polygons (holes do not cross it here)
            for shell in _unwrap(rings[0]):
                coords.append([shell, *rings[1:]])
        if not coords:
            continue
        features.append({
            "type": "Feature",
            "id": _iso3(geom.get("id")),
            "properties": {"name": (geom.get("properties") or {}).get("name")},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m admin-0 countries (public domain) via world-atlas@2 (ISC)",
            "features": features}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topojson", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = convert(json.loads(args.topojson.read_text()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    print(f"{len(data['features'])} countries, {args.out.stat().st_size} bytes -> {args.out}")


if __name__ == "__main__":
    main()
