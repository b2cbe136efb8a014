"""Small helpers for driving the terminal like a delegate: taps, typing, waiting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

WAIT_MS = 5000


def tap(qtbot: Any, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget!r} is not visible"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def enter_pin(qtbot: Any, window: Any, pin: str) -> None:
    pad = window.signin.pin_pad
    for digit in pin:
        tap(qtbot, pad.digit_buttons[digit])
    tap(qtbot, window.signin.sign_in_button)


def idle(qtbot: Any, ctx: Any) -> None:
    """Until the background work queued so far has been delivered."""
    qtbot.waitUntil(lambda: not ctx.ops.busy, timeout=WAIT_MS)


def sign_in(qtbot: Any, window: Any, pin: str) -> None:
    enter_pin(qtbot, window, pin)
    qtbot.waitUntil(lambda: window.current_key() == "home", timeout=WAIT_MS)
    idle(qtbot, window.ctx)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a Chinese input method does: each phrase arrives as a committed string.

    (``QTest.keyClicks`` only knows Latin keys; a delegate types Chinese through pinyin.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for start in range(0, len(text), 4):
        event = QInputMethodEvent()
        event.setCommitString(text[start : start + 4])
        QApplication.sendEvent(widget, event)
