"""``congress-desktop console --server URL``: log in, then the console window."""

from __future__ import annotations

import logging
from pathlib import Path

from congress_desktop.config import default_data_dir

log = logging.getLogger(__name__)


def run_console(server_url: str, *, language: str = "zh_CN", data_dir: Path | None = None) -> int:
    from congress_desktop.console_client import ConsoleClient
    from congress_desktop.ui.common.bootstrap import make_app, run_qasync, until_closed

    logs = (data_dir or default_data_dir("console")) / "logs"
    app = make_app(logs, "console.log", "console.qss", language)

    async def main() -> int:
        from PySide6.QtWidgets import QDialog

        from congress_desktop.ui.console.context import ConsoleContext
        from congress_desktop.ui.console.login import LoginDialog
        from congress_desktop.ui.console.window import ConsoleWindow

        client = ConsoleClient(server_url)
        ctx = ConsoleContext(client)
        try:
            dialog = LoginDialog(client, ctx.ops)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 1
            window = ConsoleWindow(ctx)
            window.show()
            window.start()
            await until_closed(app)
            return 0
        finally:
            ctx.close()
            try:
                client.logout()
            except Exception as exc:  # the server may be gone: logging out is best effort
                log.info("logout failed: %s", exc)
            client.close()

    return run_qasync(app, main)
