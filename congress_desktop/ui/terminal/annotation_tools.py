"""The reader's note tools: a tool bar with big touch targets, the text note editor, the
"what changed" banner of a new document version and the list of notes (unplaced ones apart).

Widgets only: :mod:`annotation_controller` connects them to the store and the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from congress_desktop.model import AnnotationKind
from congress_desktop.store.annotations import DocumentChangeView, Note
from congress_desktop.ui.terminal.annotation_layer import (
    TOOL_ERASER,
    TOOL_HIGHLIGHT,
    TOOL_PEN,
    TOOL_TEXT,
)
from congress_desktop.ui.theme import set_role
from congress_desktop.ui.widgets.cards import label

COLORS = ("#d00000", "#ffd400", "#1565c0", "#2e7d32")
"""Red, yellow, blue, green: readable over black text, told apart without labels."""
TOUCH_PX = 72
AUTOSAVE_MS = 600


class _Translated(QWidget):
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set fixed texts in the current language."""


class AnnotationToolbar(_Translated):
    """Pen, highlighter, text note, eraser (tap the chosen one again: no tool), colours."""

    tool_changed = Signal(str)  # "" when no tool is chosen
    color_changed = Signal(str)
    list_requested = Signal()
    changes_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnnotationToolbar")
        self.tool_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for tool in (TOOL_PEN, TOOL_HIGHLIGHT, TOOL_TEXT, TOOL_ERASER):
            button = QPushButton()
            button.setCheckable(True)
            button.setMinimumSize(TOUCH_PX + 48, TOUCH_PX)
            set_role(button, "choice")
            button.clicked.connect(lambda checked, t=tool: self._on_tool_clicked(t, checked))
            self.tool_buttons[tool] = button
            row.addWidget(button)
        row.addSpacing(12)
        self.color_group = QButtonGroup(self)
        self.color_buttons: dict[str, QPushButton] = {}
        for color in COLORS:
            swatch = QPushButton()
            swatch.setCheckable(True)
            swatch.setFixedSize(TOUCH_PX, TOUCH_PX)
            swatch.setObjectName("ColorSwatch")
            swatch.setStyleSheet(
                f"QPushButton {{ background: {color}; border: 3px solid #ffffff;"
                f" border-radius: {TOUCH_PX // 2}px; }}"
                f" QPushButton:checked {{ border: 6px solid #3a2a1a; }}"
            )
            swatch.clicked.connect(lambda _c=False, c=color: self.set_color(c))
            self.color_group.addButton(swatch)
            self.color_buttons[color] = swatch
            row.addWidget(swatch)
        row.addStretch(1)
        self.changes_button = QPushButton()
        self.changes_button.setMinimumHeight(TOUCH_PX)
        self.changes_button.hide()
        self.changes_button.clicked.connect(self.changes_requested)
        self.list_button = QPushButton()
        self.list_button.setMinimumHeight(TOUCH_PX)
        self.list_button.setCheckable(True)
        set_role(self.list_button, "choice")
        self.list_button.clicked.connect(self.list_requested)
        row.addWidget(self.changes_button)
        row.addWidget(self.list_button)
        self.tool = ""
        self.color = COLORS[0]
        self.color_buttons[self.color].setChecked(True)
        self._count = 0
        self._unplaced = 0
        self.retranslate()

    def retranslate(self) -> None:
        # symbols the bundled CJK font has (✎ ▮ ✉ ⌫ are boxes on a terminal without
        # system fonts; tests/ui/test_cjk_font.py)
        texts = {
            TOOL_PEN: self.tr("／ Pen"),
            TOOL_HIGHLIGHT: self.tr("▌ Highlighter"),
            TOOL_TEXT: self.tr("▤ Text note"),
            TOOL_ERASER: self.tr("✖ Eraser"),
        }
        for tool, button in self.tool_buttons.items():
            button.setText(texts[tool])
        names = {
            COLORS[0]: self.tr("Red"),
            COLORS[1]: self.tr("Yellow"),
            COLORS[2]: self.tr("Blue"),
            COLORS[3]: self.tr("Green"),
        }
        for color, swatch in self.color_buttons.items():
            swatch.setToolTip(names[color])
            swatch.setAccessibleName(names[color])
        self.changes_button.setText(self.tr("What changed"))
        self.set_counts(self._count, self._unplaced)

    def set_counts(self, notes: int, unplaced: int) -> None:
        self._count, self._unplaced = notes, unplaced
        if unplaced:
            text = self.tr("My notes ({count}), {unplaced} unplaced").format(
                count=notes, unplaced=unplaced
            )
        else:
            text = self.tr("My notes ({count})").format(count=notes)
        self.list_button.setText(text)

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        for name, button in self.tool_buttons.items():
            button.setChecked(name == tool)
        self.tool_changed.emit(tool)

    def set_color(self, color: str) -> None:
        self.color = color
        self.color_buttons[color].setChecked(True)
        self.color_changed.emit(color)

    def _on_tool_clicked(self, tool: str, checked: bool) -> None:
        self.set_tool(tool if checked else "")


class NoteEditor(_Translated):
    """A text note being written: saved as the delegate types (a short pause) and on Done."""

    save_requested = Signal(str)  # the text so far
    done = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoteEditor")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = label("", "section")
        self.edit = QPlainTextEdit()
        self.edit.setMinimumHeight(140)
        self.edit.setMaximumHeight(220)
        self.done_button = QPushButton()
        set_role(self.done_button, "primary")
        self.delete_button = QPushButton()
        for button in (self.done_button, self.delete_button):
            button.setMinimumSize(200, TOUCH_PX)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.done_button)
        box.addLayout(buttons)
        box.addWidget(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._timer.start)
        self.done_button.clicked.connect(self._on_done)
        self.delete_button.clicked.connect(self.delete_requested)
        self._page = 0
        self._saved = ""
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Note on page {page}").format(page=self._page + 1))
        self.edit.setPlaceholderText(self.tr("Write your note here. It is saved as you type."))
        self.done_button.setText(self.tr("Done"))
        self.delete_button.setText(self.tr("Delete note"))

    def open_note(self, page: int, text: str) -> None:
        self._page = page
        self._saved = text
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)  # go on writing where it ends
        self.edit.blockSignals(False)
        self.retranslate()
        self.show()
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.toPlainText()

    def flush(self) -> None:
        """Save now if the text changed since the last save."""
        self._timer.stop()
        text = self.text()
        if self.isVisible() and text != self._saved:
            self._saved = text
            self.save_requested.emit(text)

    def _on_done(self) -> None:
        self.flush()
        self.hide()
        self.done.emit()


class ChangesBanner(_Translated):
    """What a new version of the open document changed, until the delegate says "got it"."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangesBanner")
        frame = QFrame(self)
        frame.setObjectName("ChangesFrame")
        frame.setStyleSheet(
            "QFrame#ChangesFrame { background: #fff4d6; border: 2px solid #c08f1c;"
            " border-radius: 12px; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        box = QVBoxLayout(frame)
        top = QHBoxLayout()
        self.heading = label("", "section")
        self.summary = label("", "body")
        self.ok_button = QPushButton()
        self.ok_button.setMinimumSize(200, TOUCH_PX)
        set_role(self.ok_button, "primary")
        top.addWidget(self.heading, 1)
        top.addWidget(self.ok_button)
        box.addLayout(top)
        box.addWidget(self.summary)
        self.details = label("", "body")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.details)
        self.ok_button.clicked.connect(self._on_ok)
        self.change: DocumentChangeView | None = None
        self.hide()

    def retranslate(self) -> None:
        self.ok_button.setText(self.tr("Got it"))
        change = self.change
        if change is None:
            return
        self.heading.setText(
            self.tr("What changed in version {new} (replacing version {old})").format(
                new=change.to_version, old=change.from_version
            )
        )
        if not change.added_lines and not change.removed_lines:
            self.summary.setText(self.tr("The text is the same as in the previous version."))
        else:
            pages = "、".join(str(p) for p in change.changed_pages[:20])
            self.summary.setText(
                self.tr("{added} lines added, {removed} removed; changed pages: {pages}").format(
                    added=change.added_lines, removed=change.removed_lines, pages=pages
                )
            )
        lines = []
        for hunk in change.hunks[:6]:
            where = self.tr("Page {page}").format(page=hunk.get("page", "?"))
            old, new = hunk.get("old", ""), hunk.get("new", "")
            if old and new:
                lines.append(
                    self.tr("{where}: “{old}” → “{new}”").format(where=where, old=old, new=new)
                )
            elif new:
                lines.append(self.tr("{where}: added “{new}”").format(where=where, new=new))
            else:
                lines.append(self.tr("{where}: removed “{old}”").format(where=where, old=old))
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))

    def show_change(self, change: DocumentChangeView) -> None:
        self.change = change
        self.retranslate()
        self.show()

    def _on_ok(self) -> None:
        self.hide()
        self.dismissed.emit()


class NotesList(_Translated):
    """Every note of the open document; notes whose place is gone in this version are listed
    apart ("unplaced"), never lost: the delegate can read them, put them on the page shown, or
    delete them."""

    go_to_note = Signal(str)  # a placed note: show its page
    place_here = Signal(str)  # an unplaced note: put it on the page shown
    delete_note = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NotesList")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.placed_label = label("", "section")
        self.placed = QListWidget()
        self.unplaced_label = label("", "section")
        self.unplaced_hint = label("", "muted")
        self.unplaced = QListWidget()
        self.setFixedWidth(460)
        self.setStyleSheet("QListWidget::item { padding: 12px 6px; }")  # finger-sized rows
        for widget in (self.placed, self.unplaced):
            widget.setWordWrap(True)
            QScroller.grabGesture(widget.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        row = QHBoxLayout()
        self.place_button = QPushButton()
        self.delete_button = QPushButton()
        for button in (self.place_button, self.delete_button):
            button.setMinimumHeight(TOUCH_PX)
            button.setEnabled(False)
            row.addWidget(button, 1)
        box.addWidget(self.placed_label)
        box.addWidget(self.placed, 2)
        box.addWidget(self.unplaced_label)
        box.addWidget(self.unplaced_hint)
        box.addWidget(self.unplaced, 1)
        box.addLayout(row)
        self.placed.itemClicked.connect(
            lambda item: self.go_to_note.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.unplaced.currentItemChanged.connect(self._on_unplaced_selected)
        self.place_button.clicked.connect(lambda: self._emit_selected(self.place_here))
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete_note))
        self._notes: list[Note] = []
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.placed_label.setText(self.tr("Notes in this document"))
        self.unplaced_label.setText(self.tr("Unplaced notes"))
        self.unplaced_hint.setText(
            self.tr(
                "The text these notes were attached to is not in the new version of the "
                "document. They are kept here."
            )
        )
        self.place_button.setText(self.tr("Put on this page"))
        self.delete_button.setText(self.tr("Delete note"))
        self.set_notes(self._notes)

    def describe(self, note: Note) -> str:
        kinds = {
            AnnotationKind.INK: self.tr("Drawing"),
            AnnotationKind.HIGHLIGHT: self.tr("Highlight"),
            AnnotationKind.TEXT: self.tr("Note"),
        }
        body = note.text or note.anchor_text
        body = body if len(body) <= 60 else body[:59] + "…"
        head = self.tr("Page {page} · {kind}").format(page=note.page + 1, kind=kinds[note.kind])
        return f"{head}: {body}" if body else head

    def set_notes(self, notes: list[Note]) -> None:
        self._notes = notes
        self.placed.clear()
        self.unplaced.clear()
        for note in notes:
            item = QListWidgetItem(self.describe(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            (self.unplaced if note.unplaced else self.placed).addItem(item)
        has_unplaced = self.unplaced.count() > 0
        for widget in (self.unplaced_label, self.unplaced_hint, self.unplaced):
            widget.setVisible(has_unplaced)
        self.place_button.setVisible(has_unplaced)
        self.delete_button.setVisible(has_unplaced)
        self._on_unplaced_selected(self.unplaced.currentItem(), None)

    def _on_unplaced_selected(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self.place_button.setEnabled(current is not None)
        self.delete_button.setEnabled(current is not None)

    def _emit_selected(self, signal: Signal) -> None:
        item = self.unplaced.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))  # type: ignore[attr-defined]
