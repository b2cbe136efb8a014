"""Seats and seat assignments."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from congress_desktop.protocol import AdminAction, DelegateOut, SeatOut
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.pages.base import Page


class SeatsPage(Page):
    def title(self) -> str:
        return self.tr("Seats")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.delegates: list[DelegateOut] = []
        self.seats = RowsModel(
            [
                (self.tr("Seat"), lambda s: s.number),
                (self.tr("Delegate"), lambda s: s.delegate_name or self.tr("(empty)")),
            ]
        )
        self.view = table_view(self.seats, fit=False)
        edit = AdminAction.SEATS_EDIT
        self.layout_.addLayout(
            self.button_row(
                self.button(self.tr("Assign delegate…"), self._assign, edit),
                self.button(self.tr("Empty seat"), self._empty, edit),
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: (c.seats(), c.delegates()), self._show, on_error=self.show_error)

    def _show(self, result: tuple[list[SeatOut], list[DelegateOut]]) -> None:
        seats, self.delegates = result
        self.seats.set_rows(seats)

    def _assign(self) -> None:
        seat = selected_row(self.view, self.seats)
        if seat is None:
            self.show_message(self.tr("Choose a seat first."))
            return
        names = [f"{d.number} {d.name}（{d.delegation}）" for d in self.delegates]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Assign seat"),
            self.tr("Delegate for seat %1").replace("%1", str(seat.number)),
            names,
            0,
            False,
        )
        if ok and choice in names:
            delegate = self.delegates[names.index(choice)]
            self._put(seat.number, delegate.id)

    def _empty(self) -> None:
        seat = selected_row(self.view, self.seats)
        if seat is not None:
            self._put(seat.number, None)

    def _put(self, number: int, delegate_id: str | None) -> None:
        self.ctx.call(
            lambda c: c.assign_seat(number, delegate_id),
            lambda _s: self.refresh(),
            on_error=self.show_error,
        )
