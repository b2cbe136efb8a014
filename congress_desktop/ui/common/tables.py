"""A read-only table model over a list of rows: columns are (header, value) pairs.

``RowsModel.set_rows`` resets the model in one step, so even 3,000 rows refresh in a few
milliseconds (no per-item widgets).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Column = tuple[str, Callable[[Any], object]]
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.rows: list[Any] = []
        self.tint: Callable[[Any], str | None] | None = None  # row → background colour

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and self.tint is not None:
            colour = self.tint(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None


def table_view(model: RowsModel, parent: QWidget | None = None, *, fit: bool = True) -> QTableView:
    """A row-selecting, read-only view; ``fit`` sizes columns to their contents (small tables)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    if fit:
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def fit_columns(
    view: QTableView, *, stretch: int | None = None, sample_rows: int = 300, max_px: int = 360
) -> None:
    """Size each column once to its header and contents (at most ``max_px``), judged on up
    to ``sample_rows`` rows: continuous ResizeToContents is too slow for 3,000 rows. The
    ``stretch`` column takes the width left over (the last one if None)."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(sample_rows)
    header.setStretchLastSection(stretch is None)
    model = view.model()
    for column in range(model.columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column), max_px))


def selected_row(view: QTableView, model: RowsModel) -> Any | None:
    rows = view.selectionModel().selectedRows()
    return model.rows[rows[0].row()] if rows else None
