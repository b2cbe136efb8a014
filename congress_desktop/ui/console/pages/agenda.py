"""Agenda editor: the draft (add, edit, remove, drag to reorder, attach documents), publish
as a new version, and the current item (previous / next / one tap on any item)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.protocol import AdminAction, AgendaOut, DocumentOut, DraftItemOut
from congress_desktop.ui.console.pages.base import Page, local_time

A = AdminAction
ID_ROLE = Qt.ItemDataRole.UserRole


class AgendaPage(Page):
    def title(self) -> str:
        return self.tr("Agenda")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.agenda: AgendaOut | None = None
        self._filling = False
        self.documents: list[DocumentOut] = []
        self.draft = QListWidget()
        self.draft.setObjectName("DraftList")
        if ctx.may(A.AGENDA_EDIT):
            self.draft.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.draft.setDefaultDropAction(Qt.DropAction.MoveAction)
            self.draft.model().rowsMoved.connect(self._on_rows_moved)
        self.draft.itemDoubleClicked.connect(lambda _i: self._edit())
        self.draft_state = QLabel()
        self.publish_button = self.button(
            self.tr("Publish agenda"), self._publish, A.AGENDA_PUBLISH
        )
        if self.publish_button is not None:
            self.publish_button.setObjectName("PrimaryButton")
        self.published = QTableWidget(0, 3)
        self.published.setObjectName("PublishedAgenda")
        self.published.setHorizontalHeaderLabels([self.tr("No."), self.tr("Item"), ""])
        self.published.verticalHeader().setVisible(False)
        self.published.horizontalHeader().setStretchLastSection(False)
        self.published.setColumnWidth(0, 56)
        self.published.setColumnWidth(2, 130)
        self.published.horizontalHeader().setSectionResizeMode(
            1, self.published.horizontalHeader().ResizeMode.Stretch
        )
        self.published.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.version = QLabel()
        self.version.setObjectName("Summary")
        move = A.AGENDA_SET_CURRENT
        self.previous_button = self.button(self.tr("◀ Previous item"), self._previous, move)
        self.next_button = self.button(self.tr("Next item ▶"), self._next, move)

        grid = QGridLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Draft (drag to reorder)")))
        left.addWidget(self.draft, 1)
        left.addWidget(self.draft_state)
        left.addLayout(
            self.button_row(
                self.button(self.tr("Add item…"), self._add, A.AGENDA_EDIT),
                self.button(self.tr("Edit…"), self._edit, A.AGENDA_EDIT),
                self.button(self.tr("Remove"), self._remove, A.AGENDA_EDIT),
            )
        )
        left.addLayout(self.button_row(self.publish_button))
        right = QVBoxLayout()
        right.addWidget(self.version)
        right.addWidget(self.published, 1)
        right.addLayout(self.button_row(self.previous_button, self.next_button))
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.layout_.addWidget(self.message)
        self.layout_.addLayout(grid, 1)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.ctx.call(lambda c: (c.agenda(), c.documents()), self._loaded, on_error=self.show_error)

    def on_event(self, kind: str, data: dict[str, object]) -> None:
        if kind == "current_item":
            self.ctx.call(lambda c: c.agenda(), self.show_agenda, on_error=self.show_error)

    def _loaded(self, result: tuple[AgendaOut, list[DocumentOut]]) -> None:
        agenda, self.documents = result
        self.show_agenda(agenda)

    def show_agenda(self, agenda: AgendaOut) -> None:
        self.agenda = agenda
        self._filling = True
        self.draft.clear()
        for item in agenda.draft:
            docs = len(item.document_ids)
            text = f"{item.position}. {item.title}"
            if item.presenter:
                text += f"　— {item.presenter}"
            if docs:
                text += "　" + self.tr("[%1 documents]").replace("%1", str(docs))
            entry = QListWidgetItem(text)
            entry.setData(ID_ROLE, item.id)
            self.draft.addItem(entry)
        self._filling = False
        self.draft_state.setText(
            self.tr("The draft has changes that are not published yet.")
            if agenda.draft_changed
            else self.tr("The draft is the published agenda.")
        )
        if agenda.version:
            self.version.setText(
                self.tr("Published agenda: version %1, %2")
                .replace("%1", str(agenda.version))
                .replace("%2", local_time(agenda.published_at))
            )
        else:
            self.version.setText(self.tr("No agenda has been published yet."))
        self._fill_published(agenda)

    def _fill_published(self, agenda: AgendaOut) -> None:
        table = self.published
        table.setRowCount(len(agenda.items))
        may_move = self.ctx.may(A.AGENDA_SET_CURRENT)
        for row, item in enumerate(agenda.items):
            current = item.id == agenda.current_item_id
            number = QTableWidgetItem(str(item.position))
            title = QTableWidgetItem(("▶ " if current else "") + item.title)
            if current:
                font = title.font()
                font.setBold(True)
                title.setFont(font)
                for cell in (number, title):
                    cell.setBackground(QColor("#f6e3a8"))
            table.setItem(row, 0, number)
            table.setItem(row, 1, title)
            if may_move:
                button = QPushButton(self.tr("Current") if current else self.tr("Set current"))
                button.setEnabled(not current)
                button.clicked.connect(lambda _c=False, i=item.id: self.choose(i))
                table.setCellWidget(row, 2, button)
        table.resizeRowsToContents()

    # ------------------------------------------------------------------ current item

    def _move(self, move: str, item_id: str | None = None) -> None:
        self.ctx.call(
            lambda c: c.set_current(move, item_id), self.show_agenda, on_error=self.show_error
        )

    def _previous(self) -> None:
        self._move("previous")

    def _next(self) -> None:
        self._move("next")

    def choose(self, item_id: str) -> None:
        self._move("item", item_id)

    # ------------------------------------------------------------------ draft

    def _selected_draft(self) -> DraftItemOut | None:
        item = self.draft.currentItem()
        if item is None or self.agenda is None:
            return None
        wanted = item.data(ID_ROLE)
        return next((d for d in self.agenda.draft if d.id == wanted), None)

    def _add(self) -> None:
        values = self._item_dialog(None)
        if values is not None:
            self.ctx.call(
                lambda c: c.add_draft_item(**values), self.show_agenda, on_error=self.show_error
            )

    def _edit(self) -> None:
        if not self.ctx.may(A.AGENDA_EDIT):
            return
        item = self._selected_draft()
        if item is None:
            self.show_message(self.tr("Choose a draft item first."))
            return
        values = self._item_dialog(item)
        if values is not None:
            self.ctx.call(
                lambda c: c.update_draft_item(item.id, **values),
                self.show_agenda,
                on_error=self.show_error,
            )

    def _remove(self) -> None:
        item = self._selected_draft()
        if item is not None:
            self.ctx.call(
                lambda c: c.delete_draft_item(item.id), self.show_agenda, on_error=self.show_error
            )

    def _on_rows_moved(self, *_args: object) -> None:
        if self._filling:
            return
        order = [self.draft.item(i).data(ID_ROLE) for i in range(self.draft.count())]
        self.reorder(order)

    def reorder(self, item_ids: list[str]) -> None:
        self.ctx.call(
            lambda c: c.reorder_draft(item_ids), self.show_agenda, on_error=self.show_error
        )

    def _publish(self) -> None:
        self.ctx.call(lambda c: c.publish_agenda(), self._published, on_error=self.show_error)

    def _published(self, agenda: AgendaOut) -> None:
        self.show_message(
            self.tr("Agenda version %1 published to every terminal.").replace(
                "%1", str(agenda.version)
            ),
            "success",
        )
        self.show_agenda(agenda)

    def _item_dialog(self, item: DraftItemOut | None) -> dict[str, object] | None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Agenda item"))
        dialog.resize(720, 560)
        form = QFormLayout(dialog)
        title = QLineEdit(item.title if item else "")
        presenter = QLineEdit(item.presenter if item else "")
        description = QPlainTextEdit(item.description if item else "")
        docs = QListWidget()
        attached = set(item.document_ids if item else [])
        for doc in self.documents:
            entry = QListWidgetItem(doc.title)
            entry.setData(ID_ROLE, doc.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = doc.id in attached
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            docs.addItem(entry)
        form.addRow(self.tr("Title"), title)
        form.addRow(self.tr("Presenter"), presenter)
        form.addRow(self.tr("Description"), description)
        form.addRow(self.tr("Documents"), docs)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(dialog.accept)
        box.rejected.connect(dialog.reject)
        form.addRow(box)
        if dialog.exec() != QDialog.DialogCode.Accepted or not title.text().strip():
            return None
        chosen = [
            docs.item(i).data(ID_ROLE)
            for i in range(docs.count())
            if docs.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "title": title.text().strip(),
            "presenter": presenter.text().strip(),
            "description": description.toPlainText(),
            "document_ids": chosen,
        }
