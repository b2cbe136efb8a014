"""Console fixtures: a real seeded server (subprocess) with console accounts, and a logged-in
console window driven offscreen by pytest-qt."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.live_server import LiveServer
from fixtures.terminal import start_seeded_server

from congress_desktop.config import ServerPaths
from congress_desktop.console_client import ConsoleClient
from congress_desktop.server.users import add_user

PASSWORD = "correct horse battery"
UNIT = "市住房和城乡建设局"


def add_accounts(server: LiveServer) -> None:
    url = server.db_url or ServerPaths(server.data_dir).default_db_url
    add_user(url, "mishu", PASSWORD, "secretariat")
    add_user(url, "chengban", PASSWORD, "handling_unit", UNIT)
    add_user(url, "jishu", PASSWORD, "technician")


@pytest.fixture(scope="module")
def console_server(
    tmp_path_factory: pytest.TempPathFactory, seeded_server_dir: Path
) -> Iterator[LiveServer]:
    """The small demo session on a live server, with mishu / chengban / jishu accounts."""
    server = start_seeded_server(seeded_server_dir, tmp_path_factory.mktemp("console") / "server")
    try:
        add_accounts(server)
        yield server
    finally:
        server.stop()


@dataclass
class Console:
    client: ConsoleClient
    ctx: object  # ConsoleContext
    window: object  # ConsoleWindow

    def close(self) -> None:
        self.window.close()  # type: ignore[attr-defined]
        self.ctx.close()  # type: ignore[attr-defined]
        self.client.close()


@contextlib.contextmanager
def chinese_ui() -> Iterator[None]:
    """The console's default language (zh_CN) installed for the block."""
    from PySide6.QtCore import QCoreApplication

    from congress_desktop.ui.common import i18n

    app = QCoreApplication.instance()
    assert app is not None
    translator = i18n.install_language(app, "zh_CN")
    try:
        yield
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


def open_console(qtbot: object, server: LiveServer, username: str = "mishu") -> Console:
    from congress_desktop.ui.console.context import ConsoleContext
    from congress_desktop.ui.console.window import ConsoleWindow

    client = ConsoleClient(server.url)
    client.login(username, PASSWORD)
    ctx = ConsoleContext(client)
    window = ConsoleWindow(ctx)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.start()
    return Console(client, ctx, window)


@pytest.fixture
def console(qtbot: object, console_server: LiveServer) -> Iterator[Console]:
    opened = open_console(qtbot, console_server)
    try:
        yield opened
    finally:
        opened.close()
