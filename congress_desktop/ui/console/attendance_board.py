"""The attendance board's data, fetched and built on a worker thread (no Qt here).

:func:`fetch_board` reads ``GET /admin/attendance/live`` (a few kilobytes: a state per seat
and the totals) and returns a ready :class:`Board`; the roster (names, seats) comes with it
only when it changed, and the rows of the not-signed-in list are reused from the previous
board whenever they are the same, so the GUI thread only copies numbers and repaints the
seat cells that changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from congress_desktop.console_client import ConsoleClient
from congress_desktop.protocol import AttendanceState, DelegateAttendance, Totals

PRESENT, LEAVE, ABSENT = "P", "L", "A"


@dataclass(frozen=True)
class Roster:
    """The expected delegates in seat order (parallel columns), as the server keys it."""

    key: str
    delegate_ids: list[str]
    numbers: list[str]
    names: list[str]
    delegations: list[str]
    seat_numbers: list[int | None]
    labels: list[str] = field(default_factory=list)  # seat numbers as text, for the map
    absent: list[DelegateAttendance] = field(default_factory=list)  # a row per seat

    @classmethod
    def from_json(cls, key: str, data: dict[str, Any]) -> Roster:
        roster = cls(
            key=key,
            delegate_ids=data["delegate_ids"],
            numbers=data["numbers"],
            names=data["names"],
            delegations=data["delegations"],
            seat_numbers=data["seat_numbers"],
        )
        roster.labels.extend(str(seat or "") for seat in roster.seat_numbers)
        roster.absent.extend(
            roster.row(index, AttendanceState.ABSENT) for index in range(len(roster.delegate_ids))
        )
        return roster

    def row(
        self, index: int, state: AttendanceState, reason: str | None = None
    ) -> DelegateAttendance:
        return DelegateAttendance.model_construct(
            delegate_id=self.delegate_ids[index],
            number=self.numbers[index],
            name=self.names[index],
            delegation=self.delegations[index],
            seat_number=self.seat_numbers[index],
            state=state,
            signed_at=None,
            method=None,
            leave_reason=reason,
        )


_STATES = {
    PRESENT: AttendanceState.PRESENT,
    LEAVE: AttendanceState.LEAVE,
    ABSENT: AttendanceState.ABSENT,
}


@dataclass(frozen=True)
class Board:
    """One view of a sitting's attendance, ready to show."""

    session_id: str
    sitting_id: str
    sitting_title: str
    roster: Roster
    states: str  # P/L/A per seat, in seat order
    leave_reasons: dict[int, str]
    totals: Totals
    quorum: int
    quorum_met: bool
    as_of: dt.datetime
    not_signed_in: list[DelegateAttendance]  # the same list object while it is unchanged

    def delegate(self, index: int) -> DelegateAttendance:
        """The seat at ``index`` (seat order) with its current state."""
        state = _STATES[self.states[index]]
        if state is AttendanceState.ABSENT:
            return self.roster.absent[index]
        return self.roster.row(index, state, self.leave_reasons.get(index))


def build_board(data: dict[str, Any], previous: Board | None) -> Board:
    """A :class:`Board` from a ``/attendance/live`` answer (``roster`` may be omitted when
    ``previous`` holds the same roster key)."""
    key = data["roster_key"]
    if data.get("roster") is not None:
        roster = Roster.from_json(key, data["roster"])
    elif previous is not None and previous.roster.key == key:
        roster = previous.roster
    else:
        raise ValueError("the answer has no roster and none is known for its key")
    states: str = data["states"]
    reasons = {int(index): reason for index, reason in data["leave_reasons"].items()}
    same_rows = (
        previous is not None
        and previous.roster is roster
        and previous.states == states
        and previous.leave_reasons == reasons
    )
    if same_rows:
        assert previous is not None
        missing = previous.not_signed_in
    else:
        missing = [
            roster.absent[index]
            if state == ABSENT
            else roster.row(index, AttendanceState.LEAVE, reasons.get(index))
            for index, state in enumerate(states)
            if state != PRESENT
        ]
    return Board(
        session_id=data["session_id"],
        sitting_id=data["sitting_id"],
        sitting_title=data["sitting_title"],
        roster=roster,
        states=states,
        leave_reasons=reasons,
        totals=Totals(**data["totals"]),
        quorum=data["quorum"],
        quorum_met=data["quorum_met"],
        as_of=dt.datetime.fromisoformat(data["as_of"]),
        not_signed_in=missing,
    )


def fetch_board(
    client: ConsoleClient, sitting_id: str | None, previous: Board | None = None
) -> Board:
    """Worker thread: the board of ``sitting_id`` (None: the current sitting)."""
    params: dict[str, str] = {}
    if sitting_id is not None:
        params["sitting_id"] = sitting_id
    if previous is not None:
        params["roster_key"] = previous.roster.key
    data = json.loads(client.request("GET", "/attendance/live", params=params).content)
    if data.get("roster") is None and (
        previous is None or previous.roster.key != data["roster_key"]
    ):
        params.pop("roster_key", None)  # changed twice in between: ask for the roster itself
        data = json.loads(client.request("GET", "/attendance/live", params=params).content)
    return build_board(data, previous)
