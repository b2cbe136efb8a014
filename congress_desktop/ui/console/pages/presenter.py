"""Presenter control (同步翻页): pick a document and a page, broadcast it to the terminals
in follow mode."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from congress_desktop.protocol import AdminAction, DocumentOut, PresenterPage
from congress_desktop.ui.console.pages.base import Page, local_time


class PresenterPageControl(Page):
    needs = AdminAction.PRESENTER_SET

    def title(self) -> str:
        return self.tr("Presenter")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.docs: list[DocumentOut] = []
        self.document = QComboBox()
        self.document.currentIndexChanged.connect(self._on_document_changed)
        self.page = QSpinBox()
        self.page.setRange(1, 1)
        self.now = QLabel()
        self.now.setObjectName("Summary")
        self.now.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Document"), self.document)
        form.addRow(self.tr("Page"), self.page)
        self.broadcast_button = self.button(self.tr("Broadcast this page"), self.broadcast)
        if self.broadcast_button is not None:
            self.broadcast_button.setObjectName("PrimaryButton")
        self.layout_.addWidget(
            QLabel(self.tr("Terminals in follow mode jump to the page you broadcast."))
        )
        self.layout_.addLayout(form)
        self.layout_.addLayout(
            self.button_row(
                self.button(self.tr("◀ Previous page"), lambda: self._step(-1)),
                self.broadcast_button,
                self.button(self.tr("Next page ▶"), lambda: self._step(1)),
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.now)
        self.layout_.addStretch(1)

    def refresh(self) -> None:
        self.ctx.call(
            lambda c: (c.documents(), c.presenter()), self._loaded, on_error=self.show_error
        )

    def _loaded(self, result: tuple[list[DocumentOut], PresenterPage | None]) -> None:
        self.docs, page = result
        self.document.blockSignals(True)
        self.document.clear()
        for doc in self.docs:
            self.document.addItem(doc.title, doc.id)
        self.document.blockSignals(False)
        self._on_document_changed()
        self._show_now(page)

    def _on_document_changed(self, *_args: object) -> None:
        index = self.document.currentIndex()
        pages = self.docs[index].pages if 0 <= index < len(self.docs) else 1
        self.page.setRange(1, max(1, pages))

    def _step(self, delta: int) -> None:
        self.page.setValue(self.page.value() + delta)
        self.broadcast()

    def broadcast(self) -> None:
        doc_id = self.document.currentData()
        if doc_id is None:
            return
        page = self.page.value() - 1
        self.ctx.call(
            lambda c: c.set_presenter(doc_id, page), self._show_now, on_error=self.show_error
        )

    def _show_now(self, page: PresenterPage | None) -> None:
        if page is None:
            self.now.setText(self.tr("Nothing has been broadcast yet."))
            return
        title = next((d.title for d in self.docs if d.id == page.document_id), page.document_id)
        self.now.setText(
            self.tr("Now showing: “%1”, page %2 (set by %3 at %4)")
            .replace("%1", title)
            .replace("%2", str(page.page + 1))
            .replace("%3", page.set_by)
            .replace("%4", local_time(page.set_at, "%H:%M:%S"))
        )
