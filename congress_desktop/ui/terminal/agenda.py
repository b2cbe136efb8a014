"""Agenda (议程): every item in order, the current one marked; an item's detail and documents."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from congress_desktop.model import ItemState
from congress_desktop.store.views import AgendaItemView, DocumentView
from congress_desktop.ui import labels
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.screen import Screen
from congress_desktop.ui.theme import set_tone
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, label


@dataclass(frozen=True)
class AgendaData:
    items: list[AgendaItemView]
    documents: list[DocumentView]


def state_badge(item: AgendaItemView) -> tuple[str, str]:
    """Badge text and tone: the current item in red, done ones grey, upcoming ones gold."""
    if item.is_current:
        return labels.item_state_label(ItemState.CURRENT), ""
    if item.state == ItemState.DONE:
        return labels.item_state_label(item.state), "muted"
    return labels.item_state_label(item.state), "gold"


class AgendaScreen(Screen):
    document_chosen = Signal(object)  # DocumentView
    watched_tables = frozenset({"agendas", "agenda_items", "documents"})

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data = AgendaData([], [])
        self._selected_id: str | None = None

        self.item_list = CardList()
        detail = Card(spacing=14)
        self.detail_badge = label("", "badge", wrap=False)
        self.detail_title = label("", "title")
        self.detail_presenter = label("", "muted")
        self.detail_description = label("", "body")
        self.documents_caption = label("", "section")
        self.document_list = CardList(spacing=10)
        detail.body.addWidget(self.detail_badge, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (
            self.detail_title,
            self.detail_presenter,
            self.detail_description,
            self.documents_caption,
        ):
            detail.body.addWidget(widget)
        detail.body.addWidget(self.document_list, 1)

        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.item_list, 5)
        row.addWidget(detail, 6)
        self.layout_.addLayout(row, 1)
        self.retranslate()
        self.render()

    # ------------------------------------------------------------------ public

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Agenda"))
        self.documents_caption.setText(self.tr("Documents for this item"))

    def render(self) -> None:
        cards = []
        for item in self._data.items:
            badge, tone = state_badge(item)
            card = ListCard(
                self.tr("{position}. {title}").format(position=item.position, title=item.title),
                self.tr("Presented by {presenter}").format(presenter=item.presenter)
                if item.presenter
                else "",
                badge,
                badge_tone=tone,
                current=item.is_current,
            )
            card.set_selected(item.id == self._selected_id and not item.is_current)
            card.clicked.connect(lambda i=item: self.select_item(i.id))
            cards.append(card)
        self.item_list.set_items(cards, self.tr("The agenda has not been published yet."))
        self._render_detail()

    def refresh(self) -> None:
        store = self.ctx.store
        self.ctx.ops.run(lambda: AgendaData(store.agenda(), store.documents()), self._on_loaded)

    def select_item(self, item_id: str) -> None:
        self._selected_id = item_id
        self.render()

    def selected_item(self) -> AgendaItemView | None:
        return next((i for i in self._data.items if i.id == self._selected_id), None)

    # ------------------------------------------------------------------ internals

    def _on_loaded(self, data: AgendaData) -> None:
        self._data = data
        if self.selected_item() is None:
            current = next((i for i in data.items if i.is_current), None)
            first = current or (data.items[0] if data.items else None)
            self._selected_id = first.id if first else None
        self.render()

    def _render_detail(self) -> None:
        item = self.selected_item()
        visible = item is not None
        for widget in (
            self.detail_badge,
            self.detail_title,
            self.detail_presenter,
            self.detail_description,
            self.documents_caption,
            self.document_list,
        ):
            widget.setVisible(visible)
        if item is None:
            return
        badge, tone = state_badge(item)
        self.detail_badge.setText(badge)
        set_tone(self.detail_badge, tone)
        self.detail_title.setText(item.title)
        self.detail_presenter.setText(
            self.tr("Presented by {presenter}").format(presenter=item.presenter)
            if item.presenter
            else ""
        )
        self.detail_description.setText(item.description)
        docs = [d for d in self._data.documents if d.agenda_item_id == item.id]
        cards = []
        for doc in docs:
            card = ListCard(doc.title, self.tr("%n page(s)", "", doc.pages))
            card.clicked.connect(lambda d=doc: self.document_chosen.emit(d))
            cards.append(card)
        self.document_list.set_items(cards, self.tr("No documents for this item."))
