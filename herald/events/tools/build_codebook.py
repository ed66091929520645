"""Build herald/events/data/cameo_codebook.csv from the CAMEO codebook and the CAMEO→PLOVER crosswalk.

Run once when either reference file changes:
    python -m herald.events.tools.build_codebook ../shared/reference
The output is committed, so herald never needs the reference files at run time.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "cameo_codebook.csv"

# CAMEO's four QuadClasses by root: verbal/material cooperation, verbal/material conflict.
QUAD = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
        **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}

# The 2021 crosswalk has no rows for roots 01 and 02: PLOVER folds appeals into REQUEST and
# does not code plain statements.
ROOT_PLOVER = {"02": "REQUEST"}

# Where the PLOVER manual's own category definitions (Draft 0.8 text) disagree with the older
# crosswalk rows, the definitions win: SANCTION lists "impose embargo, boycott, or sanctions";
# CONCEDE lists removing curfews or emergency rule; RETREAT "also covers resignations of
# government officials" (CAMEO's nearest code is 0831, yielding on a change of leadership).
# Apologies and pardons stay SUPPORT as in the crosswalk (gold records follow it there).
PLOVER_OVERRIDES = {
    "163": ("SANCTION", "sever"),
    "0813": ("CONCEDE", ""),
    "0814": ("CONCEDE", ""),
    "0831": ("RETREAT", "resign"),
    # Destroying property (burning offices, blowing up power lines) is filed under CAMEO 17,
    # Coerce; the OEDA's earlier CAMEO->PLOVER table (cameo/CAMEO-PLOV.txt in the PLOVER
    # repository) and its gold standard records keep it COERCE. The 2021 crosswalk's move to
    # ASSAULT would split one CAMEO root across two types for no change in the act.
    "1712": ("COERCE", "destroy"),
}


def read_crosswalk(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            out.setdefault(m.group(1), (m.group(2), (m.group(3) or "").strip()))
    return out


def main(ref_dir: str) -> None:
    ref = Path(ref_dir)
    cross = read_crosswalk(ref / "CAMEO2PLOVER-2021.txt")
    rows = []
    with open(ref / "cameo_codes.csv", encoding="cp1252", newline="") as fh:
        for r in csv.DictReader(fh):
            code = r["code"].strip()
            root = code[:2]
            plover, mode = "", ""
            for key in (code, code[:3], root):
                if key in cross:
                    plover, mode = cross[key]
                    if key != code:
                        mode = ""  # a parent's mode does not describe the child
                    break
            plover = plover or ROOT_PLOVER.get(root, "")
            plover, mode = PLOVER_OVERRIDES.get(code, (plover, mode))
            rows.append({"code": code, "root": root, "name": r["name"].strip(),
                         "goldstein": float(r["goldstein"]), "quad_class": QUAD[root],
                         "plover": plover, "plover_mode": mode})
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
