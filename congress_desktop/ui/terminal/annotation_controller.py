"""The reader's notes: connects the tool bar, the note layer over the page and the store.

Notes belong to the signed-in delegate and are saved the moment a stroke ends, a highlight is
dragged or a text note pauses (each save is one store transaction with its outbox op, so a
crash or power cut loses at most the stroke being drawn). Store and PDF text work runs on the
context's worker (one thread: saves land in the order they were made); the page shows a new
note at once, before the save returns.

Text under a note (its anchor, see congress_desktop/anchoring.py) is read from the document
with PyMuPDF on that worker, through a document of its own (the reader's renderer keeps its).
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pymupdf
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from congress_desktop import anchoring
from congress_desktop.anchoring import PageText, Rect
from congress_desktop.model import AnnotationKind, utcnow
from congress_desktop.store.annotations import AnnotationStore, DocumentChangeView, Note
from congress_desktop.store.views import DocumentView
from congress_desktop.ui.terminal.annotation_layer import (
    TOOL_TEXT,
    AnnotationLayer,
    PagePoint,
)
from congress_desktop.ui.terminal.annotation_tools import (
    AnnotationToolbar,
    ChangesBanner,
    NoteEditor,
    NotesList,
)

if TYPE_CHECKING:
    from congress_desktop.ui.terminal.viewer import ViewerScreen

log = logging.getLogger(__name__)

INK_GROUP_S = 2.0
"""A pen stroke begun this soon after the last one ended, near it, on the same page and in the
same colour, joins its note: a handwritten word is one note (one row in the notes list, erased
as a whole), not one note a stroke."""
INK_GROUP_GAP_PT = 48.0
"""How far (points) outside the note's strokes a stroke may start and still join it."""


@dataclass
class _InkGroup:
    note_id: str
    page: int
    color: str
    bounds: Rect
    ended_at: float  # monotonic time the last stroke ended


PEN_WIDTH_PT = 2.0
WATCHED = frozenset({"annotations", "document_changes", "documents"})


@dataclass
class _Open:
    """The document the notes are for, as the worker sees it."""

    doc: DocumentView
    delegate_id: str
    path: Path
    pdf: pymupdf.Document | None = None
    widths: list[float] = field(default_factory=list)
    texts: dict[int, PageText] = field(default_factory=dict)

    def text(self, page: int) -> PageText:
        """Worker thread: the page's characters (cached)."""
        if page not in self.texts:
            if self.pdf is None:
                return PageText("", ())
            self.texts[page] = anchoring.page_text(self.pdf[page])
        return self.texts[page]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


@dataclass(frozen=True)
class _Loaded:
    widths: list[float]
    notes: list[Note]
    change: DocumentChangeView | None
    unseen: bool


class AnnotationController(QObject):
    def __init__(self, viewer: ViewerScreen) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.ctx = viewer.ctx
        self.store = AnnotationStore(self.ctx.store)
        self.toolbar = AnnotationToolbar()
        self.banner = ChangesBanner()
        self.editor = NoteEditor()
        self.notes_list = NotesList()
        self.panel = QWidget()
        self.panel.setObjectName("AnnotationPanel")
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        for widget in (self.toolbar, self.banner, self.editor):  # notes_list: beside the page
            box.addWidget(widget)
        self.layer = AnnotationLayer(viewer.page_view.page_label)
        self.layer.preview_words = self._preview_words
        self.notes: list[Note] = []
        self.change: DocumentChangeView | None = None
        self._open: _Open | None = None
        self._generation = 0
        self._editing: tuple[str, int, PagePoint, bool] | None = None  # id, page, where, saved?
        self._ink_group: _InkGroup | None = None  # the ink note the next stroke may join
        self.clock = time.monotonic

        self.toolbar.tool_changed.connect(self._on_tool_changed)
        self.toolbar.color_changed.connect(self._on_color_changed)
        self.toolbar.list_requested.connect(self._toggle_list)
        self.toolbar.changes_requested.connect(self._show_change)
        self.layer.stroke_finished.connect(self._on_stroke)
        self.layer.highlight_dragged.connect(self._on_highlight)
        self.layer.tapped.connect(self._on_text_tap)
        self.layer.erase_at.connect(self._on_erase)
        self.editor.save_requested.connect(self._on_editor_save)
        self.editor.delete_requested.connect(self._on_editor_delete)
        self.editor.done.connect(self._on_editor_done)
        self.banner.dismissed.connect(self._on_change_dismissed)
        self.notes_list.go_to_note.connect(self._go_to_note)
        self.notes_list.place_here.connect(self._place_here)
        self.notes_list.delete_note.connect(self._delete)
        viewer.page_changed.connect(lambda _page: self._show_page())
        self.ctx.sync.tables_changed.connect(self._on_tables_changed)
        self.layer.color = self.toolbar.color
        self._set_enabled(False)

    # ------------------------------------------------------------------ reader hooks

    @property
    def delegate_id(self) -> str | None:
        """Whose notes to show: the seat's delegate, once signed in (private data)."""
        delegate = self.ctx.delegate
        return delegate.id if delegate is not None and self.ctx.signed_in else None

    def document_opened(self, doc: DocumentView) -> None:
        self.document_closed()
        delegate_id = self.delegate_id
        path = self.ctx.store.paths.blob_path(doc.sha256)
        if delegate_id is None or not doc.available or not path.exists():
            return
        self._generation += 1
        opened = self._open = _Open(doc, delegate_id, path)
        generation = self._generation
        self.ctx.ops.run(
            lambda: self._load(opened, first=True),
            lambda loaded: self._on_loaded(generation, loaded),
            on_error=self._on_error,
            owner=self,
        )

    def document_closed(self) -> None:
        """Forget the notes on screen (the idle lock and sign-out hide private data)."""
        self._generation += 1
        self.editor.flush()
        self.editor.hide()
        self._editing = None
        opened, self._open = self._open, None
        if opened is not None:
            self.ctx.ops.run(opened.close)
        self.notes, self.change = [], None
        self.toolbar.set_tool("")
        self.banner.hide()
        self.notes_list.hide()
        self.toolbar.list_button.setChecked(False)
        self.notes_list.set_notes([])
        self.toolbar.changes_button.hide()
        self.layer.set_notes([], 0.0)
        self._set_enabled(False)

    # ------------------------------------------------------------------ loading

    def _load(self, opened: _Open, *, first: bool) -> _Loaded:
        """Worker thread."""
        if opened.pdf is None and first:
            opened.pdf = pymupdf.open(opened.path)
            opened.widths = [opened.pdf[i].rect.width for i in range(opened.pdf.page_count)]
        notes = self.store.notes(opened.delegate_id, opened.doc.id)
        change = self.store.change(opened.doc.id)
        unseen = change is not None and (
            self.store.change_unseen(opened.delegate_id, opened.doc.id) is not None
        )
        return _Loaded(list(opened.widths), notes, change, unseen)

    def _on_loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation or self._open is None:
            return
        self.notes = loaded.notes
        self.change = loaded.change
        self.toolbar.changes_button.setVisible(loaded.change is not None)
        if loaded.change is not None and loaded.unseen:
            self.banner.show_change(loaded.change)
        self._set_enabled(True)
        self._show_page()

    def _reload(self) -> None:
        opened = self._open
        if opened is None:
            return
        generation = self._generation
        self.ctx.ops.run(
            lambda: self._load(opened, first=False),
            lambda loaded: self._on_loaded(generation, loaded),
            on_error=self._on_error,
            owner=self,
        )

    def _on_tables_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED and self._editing is None:
            self._reload()

    def _on_error(self, error: Exception) -> None:
        log.warning("notes: %s", error)

    # ------------------------------------------------------------------ the page

    def _page_width(self, page: int) -> float:
        widths = self._open.widths if self._open is not None else []
        return widths[page] if 0 <= page < len(widths) else 0.0

    def _show_page(self) -> None:
        page = self.viewer.page
        here = [n for n in self.notes if n.page == page and not n.unplaced]
        self.layer.set_notes(here, self._page_width(page))
        unplaced = sum(1 for n in self.notes if n.unplaced)
        self.toolbar.set_counts(len(self.notes), unplaced)
        self.notes_list.set_notes(self.notes)
        opened = self._open
        if opened is not None and page not in opened.texts and self.toolbar.tool:
            self.ctx.ops.run(lambda: opened.text(page), owner=self)  # ready for a highlight

    def _set_enabled(self, on: bool) -> None:
        for button in self.toolbar.tool_buttons.values():
            button.setEnabled(on)
        self.toolbar.list_button.setEnabled(on)

    def _on_tool_changed(self, tool: str) -> None:
        self._ink_group = None
        if tool != TOOL_TEXT:
            self.editor.flush()
        self.layer.set_tool(tool)
        self._show_page()

    def _on_color_changed(self, color: str) -> None:
        self.layer.color = color

    def _toggle_list(self) -> None:
        shown = self.toolbar.list_button.isChecked()
        self.notes_list.setVisible(shown)
        if shown:
            self.banner.hide()  # room for the page beside the list

    def _show_change(self) -> None:
        if self.change is not None:
            self.banner.show_change(self.change)

    def _on_change_dismissed(self) -> None:
        opened = self._open
        if opened is not None:
            self.ctx.ops.run(lambda: self.store.mark_seen(opened.delegate_id, opened.doc.id))

    def _preview_words(self, a: PagePoint, b: PagePoint) -> list[Rect]:
        opened = self._open
        text = opened.texts.get(self.viewer.page) if opened is not None else None
        if text is None:
            return []
        return list(anchoring.select_between(text, a, b)[1])

    # ------------------------------------------------------------------ making notes

    def _local(self, note_id: str, page: int, kind: AnnotationKind, geometry: dict[str, Any],
               text: str = "") -> Note:  # fmt: skip
        opened = self._open
        assert opened is not None
        return Note(
            id=note_id, delegate_id=opened.delegate_id, document_id=opened.doc.id,
            document_version=1, page=page, kind=kind, geometry=geometry,
            color=self.toolbar.color, text=text, anchor_text="", edited_at=utcnow(),
            unplaced=False,
        )  # fmt: skip

    def _put(self, note: Note) -> None:
        self.notes = [n for n in self.notes if n.id != note.id] + [note]
        self._show_page()

    def _save_new(self, note: Note) -> None:
        """Show ``note`` now; anchor and store it on the worker."""
        opened = self._open
        if opened is None:
            return
        self._put(note)
        color = note.color

        def work() -> Note:
            anchor = anchoring.anchor_in(
                opened.text(note.page),
                anchoring.geometry_bounds(note.geometry) or (0.0, 0.0, 0.0, 0.0),
                context=0 if note.kind is AnnotationKind.HIGHLIGHT else anchoring.CONTEXT_CHARS,
            )
            geometry = dict(note.geometry)
            anchor_text = note.anchor_text
            if anchor is not None:
                geometry["anchor_rect"] = list(anchor.rect)
                anchor_text = anchor_text or anchor.text
            return self.store.add(
                opened.delegate_id, opened.doc.id, note.page, note.kind.value,
                geometry=geometry, color=color, text=note.text, anchor_text=anchor_text,
                note_id=note.id,
            )  # fmt: skip

        self.ctx.ops.run(work, self._on_saved, on_error=self._on_save_failed, owner=self)

    def _on_saved(self, note: Note) -> None:
        """The stored note's anchor and version on the one shown (whose text may be newer)."""
        shown = next((n for n in self.notes if n.id == note.id), None)  # None: erased since
        if shown is not None:
            self._put(
                replace(
                    shown,
                    geometry=note.geometry,
                    anchor_text=note.anchor_text,
                    document_version=note.document_version,
                )
            )

    def _on_save_failed(self, error: Exception) -> None:
        from congress_desktop.ui import messages

        log.warning("a note could not be saved: %s", error)
        self.viewer.search_label.setText(messages.describe(error))
        self._reload()

    def _on_stroke(self, points: list[list[float]]) -> None:
        opened = self._open
        bounds = anchoring.geometry_bounds({"strokes": [points]})
        if opened is None or bounds is None:
            return
        page, color, now = self.viewer.page, self.toolbar.color, self.clock()
        group = self._ink_group
        joined = (
            next((n for n in self.notes if n.id == group.note_id), None)
            if group is not None
            and (group.page, group.color) == (page, color)
            and now - group.ended_at <= INK_GROUP_S
            and _near(group.bounds, bounds, INK_GROUP_GAP_PT)
            else None
        )
        if group is None or joined is None:
            geometry = {"strokes": [points], "width": PEN_WIDTH_PT}
            note = self._local(str(uuid.uuid4()), page, AnnotationKind.INK, geometry)
            self._ink_group = _InkGroup(note.id, page, color, bounds, now)
            self._save_new(note)
            return
        group.bounds, group.ended_at = anchoring.union([group.bounds, bounds]), now
        strokes = [*joined.geometry.get("strokes", []), points]
        self._put(replace(joined, geometry={**joined.geometry, "strokes": strokes}))
        note_id, delegate_id = joined.id, opened.delegate_id
        self.ctx.ops.run(
            lambda: self.store.append_stroke(note_id, delegate_id, points),
            self._on_saved,
            on_error=self._on_save_failed,
            owner=self,
        )

    def _on_highlight(self, a: PagePoint, b: PagePoint) -> None:
        opened = self._open
        if opened is None:
            return
        page = self.viewer.page
        color = self.toolbar.color

        def work() -> Note | None:
            selected, rects = anchoring.select_between(opened.text(page), a, b)
            if not selected:
                return None
            geometry = {
                "rects": [list(r) for r in rects],
                "anchor_rect": list(anchoring.union(rects)),
            }
            return self.store.add(
                opened.delegate_id, opened.doc.id, page, AnnotationKind.HIGHLIGHT.value,
                geometry=geometry, color=color, anchor_text=selected, note_id=str(uuid.uuid4()),
            )  # fmt: skip

        self.ctx.ops.run(work, self._on_highlighted, on_error=self._on_save_failed, owner=self)

    def _on_highlighted(self, note: Note | None) -> None:
        if note is not None and self._open is not None and note.document_id == self._open.doc.id:
            self._put(note)

    def _on_erase(self, point: PagePoint) -> None:
        self._ink_group = None
        note = self.layer.note_at(point)
        if note is not None:
            self._delete(note.id)

    def _delete(self, note_id: str) -> None:
        opened = self._open
        if opened is None:
            return
        self.notes = [n for n in self.notes if n.id != note_id]
        self._show_page()
        self.ctx.ops.run(
            lambda: self.store.delete(note_id, opened.delegate_id),
            on_error=self._on_save_failed,
            owner=self,
        )

    # ------------------------------------------------------------------ text notes

    def _on_text_tap(self, point: PagePoint) -> None:
        self.editor.flush()
        existing = self.layer.note_at(point)
        page = self.viewer.page
        if existing is not None and existing.kind is AnnotationKind.TEXT:
            self._editing = (existing.id, page, point, True)
            self.editor.open_note(page, existing.text)
        else:
            self._editing = (str(uuid.uuid4()), page, point, False)
            self.editor.open_note(page, "")

    def _on_editor_save(self, text: str) -> None:
        editing, opened = self._editing, self._open
        if editing is None or opened is None:
            return
        note_id, page, point, saved = editing
        if not saved:
            if not text.strip():
                return
            self._editing = (note_id, page, point, True)
            geometry = {"point": [point[0], point[1]]}
            self._save_new(self._local(note_id, page, AnnotationKind.TEXT, geometry, text))
            return
        current = next((n for n in self.notes if n.id == note_id), None)
        if current is not None:
            self._put(replace(current, text=text))
        self.ctx.ops.run(
            lambda: self.store.edit(note_id, opened.delegate_id, text=text),
            on_error=self._on_save_failed,
            owner=self,
        )

    def _on_editor_delete(self) -> None:
        editing = self._editing
        self._editing = None
        self.editor.hide()
        if editing is not None and editing[3]:
            self._delete(editing[0])

    def _on_editor_done(self) -> None:
        self._editing = None

    # ------------------------------------------------------------------ the notes list

    def _go_to_note(self, note_id: str) -> None:
        note = next((n for n in self.notes if n.id == note_id), None)
        if note is not None:
            self.viewer.go_to(note.page)

    def _place_here(self, note_id: str) -> None:
        opened = self._open
        note = next((n for n in self.notes if n.id == note_id), None)
        if opened is None or note is None:
            return
        page = self.viewer.page
        self._put(replace(note, page=page, unplaced=False))
        self.ctx.ops.run(
            lambda: self.store.edit(note_id, opened.delegate_id, page=page, unplaced=False),
            on_error=self._on_save_failed,
            owner=self,
        )


def _near(a: Rect, b: Rect, gap: float) -> bool:
    """``b`` overlaps ``a`` grown by ``gap`` on every side."""
    return b[0] <= a[2] + gap and b[2] >= a[0] - gap and b[1] <= a[3] + gap and b[3] >= a[1] - gap
