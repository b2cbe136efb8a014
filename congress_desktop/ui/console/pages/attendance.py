"""Live attendance of a sitting: 应到/实到/请假/缺席, the quorum light, the seat map, the
not-signed-in list, and staff late sign-in (补签) and leave (请假) with a reason.

Sign-in nudges from the admin event stream drive a :class:`LiveQuery` (one fetch in flight,
one pending) of the compact ``/attendance/live`` read; the worker thread builds the
:class:`Board`, and the GUI thread only sets numbers and repaints the seat cells that changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.protocol import AdminAction, AttendanceState, DelegateAttendance, SittingOut
from congress_desktop.ui.common.attendance import STATE_COLOURS, QuorumLight, SeatMap
from congress_desktop.ui.common.live import LiveQuery
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.attendance_board import Board, fetch_board
from congress_desktop.ui.console.pages.base import Page, local_time

A = AdminAction


class Counter(QFrame):
    """One big number with its caption (应到 3000)."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Counter")
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName("CounterValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = QLabel(caption)
        name.setObjectName("CounterCaption")
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.value)
        layout.addWidget(name)

    def set_value(self, value: int) -> None:
        self.value.setText(str(value))


class AttendancePage(Page):
    needs = A.ATTENDANCE_VIEW

    def title(self) -> str:
        return self.tr("Attendance")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.data: Board | None = None
        self._sitting_id: str | None = None  # read by the worker thread (not the combo box)
        self.sitting = QComboBox()
        self.sitting.currentIndexChanged.connect(self._sitting_chosen)
        self.expected = Counter(self.tr("Expected (应到)"))
        self.present = Counter(self.tr("Present (实到)"))
        self.on_leave = Counter(self.tr("On leave (请假)"))
        self.absent = Counter(self.tr("Absent (缺席)"))
        self.light = QuorumLight(44)
        self.quorum = QLabel()
        self.quorum.setObjectName("QuorumText")
        self.as_of = QLabel()
        self.seat_map = SeatMap()
        self.seat_map.seat_clicked.connect(self._select_delegate)
        states = {
            AttendanceState.PRESENT: self.tr("present"),
            AttendanceState.LEAVE: self.tr("on leave"),
            AttendanceState.ABSENT: self.tr("absent"),
        }
        self.missing = RowsModel(
            [
                (self.tr("Seat"), lambda d: d.seat_number or ""),
                (self.tr("Number"), lambda d: d.number),
                (self.tr("Name"), lambda d: d.name),
                (self.tr("Delegation"), lambda d: d.delegation),
                (self.tr("State"), lambda d: states[d.state]),
                (self.tr("Reason"), lambda d: d.leave_reason or ""),
            ]
        )
        self.missing.tint = lambda d: "#fdf0d0" if d.state == AttendanceState.LEAVE else None
        self.missing_view = table_view(self.missing, fit=False)
        self.missing_view.setObjectName("NotSignedIn")
        self.missing_view.setColumnWidth(0, 60)
        self.missing_view.setColumnWidth(2, 120)
        self.missing_view.setColumnWidth(3, 160)
        self.missing_caption = QLabel()
        self.signin_button = self.button(
            self.tr("Late sign-in (补签)…"), self._late_signin, A.ATTENDANCE_EDIT
        )
        self.leave_button = self.button(self.tr("Leave (请假)…"), self._leave, A.ATTENDANCE_EDIT)
        self.feed = LiveQuery(ctx.ops, self._fetch, parent=self)
        self.feed.updated.connect(self.show_attendance)
        self.feed.failed.connect(self.show_error)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sitting:")))
        top.addWidget(self.sitting, 1)
        top.addWidget(self.as_of)
        counters = QHBoxLayout()
        for counter in (self.expected, self.present, self.on_leave, self.absent):
            counters.addWidget(counter, 1)
        light_box = QVBoxLayout()
        light_box.addWidget(self.light, 0, Qt.AlignmentFlag.AlignCenter)
        light_box.addWidget(self.quorum, 0, Qt.AlignmentFlag.AlignCenter)
        counters.addLayout(light_box, 1)
        legend = QHBoxLayout()
        for state, text in states.items():
            swatch = QLabel("■ " + text)
            swatch.setStyleSheet(f"color: {STATE_COLOURS[state]}; font-weight: bold;")
            legend.addWidget(swatch)
        legend.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.missing_caption)
        lower_layout.addWidget(self.missing_view, 1)
        lower_layout.addLayout(self.button_row(self.signin_button, self.leave_button))
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(legend)
        upper_layout.addWidget(self.seat_map, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        self.layout_.addLayout(top)
        self.layout_.addLayout(counters)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(split, 1)

    # ------------------------------------------------------------------ live data

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.sittings(), self._show_sittings, on_error=self.show_error)
        self.feed.start()

    def stop(self) -> None:
        self.feed.stop()

    def on_event(self, kind: str, data: dict[str, object]) -> None:
        if kind == "changes":
            self.feed.nudge()

    def _sitting_chosen(self, _index: int) -> None:
        self._sitting_id = self.sitting.currentData()
        self.feed.nudge()

    def _fetch(self) -> Board:
        """Worker thread."""
        return fetch_board(self.ctx.client, self._sitting_id, self.data)

    def _show_sittings(self, sittings: list[SittingOut]) -> None:
        if self.sitting.count() == len(sittings):
            return
        shown = self.data.sitting_id if self.data else None
        self.sitting.blockSignals(True)
        self.sitting.clear()
        for sitting in sittings:
            self.sitting.addItem(sitting.title, sitting.id)
        index = self.sitting.findData(shown) if shown else -1
        self.sitting.setCurrentIndex(index)
        self.sitting.blockSignals(False)
        self._sitting_id = self.sitting.currentData()

    def show_attendance(self, data: Board) -> None:
        previous, self.data = self.data, data
        if self.sitting.currentData() is None:
            index = self.sitting.findData(data.sitting_id)
            if index >= 0:
                self.sitting.blockSignals(True)
                self.sitting.setCurrentIndex(index)
                self.sitting.blockSignals(False)
                self._sitting_id = self.sitting.currentData()
        totals = data.totals
        self.expected.set_value(totals.expected)
        self.present.set_value(totals.present)
        self.on_leave.set_value(totals.on_leave)
        self.absent.set_value(totals.absent)
        self.light.set_met(data.quorum_met)
        text = self.tr("Quorum %1: met") if data.quorum_met else self.tr("Quorum %1: not met")
        self.quorum.setText(text.replace("%1", str(data.quorum)))
        self.as_of.setText(self.tr("as of %1").replace("%1", local_time(data.as_of, "%H:%M:%S")))
        self.seat_map.set_states(data.states, data.roster.labels, data.delegate)
        if previous is None or previous.not_signed_in is not data.not_signed_in:
            self._update_missing(data.not_signed_in)

    def _update_missing(self, rows: list[DelegateAttendance]) -> None:
        chosen = selected_row(self.missing_view, self.missing)
        self.missing.set_rows(rows)
        self.missing_caption.setText(self.tr("Not signed in: %1").replace("%1", str(len(rows))))
        if chosen is not None:
            self._select_delegate(chosen)

    def _select_delegate(self, delegate: DelegateAttendance) -> None:
        for row, entry in enumerate(self.missing.rows):
            if entry.delegate_id == delegate.delegate_id:
                self.missing_view.selectRow(row)
                return

    # ------------------------------------------------------------------ staff entries

    def _chosen(self) -> DelegateAttendance | None:
        delegate = selected_row(self.missing_view, self.missing)
        if delegate is None or self.data is None:
            self.show_message(self.tr("Choose a delegate in the not-signed-in list first."))
            return None
        return delegate

    def _ask_reason(self, title: str, delegate: DelegateAttendance) -> str | None:
        reason, ok = QInputDialog.getText(
            self, title, self.tr("Reason for %1:").replace("%1", delegate.name)
        )
        return reason.strip() if ok and reason.strip() else None

    def _late_signin(self) -> None:
        delegate = self._chosen()
        if delegate is None:
            return
        reason = self._ask_reason(self.tr("Late sign-in (补签)"), delegate)
        if reason is not None:
            self.late_signin(delegate, reason)

    def late_signin(self, delegate: DelegateAttendance, reason: str) -> None:
        assert self.data is not None
        sitting = self.data.sitting_id
        self.ctx.call(
            lambda c: c.staff_signin(sitting, delegate.delegate_id, reason),
            lambda _s: self._recorded(self.tr("Late sign-in recorded for %1."), delegate),
            on_error=self.show_error,
        )

    def _leave(self) -> None:
        delegate = self._chosen()
        if delegate is None:
            return
        reason = self._ask_reason(self.tr("Leave (请假)"), delegate)
        if reason is not None:
            self.record_leave(delegate, reason)

    def record_leave(self, delegate: DelegateAttendance, reason: str) -> None:
        assert self.data is not None
        sitting = self.data.sitting_id
        self.ctx.call(
            lambda c: c.record_leave(sitting, delegate.delegate_id, reason),
            lambda _s: self._recorded(self.tr("Leave recorded for %1."), delegate),
            on_error=self.show_error,
        )

    def _recorded(self, text: str, delegate: DelegateAttendance) -> None:
        self.show_message(text.replace("%1", delegate.name), "success")
        self.feed.nudge()
