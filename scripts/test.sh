#!/usr/bin/env bash
# The test command (README, and .ci/run calls exactly this): install, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-demo
exec .venv/bin/python -m pytest "$@"
