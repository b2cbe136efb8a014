"""Motions (议案) and notices (通知)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from congress_desktop.protocol import AdminAction
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.pages.base import Page, local_time


def _text_dialog(page: Page, title: str, fields: list[str]) -> list[str] | None:
    """A form with one line field and then text areas; the values, or None if cancelled."""
    dialog = QDialog(page)
    dialog.setWindowTitle(title)
    dialog.resize(640, 420)
    form = QFormLayout(dialog)
    edits: list[QLineEdit | QPlainTextEdit] = []
    for index, label in enumerate(fields):
        edit: QLineEdit | QPlainTextEdit = QLineEdit() if index == 0 else QPlainTextEdit()
        edits.append(edit)
        form.addRow(label, edit)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    values = [e.text() if isinstance(e, QLineEdit) else e.toPlainText() for e in edits]
    return values if values[0].strip() else None


class MotionsPage(Page):
    def title(self) -> str:
        return self.tr("Motions")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        states = {
            "submitted": self.tr("submitted"),
            "on_agenda": self.tr("on the agenda"),
            "converted": self.tr("converted to a suggestion"),
        }
        self.motions = RowsModel(
            [
                (self.tr("No."), lambda m: m.number),
                (self.tr("Title"), lambda m: m.title),
                (self.tr("Co-signers"), lambda m: len(m.cosigner_ids)),
                (self.tr("State"), lambda m: states.get(m.state, m.state)),
            ]
        )
        self.layout_.addLayout(
            self.button_row(
                self.button(self.tr("Add motion…"), self._add, AdminAction.MOTIONS_EDIT)
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(table_view(self.motions), 1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.motions(), self.motions.set_rows, on_error=self.show_error)

    def _add(self) -> None:
        values = _text_dialog(
            self,
            self.tr("New motion"),
            [self.tr("Title"), self.tr("Cause (案由)"), self.tr("Grounds (案据)"),
             self.tr("Proposal (方案)")],
        )  # fmt: skip
        if values is None:
            return
        title, cause, grounds, proposal = values
        self.ctx.call(
            lambda c: c.add_motion(title.strip(), cause=cause, grounds=grounds, proposal=proposal),
            lambda _m: self.refresh(),
            on_error=self.show_error,
        )


class NoticesPage(Page):
    def title(self) -> str:
        return self.tr("Notices")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.notices = RowsModel(
            [
                (self.tr("Published"), lambda n: local_time(n.published_at)),
                (self.tr("Title"), lambda n: n.title),
                (self.tr("Text"), lambda n: n.body.replace("\n", " ")[:80]),
            ]
        )
        self.view = table_view(self.notices)
        edit = AdminAction.NOTICES_EDIT
        self.layout_.addLayout(
            self.button_row(
                self.button(self.tr("Publish notice…"), self._publish, edit),
                self.button(self.tr("Withdraw"), self._withdraw, edit),
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.notices(), self.notices.set_rows, on_error=self.show_error)

    def _publish(self) -> None:
        values = _text_dialog(self, self.tr("New notice"), [self.tr("Title"), self.tr("Text")])
        if values is None:
            return
        title, body = values
        self.ctx.call(
            lambda c: c.publish_notice(title.strip(), body),
            lambda _n: self.refresh(),
            on_error=self.show_error,
        )

    def _withdraw(self) -> None:
        notice = selected_row(self.view, self.notices)
        if notice is not None:
            self.ctx.call(
                lambda c: c.withdraw_notice(notice.id),
                lambda _r: self.refresh(),
                on_error=self.show_error,
            )
