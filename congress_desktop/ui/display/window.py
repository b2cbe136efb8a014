"""Full-screen hall display: session title, current agenda item, 应到/实到/请假/缺席 and the
quorum light, in type big enough to read from the back of the hall. Live: ``current_item``
and ``changes`` events refetch ``/admin/display`` (coalesced), with a slow poll behind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from congress_desktop.console_client import ConsoleClient
from congress_desktop.protocol import DisplayOut
from congress_desktop.ui.common.attendance import QuorumLight
from congress_desktop.ui.common.events import EventListener
from congress_desktop.ui.common.live import LiveQuery
from congress_desktop.ui.ops import Ops


class Tally(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tally")
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName("TallyValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(caption)
        label.setObjectName("TallyCaption")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.value)
        layout.addWidget(label)


class DisplayWindow(QWidget):
    def __init__(self, client: ConsoleClient, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DisplayWindow")
        self.setWindowTitle(self.tr("Hall display"))
        self.data: DisplayOut | None = None
        self.session_title = QLabel()
        self.session_title.setObjectName("DisplayTitle")
        self.session_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.session_title.setWordWrap(True)
        self.sitting = QLabel()
        self.sitting.setObjectName("DisplaySitting")
        self.sitting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(self.tr("Current agenda item"))
        caption.setObjectName("DisplayCaption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item = QLabel()
        self.item.setObjectName("DisplayItem")
        self.item.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item.setWordWrap(True)
        self.presenter = QLabel()
        self.presenter.setObjectName("DisplayPresenter")
        self.presenter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.expected = Tally(self.tr("Expected (应到)"))
        self.present = Tally(self.tr("Present (实到)"))
        self.on_leave = Tally(self.tr("On leave (请假)"))
        self.absent = Tally(self.tr("Absent (缺席)"))
        self.light = QuorumLight(120)
        self.quorum = QLabel()
        self.quorum.setObjectName("DisplayQuorum")
        self.quorum.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.offline = QLabel()
        self.offline.setObjectName("DisplayOffline")
        self.offline.setAlignment(Qt.AlignmentFlag.AlignRight)

        item_box = QFrame()
        item_box.setObjectName("DisplayItemBox")
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(caption)
        item_layout.addWidget(self.item, 1)
        item_layout.addWidget(self.presenter)
        tallies = QGridLayout()
        for column, tally in enumerate((self.expected, self.present, self.on_leave, self.absent)):
            tallies.addWidget(tally, 0, column)
        quorum_box = QVBoxLayout()
        quorum_box.addWidget(self.light, 0, Qt.AlignmentFlag.AlignCenter)
        quorum_box.addWidget(self.quorum)
        bottom = QHBoxLayout()
        bottom.addLayout(tallies, 4)
        bottom.addLayout(quorum_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        layout.setSpacing(24)
        layout.addWidget(self.session_title)
        layout.addWidget(self.sitting)
        layout.addWidget(item_box, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.offline)

        self.events = EventListener(client, self)
        self.feed = LiveQuery(ops, client.display, min_interval_ms=200, poll_ms=5000, parent=self)
        self.feed.updated.connect(self.show_display)
        self.feed.failed.connect(self._on_failed)
        self.events.received.connect(self._on_event)

    def start(self) -> None:
        self.events.start()
        self.feed.start()

    def stop(self) -> None:
        self.events.stop()
        self.feed.stop()

    def _on_event(self, kind: str, _data: object) -> None:
        if kind in ("changes", "current_item"):
            self.feed.nudge()

    def _on_failed(self, _error: object) -> None:
        self.offline.setText(self.tr("The server cannot be reached; showing the last known state."))

    def show_display(self, data: DisplayOut) -> None:
        self.data = data
        self.offline.setText("")
        self.session_title.setText(data.session_title or self.tr("No congress session"))
        self.sitting.setText(data.sitting.title if data.sitting else "")
        if data.current_item is None:
            self.item.setText(self.tr("The sitting has not begun"))
            self.presenter.setText("")
        else:
            item = data.current_item
            self.item.setText(
                self.tr("Item %1: %2").replace("%1", str(item.position)).replace("%2", item.title)
            )
            self.presenter.setText(item.presenter)
        totals = data.totals
        for tally, value in (
            (self.expected, totals.expected if totals else None),
            (self.present, totals.present if totals else None),
            (self.on_leave, totals.on_leave if totals else None),
            (self.absent, totals.absent if totals else None),
        ):
            tally.value.setText("—" if value is None else str(value))
        self.light.set_met(data.quorum_met)
        if data.quorum is None:
            self.quorum.setText("")
        elif data.quorum_met:
            self.quorum.setText(self.tr("Quorum (%1) present").replace("%1", str(data.quorum)))
        else:
            self.quorum.setText(self.tr("Quorum (%1) not reached").replace("%1", str(data.quorum)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)
