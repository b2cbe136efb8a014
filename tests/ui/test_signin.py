"""Signing in with the on-screen PIN pad, offline."""

from __future__ import annotations

from typing import Any

from fixtures.ui import PIN, WRONG_PIN
from PySide6.QtCore import Qt
from sqlalchemy import select

from congress_desktop.store.schema import outbox
from congress_desktop.store.terminal_store import MAX_PIN_FAILURES

from .helpers import WAIT_MS, enter_pin, idle, sign_in


def test_sign_in_screen_shows_the_delegate_of_this_seat(terminal_window: Any) -> None:
    screen = terminal_window.signin
    assert terminal_window.current_key() == "signin"
    assert screen.name_label.text() == "王建国"
    assert screen.delegation_label.text() == "东城区代表团"
    assert screen.number_label.text() == "代表证号：170001"
    assert screen.session_label.text() == "市第十七届人民代表大会第二次会议"
    assert not terminal_window.nav_rail.isVisible()


def test_pin_targets_are_big_enough_to_touch(terminal_window: Any) -> None:
    pad = terminal_window.signin.pin_pad
    for button in [*pad.digit_buttons.values(), pad.clear_button, pad.delete_button]:
        assert button.height() >= 48 and button.width() >= 48


def test_wrong_pin_shows_the_remaining_tries(qtbot: Any, terminal_window: Any) -> None:
    screen = terminal_window.signin
    enter_pin(qtbot, terminal_window, WRONG_PIN)
    qtbot.waitUntil(screen.message.isVisible, timeout=WAIT_MS)
    assert screen.message.text() == f"PIN 码错误，还可尝试 {MAX_PIN_FAILURES - 1} 次。"
    assert screen.pin_pad.pin() == ""
    assert terminal_window.current_key() == "signin"
    assert terminal_window.ctx.store.outbox_pending() == 0


def test_too_many_wrong_pins_lock_sign_in(qtbot: Any, terminal_window: Any) -> None:
    screen = terminal_window.signin
    for _ in range(MAX_PIN_FAILURES):
        enter_pin(qtbot, terminal_window, WRONG_PIN)
        idle(qtbot, terminal_window.ctx)
    assert "签到已锁定" in screen.message.text()
    enter_pin(qtbot, terminal_window, PIN)  # even the right PIN is refused now
    idle(qtbot, terminal_window.ctx)
    assert "签到已锁定" in screen.message.text()
    assert terminal_window.current_key() == "signin"


def test_right_pin_signs_in_offline_with_an_outbox_op(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)

    home = terminal_window.home
    assert home.title_label.text() == "王建国代表，您好"
    assert home.signin_state.text().startswith("已于 ")
    assert home.signin_badge.text() == "已保存在本终端"
    assert home.item_title.text() == "第2项：审查和批准国民经济和社会发展计划"
    assert terminal_window.nav_rail.isVisible()
    status = terminal_window.status_bar
    qtbot.waitUntil(lambda: status.signin_label.text() == "已签到 · 等待大会确认")
    assert status.outbox_label.text() == "1 项操作待发送"
    assert status.network_label.text() == "● 离线"

    store = terminal_data.store
    signin = store.my_signin(terminal_data.delegate_id, terminal_data.sitting_id)
    assert signin is not None and not signin.confirmed
    ops = store.read(lambda c: c.execute(select(outbox.c.kind, outbox.c.row_id)).all())
    assert ops == [("signin", signin.id)]


def test_pin_can_be_typed_on_a_keyboard(qtbot: Any, terminal_window: Any) -> None:
    pad = terminal_window.signin.pin_pad
    pad.setFocus()
    qtbot.keyClicks(pad, PIN)
    assert pad.display.text() == "●" * len(PIN)
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert len(pad.pin()) == len(PIN) - 1
    qtbot.keyClicks(pad, PIN[-1])
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: terminal_window.current_key() == "home", timeout=WAIT_MS)


def test_a_restarted_terminal_returns_home_when_already_signed_in(
    qtbot: Any, terminal_window: Any, terminal_ctx: Any, languages: Any
) -> None:
    from congress_desktop.ui.terminal.window import TerminalWindow

    sign_in(qtbot, terminal_window, PIN)
    terminal_ctx.signed_in = False
    again = TerminalWindow(terminal_ctx, languages)
    qtbot.addWidget(again)
    again.show()
    again.start()
    qtbot.waitUntil(lambda: again.current_key() == "home", timeout=WAIT_MS)
