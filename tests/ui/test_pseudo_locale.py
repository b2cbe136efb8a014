"""Every terminal screen in a lengthening pseudo-locale at 1920×1080: no label or button text
is cut off and no English text escaped translation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures.ui import TECHNICIAN_PIN
from PySide6.QtWidgets import QApplication

from .clipping import clipped_texts, visible_texts
from .helpers import idle, tap
from .pseudo_locale import PseudoTranslator, looks_untranslated, pseudo
from .tour import visit_screens

TOLERATED_UNTRANSLATED = {
    "English": "the language button names the language it switches to, in that language",
}


@pytest.fixture
def pseudo_locale(languages: Any) -> Iterator[PseudoTranslator]:
    app = QApplication.instance()
    languages.set_language("en")  # English plural forms underneath; the pseudo strings on top
    translator = PseudoTranslator()
    app.installTranslator(translator)
    yield translator
    app.removeTranslator(translator)


def test_pseudo_translation_keeps_placeholders_and_lengthens() -> None:
    text = pseudo("Signed in at {time}")
    assert "{time}" in text
    assert text.startswith("[") and text.endswith("]")
    assert len(text) >= len("Signed in at ") * 1.4
    assert "{time}" in pseudo("{time}")
    assert looks_untranslated("Sign in")
    assert not looks_untranslated(pseudo("Sign in"))
    assert not looks_untranslated("王建国 · 03:57")


def problems(window: Any) -> list[str]:
    found = [str(c) for c in clipped_texts(window)]
    for _widget, text in visible_texts(window):
        if looks_untranslated(text) and text not in TOLERATED_UNTRANSLATED:
            found.append(f"untranslated: {text!r}")
    return found


def test_every_screen_fits_a_longer_language(
    qtbot: Any, terminal_window: Any, pseudo_locale: PseudoTranslator
) -> None:
    window = terminal_window
    report: dict[str, list[str]] = {}
    for screen in visit_screens(qtbot, window):
        assert window.width() == 1920 and window.height() == 1080
        assert window.nav_buttons["home"].text().startswith("[") or screen == "signin"
        report[screen] = problems(window)

    window.ask_technician("menu")
    qtbot.wait(30)
    report["technician-pin"] = problems(window)
    pad = window.technician_pin.pin_pad
    for digit in TECHNICIAN_PIN:
        tap(qtbot, pad.digit_buttons[digit])
    tap(qtbot, window.technician_pin.ok_button)
    idle(qtbot, window.ctx)
    qtbot.waitUntil(window.technician_menu.isVisible)
    report["technician-menu"] = problems(window)
    window.show_crash()
    qtbot.wait(30)
    report["crash"] = problems(window)
    window.show_main()

    assert pseudo_locale.seen  # the screens did ask for translations
    lines = [f"{screen}: {line}" for screen, found in report.items() for line in found]
    assert not lines, "\n".join(lines)
