"""Roster import (CSV/XLSX, all or nothing) and the delegates it made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from congress_desktop.console_client import AdminApiError
from congress_desktop.protocol import AdminAction, DelegateOut, RosterImportResult
from congress_desktop.ui.common.tables import RowsModel, fit_columns, table_view
from congress_desktop.ui.console.pages.base import Page

UNIT_COLUMN = 3


class RosterPage(Page):
    def title(self) -> str:
        return self.tr("Roster and delegates")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.errors = RowsModel(
            [
                (self.tr("Row"), lambda e: e.row),
                (self.tr("Column"), lambda e: e.column or ""),
                (self.tr("Problem"), lambda e: e.message_zh if self._zh() else e.message),
            ]
        )
        self.errors_view = table_view(self.errors)
        self.errors_view.setObjectName("RosterErrors")
        self.errors_view.hide()
        self.delegates = RowsModel(
            [
                (self.tr("Number"), lambda d: d.number),
                (self.tr("Name"), lambda d: d.name),
                (self.tr("Delegation"), lambda d: d.delegation),
                (self.tr("Unit"), lambda d: d.unit),
                (self.tr("Seat"), lambda d: d.seat_number or ""),
                (self.tr("PIN set"), lambda d: self.tr("yes") if d.has_pin else self.tr("no")),
            ]
        )
        self.count = QLabel()
        self.import_button = self.button(
            self.tr("Import roster…"), self._choose_file, AdminAction.ROSTER_IMPORT
        )
        self.layout_.addWidget(
            QLabel(
                self.tr(
                    "A CSV or XLSX file with the columns 代表证号, 姓名, 代表团 (and optionally "
                    "单位, 座位号, 证卡号, PIN). A file with any bad row is not imported at all."
                )
            )
        )
        self.layout_.addLayout(self.button_row(self.import_button))
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.errors_view, 1)
        self.layout_.addWidget(self.count)
        self.delegates_view = table_view(self.delegates, fit=False)
        self.delegates_view.setObjectName("RosterDelegates")
        self.layout_.addWidget(self.delegates_view, 2)

    def _zh(self) -> bool:
        return self.tr("Row") != "Row"

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.delegates(), self._show_delegates, on_error=self.show_error)

    def _show_delegates(self, delegates: list[DelegateOut]) -> None:
        self.delegates.set_rows(delegates)
        # numbers, names, seats as wide as they are; the work unit takes the rest
        fit_columns(self.delegates_view, stretch=UNIT_COLUMN)
        self.count.setText(self.tr("%1 delegates").replace("%1", str(len(delegates))))

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Roster file"), "", self.tr("Rosters (*.csv *.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        self.show_message(self.tr("Importing %1…").replace("%1", path.name))
        self.ctx.call(
            lambda c: c.import_roster(path),
            self._imported,
            on_error=self._refused,
            busy=self.import_button,
        )

    def _imported(self, result: RosterImportResult) -> None:
        self.errors.set_rows([])
        self.errors_view.hide()
        self.show_message(
            self.tr("Imported %1 rows: %2 new delegates, %3 updated, %4 seats assigned.")
            .replace("%1", str(result.rows))
            .replace("%2", str(result.delegates_created))
            .replace("%3", str(result.delegates_updated))
            .replace("%4", str(result.seats_assigned)),
            "success",
        )
        self.refresh()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, AdminApiError) and error.status == 422:
            self.errors.set_rows(error.row_errors)
            self.errors_view.setVisible(bool(error.row_errors))
            self.show_message(
                self.tr(
                    "The roster was not imported (nothing was changed): %1 problem(s)."
                ).replace("%1", str(len(error.row_errors))),
                "error",
            )
            if not error.row_errors:
                self.show_error(error)
            return
        self.show_error(error)
