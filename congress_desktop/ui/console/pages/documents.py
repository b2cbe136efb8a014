"""Documents: upload a PDF (refused files show the server's reason), classification, new
versions that supersede the old one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QWidget

from congress_desktop.model import Classification
from congress_desktop.protocol import AdminAction, DocumentOut
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.pages.base import Page


class DocumentsPage(Page):
    def title(self) -> str:
        return self.tr("Documents")

    def classification_names(self) -> dict[str, str]:
        return {
            Classification.PUBLIC: self.tr("public"),
            Classification.INTERNAL: self.tr("internal"),
            Classification.CONFIDENTIAL: self.tr("confidential"),
        }

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        names = self.classification_names()
        self.documents = RowsModel(
            [
                (self.tr("Title"), lambda d: d.title),
                (self.tr("Pages"), lambda d: d.pages),
                (self.tr("Classification"), lambda d: names.get(d.classification, "")),
                (self.tr("Version"), lambda d: d.version),
                (self.tr("Size (KB)"), lambda d: round(d.size / 1024)),
                (self.tr("File"), lambda d: d.filename),
            ]
        )
        self.view = table_view(self.documents)
        self.classification = QComboBox()
        for value, text in names.items():
            self.classification.addItem(text, str(value))
        edit = AdminAction.DOCUMENTS_EDIT
        self.upload_button = self.button(self.tr("Upload PDF…"), self._upload, edit)
        row = self.button_row(
            self.upload_button,
            self.button(self.tr("New version…"), self._new_version, edit),
            self.button(self.tr("Set classification"), self._classify, edit),
        )
        if ctx.may(edit):
            row.insertWidget(0, QLabel(self.tr("Classification:")))
            row.insertWidget(1, self.classification)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.documents(), self.documents.set_rows, on_error=self.show_error)

    def _pick_pdf(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("PDF document"), "", "PDF (*.pdf)")
        return Path(name) if name else None

    def _upload(self) -> None:
        path = self._pick_pdf()
        if path is not None:
            self.upload(path)

    def _new_version(self) -> None:
        old = selected_row(self.view, self.documents)
        if old is None:
            self.show_message(self.tr("Choose the document to replace first."))
            return
        path = self._pick_pdf()
        if path is not None:
            self.upload(path, supersedes=old)

    def upload(self, path: Path, supersedes: DocumentOut | None = None) -> None:
        classification = self.classification.currentData()
        title = supersedes.title if supersedes else path.stem
        old_id = supersedes.id if supersedes else None
        self.show_message(self.tr("Uploading %1…").replace("%1", path.name))
        self.ctx.call(
            lambda c: c.upload_document(
                path, title=title, classification=classification, supersedes_id=old_id
            ),
            self._uploaded,
            on_error=self.show_error,
        )

    def _uploaded(self, doc: DocumentOut) -> None:
        self.show_message(
            self.tr("Uploaded “%1” (%2 pages, version %3).")
            .replace("%1", doc.title)
            .replace("%2", str(doc.pages))
            .replace("%3", str(doc.version)),
            "success",
        )
        self.refresh()

    def _classify(self) -> None:
        doc = selected_row(self.view, self.documents)
        if doc is None:
            self.show_message(self.tr("Choose a document first."))
            return
        value = self.classification.currentData()
        self.ctx.call(
            lambda c: c.update_document(doc.id, classification=value),
            lambda _d: self.refresh(),
            on_error=self.show_error,
        )
