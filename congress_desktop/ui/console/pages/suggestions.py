"""Suggestions (代表建议): all of them for the secretariat, only the assigned ones for a
handling unit (承办单位). Choosing one shows its content, co-signers and history timeline
beside the list, with the actions the role may take in its state: review (审核: accept, or
return with a reason) and assign (交办) for the secretariat, reply (答复) for the unit.
Everything happens inline on the page (no modal dialogs), so a click does it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import SuggestionEventKind, SuggestionState
from congress_desktop.protocol import (
    AdminAction,
    AssignmentKind,
    SuggestionDetailOut,
    SuggestionOut,
)
from congress_desktop.ui.common.tables import RowsModel, table_view
from congress_desktop.ui.console.pages.base import Page, local_time

REVIEWABLE = {SuggestionState.SUBMITTED}
ASSIGNABLE = {SuggestionState.ACCEPTED, SuggestionState.ASSIGNED, SuggestionState.REHANDLING}
REPLIABLE = {SuggestionState.ASSIGNED, SuggestionState.REHANDLING}


def _label(text: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class SuggestionsPage(Page):
    live = True  # a co-signer's answer or a delegate's feedback shows up by itself

    @classmethod
    def allowed(cls, may: Any) -> bool:
        return bool(
            may(AdminAction.SUGGESTIONS_VIEW_ALL) or may(AdminAction.SUGGESTIONS_VIEW_ASSIGNED)
        )

    def title(self) -> str:
        return self.tr("Suggestions")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.detail: SuggestionDetailOut | None = None
        self.suggestions = RowsModel(
            [
                (self.tr("No."), lambda s: f"{s.number:04d}" if s.number else ""),
                (self.tr("Title"), lambda s: s.title),
                (self.tr("Lead delegate"), lambda s: s.lead_delegate_name),
                (self.tr("State"), lambda s: self.state_text(s.state)),
                (self.tr("Units"), lambda s: "、".join(a.unit for a in s.assignments)),
            ]
        )
        self.view = table_view(self.suggestions)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._on_selected())

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.detail_title = _label()
        self.detail_title.setObjectName("PageTitle")
        self.detail_meta = _label()
        self.detail_content = _label()
        self.cosigners_label = _label()
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        column.addWidget(self.detail_title)
        column.addWidget(self.detail_meta)
        column.addWidget(self.detail_content)
        column.addWidget(self.cosigners_label)
        self.timeline_caption = QLabel(self.tr("History"))
        column.addWidget(self.timeline_caption)
        column.addWidget(self.timeline, 1)

        # review (审核)
        self.review_box = QGroupBox(self.tr("Review"))
        review = QVBoxLayout(self.review_box)
        self.return_reason = QLineEdit()
        self.return_reason.setPlaceholderText(self.tr("Reason for returning it to the delegate"))
        self.accept_button = QPushButton(self.tr("Accept"))
        self.return_button = QPushButton(self.tr("Return"))
        # 截止附议: an absent co-signer must not hold a suggestion back for ever
        self.close_cosigning_button = QPushButton(self.tr("Stop waiting for co-signers"))
        self.close_cosigning_button.setToolTip(
            self.tr(
                "Invitations not answered yet expire and the suggestion goes to review "
                "with the co-signers who confirmed."
            )
        )
        review.addWidget(self.close_cosigning_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.return_reason, 1)
        row.addWidget(self.return_button)
        review.addLayout(row)
        # assignment (交办)
        self.assign_box = QGroupBox(self.tr("Assign to a handling unit"))
        assign = QHBoxLayout(self.assign_box)
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("Handling unit"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Lead unit"), "lead")
        self.kind_combo.addItem(self.tr("Assisting unit"), "assist")
        self.assign_button = QPushButton(self.tr("Assign"))
        assign.addWidget(self.unit_edit, 1)
        assign.addWidget(self.kind_combo)
        assign.addWidget(self.assign_button)
        # reply (答复)
        self.reply_box = QGroupBox(self.tr("Reply to the delegate"))
        reply = QVBoxLayout(self.reply_box)
        self.reply_edit = QPlainTextEdit()
        self.reply_edit.setPlaceholderText(self.tr("The unit's answer to the suggestion"))
        self.reply_edit.setMaximumHeight(120)
        self.reply_button = QPushButton(self.tr("Send reply"))
        reply.addWidget(self.reply_edit)
        reply.addWidget(self.reply_button, 0, Qt.AlignmentFlag.AlignRight)
        for box in (self.review_box, self.assign_box, self.reply_box):
            column.addWidget(box)

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(splitter, 1)

        self.accept_button.clicked.connect(lambda: self._review(True))
        self.return_button.clicked.connect(lambda: self._review(False))
        self.close_cosigning_button.clicked.connect(self._close_cosigning)
        self.assign_button.clicked.connect(self._assign)
        self.reply_button.clicked.connect(self._reply)
        self._render_detail()

    # ------------------------------------------------------------------ public

    def refresh(self) -> None:
        self.ctx.call(lambda c: c.suggestions(), self._on_loaded, on_error=self.show_error)

    def select(self, suggestion_id: str) -> None:
        """Choose a suggestion in the list (its detail loads beside it)."""
        for row, s in enumerate(self.suggestions.rows):
            if s.id == suggestion_id:
                self.view.selectRow(row)
                return

    def selected(self) -> SuggestionOut | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.suggestions.rows):
            return None
        row: SuggestionOut = self.suggestions.rows[index.row()]
        return row

    def timeline_texts(self) -> list[str]:
        return [self.timeline.item(i).text() for i in range(self.timeline.count())]

    def state_text(self, state: str) -> str:
        texts = {
            SuggestionState.COSIGNING: self.tr("awaiting co-signers"),
            SuggestionState.SUBMITTED: self.tr("to review"),
            SuggestionState.ACCEPTED: self.tr("accepted, to assign"),
            SuggestionState.REJECTED: self.tr("returned"),
            SuggestionState.ASSIGNED: self.tr("assigned"),
            SuggestionState.REPLIED: self.tr("replied, awaiting feedback"),
            SuggestionState.CLOSED: self.tr("closed"),
            SuggestionState.REHANDLING: self.tr("handled again"),
        }
        try:
            return texts.get(SuggestionState(state), state)
        except ValueError:
            return state

    def event_text(self, kind: str) -> str:
        texts = {
            SuggestionEventKind.SUBMITTED: self.tr("submitted"),
            SuggestionEventKind.COSIGN_CONFIRMED: self.tr("co-signing confirmed"),
            SuggestionEventKind.COSIGN_DECLINED: self.tr("co-signing declined"),
            SuggestionEventKind.COSIGNING_DONE: self.tr("all co-signers answered"),
            SuggestionEventKind.COSIGNING_CLOSED: self.tr("co-signing closed"),
            SuggestionEventKind.ACCEPTED: self.tr("accepted"),
            SuggestionEventKind.RETURNED: self.tr("returned"),
            SuggestionEventKind.ASSIGNED: self.tr("assigned"),
            SuggestionEventKind.REPLIED: self.tr("reply"),
            SuggestionEventKind.FEEDBACK: self.tr("delegate's feedback"),
        }
        try:
            return texts.get(SuggestionEventKind(kind), kind)
        except ValueError:
            return kind

    def cosign_text(self, state: str) -> str:
        return {
            "invited": self.tr("invited"),
            "confirmed": self.tr("confirmed"),
            "declined": self.tr("declined"),
            "expired": self.tr("no answer, closed"),
        }.get(state, state)

    def rating_text(self, rating: str) -> str:
        return {
            "satisfied": self.tr("satisfied"),
            "basically_satisfied": self.tr("basically satisfied"),
            "unsatisfied": self.tr("unsatisfied"),
        }.get(rating, rating)

    # ------------------------------------------------------------------ internals

    def _on_loaded(self, rows: list[SuggestionOut]) -> None:
        chosen = self.detail.id if self.detail else None
        self.suggestions.set_rows(rows)
        if chosen is not None:
            self.select(chosen)

    def _on_selected(self) -> None:
        suggestion = self.selected()
        if suggestion is None:
            return
        self.ctx.call(
            lambda c: c.suggestion(suggestion.id), self._show_detail, on_error=self.show_error
        )

    def _show_detail(self, detail: SuggestionDetailOut) -> None:
        self.detail = detail
        self._render_detail()

    def _render_detail(self) -> None:
        d = self.detail
        for widget in (self.detail_title, self.detail_meta, self.detail_content):
            widget.setVisible(d is not None)
        self.cosigners_label.setVisible(d is not None)
        self.timeline.clear()
        if d is None:
            self.detail_title.setText("")
            for box in (self.review_box, self.assign_box, self.reply_box):
                box.hide()
            return
        number = f"{d.number:04d}" if d.number else ""
        self.detail_title.setText(
            self.tr("No. {number} {title}").format(number=number, title=d.title)
        )
        self.detail_meta.setText(
            self.tr("{name} · {state}").format(
                name=d.lead_delegate_name, state=self.state_text(d.state)
            )
        )
        self.detail_content.setText(d.content)
        if d.cosigners:
            names = "、".join(
                self.tr("{name} ({state})").format(
                    name=c.delegate_name, state=self.cosign_text(c.state.value)
                )
                for c in d.cosigners
            )
            self.cosigners_label.setText(self.tr("Co-signers: {names}").format(names=names))
        else:
            self.cosigners_label.setText(self.tr("No co-signers."))
        for entry in d.timeline:
            parts = [
                local_time(entry.at),
                self.event_text(entry.kind),
                entry.actor,
            ]
            if entry.kind == SuggestionEventKind.ASSIGNED and entry.data.get("unit"):
                parts.append(str(entry.data["unit"]))
            if entry.kind == SuggestionEventKind.FEEDBACK:
                parts.append(self.rating_text(str(entry.data.get("rating", ""))))
            text = " · ".join(p for p in parts if p)
            if entry.text:
                text += "\n" + entry.text
            self.timeline.addItem(text)
        state = SuggestionState(d.state)
        may = self.ctx.may
        self.review_box.setVisible(may(AdminAction.SUGGESTIONS_REVIEW))
        self.review_box.setEnabled(state in REVIEWABLE or state is SuggestionState.COSIGNING)
        cosigning = state is SuggestionState.COSIGNING
        self.close_cosigning_button.setVisible(cosigning)
        for widget in (self.accept_button, self.return_button, self.return_reason):
            widget.setEnabled(not cosigning)
        self.assign_box.setVisible(may(AdminAction.SUGGESTIONS_ASSIGN))
        self.assign_box.setEnabled(state in ASSIGNABLE)
        self.reply_box.setVisible(may(AdminAction.SUGGESTIONS_REPLY))
        me = self.ctx.client.me
        lead = me is not None and any(
            a.unit == me.unit and a.kind is AssignmentKind.LEAD for a in d.assignments
        )
        self.reply_box.setEnabled(state in REPLIABLE and lead)  # the lead unit (主办) answers

    def _after_action(self, detail: SuggestionDetailOut, message: str) -> None:
        self.show_message(message, "success")
        self._show_detail(detail)
        self.refresh()

    def _review(self, accept: bool) -> None:
        d = self.detail
        if d is None:
            self.show_message(self.tr("Choose a suggestion first."))
            return
        reason = self.return_reason.text().strip()
        if not accept and not reason:
            self.show_message(
                self.tr("Please give the reason for returning it; the delegate will read it."),
                "error",
            )
            return
        done = self.tr("Accepted.") if accept else self.tr("Returned to the delegate.")
        self.ctx.call(
            lambda c: c.review_suggestion(d.id, accept, reason),
            lambda detail: (self.return_reason.clear(), self._after_action(detail, done)),
            on_error=self.show_error,
            busy=self.review_box,
        )

    def _close_cosigning(self) -> None:
        d = self.detail
        if d is None:
            self.show_message(self.tr("Choose a suggestion first."))
            return
        done = self.tr("Co-signing closed; the suggestion is ready for review.")
        self.ctx.call(
            lambda c: c.close_cosigning(d.id),
            lambda detail: self._after_action(detail, done),
            on_error=self.show_error,
            busy=self.review_box,
        )

    def _assign(self) -> None:
        d = self.detail
        unit = self.unit_edit.text().strip()
        if d is None or not unit:
            self.show_message(self.tr("Choose a suggestion and enter the handling unit."), "error")
            return
        kind = str(self.kind_combo.currentData())
        self.ctx.call(
            lambda c: (c.assign_suggestion(d.id, unit, kind=kind), c.suggestion(d.id))[1],
            lambda detail: (
                self.unit_edit.clear(),
                self._after_action(detail, self.tr("Assigned to {unit}.").format(unit=unit)),
            ),
            on_error=self.show_error,
            busy=self.assign_box,
        )

    def _reply(self) -> None:
        d = self.detail
        text = self.reply_edit.toPlainText().strip()
        if d is None or not text:
            self.show_message(self.tr("Write the reply first."), "error")
            return
        self.ctx.call(
            lambda c: c.reply_suggestion(d.id, text),
            lambda detail: (
                self.reply_edit.clear(),
                self._after_action(detail, self.tr("The reply has been sent to the delegate.")),
            ),
            on_error=self.show_error,
            busy=self.reply_box,
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render_detail()
        super().changeEvent(event)
