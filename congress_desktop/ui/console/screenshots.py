"""A screenshot tour of the console and the hall display (offscreen), for looking at them::

python -m congress_desktop.ui.console.screenshots URL USER PASSWORD OUT_DIR [zh_CN|en]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _settle(app: Any, seconds: float) -> None:
    """Run the event loop for ``seconds`` (not processEvents() in a loop: PySide6 6.12.0
    loses a reference to None on every call)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def tour(url: str, user: str, password: str, out: Path, language: str = "zh_CN") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from congress_desktop.console_client import ConsoleClient
    from congress_desktop.ui.common.bootstrap import make_app
    from congress_desktop.ui.console.context import ConsoleContext
    from congress_desktop.ui.console.login import LoginDialog
    from congress_desktop.ui.console.window import ConsoleWindow
    from congress_desktop.ui.display.window import DisplayWindow

    app = make_app(out / "logs", "screenshots.log", "console.qss", language)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    client = ConsoleClient(url)
    ctx = ConsoleContext(client)
    login = LoginDialog(client, ctx.ops)
    login.username.setText(user)
    login.password.setText("wrong")
    login.show()
    login.submit()
    _settle(app, 1.5)
    written.append(out / "00-login-wrong-password.png")
    login.grab().save(str(written[-1]))
    login.close()
    client.login(user, password)
    window = ConsoleWindow(ctx)
    window.resize(1440, 900)
    window.show()
    window.start()
    for index, page in enumerate(window.pages, 1):
        window.nav.setCurrentRow(index - 1)
        _settle(app, 1.5)
        name = type(page).__name__.removesuffix("Page").removesuffix("Control").lower()
        written.append(out / f"{index:02d}-{name}.png")
        window.grab().save(str(written[-1]))
    window.close()
    display = DisplayWindow(client, ctx.ops)
    display.resize(1920, 1080)
    display.show()
    display.start()
    _settle(app, 2.0)
    written.append(out / "90-hall-display.png")
    display.grab().save(str(written[-1]))
    display.stop()
    display.close()
    ctx.close()
    client.close()
    return written


if __name__ == "__main__":
    args = sys.argv[1:]
    for path in tour(args[0], args[1], args[2], Path(args[3]), *(args[4:5] or ["zh_CN"])):
        sys.stdout.write(f"{path}\n")
