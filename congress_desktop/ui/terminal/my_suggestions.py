"""My suggestions (我的建议): what I submitted, its number once assigned, whether it was sent;
a tap opens one suggestion with its history, replies and the feedback form."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from congress_desktop.model import SuggestionState
from congress_desktop.store.views import SuggestionView
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.suggestion_detail import SuggestionDetailPanel
from congress_desktop.ui.widgets.cards import CardList, ListCard


class MySuggestionsList(QWidget):
    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.suggestions: list[SuggestionView] = []
        self.card_list = CardList()
        self.detail = SuggestionDetailPanel(ctx)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.card_list)
        self.pages.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.detail.back_requested.connect(self.show_list)
        self.detail.feedback_given.connect(lambda _id: self.refresh())
        self.render()

    def refresh(self) -> None:
        delegate = self.ctx.delegate
        if delegate is None:
            return
        store = self.ctx.store
        self.ctx.ops.run(lambda: store.my_suggestions(delegate.id), self._on_loaded)
        if self.pages.currentWidget() is self.detail:
            self.detail.refresh()

    def open_suggestion(self, suggestion_id: str) -> None:
        self.detail.show_suggestion(suggestion_id)
        self.pages.setCurrentWidget(self.detail)

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.card_list)

    def render(self) -> None:
        cards = []
        for suggestion in self.suggestions:
            badge, tone = self._badge(suggestion)
            card = ListCard(suggestion.title, self._details(suggestion), badge, badge_tone=tone)
            card.clicked.connect(lambda i=suggestion.id: self.open_suggestion(i))
            cards.append(card)
        self.card_list.set_items(cards, self.tr("You have not submitted any suggestions yet."))

    def _on_loaded(self, suggestions: list[SuggestionView]) -> None:
        self.suggestions = suggestions
        self.render()

    def _badge(self, suggestion: SuggestionView) -> tuple[str, str]:
        label = labels.suggestion_state_label(suggestion.state)
        if suggestion.state == SuggestionState.REJECTED:
            return label, ""
        if not suggestion.sent:
            return self.tr("Not yet sent"), "warn"
        return label, "good"

    def _details(self, suggestion: SuggestionView) -> str:
        lines = [
            self.tr("{number} · {category} · submitted {time}").format(
                number=labels.suggestion_number(suggestion.number),
                category=labels.category_label(suggestion.category),
                time=labels.local_datetime(suggestion.submitted_at),
            )
        ]
        if suggestion.state == SuggestionState.REJECTED and suggestion.rejection is None:
            lines.append(self.tr("Returned by the secretariat. Tap to read the reason."))
        elif suggestion.rejection is not None:
            lines.append(
                self.tr("Not accepted: {reason}").format(
                    reason=messages.rejection(suggestion.rejection)
                )
            )
        elif suggestion.state == SuggestionState.REPLIED:
            lines.append(self.tr("A reply has arrived: tap to read it and give your feedback."))
        elif suggestion.sent:
            lines.append(self.tr("Received by the secretariat. Tap to follow its progress."))
        else:
            lines.append(
                self.tr("Saved on this terminal; it will be sent as soon as the network allows.")
            )
        return "\n".join(lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render()
        super().changeEvent(event)
