"""Attendance widgets shared by the console and the hall display: the quorum light and the
seat map (one painted widget over a compact string of states: a sign-in repaints one cell)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from congress_desktop.protocol import AttendanceState, DelegateAttendance

STATE_COLOURS = {
    AttendanceState.PRESENT: "#2e8b57",
    AttendanceState.LEAVE: "#e0a020",
    AttendanceState.ABSENT: "#c8c2b8",
}

STATE_CODES = {
    AttendanceState.PRESENT: "P",
    AttendanceState.LEAVE: "L",
    AttendanceState.ABSENT: "A",
}
"""One character per seat in :meth:`SeatMap.set_states` (and ``GET /admin/attendance/live``)."""

CODE_COLOURS = {STATE_CODES[state]: colour for state, colour in STATE_COLOURS.items()}


class QuorumLight(QLabel):
    """A round light: green when the quorum is met, red when not, grey when unknown."""

    def __init__(self, diameter: int = 36, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QuorumLight")
        self.setFixedSize(diameter, diameter)
        self._diameter = diameter
        self._met: bool | str | None = "unset"
        self.set_met(None)

    def set_met(self, met: bool | None) -> None:
        if met is self._met:
            return  # a style sheet change re-polishes the widget: not on every update
        self._met = met
        colour = "#9a948c" if met is None else ("#1faa3c" if met else "#d12b1f")
        self.setProperty("met", "unknown" if met is None else str(met).lower())
        self.setStyleSheet(
            f"background: {colour}; border-radius: {self._diameter // 2}px;"
            "border: 3px solid #ffffff;"
        )


class SeatMap(QWidget):
    """Seats in seat order as small squares coloured by attendance state.

    The cells are painted once into an image at the widget's size; :meth:`set_states` then
    repaints only the cells whose state changed, and a paint event copies the image. So a
    burst of sign-ins costs a few ``fillRect`` calls per update, not 3,000.
    """

    seat_clicked = Signal(object)  # what ``lookup(index)`` returns (a DelegateAttendance)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SeatMap")
        self._states = ""  # one of STATE_CODES' values per seat, in seat order
        self._labels: Sequence[str] = ()
        self._lookup: Callable[[int], object] | None = None
        self._image: QImage | None = None  # the painted cells, None when out of date
        self._colours = {code: QColor(colour) for code, colour in CODE_COLOURS.items()}
        self._cell = 16.0
        self._columns = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    @property
    def states(self) -> str:
        return self._states

    def set_seats(self, seats: Sequence[DelegateAttendance]) -> None:
        seats = list(seats)
        self.set_states(
            "".join(STATE_CODES[seat.state] for seat in seats),
            [str(seat.seat_number or "") for seat in seats],
            seats.__getitem__,
        )

    def set_states(
        self,
        states: str,
        labels: Sequence[str] | None = None,
        lookup: Callable[[int], object] | None = None,
    ) -> None:
        """Show ``states`` (``P``/``L``/``A`` per seat); ``labels`` are the seat numbers
        written in large cells, ``lookup(index)`` what a click on a seat emits."""
        old = self._states
        self._states = states
        self._lookup = lookup
        if labels is not None and labels is not self._labels and labels != self._labels:
            self._labels = labels
            self._image = None
        if self._image is None or len(old) != len(states):
            self._image = None
            self.update()
            return
        if old == states:
            return
        painter = self._painter(self._image)
        dirty = QRectF()
        for index, (before, after) in enumerate(zip(old, states, strict=True)):
            if before != after:
                rect = self._cell_rect(index)
                self._paint_cell(painter, index, rect)
                dirty = dirty.united(rect)
        painter.end()
        self.update(dirty.toAlignedRect().adjusted(-1, -1, 1, 1))

    def sizeHint(self) -> QSize:
        return QSize(600, 240)

    def _layout(self) -> None:
        count = max(1, len(self._states))
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

    def _cell_rect(self, index: int) -> QRectF:
        cell = self._cell
        gap = max(1.0, cell * 0.12)
        row, column = divmod(index, self._columns)
        return QRectF(column * cell, row * cell, cell - gap, cell - gap)

    def _paint_cell(self, painter: QPainter, index: int, rect: QRectF) -> None:
        painter.fillRect(rect, self._colours.get(self._states[index], self._colours["A"]))
        if self._cell >= 26 and index < len(self._labels):
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._labels[index])

    def _painter(self, image: QImage) -> QPainter:
        painter = QPainter(image)
        painter.setPen(QColor("#ffffff"))
        font = painter.font()
        font.setPixelSize(max(1, int(self._cell * 0.38)))
        painter.setFont(font)
        return painter

    def _render(self) -> QImage:
        """Every cell, at the current size (after a resize or a new roster)."""
        self._layout()
        ratio = self.devicePixelRatioF()
        image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = self._painter(image)
        for index in range(len(self._states)):
            self._paint_cell(painter, index, self._cell_rect(index))
        painter.end()
        return image

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._image = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            self._image = self._render()
        painter = QPainter(self)
        painter.drawImage(QPoint(0, 0), self._image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        column = int(event.position().x() // self._cell)
        row = int(event.position().y() // self._cell)
        index = row * self._columns + column
        if column < self._columns and 0 <= index < len(self._states) and self._lookup:
            self.seat_clicked.emit(self._lookup(index))
