"""One suggestion in full: its state, content, co-signers, history timeline and replies, and
— once a reply has arrived — the feedback form (满意/基本满意/不满意) for its author.

Feedback is saved locally with its outbox op (one tap, never lost) and shown at once as
"not yet sent" until the server acknowledges it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import FeedbackRating, SuggestionEventKind, SuggestionState
from congress_desktop.store.views import SuggestionDetailView, TimelineEntryView
from congress_desktop.ui import labels, messages
from congress_desktop.ui.terminal.context import TerminalContext
from congress_desktop.ui.theme import set_role, set_tone
from congress_desktop.ui.widgets.cards import Card, MessageLabel, label

COMMENT_MAX = 2000


class SuggestionDetailPanel(QWidget):
    back_requested = Signal()
    feedback_given = Signal(str)  # the suggestion id

    def __init__(self, ctx: TerminalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: SuggestionDetailView | None = None
        self.suggestion_id: str | None = None

        self.back_button = QPushButton()
        self.back_button.setMinimumWidth(200)
        card = Card(spacing=10)
        self.state_badge = label("", "badge", wrap=False)
        self.number_label = label("", "muted")
        self.title_text = label("", "title")
        self.content_text = label("", "body")
        self.cosigners_caption = label("", "section")
        self.cosigners_text = label("", "body")
        self.timeline_caption = label("", "section")
        self.timeline_box = QVBoxLayout()
        self.timeline_box.setSpacing(8)
        self.timeline_labels: list[QWidget] = []
        card.body.addWidget(self.state_badge, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (
            self.number_label,
            self.title_text,
            self.content_text,
            self.cosigners_caption,
            self.cosigners_text,
            self.timeline_caption,
        ):
            card.body.addWidget(widget)
        card.body.addLayout(self.timeline_box)

        # the feedback form, shown to the author once a reply has arrived
        self.feedback_card = Card(spacing=10)
        self.feedback_caption = label("", "section")
        self.feedback_hint = label("", "muted")
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: dict[str, QPushButton] = {}
        ratings = QHBoxLayout()
        ratings.setSpacing(12)
        for rating in FeedbackRating:
            button = QPushButton()
            button.setCheckable(True)
            set_role(button, "choice")
            button.setMinimumWidth(200)
            self.rating_group.addButton(button)
            self.rating_buttons[str(rating)] = button
            ratings.addWidget(button)
        ratings.addStretch(1)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setMaximumHeight(140)
        self.feedback_message = MessageLabel()
        self.feedback_button = QPushButton()
        set_role(self.feedback_button, "primary")
        self.feedback_button.setMinimumWidth(280)
        send_row = QHBoxLayout()
        send_row.addWidget(self.feedback_message, 1)
        send_row.addWidget(self.feedback_button)
        self.feedback_card.body.addWidget(self.feedback_caption)
        self.feedback_card.body.addWidget(self.feedback_hint)
        self.feedback_card.body.addLayout(ratings)
        self.feedback_card.body.addWidget(self.comment_edit)
        self.feedback_card.body.addLayout(send_row)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        column.addWidget(card)
        column.addWidget(self.feedback_card)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.feedback_button.clicked.connect(self._on_feedback_clicked)
        self._retranslate()

    # ------------------------------------------------------------------ public

    def show_suggestion(self, suggestion_id: str) -> None:
        if suggestion_id != self.suggestion_id:
            self.rating_group.setExclusive(False)
            for button in self.rating_buttons.values():
                button.setChecked(False)
            self.rating_group.setExclusive(True)
            self.comment_edit.clear()
            self.feedback_message.clear_message()
        self.suggestion_id = suggestion_id
        self.refresh()

    def refresh(self) -> None:
        if self.suggestion_id is None:
            return
        store, suggestion_id = self.ctx.store, self.suggestion_id
        self.ctx.ops.run(lambda: store.suggestion_detail(suggestion_id), self._on_loaded)

    def rating(self) -> str:
        return next((k for k, b in self.rating_buttons.items() if b.isChecked()), "")

    def timeline_texts(self) -> list[str]:
        """What the timeline shows, entry by entry (for tests and screen readers)."""
        return [w.text() for w in self.timeline_labels]  # type: ignore[attr-defined]

    def render(self) -> None:
        detail = self.detail
        for widget in self.timeline_labels:
            self.timeline_box.removeWidget(widget)
            widget.deleteLater()
        self.timeline_labels = []
        if detail is None:
            self.feedback_card.hide()
            return
        s = detail.suggestion
        self.state_badge.setText(
            labels.suggestion_state_label(s.state) if s.sent else self.tr("Not yet sent")
        )
        tone = "warn" if not s.sent else ("good" if s.state != SuggestionState.REJECTED else "")
        set_tone(self.state_badge, tone or "muted")
        self.number_label.setText(
            self.tr("{number} · {category} · submitted {time}").format(
                number=labels.suggestion_number(s.number),
                category=labels.category_label(s.category),
                time=labels.local_datetime(s.submitted_at),
            )
        )
        self.title_text.setText(s.title)
        self.content_text.setText(s.content)
        if detail.cosigners:
            self.cosigners_text.setText(
                "\n".join(
                    self.tr("{name}: {state}").format(
                        name=c.name, state=labels.cosign_state_label(c.state)
                    )
                    for c in detail.cosigners
                )
            )
        else:
            self.cosigners_text.setText(self.tr("No co-signers."))
        for entry in detail.timeline:
            widget = label(self._entry_text(entry), "body")
            if entry.kind == SuggestionEventKind.REPLIED:
                set_role(widget, "message", "info")  # a reply stands out
            self.timeline_labels.append(widget)
            self.timeline_box.addWidget(widget)
        if not detail.timeline:
            placeholder = label(
                self.tr("The history appears once the server has received the suggestion."),
                "muted",
            )
            self.timeline_labels.append(placeholder)
            self.timeline_box.addWidget(placeholder)
        self._render_feedback(detail)

    # ------------------------------------------------------------------ internals

    def _entry_text(self, entry: TimelineEntryView) -> str:
        head = self.tr("{time} · {what}").format(
            time=labels.local_datetime(entry.at), what=labels.suggestion_event_label(entry.kind)
        )
        actor = entry.actor
        if entry.kind == SuggestionEventKind.ASSIGNED:
            actor = str(entry.data.get("unit") or "")  # to whom, not which staff member
        elif entry.data.get("role") == "secretariat":
            actor = ""  # the label says it was the secretariat; staff names stay internal
        if actor and entry.kind != SuggestionEventKind.COSIGNING_DONE:
            head += self.tr(" · {actor}").format(actor=actor)
        lines = [head]
        if entry.kind == SuggestionEventKind.FEEDBACK:
            lines.append(labels.rating_label(str(entry.data.get("rating", ""))))
        if entry.text:
            lines.append(entry.text)
        if not entry.sent:
            lines.append(self.tr("Saved on this terminal; not yet sent."))
        return "\n".join(lines)

    def _render_feedback(self, detail: SuggestionDetailView) -> None:
        delegate = self.ctx.delegate
        can_give = delegate is not None and detail.can_give_feedback(delegate.id)
        self.feedback_card.setVisible(can_give)
        if can_give and detail.refused_feedback:
            self.feedback_message.show_message(
                self.tr("The server did not accept your feedback: {reason}").format(
                    reason=messages.rejection(detail.refused_feedback)
                ),
                "bad",
            )

    def _on_loaded(self, detail: SuggestionDetailView | None) -> None:
        self.detail = detail
        self.render()

    def _on_feedback_clicked(self) -> None:
        delegate, suggestion_id = self.ctx.delegate, self.suggestion_id
        rating = self.rating()
        if not rating:
            self.feedback_message.show_message(
                self.tr("Please choose how satisfied you are with the reply."), "bad"
            )
            return
        comment = self.comment_edit.toPlainText()
        if len(comment) > COMMENT_MAX:
            self.feedback_message.show_message(
                self.tr("The comment is too long (at most {n} characters).").format(n=COMMENT_MAX),
                "bad",
            )
            return
        if delegate is None or suggestion_id is None:
            return
        store = self.ctx.store
        self.ctx.ops.run(
            lambda: store.give_feedback(delegate.id, suggestion_id, rating, comment),
            self._on_feedback_saved,
            on_error=lambda e: self.feedback_message.show_message(messages.describe(e), "bad"),
            busy=self.feedback_button,
        )

    def _on_feedback_saved(self, _event_id: str) -> None:
        self.feedback_message.clear_message()
        self.comment_edit.clear()
        self.ctx.sync.nudge()
        if self.suggestion_id is not None:
            self.feedback_given.emit(self.suggestion_id)
        self.refresh()

    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ Back to the list"))
        self.cosigners_caption.setText(self.tr("Co-signers"))
        self.timeline_caption.setText(self.tr("History"))
        self.feedback_caption.setText(self.tr("Your feedback on the reply"))
        self.feedback_hint.setText(
            self.tr("How satisfied are you with how your suggestion was handled?")
        )
        self.comment_edit.setPlaceholderText(self.tr("Comments (optional)"))
        self.feedback_button.setText(self.tr("Send feedback"))
        for key, button in self.rating_buttons.items():
            button.setText(labels.rating_label(key))
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
