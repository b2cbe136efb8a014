"""Every path the program uses is resolved here, once.

A data directory (``--data DIR``) holds all state of one role: a server's database and blobs,
or a terminal's local store, cached documents, credential and logs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "congress-desktop"


def default_data_dir(role: str) -> Path:
    """The platform's user data directory for a role (``server``, ``terminal``, ``demo``)."""
    override = os.environ.get("CONGRESS_DESKTOP_DATA")
    if override:
        return Path(override) / role
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / role


def assets_dir() -> Path:
    """``assets/`` of a source checkout, or of a frozen (PyInstaller) bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def program_command() -> list[str]:
    """The argv prefix that runs this program again: the bundle's executable when frozen
    (PyInstaller), else ``python -m congress_desktop``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "congress_desktop"]


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


class ServerPaths:
    """Layout of a server data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "server.sqlite3"
        self.blobs = root / "blobs"
        self.logs = root / "logs"

    @property
    def default_db_url(self) -> str:
        return f"sqlite:///{self.database}"

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256

    def create(self) -> ServerPaths:
        for d in (self.root, self.blobs, self.logs):
            ensure_dir(d)
        return self


class TerminalPaths:
    """Layout of a terminal data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.database = root / "terminal.sqlite3"
        self.blobs = root / "blobs"
        self.logs = root / "logs"

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256

    def create(self) -> TerminalPaths:
        for d in (self.root, self.blobs, self.logs):
            ensure_dir(d)
        return self
