"""Shown instead of the terminal when it cannot start for a seat (not provisioned, bad data)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from congress_desktop.ui.widgets.cards import Card, label


class SetupNeededWindow(QWidget):
    """A calm full-window message for delegates; the details are for the technician."""

    def __init__(self, message: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TerminalWindow")
        self.resize(1920, 1080)
        header = QFrame(objectName="Header")
        header.setFixedHeight(96)
        emblem = label("★", wrap=False)
        emblem.setObjectName("HeaderEmblem")
        self.header_title = label("", wrap=False)
        self.header_title.setObjectName("HeaderTitle")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 0, 32, 0)
        row.addWidget(emblem)
        row.addWidget(self.header_title, 1)

        card = Card(spacing=20)
        card.setFixedWidth(1100)  # a fixed width lets the wrapped texts take their full height
        self.heading = label("", "title")
        self.message_label = label(message, "subtitle")
        self.details_label = label(details, "muted")
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card.body.addWidget(self.heading)
        card.body.addWidget(self.message_label)
        card.body.addWidget(self.details_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addStretch(1)
        centred = QHBoxLayout()  # not an alignment flag: that loses the wrapped height
        centred.addStretch(1)
        centred.addWidget(card)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Delegate terminal"))
        self.header_title.setText(self.tr("Delegate terminal"))
        self.heading.setText(self.tr("This terminal is not ready yet"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
