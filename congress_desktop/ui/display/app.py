"""``congress-desktop display --server URL [--user U --password-file F]``: the hall display.

Without ``--user`` a login dialog asks (the console's); any console account that may view
attendance works (a technician account is enough)."""

from __future__ import annotations

import logging
from pathlib import Path

from congress_desktop.config import default_data_dir

log = logging.getLogger(__name__)


def run_display(
    server_url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    language: str = "zh_CN",
    fullscreen: bool = True,
    data_dir: Path | None = None,
) -> int:
    from congress_desktop.console_client import ConsoleClient
    from congress_desktop.ui.common.bootstrap import make_app, run_qasync, until_closed

    logs = (data_dir or default_data_dir("display")) / "logs"
    app = make_app(logs, "display.log", "console.qss", language)

    async def main() -> int:
        from PySide6.QtWidgets import QDialog

        from congress_desktop.ui.console.login import LoginDialog
        from congress_desktop.ui.display.window import DisplayWindow
        from congress_desktop.ui.ops import Ops

        client = ConsoleClient(server_url)
        ops = Ops(workers=2, name="display")
        window: DisplayWindow | None = None
        try:
            if username and password:
                client.login(username, password)
            else:
                dialog = LoginDialog(client, ops)
                if username:
                    dialog.username.setText(username)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return 1
            window = DisplayWindow(client, ops)
            if fullscreen:
                window.showFullScreen()
            else:
                window.resize(1920, 1080)
                window.show()
            window.start()
            await until_closed(app)
            return 0
        finally:
            if window is not None:
                window.stop()
            ops.shutdown()
            client.close()

    return run_qasync(app, main)
