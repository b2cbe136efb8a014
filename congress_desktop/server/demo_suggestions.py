"""Suggestions for the demo (``server --demo``), so every step of the workflow has something
to show: the delegate at seat 1 has a suggestion answered by a unit (the feedback form is
waiting) and an invitation to co-sign; another suggestion waits for review at the console.

Written through :mod:`server.suggestion_flow` like the real thing (timeline and audit
included). Not part of ``seed_demo``: tests count the suggestions of a seeded server.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from congress_desktop.model import (
    SuggestionEventKind,
    SuggestionState,
    seats,
    suggestions,
    utcnow,
)
from congress_desktop.server import audit, suggestion_flow
from congress_desktop.server.admin.tables import suggestion_assignments
from congress_desktop.server.changes import write_row
from congress_desktop.server.queries import active_session_id

UNIT = "市交通运输局"
SECRETARIAT = "大会秘书处"


def _seat_delegates(conn: Connection, session_id: str) -> dict[int, str]:
    query = select(seats.c.number, seats.c.delegate_id).where(
        seats.c.session_id == session_id, seats.c.delegate_id.is_not(None)
    )
    return {int(n): str(d) for n, d in conn.execute(query)}


def _submit(
    conn: Connection,
    session_id: str,
    lead: str,
    cosigners: list[str],
    title: str,
    content: str,
    category: str,
    when: dt.datetime,
) -> dict[str, Any]:
    number = (
        conn.execute(
            select(func.max(suggestions.c.number)).where(suggestions.c.session_id == session_id)
        ).scalar()
        or 0
    ) + 1
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "session_id": session_id,
        "number": number,
        "title": title,
        "content": content,
        "category": category,
        "period": "in_session",
        "lead_delegate_id": lead,
        "cosigner_ids": cosigners,
        "state": suggestion_flow.initial_state(cosigners).value,
        "submitted_at": when,
        "terminal_id": None,
    }
    write_row(conn, suggestions, values, now=when)
    return suggestion_flow.after_submit(conn, values, when)


def _staff_step(
    conn: Connection,
    row: dict[str, Any],
    state: SuggestionState,
    kind: SuggestionEventKind,
    when: dt.datetime,
    *,
    actor: str = SECRETARIAT,
    text: str = "",
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    before = row["state"]
    row = suggestion_flow.set_state(conn, row, state, when)
    suggestion_flow.add_event(conn, row, kind, actor, now=when, text=text, data=data)
    audit.record_system(
        conn,
        f"suggestion.demo.{kind.value}",
        "suggestions",
        row["id"],
        before={"state": before},
        after={"state": state.value},
    )
    return row


def seed_demo_suggestions(engine: Engine) -> int:
    """Write the demo's suggestions (once: skipped when the session has any); how many."""
    with engine.begin() as conn:
        session_id = active_session_id(conn)
        if session_id is None:
            return 0
        if conn.execute(select(suggestions.c.id).limit(1)).first() is not None:
            return 0
        seat = _seat_delegates(conn, session_id)
        if not all(n in seat for n in (1, 2, 3)):
            return 0
        start = utcnow() - dt.timedelta(hours=3)

        answered = _submit(
            conn,
            session_id,
            seat[1],
            [seat[2]],
            "关于增开夜间公交线路的建议",
            "城东工业园区与主要居住区之间夜间缺少公交线路，职工通勤不便。建议增开两条夜间线路，"
            "并在主要站点设置实时到站信息屏。",
            "urban_environment",
            start,
        )
        suggestion_flow.cosign(
            conn, answered["id"], seat[2], True, start + dt.timedelta(minutes=20)
        )
        answered = {**answered, "state": SuggestionState.SUBMITTED.value}
        answered = _staff_step(
            conn,
            answered,
            SuggestionState.ACCEPTED,
            SuggestionEventKind.ACCEPTED,
            start + dt.timedelta(hours=1),
            data={"role": "secretariat"},
        )
        assigned_at = start + dt.timedelta(hours=1, minutes=10)
        conn.execute(
            suggestion_assignments.insert().values(
                id=str(uuid.uuid4()),
                suggestion_id=answered["id"],
                unit=UNIT,
                kind="lead",
                due_on=(assigned_at + dt.timedelta(days=91)).date(),
                assigned_by="demo",
                assigned_at=assigned_at,
            )
        )
        answered = _staff_step(
            conn,
            answered,
            SuggestionState.ASSIGNED,
            SuggestionEventKind.ASSIGNED,
            assigned_at,
            data={"unit": UNIT, "kind": "lead", "role": "secretariat"},
        )
        _staff_step(
            conn,
            answered,
            SuggestionState.REPLIED,
            SuggestionEventKind.REPLIED,
            start + dt.timedelta(hours=2),
            actor=UNIT,
            text="我局已将两条夜间线路纳入下半年公交线网优化方案，预计十月开通，"
            "主要站点的实时到站信息屏同步建设。",
            data={"unit": UNIT, "role": "handling_unit"},
        )

        invited = _submit(
            conn,
            session_id,
            seat[2],
            [seat[1], seat[3]],
            "关于加快老旧小区加装电梯的建议",
            "老旧小区老年住户上下楼困难。建议简化加装电梯的审批流程，并提高财政补贴标准。",
            "social",
            start + dt.timedelta(hours=2, minutes=30),
        )
        suggestion_flow.cosign(
            conn, invited["id"], seat[3], True, start + dt.timedelta(hours=2, minutes=40)
        )

        _submit(
            conn,
            session_id,
            seat[3],
            [],
            "关于在学校周边增设护学岗的建议",
            "上下学时段学校周边交通拥堵，存在安全隐患。建议在主要路口增设护学岗。",
            "education_health",
            start + dt.timedelta(hours=2, minutes=50),
        )
        return 3
