"""Picking co-signers (附议代表) for a suggestion: a searchable touch list of delegates.

A tap on a delegate's card selects or unselects them; the search field filters by name,
delegate number, delegation or unit as the delegate types. "Done" hands the chosen ids back
to the composer, which saves them with the draft.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from congress_desktop.store.views import DelegateView
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, label


def matches(delegate: DelegateView, query: str) -> bool:
    query = query.strip().casefold()
    if not query:
        return True
    haystack = " ".join((delegate.name, delegate.number, delegate.delegation, delegate.unit))
    return all(part in haystack.casefold() for part in query.split())


class CosignerPicker(QWidget):
    done = Signal(list)  # the chosen delegate ids, in the order they were picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegates: list[DelegateView] = []
        self.chosen: list[str] = []
        card = Card(spacing=12)
        self.caption = label("", "section")
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = label("", "muted")
        self.card_list = CardList(spacing=8)
        self.done_button = QPushButton()
        set_role(self.done_button, "primary")
        self.done_button.setMinimumWidth(240)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.done_button)
        card.body.addWidget(self.caption)
        card.body.addWidget(self.search_edit)
        card.body.addWidget(self.card_list, 1)
        card.body.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card)
        self.search_edit.textChanged.connect(lambda _text: self.render())
        self.done_button.clicked.connect(lambda: self.done.emit(list(self.chosen)))
        self._retranslate()

    # ------------------------------------------------------------------ public

    def open(self, delegates: list[DelegateView], chosen: list[str]) -> None:
        """Show ``delegates`` (the author already left out) with ``chosen`` selected."""
        self.delegates = delegates
        known = {d.id for d in delegates}
        self.chosen = [i for i in chosen if i in known]
        self.search_edit.clear()
        self.render()

    def toggle(self, delegate_id: str) -> None:
        if delegate_id in self.chosen:
            self.chosen.remove(delegate_id)
        else:
            self.chosen.append(delegate_id)
        self.render()

    def visible_cards(self) -> list[ListCard]:
        return [w for w in self.card_list.items if isinstance(w, ListCard)]

    def render(self) -> None:
        query = self.search_edit.text()
        cards = []
        for delegate in self.delegates:
            if not matches(delegate, query):
                continue
            picked = delegate.id in self.chosen
            card = ListCard(
                delegate.name,
                self.tr("{delegation} · No. {number} · {unit}").format(
                    delegation=delegate.delegation, number=delegate.number, unit=delegate.unit
                ),
                self.tr("Chosen") if picked else "",
                badge_tone="good",
            )
            card.setMinimumHeight(84)  # a finger-sized target
            card.set_selected(picked)
            card.clicked.connect(lambda d=delegate.id: self.toggle(d))
            cards.append(card)
        self.card_list.set_items(cards, self.tr("No delegate matches your search."))
        self.count_label.setText(self.tr("%n co-signer(s) chosen", "", len(self.chosen)))

    # ------------------------------------------------------------------ internals

    def _retranslate(self) -> None:
        self.caption.setText(self.tr("Choose co-signers"))
        self.search_edit.setPlaceholderText(self.tr("Search by name, number, delegation or unit"))
        self.done_button.setText(self.tr("Done"))
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
