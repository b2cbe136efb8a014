"""Reports: attendance of a sitting, the agenda booklet, the audit log → a saved PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFileDialog, QFormLayout, QWidget

from congress_desktop.protocol import AdminAction, AuditEntryOut, SittingOut
from congress_desktop.ui.common.tables import RowsModel, table_view
from congress_desktop.ui.console.pages.base import Page, local_time


class ReportsPage(Page):
    needs = AdminAction.REPORTS_PRINT

    def title(self) -> str:
        return self.tr("Reports")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.sitting = QComboBox()
        self.first = QDateEdit(QDate.currentDate())
        self.last = QDateEdit(QDate.currentDate())
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("Sitting"), self.sitting)
        form.addRow(self.tr("Audit log from"), self.first)
        form.addRow(self.tr("to"), self.last)
        self.layout_.addLayout(form)
        self.layout_.addLayout(
            self.button_row(
                self.button(
                    self.tr("Attendance report (出席情况)…"), lambda: self._save("attendance")
                ),
                self.button(self.tr("Agenda booklet (议程)…"), lambda: self._save("agenda")),
                self.button(self.tr("Audit log…"), lambda: self._save("audit")),
                self.button(
                    self.tr("Suggestions by state (建议办理情况)…"),
                    lambda: self._save("suggestions"),
                ),
            )
        )
        self.layout_.addWidget(self.message)
        self.audit = RowsModel(
            [
                (self.tr("When"), lambda e: local_time(e.at, "%m-%d %H:%M:%S")),
                (self.tr("Who"), lambda e: e.username),
                (self.tr("Action"), lambda e: e.action),
                (self.tr("Reason"), lambda e: e.reason),
            ]
        )
        if ctx.may(AdminAction.AUDIT_VIEW):
            self.layout_.addWidget(table_view(self.audit), 1)
        else:
            self.layout_.addStretch(1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.sittings(), self._show_sittings, on_error=self.show_error)
        if self.ctx.may(AdminAction.AUDIT_VIEW):
            self.ctx.call(
                lambda c: list(reversed(c.audit(limit=200))),
                self._show_audit,
                on_error=self.show_error,
            )

    def _show_sittings(self, sittings: list[SittingOut]) -> None:
        self.sitting.clear()
        for sitting in sittings:
            self.sitting.addItem(sitting.title, sitting.id)

    def _show_audit(self, entries: list[AuditEntryOut]) -> None:
        self.audit.set_rows(entries)

    def params(self, kind: str) -> dict[str, object]:
        if kind == "attendance":
            return {"sitting_id": self.sitting.currentData()}
        if kind == "audit":
            return {
                "from": self.first.date().toString("yyyy-MM-dd"),
                "to": self.last.date().toString("yyyy-MM-dd"),
            }
        return {}

    def _save(self, kind: str) -> None:
        default = f"{kind}-{dt.date.today():%Y%m%d}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), default, "PDF (*.pdf)")
        if name:
            self.save(kind, Path(name))

    def save(self, kind: str, path: Path) -> None:
        params = self.params(kind)

        def work(c):  # type: ignore[no-untyped-def]
            data = c.report(kind, **params)
            path.write_bytes(data)
            return path

        self.ctx.call(work, self._saved, on_error=self.show_error)

    def _saved(self, path: Path) -> None:
        self.show_message(self.tr("Saved %1").replace("%1", str(path)), "success")
