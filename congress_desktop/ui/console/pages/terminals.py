"""Terminals board: which seat needs a technician's visit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from congress_desktop.protocol import AdminAction, EnrollTokenOut, TerminalOut
from congress_desktop.ui.common.live import LiveQuery
from congress_desktop.ui.common.tables import RowsModel, table_view
from congress_desktop.ui.console.pages.base import Page, local_time

SKEW_WARN_S = 5.0


def _skew(t: TerminalOut) -> str:
    return "" if t.clock_skew_s is None else f"{t.clock_skew_s:+.1f}"


def _tint(t: TerminalOut) -> str | None:
    if not t.online:
        return "#f6d5d0"
    if (t.outbox or 0) > 0 or abs(t.clock_skew_s or 0.0) > SKEW_WARN_S:
        return "#fdf0d0"
    return None


class TerminalsPage(Page):
    needs = AdminAction.TERMINALS_VIEW

    def title(self) -> str:
        return self.tr("Terminals")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.board = RowsModel(
            [
                (self.tr("Seat"), lambda t: t.seat_number or ""),
                (self.tr("Terminal"), lambda t: t.name),
                (self.tr("Delegate"), lambda t: t.delegate_name or ""),
                (
                    self.tr("Online"),
                    lambda t: self.tr("online") if t.online else self.tr("OFFLINE"),
                ),
                (self.tr("Version"), lambda t: t.app_version),
                (self.tr("Last seen"), lambda t: local_time(t.last_seen, "%m-%d %H:%M:%S")),
                (self.tr("Documents cached"), lambda t: t.documents_cached),
                (self.tr("Unsent"), lambda t: t.outbox),
                (self.tr("Clock skew (s)"), _skew),
            ]
        )
        self.board.tint = _tint
        self.summary = QLabel()
        self.layout_.addWidget(self.summary)
        self.layout_.addLayout(
            self.button_row(
                self.button(
                    self.tr("New enrollment token…"), self._token, AdminAction.TERMINALS_ENROLL
                )
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(table_view(self.board), 1)
        self.feed = LiveQuery(ctx.ops, ctx.client.terminals, poll_ms=10_000, parent=self)
        self.feed.updated.connect(self._show)
        self.feed.failed.connect(self.show_error)

    def refresh(self) -> None:
        self.feed.start()

    def stop(self) -> None:
        self.feed.stop()

    def _show(self, terminals: list[TerminalOut]) -> None:
        self.board.set_rows(terminals)
        online = sum(1 for t in terminals if t.online)
        self.summary.setText(
            self.tr("%1 terminals, %2 online, %3 offline")
            .replace("%1", str(len(terminals)))
            .replace("%2", str(online))
            .replace("%3", str(len(terminals) - online))
        )

    def _token(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        seat, ok = QInputDialog.getInt(
            self, self.tr("Enrollment token"), self.tr("Seat number"), 1, 1
        )
        if ok:
            self.ctx.call(
                lambda c: c.enroll_token(seat), self._show_token, on_error=self.show_error
            )

    def _show_token(self, token: EnrollTokenOut) -> None:
        QMessageBox.information(
            self,
            self.tr("Enrollment token"),
            self.tr("Token for seat %1 (shown once, valid until %2):\n\n%3")
            .replace("%1", str(token.seat_number))
            .replace("%2", local_time(token.expires_at))
            .replace("%3", token.token),
        )
