"""The category grid: four columns for short texts; long texts wrap, then take fewer columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from congress_desktop.ui.widgets.button_grid import ButtonGrid

from .clipping import clipped_texts


def make_grid(qtbot: Any, texts: list[str], width: int = 1500) -> tuple[ButtonGrid, list[Any]]:
    grid = ButtonGrid(4)
    qtbot.addWidget(grid)
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        grid.add_button(button)
    grid.resize(width, 400)
    grid.show()
    qtbot.waitUntil(lambda: grid.columns > 0)
    return grid, buttons


def test_short_texts_sit_four_to_a_row(qtbot: Any, ui_app: Any) -> None:
    grid, buttons = make_grid(qtbot, ["财政经济", "农业农村", "城建环资", "教科文卫", "其他"])
    assert grid.columns == 4
    assert all("\n" not in b.text() for b in buttons)
    assert not clipped_texts(grid)


def test_long_texts_wrap_then_take_fewer_columns_and_keep_their_text(
    qtbot: Any, ui_app: Any
) -> None:
    long = "Urban development, environment and resources " * 3
    grid, buttons = make_grid(qtbot, ["Finance", long.strip(), "Other"], width=900)
    qtbot.wait(20)
    assert grid.columns < 4
    assert "\n" in buttons[1].text()
    assert grid.text_of(buttons[1]) == long.strip()
    assert not clipped_texts(grid), [str(c) for c in clipped_texts(grid)]
    buttons[1].setText("Short")  # a new language: the grid re-arranges from the new text
    qtbot.waitUntil(lambda: grid.columns == 4)  # all short now
    assert buttons[1].text() == "Short"
