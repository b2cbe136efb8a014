"""The parts every console page shares: a heading, a button row, an inline message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from congress_desktop.protocol import AdminAction
from congress_desktop.ui.console.context import ConsoleContext
from congress_desktop.ui.console.messages import describe


class Page(QWidget):
    """A screen of the console: shown only when the role has :attr:`needs`."""

    needs: AdminAction = AdminAction.CONTENT_VIEW
    live = False  # refresh on every ``changes`` event while shown

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 20)
        self.layout_.setSpacing(12)
        self.heading = QLabel(self.title())
        self.heading.setObjectName("PageTitle")
        self.layout_.addWidget(self.heading)
        self.message = QLabel()
        self.message.setObjectName("PageMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

    @classmethod
    def allowed(cls, may: Callable[[AdminAction], bool]) -> bool:
        """Whether a role with these actions sees this page at all."""
        return may(cls.needs)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Load what the page shows (called when it is opened)."""

    def on_event(self, kind: str, data: dict[str, object]) -> None:
        """An admin event arrived (``changes``, ``current_item``, …)."""
        if self.live and kind == "changes":
            self.refresh()

    # ------------------------------------------------------------------ helpers

    def button_row(self, *buttons: QPushButton | None) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            if button is not None:
                row.addWidget(button)
        row.addStretch(1)
        return row

    def button(
        self, text: str, slot: Callable[[], None], needs: AdminAction | None = None
    ) -> QPushButton | None:
        """A button, or None when the role may not do ``needs`` (the action is hidden)."""
        if needs is not None and not self.ctx.may(needs):
            return None
        widget = QPushButton(text)
        widget.clicked.connect(lambda _checked=False: slot())
        return widget

    def show_message(self, text: str, tone: str = "info") -> None:
        self.message.setProperty("tone", tone)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def show_error(self, error: Exception) -> None:
        self.show_message(describe(error), "error")


def local_time(value: dt.datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime(fmt)
