#!/usr/bin/env bash
# Installs the Debian packages Amorce needs (DESIGN §2), only those that are missing.
# Idempotent and non-interactive; works as root, or with sudo as a normal user.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libsqlite3-dev libcereal-dev doctest-dev
  libsodium-dev libhpdf-dev libarchive-dev
)
# Extra tools for the test suite (PNG inspection is done by the tests themselves).
if [ "${1:-}" = "--test" ]; then
  # sqlite3/python3: test scripts; clang + libclang-rt: the libFuzzer run in .ci/run;
  # poppler-utils (pdftotext, pdftoppm) + qpdf: the synthesis PDF tests (libhpdf-dev is in the run set above).
  packages+=(sqlite3 python3 clang libclang-rt-14-dev poppler-utils qpdf)
  # nodejs + npm: the export test installs ajv-cli (pinned) from npm into the build folder to
  # validate session documents against assets/schema/. A node that already brings its own npm
  # (e.g. NodeSource's nodejs) must not get Debian's npm on top (the two conflict).
  packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing packages (${missing[*]}) and not root, and sudo is not available" >&2
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
