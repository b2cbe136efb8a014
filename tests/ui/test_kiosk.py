"""The kiosk shell: no way out without the technician PIN, the hidden technician menu, the
idle lock, restarting where the delegate was, badge sign-in and the PIN lock reset."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from fixtures.ui import BADGE, DOC_TITLE, PIN, TECHNICIAN_PIN, WRONG_PIN, open_window
from PySide6.QtCore import Qt

from congress_desktop.store.technician import check_technician_pin
from congress_desktop.ui.terminal.kiosk import KioskSettings

from .helpers import WAIT_MS, enter_pin, idle, sign_in, tap, type_text


def enter_technician_pin(qtbot: Any, window: Any, pin: str) -> None:
    panel = window.technician_pin
    assert panel.isVisible()
    for digit in pin:
        tap(qtbot, panel.pin_pad.digit_buttons[digit])
    tap(qtbot, panel.ok_button)
    idle(qtbot, window.ctx)


def test_a_kiosk_cannot_be_closed_without_the_technician_pin(
    qtbot: Any, terminal_ctx: Any, languages: Any
) -> None:
    window = open_window(qtbot, terminal_ctx, languages, KioskSettings(kiosk=True))
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.close() is False  # Alt+F4 or the window manager
    assert window.isVisible()
    assert window.technician_pin.title_label.text() == "技术人员"

    enter_technician_pin(qtbot, window, "0000")
    assert window.technician_pin.message.text() == "技术人员密码错误。"
    assert window.isVisible()
    tap(qtbot, window.technician_pin.cancel_button)
    assert window.main_page.isVisible()

    window.close()
    enter_technician_pin(qtbot, window, TECHNICIAN_PIN)
    assert window.exit_action == "exit"
    assert not window.isVisible()


def test_five_taps_on_the_emblem_open_the_technician_menu(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    window = terminal_window
    for _ in range(5):
        qtbot.mouseClick(window.emblem, Qt.MouseButton.LeftButton)
    enter_technician_pin(qtbot, window, TECHNICIAN_PIN)
    menu = window.technician_menu
    assert menu.isVisible()
    info = menu.info_label.text()
    assert "服务器：http://127.0.0.1:9" in info
    assert "终端：t1" in info
    assert "座位：1" in info
    assert not menu.unlock_button.isEnabled()  # nobody is locked out
    tap(qtbot, menu.back_button)
    assert window.signin.isVisible()


def test_staff_unlock_pin_sign_in_after_five_wrong_pins(qtbot: Any, terminal_window: Any) -> None:
    window = terminal_window
    for _ in range(5):
        enter_pin(qtbot, window, WRONG_PIN)
        idle(qtbot, window.ctx)
    assert "已锁定" in window.signin.message.text()
    enter_pin(qtbot, window, PIN)  # the right PIN no longer helps
    idle(qtbot, window.ctx)
    assert window.current_key() == "signin"

    qtbot.mousePress(window.emblem, Qt.MouseButton.LeftButton)  # a long press
    qtbot.waitUntil(lambda: window.technician_pin.isVisible(), timeout=3000)
    qtbot.mouseRelease(window.emblem, Qt.MouseButton.LeftButton)
    enter_technician_pin(qtbot, window, TECHNICIAN_PIN)
    menu = window.technician_menu
    tap(qtbot, menu.unlock_button)
    idle(qtbot, window.ctx)
    assert menu.unlock_message.text() == "已解除以下代表的密码签到锁定：王建国"
    tap(qtbot, menu.back_button)
    sign_in(qtbot, window, PIN)


def test_a_badge_reader_signs_in_from_anywhere_on_the_sign_in_screen(
    qtbot: Any, terminal_window: Any
) -> None:
    window = terminal_window
    qtbot.keyClicks(window.signin.pin_pad, "B170002X")  # someone else's badge
    qtbot.keyClick(window.signin.pin_pad, Qt.Key.Key_Return)
    assert window.signin.message.text() == "此代表证不属于本座位的代表。"
    assert window.signin.pin_pad.pin() == ""

    qtbot.keyClicks(window.signin, BADGE)  # the reader types fast, wherever the focus is
    qtbot.keyClick(window.signin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_key() == "home", timeout=WAIT_MS)
    assert "王建国" in window.header_delegate.text()


def test_keys_typed_at_human_speed_are_not_a_badge(qtbot: Any, terminal_window: Any) -> None:
    pad = terminal_window.signin.pin_pad
    for digit in PIN:
        qtbot.keyClick(pad, digit, delay=80)
    qtbot.keyClick(pad, Qt.Key.Key_Return, delay=80)
    qtbot.waitUntil(lambda: terminal_window.current_key() == "home", timeout=WAIT_MS)


def test_idle_lock_returns_to_sign_in_and_hides_private_data(
    qtbot: Any, terminal_ctx: Any, languages: Any
) -> None:
    window = open_window(qtbot, terminal_ctx, languages, KioskSettings(idle_lock_s=0.4))
    sign_in(qtbot, window, PIN)
    tap(qtbot, window.nav_buttons["suggestions"])
    form = window.suggestions.form
    type_text(form.title_edit, "关于加强社区养老的建议")
    qtbot.waitUntil(lambda: window.current_key() == "signin", timeout=WAIT_MS)
    assert not window.nav_rail.isVisible()
    assert form.title_edit.text() == ""  # nothing private left on screen
    assert "王建国" not in window.header_delegate.text()

    sign_in(qtbot, window, PIN)
    tap(qtbot, window.nav_buttons["suggestions"])
    qtbot.waitUntil(lambda: form.title_edit.text() == "关于加强社区养老的建议", timeout=WAIT_MS)


def test_a_restart_returns_to_the_same_document_and_page(
    qtbot: Any, terminal_ctx: Any, languages: Any
) -> None:
    window = open_window(qtbot, terminal_ctx, languages)
    sign_in(qtbot, window, PIN)
    tap(qtbot, window.nav_buttons["documents"])
    qtbot.waitUntil(lambda: window.documents.card_for(DOC_TITLE) is not None, timeout=WAIT_MS)
    tap(qtbot, window.documents.card_for(DOC_TITLE))
    viewer = window.viewer
    qtbot.waitUntil(viewer.page_view.has_page, timeout=WAIT_MS)
    tap(qtbot, viewer.next_button)
    tap(qtbot, viewer.next_button)
    idle(qtbot, window.ctx)
    window.close()  # as good as a crash: the state was saved on every change

    terminal_ctx.signed_in = False
    again = open_window(qtbot, terminal_ctx, languages)
    qtbot.waitUntil(lambda: again.current_key() == "viewer", timeout=WAIT_MS)
    assert again.viewer.title_label.text() == DOC_TITLE
    indicator = again.viewer.page_indicator
    qtbot.waitUntil(lambda: indicator.text().startswith("第 3 /"), timeout=WAIT_MS)
    qtbot.waitUntil(again.viewer.page_view.has_page, timeout=WAIT_MS)


def test_technician_pin_command_stores_only_a_hash(tmp_path: Any) -> None:
    data = tmp_path / "t"
    done = subprocess.run(
        [sys.executable, "-m", "congress_desktop", "technician-pin", "--data", str(data),
         "--pin-stdin"],
        input="4321\n", capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "technician PIN set" in done.stdout
    assert "4321" not in (data / "technician.json").read_text()
    assert check_technician_pin(data, "4321")
    assert not check_technician_pin(data, "1234")
