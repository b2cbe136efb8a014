"""The hall display against a real server: title, current item, totals and the quorum light,
moved by the admin event stream (the slow poll is switched off here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from console.conftest import PASSWORD, console_server  # noqa: F401  (module fixture)
from fixtures.live_server import LiveServer
from pytestqt.qtbot import QtBot

from congress_desktop.console_client import ConsoleClient
from congress_desktop.ui.display.window import DisplayWindow
from congress_desktop.ui.ops import Ops


@pytest.fixture
def staff(console_server: LiveServer) -> Iterator[ConsoleClient]:  # noqa: F811
    client = ConsoleClient(console_server.url)
    client.login("mishu", PASSWORD)
    yield client
    client.close()


def test_display_follows_the_current_item_and_sign_ins(
    qtbot: QtBot,
    console_server: LiveServer,  # noqa: F811
    staff: ConsoleClient,
) -> None:
    client = ConsoleClient(console_server.url)
    client.login("jishu", PASSWORD)  # a technician may watch attendance
    ops = Ops(workers=2, name="display-test")
    window = DisplayWindow(client, ops)
    qtbot.addWidget(window)
    window.feed._poll.setInterval(600_000)  # only events move it
    window.resize(1920, 1080)
    window.show()
    window.start()
    try:
        qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
        data = window.data
        assert data.session_title and window.session_title.text() == data.session_title
        assert window.expected.value.text() == str(data.totals.expected)

        agenda = staff.agenda()
        target = agenda.items[-1]
        staff.set_current("item", target.id)
        qtbot.waitUntil(lambda: target.title in window.item.text(), timeout=5_000)

        attendance = staff.attendance()
        present = attendance.totals.present
        missing = attendance.not_signed_in[0]
        staff.staff_signin(attendance.sitting_id, missing.delegate_id, "人工核验")
        qtbot.waitUntil(lambda: window.present.value.text() == str(present + 1), timeout=5_000)
        met = (present + 1) >= attendance.quorum
        assert window.light.property("met") == str(met).lower()
    finally:
        window.stop()
        window.close()
        ops.shutdown()
        client.close()
