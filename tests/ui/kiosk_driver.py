"""Driving a real kiosk terminal window by taps, for the scripts that run it in a process of
their own (``kiosk_screens.py``, ``keyboard_probe.py``). Import it inside ``main()``, once the
Qt platform and input method are chosen: it imports PySide6."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fixtures.ui import build_terminal
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from congress_desktop.ui.i18n import LanguageSwitcher
from congress_desktop.ui.ops import Ops
from congress_desktop.ui.sync_bridge import SyncBridge
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.kiosk import KioskSettings
from congress_desktop.ui.terminal.window import TerminalWindow
from congress_desktop.ui.theme import apply_theme

STEP_TIMEOUT_S = 20.0


def open_kiosk_window(data_dir: Path, name: str) -> tuple[Any, QApplication, Ops, TerminalWindow]:
    """A terminal built in ``data_dir`` (``fixtures.ui``) in a kiosk window, in Chinese, with no
    idle lock: (the terminal's data, the app, its ops, the window, not shown yet)."""
    data = build_terminal(data_dir)
    app = QApplication([name])
    apply_theme(app)
    languages = LanguageSwitcher(app)
    languages.set_language("zh_CN")
    ops = Ops(name=name)
    ctx = TerminalContext(data.store, data.identity, ops, SyncBridge(None))
    window = TerminalWindow(ctx, languages, KioskSettings(kiosk=True, idle_lock_s=0))
    return data, app, ops, window


def until(condition: Any, what: str, settle_ms: int = 150) -> None:
    """Run Qt until ``condition()``, then ``settle_ms`` more; TimeoutError after a while."""
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {STEP_TIMEOUT_S:.0f} s for {what}")
        QTest.qWait(20)
    QTest.qWait(settle_ms)


def tap(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())  # fmt: skip


def keyboard_window() -> QQuickWindow:
    """The on-screen keyboard's own window."""
    views = [w for w in QGuiApplication.topLevelWindows() if isinstance(w, QQuickWindow)]
    assert views, "no on-screen keyboard window"
    return views[0]


def find_key(item: QQuickItem, text: str) -> QQuickItem | None:
    """The visible key showing ``text`` (or whose QML type name starts with it, e.g.
    ``SpaceKey_``) under ``item``."""
    name = item.metaObject().className()
    kinds = ("Key_", "SpaceKey_", "HideKeyboardKey_")
    wanted = item.property("text") == text or name.startswith(text)
    if name.startswith(kinds) and item.isVisible() and wanted:
        return item
    for child in item.childItems():
        found = find_key(child, text)
        if found is not None:
            return found
    return None


def tap_keys(keys: str | list[str]) -> None:
    """Tap each key on the on-screen keyboard, as a finger would."""
    view = keyboard_window()
    for key in keys:
        item = find_key(view.contentItem(), key)
        assert item is not None, f"no key {key!r} on the keyboard"
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         centre)  # fmt: skip
        QTest.qWait(40)
