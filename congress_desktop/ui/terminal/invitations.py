"""Co-signer invitations (附议邀请): suggestions other delegates asked me to co-sign.

The list shows unanswered invitations first; a tap opens the suggestion's full text with two
big buttons, confirm (确认附议) and decline (谢绝). The answer is saved locally with its outbox
op and shows at once as "not yet sent" until the server has it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import CosignState, SuggestionState
from congress_desktop.store.views import InvitationView
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.terminal.suggestion_detail import SuggestionDetailPanel
from congress_desktop.ui.theme import set_role, set_tone
from congress_desktop.ui.widgets.cards import Card, CardList, ListCard, MessageLabel, label


class InvitationsList(QWidget):
    answered = Signal(str, bool)  # suggestion id, confirmed?

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.invitations: list[InvitationView] = []
        self.selected_id: str | None = None

        self.card_list = CardList()
        self.back_button = QPushButton()
        self.back_button.setMinimumWidth(200)
        card = Card(spacing=10)
        self.state_badge = label("", "badge", wrap=False)
        self.from_label = label("", "muted")
        self.title_text = label("", "title")
        self.content_text = label("", "body")
        self.message = MessageLabel()
        self.confirm_button = QPushButton()
        set_role(self.confirm_button, "primary")
        self.decline_button = QPushButton()
        for button in (self.confirm_button, self.decline_button):
            button.setMinimumSize(260, 72)  # big touch targets
        actions = QHBoxLayout()
        actions.setSpacing(20)
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.decline_button)
        actions.addStretch(1)
        self.history_button = QPushButton()  # the suggestion's history and replies
        self.history_button.setMinimumSize(260, 72)
        actions.addWidget(self.history_button)
        card.body.addWidget(self.state_badge, 0, Qt.AlignmentFlag.AlignLeft)
        card.body.addWidget(self.from_label)
        card.body.addWidget(self.title_text)
        card.body.addWidget(self.content_text)
        card.body.addWidget(self.message)
        card.body.addLayout(actions)
        card.body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(card)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        detail_layout.addLayout(top)
        detail_layout.addWidget(scroll, 1)
        self.detail = detail

        self.history = SuggestionDetailPanel(ctx)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.card_list)
        self.pages.addWidget(detail)
        self.pages.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.back_button.clicked.connect(self.show_list)
        self.history_button.clicked.connect(self.show_history)
        self.history.back_requested.connect(lambda: self.pages.setCurrentWidget(self.detail))
        self.confirm_button.clicked.connect(lambda: self._answer(True))
        self.decline_button.clicked.connect(lambda: self._answer(False))
        self._retranslate()

    # ------------------------------------------------------------------ public

    def refresh(self) -> None:
        delegate = self.ctx.delegate
        if delegate is None:
            return
        store = self.ctx.store
        self.ctx.ops.run(lambda: store.invitations(delegate.id), self._on_loaded)

    def open_invitation(self, suggestion_id: str) -> None:
        self.selected_id = suggestion_id
        self.message.clear_message()
        self._render_detail()
        self.pages.setCurrentWidget(self.detail)

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.card_list)

    def show_history(self) -> None:
        """The invited suggestion's co-signers, history and replies (read only)."""
        invitation = self.selected()
        if invitation is None:
            return
        self.history.show_suggestion(invitation.suggestion_id)
        self.pages.setCurrentWidget(self.history)

    def selected(self) -> InvitationView | None:
        return next((i for i in self.invitations if i.suggestion_id == self.selected_id), None)

    def render(self) -> None:
        cards = []
        for invitation in self.invitations:
            badge, tone = self._badge(invitation)
            card = ListCard(
                invitation.title,
                self.tr("From {name} · {number} · {category}").format(
                    name=invitation.lead_name,
                    number=labels.suggestion_number(invitation.number),
                    category=labels.category_label(invitation.category),
                ),
                badge,
                badge_tone=tone,
            )
            card.clicked.connect(lambda i=invitation.suggestion_id: self.open_invitation(i))
            cards.append(card)
        self.card_list.set_items(cards, self.tr("No delegate has invited you to co-sign yet."))
        self._render_detail()

    # ------------------------------------------------------------------ internals

    def _badge(self, invitation: InvitationView) -> tuple[str, str]:
        if invitation.rejection is not None:
            return self.tr("Not accepted"), "muted"
        if not invitation.sent:
            return self.tr("Not yet sent"), "warn"
        if invitation.state == CosignState.INVITED:
            if invitation.suggestion_state != SuggestionState.COSIGNING:
                return self.tr("Closed"), "muted"
            return self.tr("Please answer"), "bad"
        if invitation.state == CosignState.EXPIRED:
            return self.tr("Closed"), "muted"
        return labels.cosign_state_label(invitation.state), "good"

    def _render_detail(self) -> None:
        invitation = self.selected()
        if invitation is None:
            return
        badge, tone = self._badge(invitation)
        self.state_badge.setText(badge)
        set_tone(self.state_badge, tone or "muted")
        self.from_label.setText(
            self.tr("{name} invites you to co-sign · {category}").format(
                name=invitation.lead_name, category=labels.category_label(invitation.category)
            )
        )
        self.title_text.setText(invitation.title)
        self.content_text.setText(invitation.content)
        open_ = (
            invitation.state == CosignState.INVITED
            and invitation.suggestion_state == SuggestionState.COSIGNING
        )
        self.confirm_button.setVisible(open_)
        self.decline_button.setVisible(open_)
        if invitation.rejection is not None:
            self.message.show_message(
                self.tr("The server did not accept your answer: {reason}").format(
                    reason=messages.rejection(invitation.rejection)
                ),
                "bad",
            )
        elif invitation.state == CosignState.EXPIRED:
            self.message.show_message(
                self.tr(
                    "The secretariat closed co-signing before you answered; the suggestion went "
                    "on without your signature."
                ),
                "info",
            )
        elif not open_ and invitation.state != CosignState.INVITED:
            self.message.show_message(
                self.tr("You answered: {answer}.").format(
                    answer=labels.cosign_state_label(invitation.state)
                ),
                "good" if invitation.sent else "info",
            )
        elif not open_:
            self.message.show_message(
                self.tr("This suggestion no longer takes co-signers."), "info"
            )

    def _on_loaded(self, invitations: list[InvitationView]) -> None:
        self.invitations = invitations
        self.render()

    def _answer(self, confirm: bool) -> None:
        delegate, invitation = self.ctx.delegate, self.selected()
        if delegate is None or invitation is None:
            return
        store, suggestion_id = self.ctx.store, invitation.suggestion_id
        self.ctx.ops.run(
            lambda: store.answer_invitation(delegate.id, suggestion_id, confirm),
            lambda _none: self._on_answered(suggestion_id, confirm),
            on_error=lambda e: self.message.show_message(messages.describe(e), "bad"),
            busy=self.confirm_button if confirm else self.decline_button,
            owner=self,
        )

    def _on_answered(self, suggestion_id: str, confirm: bool) -> None:
        self.ctx.sync.nudge()
        self.answered.emit(suggestion_id, confirm)
        self.refresh()

    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ Back to the list"))
        self.confirm_button.setText(self.tr("Confirm co-signing"))
        self.decline_button.setText(self.tr("Decline"))
        self.history_button.setText(self.tr("History and replies"))
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
