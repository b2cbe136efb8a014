"""``congress-desktop demo``: a demo server with a realistic session and one terminal at seat 1.

Layout of the demo directory (recreated on every run; it is marked so that nothing else is
ever wiped by mistake)::

    DIR/.congress-demo     marker
    DIR/server/            the server's data (SQLite, blobs, logs)
    DIR/terminal-1/        the terminal at seat 1 (store, cached documents, logs)
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from congress_desktop.config import ServerPaths
from congress_desktop.errors import CorruptFileError, InvalidInputError
from congress_desktop.launcher import ServerProcess

log = logging.getLogger(__name__)

MARKER = ".congress-demo"
DEMO_SEAT = 1


def fresh_demo_dir(root: Path) -> Path:
    if root.exists() and any(root.iterdir()):
        if not (root / MARKER).exists():
            raise InvalidInputError(
                f"{root} exists and is not a demo directory; choose another --data"
            )
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("congress-desktop demo data; wiped by the next `demo` run\n")
    return root


def import_extra_documents(server_dir: Path, folder: Path) -> list[str]:
    """Import every PDF in ``folder``; a bad file is reported and skipped, never half-imported."""
    from congress_desktop.server.importing import import_document_file

    problems = []
    for pdf in sorted(folder.glob("*.pdf")):
        try:
            import_document_file(server_dir, pdf)
        except CorruptFileError as exc:
            problems.append(str(exc))
            _say(f"skipped {pdf.name}: {exc}")
    return problems


def run_demo(
    data: Path,
    *,
    port: int | None = None,
    screenshots: Path | None = None,
    extra_documents: Path | None = None,
    language: str = "zh_CN",
) -> int:
    root = fresh_demo_dir(data)
    server_dir = root / "server"
    terminal_dir = root / f"terminal-{DEMO_SEAT}"
    if screenshots is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _say("starting the demo server and generating the demo session (documents, delegates)…")
    server = ServerProcess(server_dir, port=port, demo=True)
    server.start(timeout=300)
    try:
        if extra_documents is not None:
            import_extra_documents(server_dir, extra_documents)
        from congress_desktop.server.tokens import create_enrollment_token
        from congress_desktop.sync.provision import provision

        token = create_enrollment_token(ServerPaths(server_dir).default_db_url, DEMO_SEAT)
        provision(server.url, token, terminal_dir, name=f"demo-seat-{DEMO_SEAT}")
        _say(f"server: {server.url}   terminal: {terminal_dir}   demo PIN: 123456")
        from congress_desktop.ui.app import run_terminal

        return run_terminal(terminal_dir, language=language, screenshots_dir=screenshots)
    finally:
        server.stop()


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
