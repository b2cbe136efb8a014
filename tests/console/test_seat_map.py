"""The seat map paints each seat in its state's colour, repaints only changed cells, and the
attendance board is built from a compact /attendance/live answer without Qt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from congress_desktop.protocol import AttendanceState
from congress_desktop.ui.common.attendance import CODE_COLOURS, STATE_COLOURS, SeatMap
from congress_desktop.ui.console.attendance_board import build_board


def colour_at(seat_map: SeatMap, index: int) -> str:
    rect = seat_map._cell_rect(index)
    image = seat_map.grab().toImage()
    ratio = image.devicePixelRatio()
    centre = rect.center()
    point = QPoint(int(centre.x() * ratio), int(centre.y() * ratio))
    return QColor(image.pixel(point)).name()


def test_cells_take_their_state_colour_and_only_changed_cells_repaint(qtbot: QtBot) -> None:
    seat_map = SeatMap()
    qtbot.addWidget(seat_map)
    seat_map.resize(400, 200)
    seat_map.show()
    states = "PLA" * 40
    clicked: list[object] = []
    seat_map.seat_clicked.connect(clicked.append)
    seat_map.set_states(states, [str(i + 1) for i in range(len(states))], lambda i: f"seat {i}")
    assert [colour_at(seat_map, i) for i in range(3)] == [
        STATE_COLOURS[AttendanceState.PRESENT],
        STATE_COLOURS[AttendanceState.LEAVE],
        STATE_COLOURS[AttendanceState.ABSENT],
    ]
    painted = seat_map._image
    assert painted is not None

    changed = states[:2] + "P" + states[3:]
    seat_map.set_states(changed, seat_map._labels, lambda i: f"seat {i}")
    assert seat_map._image is painted  # cells painted into the same image, not re-rendered
    assert colour_at(seat_map, 2) == CODE_COLOURS["P"]
    assert colour_at(seat_map, 5) == CODE_COLOURS["A"]
    assert colour_at(seat_map, 4) == CODE_COLOURS["L"]

    centre = seat_map._cell_rect(2).center().toPoint()
    qtbot.mouseClick(seat_map, Qt.MouseButton.LeftButton, pos=centre)
    assert clicked == ["seat 2"]

    seat_map.resize(300, 150)  # a new size paints everything again, in the same colours
    assert seat_map._image is None
    assert colour_at(seat_map, 2) == CODE_COLOURS["P"]


def answer(states: str, reasons: dict[str, str], roster: bool) -> dict[str, Any]:
    n = len(states)
    return {
        "session_id": "s",
        "sitting_id": "t",
        "sitting_title": "第一次全体会议",
        "roster_key": "k1",
        "roster": {
            "delegate_ids": [f"d{i}" for i in range(n)],
            "numbers": [f"{i:03d}" for i in range(n)],
            "names": [f"代表{i}" for i in range(n)],
            "delegations": ["北湖代表团"] * n,
            "seat_numbers": list(range(1, n + 1)),
        }
        if roster
        else None,
        "states": states,
        "leave_reasons": reasons,
        "totals": {
            "expected": n,
            "present": states.count("P"),
            "on_leave": states.count("L"),
            "absent": states.count("A"),
        },
        "quorum": 3,
        "quorum_met": states.count("P") >= 3,
        "as_of": "2025-03-01T01:02:03Z",
    }


def test_board_reuses_the_roster_and_unchanged_rows() -> None:
    first = build_board(answer("AALA", {"2": "因病"}, roster=True), None)
    assert [d.delegate_id for d in first.not_signed_in] == ["d0", "d1", "d2", "d3"]
    assert first.not_signed_in[2].state is AttendanceState.LEAVE
    assert first.not_signed_in[2].leave_reason == "因病"
    same = build_board(answer("AALA", {"2": "因病"}, roster=False), first)
    assert same.roster is first.roster and same.not_signed_in is first.not_signed_in
    later = build_board(answer("PALP", {"2": "因病"}, roster=False), same)
    assert [d.delegate_id for d in later.not_signed_in] == ["d1", "d2"]
    assert later.totals.present == 2 and later.delegate(0).state is AttendanceState.PRESENT
    assert later.delegate(0).seat_number == 1
