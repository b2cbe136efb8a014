"""Starting a console-side Qt app (console, hall display) on qasync: logging, Qt messages,
font, stylesheet, translations."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from congress_desktop.config import assets_dir
from congress_desktop.logs import setup_logging

log = logging.getLogger(__name__)


def make_app(log_dir: Path, log_name: str, stylesheet: str, language: str) -> Any:
    """The QApplication with the CJK font, ``stylesheet`` and the console catalogue."""
    os.environ.setdefault("QT_API", "pyside6")
    setup_logging(log_dir, filename=log_name)
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from congress_desktop.ui.app import install_qt_message_handler
    from congress_desktop.ui.common.i18n import install_language
    from congress_desktop.ui.theme import load_cjk_font

    install_qt_message_handler()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("congress-desktop")
    family = load_cjk_font()
    font = QFont(family) if family else QFont()
    font.setPixelSize(15)
    app.setFont(font)
    apply_stylesheet(app, stylesheet)
    install_language(app, language)
    return app


def apply_stylesheet(app: Any, name: str) -> None:
    path = assets_dir() / "styles" / name
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as exc:
        log.error("stylesheet %s not loaded: %s", path, exc)


def run_qasync(app: Any, main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    import qasync

    async def wrapped() -> int:
        loop = asyncio.get_running_loop()
        # qasync does not install asyncio's async-generator hooks (STACK-NOTES)
        sys.set_asyncgen_hooks(
            firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
            finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
        )
        return await main()

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(wrapped())


async def until_closed(app: Any) -> None:
    closed = asyncio.get_running_loop().create_future()
    app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
    await closed
