"""Attendance widgets shared by the console and the hall display: the quorum light and the
seat map (one painted widget, so 3,000 seats repaint in a few milliseconds)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from congress_desktop.protocol import AttendanceState, DelegateAttendance

STATE_COLOURS = {
    AttendanceState.PRESENT: "#2e8b57",
    AttendanceState.LEAVE: "#e0a020",
    AttendanceState.ABSENT: "#c8c2b8",
}


class QuorumLight(QLabel):
    """A round light: green when the quorum is met, red when not, grey when unknown."""

    def __init__(self, diameter: int = 36, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QuorumLight")
        self.setFixedSize(diameter, diameter)
        self._diameter = diameter
        self.set_met(None)

    def set_met(self, met: bool | None) -> None:
        colour = "#9a948c" if met is None else ("#1faa3c" if met else "#d12b1f")
        self.setProperty("met", "unknown" if met is None else str(met).lower())
        self.setStyleSheet(
            f"background: {colour}; border-radius: {self._diameter // 2}px;"
            "border: 3px solid #ffffff;"
        )


class SeatMap(QWidget):
    """Seats in seat order as small squares coloured by attendance state."""

    seat_clicked = Signal(object)  # DelegateAttendance

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SeatMap")
        self._seats: Sequence[DelegateAttendance] = []
        self._cell = 16.0
        self._columns = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_seats(self, seats: Sequence[DelegateAttendance]) -> None:
        self._seats = seats
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 240)

    def _layout(self) -> None:
        count = max(1, len(self._seats))
        width, height = max(1, self.width()), max(1, self.height())
        # the largest square cell with which every seat fits
        cell = math.sqrt(width * height / count)
        while cell > 3:
            columns = max(1, int(width // cell))
            if math.ceil(count / columns) * cell <= height:
                break
            cell *= 0.95
        self._cell = min(cell, 48.0)
        self._columns = max(1, int(width // self._cell))

    def paintEvent(self, event: QPaintEvent) -> None:
        self._layout()
        painter = QPainter(self)
        cell, gap = self._cell, max(1.0, self._cell * 0.12)
        brushes = {state: QColor(colour) for state, colour in STATE_COLOURS.items()}
        painter.setPen(Qt.PenStyle.NoPen)
        for index, seat in enumerate(self._seats):
            row, column = divmod(index, self._columns)
            painter.setBrush(brushes[seat.state])
            painter.drawRect(QRectF(column * cell, row * cell, cell - gap, cell - gap))
        if cell >= 26:
            painter.setPen(QColor("#ffffff"))
            font = painter.font()
            font.setPixelSize(int(cell * 0.38))
            painter.setFont(font)
            for index, seat in enumerate(self._seats):
                row, column = divmod(index, self._columns)
                rect = QRectF(column * cell, row * cell, cell - gap, cell - gap)
                text = str(seat.seat_number or "")
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        column = int(event.position().x() // self._cell)
        row = int(event.position().y() // self._cell)
        index = row * self._columns + column
        if column < self._columns and 0 <= index < len(self._seats):
            self.seat_clicked.emit(self._seats[index])
