"""Move the held-out fifth of newly authored training files into an evaluation set.

A record is held out when `int(sha1(id), 16) % 5 == 0`: the rule every file in `evalsets/`
was made with, so a batch is split the same way whoever writes it. Run it once, right after
a batch lands and before anyone writes rules or trains on it:

    python tools/split_heldout.py --out evalsets/authored_heldout_s.jsonl training/authored_s0*.jsonl

The training files are rewritten without the held-out records (line order and bytes of the
kept lines unchanged); the held-out records are appended to `--out` in input order. Then pin
the new file's hash and floors in `tests/eval_floors.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path


def held_out(record_id: str) -> bool:
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def split(paths: list[Path], out: Path) -> tuple[int, int]:
    """Every file is read and checked before any is written, so a bad line stops the split
    with its place named and nothing rewritten or lost."""
    kept_by_file: list[tuple[Path, list[str]]] = []
    held: list[str] = []
    for path in paths:
        kept: list[str] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record_id = json.loads(line)["id"]
            except (ValueError, KeyError, TypeError) as exc:
                raise SystemExit(f"{path}:{n}: not a gold record with an id ({exc}); nothing was split") from exc
            (held if held_out(record_id) else kept).append(line)
        kept_by_file.append((path, kept))
    with out.open("a", encoding="utf-8") as fh:  # the held-out copy first: a crash after it loses nothing
        fh.writelines(x + "\n" for x in held)
    for path, kept in kept_by_file:
        path.write_text("".join(x + "\n" for x in kept), encoding="utf-8")
    return sum(len(k) for _, k in kept_by_file), len(held)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="evaluation file to append the held-out records to")
    ap.add_argument("files", type=Path, nargs="+", help="training JSONL files to split")
    args = ap.parse_args()
    kept, held = split(args.files, args.out)
    print(f"kept {kept} records for training, moved {held} to {args.out}")


if __name__ == "__main__":
    main()
