"""The console switches zh_CN ⇄ English at run time (on the same screen), and the roster's
columns are as wide as their contents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures.live_server import LiveServer
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from congress_desktop.ui.common import i18n
from congress_desktop.ui.console.pages.roster import UNIT_COLUMN, RosterPage

from .conftest import Console, open_console

WAIT = 10_000


@pytest.fixture
def chinese_console(qtbot: QtBot, console_server: LiveServer) -> Iterator[Console]:
    app = QCoreApplication.instance()
    assert app is not None
    i18n.switch_language(app, "zh_CN")
    opened = open_console(qtbot, console_server)
    try:
        yield opened
    finally:
        window: Any = opened.window
        while window.replaced_by is not None:
            window = window.replaced_by
        window.close()
        opened.ctx.close()  # type: ignore[attr-defined]
        opened.client.close()
        i18n.switch_language(app, "en")


def test_language_switches_at_run_time_on_the_same_screen(
    qtbot: QtBot, chinese_console: Console
) -> None:
    window: Any = chinese_console.window
    assert window.windowTitle() == "大会秘书处控制台"
    assert window.language_button.text() == "English"
    window.open_page(RosterPage)
    row = window.nav.currentRow()
    chinese_title = window.nav.item(row).text()

    qtbot.mouseClick(window.language_button, _left())
    english: Any = window.replaced_by
    assert english is not None
    qtbot.addWidget(english)
    assert not window.isVisible() and english.isVisible()
    assert english.windowTitle() == "Secretariat console"
    assert english.nav.currentRow() == row
    assert english.nav.item(row).text() == "Roster and delegates" != chinese_title
    assert english.language_button.text() == "中文"
    page = english.page(RosterPage)
    qtbot.waitUntil(lambda: page.delegates.rowCount() > 0, timeout=WAIT)  # the session works

    qtbot.mouseClick(english.language_button, _left())
    chinese: Any = english.replaced_by
    qtbot.addWidget(chinese)
    assert chinese.windowTitle() == "大会秘书处控制台"
    assert chinese.nav.item(row).text() == chinese_title
    assert chinese.language_button.text() == "English"


def test_roster_columns_fit_their_contents_and_the_unit_takes_the_rest(
    qtbot: QtBot, chinese_console: Console
) -> None:
    window: Any = chinese_console.window
    page = window.open_page(RosterPage)
    qtbot.waitUntil(lambda: page.delegates.rowCount() > 0, timeout=WAIT)
    view = page.delegates_view
    header = view.horizontalHeader()
    for column in range(page.delegates.columnCount()):
        if column == UNIT_COLUMN:
            assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
            continue
        width = header.sectionSize(column)
        assert width >= header.sectionSizeHint(column), column  # the header is not cut
        assert width >= min(view.sizeHintForColumn(column), 360), column  # nor the values
        assert width < 360, column  # no column hogs the table
    used = sum(header.sectionSize(c) for c in range(page.delegates.columnCount()))
    assert used <= view.viewport().width() + 1  # no sideways scrolling


def _left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
