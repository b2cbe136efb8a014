"""Logging in through the dialog, a wrong password, and what each role sees."""

from __future__ import annotations

import pytest
from fixtures.live_server import LiveServer
from pytestqt.qtbot import QtBot

from congress_desktop.console_client import AdminApiError, ConsoleClient
from congress_desktop.protocol import AdminAction
from congress_desktop.ui.console.login import LoginDialog
from congress_desktop.ui.console.pages.agenda import AgendaPage
from congress_desktop.ui.console.pages.attendance import AttendancePage
from congress_desktop.ui.console.pages.suggestions import SuggestionsPage
from congress_desktop.ui.console.pages.terminals import TerminalsPage
from congress_desktop.ui.ops import Ops

from .conftest import PASSWORD, open_console


def _dialog(qtbot: QtBot, server: LiveServer) -> tuple[LoginDialog, ConsoleClient, Ops]:
    client = ConsoleClient(server.url)
    ops = Ops(name="login-test")
    dialog = LoginDialog(client, ops)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, client, ops


def test_wrong_password_shows_a_message_then_login_works(
    qtbot: QtBot, console_server: LiveServer
) -> None:
    dialog, client, ops = _dialog(qtbot, console_server)
    try:
        qtbot.keyClicks(dialog.username, "mishu")
        qtbot.keyClicks(dialog.password, "wrong password")
        qtbot.mouseClick(dialog.login_button, qtbot_left())
        qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
        assert "password" in dialog.error.text().lower() or "密码" in dialog.error.text()
        assert dialog.password.text() == ""
        qtbot.keyClicks(dialog.password, PASSWORD)
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            qtbot.mouseClick(dialog.login_button, qtbot_left())
        assert dialog.me is not None and dialog.me.username == "mishu"
        assert AdminAction.AGENDA_PUBLISH in dialog.me.actions
    finally:
        ops.shutdown()
        client.close()


def qtbot_left() -> object:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_handling_unit_sees_no_publish_action_and_the_api_refuses(
    qtbot: QtBot, console_server: LiveServer
) -> None:
    unit = open_console(qtbot, console_server, "chengban")
    try:
        window = unit.window
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert [type(p) for p in window.pages] == [SuggestionsPage], titles
        assert window.page(AgendaPage) is None
        with pytest.raises(AdminApiError) as refused:
            unit.client.publish_agenda()
        assert refused.value.status == 403
    finally:
        window.close()
        unit.ctx.close()
        unit.client.close()


def test_technician_sees_terminals_and_attendance_but_cannot_edit(
    qtbot: QtBot, console_server: LiveServer
) -> None:
    tech = open_console(qtbot, console_server, "jishu")
    try:
        window = tech.window
        assert window.page(TerminalsPage) is not None
        agenda = window.page(AgendaPage)
        assert agenda is not None and agenda.publish_button is None
        assert agenda.next_button is None
        attendance = window.page(AttendancePage)
        assert attendance is not None and attendance.signin_button is None
    finally:
        window.close()
        tech.ctx.close()
        tech.client.close()
