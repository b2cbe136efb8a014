"""Documents (会议文件): every document of the session, with whether it is on this terminal."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from congress_desktop.store.views import AgendaItemView, DocumentView
from congress_desktop.ui import labels
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.widgets.cards import CardList, ListCard, label


@dataclass(frozen=True)
class DocumentsData:
    documents: list[DocumentView]
    items: dict[str, AgendaItemView]


class DocumentsScreen(Screen):
    document_chosen = Signal(object)  # DocumentView
    watched_tables = frozenset({"documents", "agenda_items"})

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data = DocumentsData([], {})
        self.summary_label = label("", "muted")
        self.document_list = CardList()
        self.layout_.addWidget(self.summary_label)
        self.layout_.addWidget(self.document_list, 1)
        self.retranslate()
        self.render()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Documents"))

    def render(self) -> None:
        docs = self._data.documents
        ready = sum(1 for d in docs if d.available)
        self.summary_label.setText(
            self.tr("{ready} of {total} documents are ready on this terminal.").format(
                ready=ready, total=len(docs)
            )
        )
        cards = []
        for doc in docs:
            badge, tone = self._badge(doc)
            card = ListCard(doc.title, self._subtitle(doc), badge, badge_tone=tone)
            card.clicked.connect(lambda d=doc: self.document_chosen.emit(d))
            cards.append(card)
        self.document_list.set_items(cards, self.tr("No documents have been published yet."))

    def refresh(self) -> None:
        store = self.ctx.store

        def load() -> DocumentsData:
            return DocumentsData(store.documents(), {i.id: i for i in store.agenda()})

        self.ctx.ops.run(load, self._on_loaded)

    def card_for(self, title: str) -> ListCard | None:
        """The list row of the document titled ``title`` (for tests and the screenshot tour)."""
        for card in self.document_list.items:
            if isinstance(card, ListCard) and card.title_label.text() == title:
                return card
        return None

    # ------------------------------------------------------------------ internals

    def _on_loaded(self, data: DocumentsData) -> None:
        self._data = data
        self.render()

    def _subtitle(self, doc: DocumentView) -> str:
        parts = [
            self.tr("%n page(s)", "", doc.pages),
            labels.classification_label(doc.classification),
        ]
        item = self._data.items.get(doc.agenda_item_id or "")
        if item is not None:
            parts.append(self.tr("Agenda item {position}").format(position=item.position))
        return " · ".join(parts)

    def _badge(self, doc: DocumentView) -> tuple[str, str]:
        if doc.available:
            return self.tr("Ready"), "good"
        return self.tr("Downloading"), "warn"
