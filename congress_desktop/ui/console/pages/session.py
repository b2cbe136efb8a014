"""Session and sittings (全体会议) with their sign-in windows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from congress_desktop.protocol import AdminAction, SessionOut, SittingOut
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.pages.base import Page, local_time


class SessionPage(Page):
    def title(self) -> str:
        return self.tr("Session and sittings")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.session: SessionOut | None = None
        self.summary = QLabel()
        self.summary.setObjectName("Summary")
        self.summary.setWordWrap(True)
        self.sittings = RowsModel(
            [
                (self.tr("No."), lambda s: s.number),
                (self.tr("Sitting"), lambda s: s.title),
                (self.tr("Starts"), lambda s: local_time(s.starts_at)),
                (self.tr("Sign-in opens"), lambda s: local_time(s.signin_opens)),
                (self.tr("Sign-in closes"), lambda s: local_time(s.signin_closes)),
            ]
        )
        self.view = table_view(self.sittings)
        edit = AdminAction.SESSION_EDIT
        self.layout_.addWidget(self.summary)
        self.layout_.addLayout(
            self.button_row(
                self.button(self.tr("Edit session…"), self._edit_session, edit),
                self.button(self.tr("Add sitting…"), self._add_sitting, edit),
                self.button(self.tr("Edit sitting…"), self._edit_sitting, edit),
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: (c.sessions(), c.sittings()), self._show, on_error=self.show_error)

    def _show(self, result: tuple[list[SessionOut], list[SittingOut]]) -> None:
        sessions, sittings = result
        self.session = next((s for s in sessions if s.active), None)
        if self.session is None:
            self.summary.setText(self.tr("There is no congress session yet."))
        else:
            s = self.session
            days = f"{s.starts_on or ''} – {s.ends_on or ''}"
            self.summary.setText(
                self.tr("%1\nVenue: %2    Dates: %3    State: %4")
                .replace("%1", s.title)
                .replace("%2", s.venue or "—")
                .replace("%3", days)
                .replace("%4", s.state)
            )
        self.sittings.set_rows(sittings)

    def _edit_session(self) -> None:
        if self.session is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Edit session"))
        form = QFormLayout(dialog)
        title = QLineEdit(self.session.title)
        venue = QLineEdit(self.session.venue)
        form.addRow(self.tr("Title"), title)
        form.addRow(self.tr("Venue"), venue)
        form.addRow(_buttons(dialog))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        sid, changes = self.session.id, {"title": title.text().strip(), "venue": venue.text()}
        self.ctx.call(
            lambda c: c.update_session(sid, **changes),
            lambda _s: self.refresh(),
            on_error=self.show_error,
        )

    def _add_sitting(self) -> None:
        number = len(self.sittings.rows) + 1
        values = _sitting_dialog(self, number, self.tr("Sitting %1").replace("%1", str(number)))
        if values is not None:
            self.ctx.call(
                lambda c: c.add_sitting(**values),
                lambda _s: self.refresh(),
                on_error=self.show_error,
            )

    def _edit_sitting(self) -> None:
        sitting = selected_row(self.view, self.sittings)
        if sitting is None:
            self.show_message(self.tr("Choose a sitting first."))
            return
        values = _sitting_dialog(self, sitting.number, sitting.title, sitting)
        if values is not None:
            self.ctx.call(
                lambda c: c.update_sitting(sitting.id, **values),
                lambda _s: self.refresh(),
                on_error=self.show_error,
            )


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _when(value: dt.datetime | None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    if value is None:
        edit.setDateTime(QDateTime.currentDateTime())
    else:
        edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp())))
    return edit


def _sitting_dialog(
    page: Page, number: int, title: str, sitting: SittingOut | None = None
) -> dict[str, object] | None:
    dialog = QDialog(page)
    dialog.setWindowTitle(QCoreApplication.translate("SessionPage", "Sitting"))
    form = QFormLayout(dialog)
    number_box = QSpinBox()
    number_box.setRange(1, 99)
    number_box.setValue(number)
    title_edit = QLineEdit(title)
    starts = _when(sitting.starts_at if sitting else None)
    opens = _when(sitting.signin_opens if sitting else None)
    closes = _when(sitting.signin_closes if sitting else None)
    form.addRow(QCoreApplication.translate("SessionPage", "Number"), number_box)
    form.addRow(QCoreApplication.translate("SessionPage", "Title"), title_edit)
    form.addRow(QCoreApplication.translate("SessionPage", "Starts"), starts)
    form.addRow(QCoreApplication.translate("SessionPage", "Sign-in opens"), opens)
    form.addRow(QCoreApplication.translate("SessionPage", "Sign-in closes"), closes)
    form.addRow(_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None

    def aware(edit: QDateTimeEdit) -> dt.datetime:
        return dt.datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), dt.UTC)

    return {
        "number": number_box.value(),
        "title": title_edit.text().strip(),
        "starts_at": aware(starts),
        "signin_opens": aware(opens),
        "signin_closes": aware(closes),
    }
