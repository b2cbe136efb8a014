"""Every button a delegate can tap on any terminal screen is at least 64 px in both directions
at 1920×1080 (a fingertip, STYLE: touch first)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractButton

from .tour import visit_screens

MIN_TARGET_PX = 64


def small_buttons(window: Any) -> list[str]:
    return [
        f"{b.objectName() or type(b).__name__} {b.text()[:20]!r} {b.width()}x{b.height()}"
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < MIN_TARGET_PX or b.height() < MIN_TARGET_PX)
    ]


def test_every_button_is_a_fingertip_wide_and_tall(qtbot: Any, terminal_window: Any) -> None:
    window = terminal_window
    found = {screen: small_buttons(window) for screen in visit_screens(qtbot, window)}
    window.ask_technician("menu")
    qtbot.wait(30)
    found["technician-pin"] = small_buttons(window)
    window.show_crash()
    qtbot.wait(30)
    found["crash"] = small_buttons(window)
    window.show_main()
    assert {k: v for k, v in found.items() if v} == {}
