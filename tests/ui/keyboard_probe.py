"""Types Pinyin on Qt's on-screen keyboard in a real terminal window (run under Xvfb).

``python tests/ui/keyboard_probe.py DATA_DIR RESULT_JSON [SCREENSHOT_PNG]`` with ``tests`` and
the repository on ``PYTHONPATH`` and a real X display (``xvfb-run -a -s "-screen 0
1920x1080x24"``). It builds a terminal in DATA_DIR, signs in on the PIN pad, opens the
suggestion composer, taps the title field, taps n-i-h-a-o and the space bar on the keyboard
(the first candidate, 你好), then taps the content field low on the screen and types "zaijian"
(再见). It writes what a person would have seen to RESULT_JSON: the fields' texts and where
the focused field was compared with the keyboard's top edge. ``tests/ui/test_touch_keyboard.py``
runs it; the offscreen platform cannot show the keyboard's separate window.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ["QT_IM_MODULE"] = "qtvirtualkeyboard"
os.environ.setdefault("QT_API", "pyside6")


def main(data_dir: Path, result_path: Path, screenshot: Path | None) -> int:
    from fixtures.ui import PIN
    from kiosk_driver import open_kiosk_window, tap
    from kiosk_driver import tap_keys as tap_each_key
    from kiosk_driver import until as until_then
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from congress_desktop.ui.touch_keyboard import enable_touch_keyboard

    assert enable_touch_keyboard(), "Qt Virtual Keyboard is not installed"
    data, _app, ops, window = open_kiosk_window(data_dir, "probe")
    window._leaving = True  # the probe may close it without the technician PIN
    method = QGuiApplication.inputMethod()
    result: dict[str, Any] = {}

    def until(condition: Any, what: str) -> None:
        until_then(condition, what, settle_ms=100)

    def tap_keys(keys: str | list[str]) -> None:
        tap_each_key(keys)
        QTest.qWait(150)

    def keyboard_top() -> int:
        return window.mapToGlobal(QPoint(0, round(method.keyboardRectangle().top()))).y()

    def field_bottom(widget: QWidget) -> int:
        """The bottom of the field's text cursor line in global coordinates."""
        cursor = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        cursor = cursor.toRect() if hasattr(cursor, "toRect") else cursor
        return widget.mapToGlobal(cursor.bottomLeft()).y()

    def visible_bottom() -> int:
        scroll = window.screen_scroll
        return scroll.viewport().mapToGlobal(QPoint(0, scroll.viewport().height())).y()

    try:
        window.apply_kiosk()
        window.activateWindow()
        window.start()
        until(lambda: window.started and not ops.busy, "the sign-in screen")
        pad = window.signin.pin_pad
        for digit in PIN:
            tap(pad.digit_buttons[digit])
        tap(window.signin.sign_in_button)
        until(lambda: window.current_key() == "home" and not ops.busy, "home after sign-in")
        window.show_screen("suggestions")
        form = window.suggestions.form
        until(lambda: form.title_edit.isVisible() and not ops.busy, "the composer")
        result["keyboard_visible_before"] = method.isVisible()

        tap(form.title_edit)
        until(method.isVisible, "the keyboard after tapping the title")
        until(lambda: not method.keyboardRectangle().isEmpty(), "the keyboard's size")
        result["locale"] = method.locale().name()
        result["keyboard_top"] = keyboard_top()
        tap_keys("nihao ")
        result["title"] = form.title_edit.text()
        result["title_bottom"] = field_bottom(form.title_edit)

        # hide the keyboard with its own key, then tap the content field low on the screen
        tap_keys(["HideKeyboardKey_"])
        until(lambda: not method.isVisible() and window.screen_scroll.covered == 0, "hiding")
        result["content_bottom_without_keyboard"] = field_bottom(form.content_edit)
        field = form.content_edit.viewport()  # where a finger lands
        tap(field, QPoint(40, field.height() - 30))
        until(method.isVisible, "the keyboard after tapping the content")
        until(lambda: window.screen_scroll.covered > 0, "the screen to make room")
        QTest.qWait(200)
        tap_keys("zaijian ")
        result["content"] = form.content_edit.toPlainText()
        result["content_bottom"] = field_bottom(form.content_edit)
        result["visible_bottom"] = visible_bottom()
        result["keyboard_top_2"] = keyboard_top()
        result["covered"] = window.screen_scroll.covered
        if screenshot is not None:
            QTest.qWait(300)
            window.screen().grabWindow(0).save(str(screenshot))
        method.hide()
        until(lambda: window.screen_scroll.covered == 0, "the screen back at full height")
        result["covered_after_hide"] = window.screen_scroll.covered
        # the delegate switches to English: the keyboard follows (and offers only the two)
        tap(window.language_button)
        tap(form.title_edit)
        until(method.isVisible, "the keyboard in English")
        until(lambda: method.locale().name() == "en_US", "the English layout")
        result["locale_after_switch"] = method.locale().name()
        from congress_desktop.ui.touch_keyboard import keyboard_settings

        settings = keyboard_settings()
        assert settings is not None, "no keyboard settings"
        result["active_locales"] = list(settings.property("activeLocales"))
        form.title_edit.clear()
        tap_keys("ok")
        result["typed_in_english"] = form.title_edit.text()
    except Exception as exc:  # reported to the test, which fails on it
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        form = window.suggestions.form
        form.flush_draft()
        window.close()
        ops.shutdown()
        data.store.close()
    result_path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    sys.stdout.flush()
    # skip interpreter teardown: Qt Quick's objects outliving the QApplication abort it
    os._exit(0 if "error" not in result else 1)


if __name__ == "__main__":
    shot = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), shot))
