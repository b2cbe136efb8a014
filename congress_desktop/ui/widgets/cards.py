"""Cards and touch lists: the building blocks of every terminal screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.ui.theme import set_role, set_tone


def label(text: str = "", role: str = "body", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    set_role(widget, role)
    return widget


class MessageLabel(QLabel):
    """A calm inline message (error, success or information); hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        set_role(self, "message", "info")
        self.hide()

    def show_message(self, text: str, tone: str = "info") -> None:
        set_tone(self, tone)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class Card(QFrame):
    """A white rounded panel with a vertical layout."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(28, 22, 28, 22)
        self.body.setSpacing(spacing)


class ListCard(QFrame):
    """One tappable row of a touch list: title, optional subtitle, optional badge."""

    clicked = Signal()

    def __init__(
        self,
        title: str,
        subtitle: str = "",
        badge: str = "",
        *,
        badge_tone: str = "",
        current: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ListCard")
        self.setProperty("current", current)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(72)
        self.title_label = label(title, "subtitle")
        self.subtitle_label = label(subtitle, "muted")
        self.subtitle_label.setVisible(bool(subtitle))
        self.badge_label = label(badge, "badge", wrap=False)
        if badge_tone:
            set_tone(self.badge_label, badge_tone)
        self.badge_label.setVisible(bool(badge))
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(16)
        row.addLayout(texts, 1)
        row.addWidget(self.badge_label, 0, Qt.AlignmentFlag.AlignTop)

    def set_selected(self, selected: bool) -> None:
        self._set_flag("selected", selected)

    def _set_flag(self, name: str, value: bool) -> None:
        if self.property(name) != value:
            self.setProperty(name, value)
            self.style().unpolish(self)
            self.style().polish(self)

    # ------------------------------------------------------------------ Qt overrides

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._set_flag("pressed", True)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._set_flag("pressed", False)
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_flag("pressed", False)
        super().leaveEvent(event)


class CardList(QScrollArea):
    """A kinetic-scrolling vertical list of widgets (usually ListCards) with a placeholder."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(0, 0, 8, 0)
        self._layout.setSpacing(spacing)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.placeholder = label("", "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.insertWidget(0, self.placeholder)
        self.items: list[QWidget] = []
        # kinetic scrolling for fingers; mouse clicks on the cards stay plain clicks
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def set_items(self, widgets: Sequence[QWidget], placeholder: str = "") -> None:
        for widget in self.items:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self.items = list(widgets)
        for index, widget in enumerate(self.items):
            self._layout.insertWidget(index, widget)
            widget.show()  # now, not on the next turn of the event loop
        self.placeholder.setText(placeholder)
        self.placeholder.setVisible(not self.items and bool(placeholder))
