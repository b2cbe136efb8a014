#!/usr/bin/env bash
# Builds a self-contained one-folder bundle in dist/congress-desktop/ and a tarball beside it.
# Needs the project's venv (./setup.sh); installs PyInstaller into it when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
./setup.sh
.venv/bin/python -m PyInstaller --version >/dev/null 2>&1 || .venv/bin/python -m pip install -q "pyinstaller>=6.6"
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/congress-desktop.spec
version=$(.venv/bin/python -c 'import congress_desktop; print(congress_desktop.__version__)')
tar -C dist -czf "dist/congress-desktop-${version}-linux-$(uname -m).tar.gz" congress-desktop
echo "built dist/congress-desktop/ and dist/congress-desktop-${version}-linux-$(uname -m).tar.gz"
