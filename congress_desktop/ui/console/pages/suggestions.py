"""Suggestions: all of them for the secretariat (with 交办 to a unit), only the assigned ones
for a handling unit (承办单位)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

from congress_desktop.protocol import AdminAction, SuggestionOut
from congress_desktop.ui.common.tables import RowsModel, selected_row, table_view
from congress_desktop.ui.console.pages.base import Page


class SuggestionsPage(Page):
    @classmethod
    def allowed(cls, may: Any) -> bool:
        return bool(
            may(AdminAction.SUGGESTIONS_VIEW_ALL) or may(AdminAction.SUGGESTIONS_VIEW_ASSIGNED)
        )

    def title(self) -> str:
        return self.tr("Suggestions")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, parent)
        self.suggestions = RowsModel(
            [
                (self.tr("No."), lambda s: f"{s.number:04d}" if s.number else ""),
                (self.tr("Title"), lambda s: s.title),
                (self.tr("Lead delegate"), lambda s: s.lead_delegate_name),
                (self.tr("State"), lambda s: s.state),
                (self.tr("Units"), lambda s: "、".join(a.unit for a in s.assignments)),
            ]
        )
        self.view = table_view(self.suggestions)
        self.layout_.addLayout(
            self.button_row(
                self.button(
                    self.tr("Assign to a unit…"), self._assign, AdminAction.SUGGESTIONS_ASSIGN
                )
            )
        )
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.ctx.call(
            lambda c: c.suggestions(), self.suggestions.set_rows, on_error=self.show_error
        )

    def _assign(self) -> None:
        suggestion: SuggestionOut | None = selected_row(self.view, self.suggestions)
        if suggestion is None:
            self.show_message(self.tr("Choose a suggestion first."))
            return
        unit, ok = QInputDialog.getText(self, self.tr("Assign"), self.tr("Handling unit"))
        if ok and unit.strip():
            self.ctx.call(
                lambda c: c.assign_suggestion(suggestion.id, unit.strip()),
                lambda _a: self.refresh(),
                on_error=self.show_error,
            )
