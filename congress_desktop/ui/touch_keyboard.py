"""Touch typing: Qt's on-screen keyboard (Pinyin for 简体中文) and keeping fields above it.

:func:`enable_touch_keyboard` must run before the QApplication exists: it selects the
``qtvirtualkeyboard`` input method (PySide6-Addons). The keyboard then opens when a delegate
taps a text field, in the UI language (QLocale's default: Pinyin for zh_CN), and covers the
bottom of the screen. :class:`KeyboardAwareScrollArea` holds the screens: while the keyboard
is up, its visible part ends above the keyboard and the focused field is scrolled into view
(the screen keeps its full height underneath).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QPoint, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QWidget,
)

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
MIN_VISIBLE_PX = 160
"""The keyboard never shrinks the screen area to less than this."""
FIELD_MARGIN_PX = 24


def virtual_keyboard_missing() -> str | None:
    """What of Qt Virtual Keyboard is missing (None when it is all there)."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if not any((plugins / "platforminputcontexts").glob(f"*{IM_MODULE}*")):
        return f"no {IM_MODULE} input context plugin in {plugins} (install PySide6-Addons)"
    qml = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.QmlImportsPath))
    if not (qml / "QtQuick" / "VirtualKeyboard").is_dir():
        return f"no QtQuick.VirtualKeyboard in {qml} (install PySide6-Addons)"
    return None


def enable_touch_keyboard(language: str = "zh_CN") -> bool:
    """Select the on-screen keyboard for this process; False (logged) if it is not installed.

    Call before the QApplication is created: the keyboard takes its language (Pinyin for
    ``zh_CN``) from QLocale's default at that moment.
    """
    missing = virtual_keyboard_missing()
    if missing is not None:
        log.error("on-screen keyboard unavailable: %s", missing)
        return False
    os.environ["QT_IM_MODULE"] = IM_MODULE
    QLocale.setDefault(QLocale(language))
    _wanted_locale[0] = KEYBOARD_LOCALES.get(language, "en_US")
    log.info("on-screen keyboard enabled (%s)", IM_MODULE)
    return True


def touch_keyboard_active() -> bool:
    return os.environ.get("QT_IM_MODULE") == IM_MODULE


KEYBOARD_LOCALES = {"zh_CN": "zh_CN", "en": "en_US"}
"""The keyboard layout for each UI language; its language key offers only these."""
_wanted_locale = ["zh_CN"]


def set_keyboard_language(language: str) -> None:
    """Type in ``language`` from now on (Pinyin for zh_CN, US English for en)."""
    _wanted_locale[0] = KEYBOARD_LOCALES.get(language, "en_US")
    apply_keyboard_settings()


def keyboard_settings() -> QObject | None:
    """Qt Virtual Keyboard's ``VirtualKeyboardSettings``; None until the keyboard was built
    (on first use) or without the keyboard."""
    if not touch_keyboard_active():
        return None
    from PySide6.QtQuick import QQuickView  # only with the keyboard: not at start-up

    for view in QGuiApplication.topLevelWindows():
        if isinstance(view, QQuickView) and view.engine() is not None:
            found = view.engine().singletonInstance(
                "QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings"
            )
            if found is not None:
                return found
    return None


def apply_keyboard_settings() -> bool:
    """Tell the keyboard which layouts to offer and which to show; False while there is no
    keyboard yet."""
    settings = keyboard_settings()
    if settings is None:
        return False
    active = list(KEYBOARD_LOCALES.values())
    if list(settings.property("activeLocales") or []) != active:
        settings.setProperty("activeLocales", active)
    if settings.property("locale") != _wanted_locale[0]:
        settings.setProperty("locale", _wanted_locale[0])
    return True


class KeyboardAwareScrollArea(QScrollArea):
    """Shows ``content`` at its own size; while the on-screen keyboard covers the bottom of
    this area, the content keeps its height, the visible part ends at the keyboard's top
    edge and the focused text field is scrolled into view."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        # the content is this area's size (never its size hint: a screen is squeezed, it does
        # not grow), taller only when the screen shown cannot be squeezed that far (then it
        # scrolls rather than overlap) or the keyboard covers part of it
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        content.installEventFilter(self)
        if isinstance(content, QStackedWidget):
            content.currentChanged.connect(self._schedule_fit)
        self._fit_pending = False
        self.covered = 0
        self._configured = False  # the keyboard got its languages (apply_keyboard_settings)
        """How many pixels at the bottom the keyboard covers now (0: keyboard hidden)."""
        method = QGuiApplication.inputMethod()
        method.visibleChanged.connect(self._schedule)
        method.keyboardRectangleChanged.connect(self._schedule)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._pending = False

    def keyboard_top(self) -> int | None:
        """The keyboard's top edge in global coordinates; None while it is hidden."""
        method = QGuiApplication.inputMethod()
        rect = method.keyboardRectangle()
        if not method.isVisible() or rect.isEmpty():
            return None
        # the rectangle is in the coordinates of the window with the focus
        return self.window().mapToGlobal(QPoint(0, round(rect.top()))).y()

    def update_cover(self) -> None:
        """Fit the visible part above the keyboard (or back to full height without it)."""
        self._pending = False
        if QGuiApplication.inputMethod().isVisible() and not self._configured:
            self._configured = apply_keyboard_settings()
        top = self.keyboard_top() if self.isVisible() else None
        full = self.height()
        covered = 0
        if top is not None:
            bottom = self.mapToGlobal(QPoint(0, full)).y()
            covered = max(0, min(bottom - top, full - MIN_VISIBLE_PX))
        if covered != self.covered:
            self.covered = covered
            self.setViewportMargins(0, 0, 0, covered)
            self._fit_content()
            log.debug("on-screen keyboard covers %d px of the screen", covered)
        if covered:
            QTimer.singleShot(0, self, self.reveal_focus)

    def reveal_focus(self) -> None:
        """Scroll so that the focused field (its text cursor, for a tall one) is visible."""
        focus = QApplication.focusWidget()
        content = self.widget()
        if focus is None or not content.isAncestorOf(focus):
            return
        top_left = focus.mapTo(content, QPoint(0, 0))
        rect = QRect(top_left, focus.size())
        if rect.height() > self.viewport().height() - 2 * FIELD_MARGIN_PX:
            cursor = focus.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
            if isinstance(cursor, QRectF):
                cursor = cursor.toRect()
            if isinstance(cursor, QRect) and not cursor.isEmpty():
                rect = QRect(top_left + cursor.topLeft(), cursor.size())
        centre = rect.center()
        self.ensureVisible(
            centre.x(), centre.y(), rect.width() // 2 + 4, rect.height() // 2 + FIELD_MARGIN_PX
        )

    def _schedule(self, *_args: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.update_cover)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if self.covered:
            QTimer.singleShot(0, self, self.reveal_focus)
        else:
            self._schedule()

    def _fit_content(self) -> None:
        self._fit_pending = False
        content = self.widget()
        page = content.currentWidget() if isinstance(content, QStackedWidget) else content
        need = 0 if page is None else max(page.minimumSizeHint().height(), page.minimumHeight())
        visible = self.height() - self.covered
        width = self.width()
        if need > visible:
            width -= self.verticalScrollBar().sizeHint().width()
        content.resize(width, max(self.height(), need))

    def _schedule_fit(self, *_args: object) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_content)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._schedule_fit()  # a screen's minimum may have changed (language, type size)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_content()
        if self.covered:
            self._schedule()
