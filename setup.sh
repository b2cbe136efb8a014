#!/usr/bin/env bash
# Sets up everything congress-desktop needs on a Debian/Ubuntu machine, idempotently:
# the system libraries Qt and PostgreSQL need, a virtualenv in .venv, and the package with
# its test and development extras. Run it again at any time; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Qt (xcb for a real window, EGL/GL/fontconfig for offscreen), PostgreSQL 15 for the tests,
# libpulse0 for Qt Virtual Keyboard (on-screen keyboard), xvfb (+ xauth) for the tests that
# need a real X server (the on-screen keyboard is a window of its own).
PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-randr0 libxcb-shape0 libxcb-xkb1 libx11-xcb1 libpulse0 xvfb xauth
      postgresql python3-venv)
if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    echo "setup: installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python >= 3.11 is required (found $("$PY" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.congress-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi

# Byte-compile the package (an editable install is not compiled by pip): with
# PYTHONDONTWRITEBYTECODE=1 every terminal start would compile its modules from source again.
.venv/bin/python -m compileall -q congress_desktop >/dev/null
