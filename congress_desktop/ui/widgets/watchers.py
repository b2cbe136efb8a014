"""Application-wide input watchers: the idle timer, the hidden technician gesture, the badge
reader (a keyboard-wedge card reader types the badge id and Enter, much faster than a hand).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits :attr:`idle` after ``seconds`` with no tap, touch or key anywhere in the app."""

    idle = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.setInterval(min(max(1, int(seconds * 1000)), 2**31 - 1))  # a C int
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def seconds(self) -> float:
        return self._timer.interval() / 1000

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False


class SecretTapLabel(QLabel):
    """A label that emits :attr:`triggered` after ``taps`` quick taps or a long press.

    The technician's hidden way in (the header emblem): nothing on screen invites it.
    """

    triggered = Signal()

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        taps: int = 5,
        window_s: float = 3.0,
        long_press_ms: int = 2000,
    ) -> None:
        super().__init__(text, parent)
        self._needed, self._window = taps, window_s
        self._taps: list[float] = []
        self._long = QTimer(self, singleShot=True, interval=long_press_ms)
        self._long.timeout.connect(self._fire)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)

    def _fire(self) -> None:
        self._taps.clear()
        self.triggered.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t <= self._window] + [now]
        if len(self._taps) >= self._needed:
            self._long.stop()
            self._fire()
        else:
            self._long.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._long.stop()
        event.accept()


PAUSE_S = 0.3
"""A pause this long starts a new burst of keys."""


class BadgeReader(QObject):
    """Recognises a keyboard-wedge badge reader among key presses while ``enabled``.

    A reader types ``MIN_LENGTH`` or more characters and Enter at ``max_gap_s`` or less per
    key on average (a single hiccup of a busy machine is tolerated); a person cannot.
    ``accepts(text)`` decides whether such a burst is a badge (a PIN typed by a fast machine,
    as in tests, is not). The Enter that ends a badge is swallowed; the keys before it still
    reach the focused widget, which the screen clears on :attr:`read`. Otherwise the Enter
    goes on as usual.
    """

    read = Signal(str)  # the badge id

    MIN_LENGTH = 4

    def __init__(self, parent: QObject | None = None, *, max_gap_s: float = 0.05) -> None:
        super().__init__(parent)
        self.enabled = False
        self.accepts: Callable[[str], bool] = lambda _text: True
        self._gap = max_gap_s
        self._buffer = ""
        self._last = self._started = 0.0
        self._receiver: QWidget | None = None
        self._mark: tuple[int, str] = (0, "")
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat() or not isinstance(watched, QWidget):
            return False
        now = time.monotonic()
        mark = (event.key(), event.text())
        receiver = self._receiver
        if (
            receiver is not None
            and shiboken6.isValid(receiver)
            and mark == self._mark
            and now - self._last < 0.002
            and receiver is not watched
            and watched.isAncestorOf(receiver)
        ):
            return False  # the same key, ignored by a child, now offered to its parent
        self._receiver, self._mark = watched, mark
        if now - self._last > PAUSE_S:
            self._buffer, self._started = "", now
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            badge, self._buffer = self._buffer, ""
            fast = (now - self._started) <= self._gap * len(badge)
            if len(badge) >= self.MIN_LENGTH and fast and self.accepts(badge):
                self.read.emit(badge)
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            self._buffer += text
        return False
