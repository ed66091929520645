#!/usr/bin/env bash
# Debian packages herald's tests and servers use (PostgreSQL for the server store, Chromium for the
# dashboard's browser tests, driven by Playwright with executable_path=/usr/bin/chromium).
# Installs only what is missing; needs root or sudo. Skipped with HERALD_NO_SYSTEM_DEPS=1.
set -euo pipefail
[ "${HERALD_NO_SYSTEM_DEPS:-0}" = "1" ] && exit 0
PKGS=(postgresql chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "herald setup: installing Debian packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
