"""Server-side suggestion rows (a suggestion, its invitations, its timeline) applied to a
terminal store exactly as a pull applies them: for the workflow tests and the screen tour."""

from __future__ import annotations

from typing import Any

from congress_desktop import model as m
from congress_desktop.protocol import Change, PullResponse

ME = "d1"  # 王建国, at the UI fixture terminal's seat

Row = tuple[str, dict[str, Any]]


def server_rows(store: Any, *rows: Row) -> None:
    """Apply rows as the server would send them (new seqs above the cursor)."""
    epoch, cursor = store.cursor()
    changes = [
        Change(
            table=table,
            id=row["id"],
            seq=cursor + n,
            row=m.row_to_wire(m.REPLICATED_TABLES[table], row),
        )
        for n, (table, row) in enumerate(rows, 1)
    ]
    store.apply_pull(
        PullResponse(
            epoch=epoch or "e1",
            changes=changes,
            next=cursor + len(changes),
            has_more=False,
            server_time=m.utcnow(),
        )
    )


def suggestion(sid: str, lead: str, cosigners: list[str], state: str, number: int) -> Row:
    return (
        "suggestions",
        {
            "id": sid,
            "session_id": "s1",
            "number": number,
            "title": f"建议{number}：关于增设公交夜班线路的建议",
            "content": "建议在主要居住区与工业园区之间增设夜班公交线路。",
            "category": "urban_environment",
            "period": "in_session",
            "lead_delegate_id": lead,
            "cosigner_ids": cosigners,
            "state": state,
            "submitted_at": m.utcnow(),
            "terminal_id": None,
            "deleted": False,
        },
    )


def invitation(sid: str, delegate: str, lead: str, state: str = "invited") -> Row:
    return (
        "suggestion_cosigners",
        {
            "id": m.cosigner_row_id(sid, delegate),
            "suggestion_id": sid,
            "delegate_id": delegate,
            "state": state,
            "invited_at": m.utcnow(),
            "answered_at": None if state == "invited" else m.utcnow(),
            "audience": [lead, delegate],
            "deleted": False,
        },
    )


def event(sid: str, kind: str, actor: str, text: str = "", **data: Any) -> Row:
    return (
        "suggestion_events",
        {
            "id": f"{sid}-{kind}-{text[:4]}",
            "suggestion_id": sid,
            "kind": kind,
            "actor": actor,
            "text": text,
            "data": data,
            "at": m.utcnow(),
            "audience": [ME],
            "deleted": False,
        },
    )


REPLY = "我局已将夜班线路纳入明年公交线网优化方案。"


def replied_suggestion(sid: str = "my-sug") -> list[Row]:
    """My suggestion, co-signed by 张伟, accepted, assigned and answered."""
    return [
        suggestion(sid, ME, ["d3"], "replied", 3),
        invitation(sid, "d3", ME, "confirmed"),
        event(sid, "submitted", "王建国"),
        event(sid, "cosign_confirmed", "张伟"),
        event(sid, "accepted", "mishu", role="secretariat"),
        event(sid, "assigned", "mishu", unit="市交通运输局", role="secretariat"),
        event(sid, "replied", "市交通运输局", REPLY, unit="市交通运输局", role="handling_unit"),
    ]


def invitation_from_li(sid: str = "sug-from-li") -> list[Row]:
    """李秀英's suggestion inviting me to co-sign."""
    return [suggestion(sid, "d2", [ME], "cosigning", 7), invitation(sid, ME, "d2")]
