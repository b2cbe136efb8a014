"""The terminals board (technicians and the secretariat) and enrollment tokens.

Heartbeat columns (documents cached, outbox, disk free, clock skew) are added to the
``terminals`` table by the sync work in its own migration; the board reads whatever columns
the database has (``SELECT *``), maps the known names, and passes the rest on in ``extra``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import Connection, select, text

from congress_desktop.model import delegates, seats, utcnow
from congress_desktop.protocol import AdminAction, EnrollTokenOut, EnrollTokenRequest, TerminalOut
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import require as require_action
from congress_desktop.server.admin.deps import writing
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.tokens import create_token
from congress_desktop.server.users import ConsoleUser

router = APIRouter()

ONLINE_WINDOW_S = 120
"""A terminal is online when seen this recently (last_seen is written at most every 30 s,
and a terminal polls at least every 60 s)."""

HEARTBEAT_NAMES: dict[str, tuple[str, ...]] = {
    "documents_cached": ("documents_cached", "docs_cached", "cached_documents"),
    "outbox": ("outbox", "outbox_count", "outbox_pending", "unsent_ops", "pending_ops"),
    "disk_free": ("disk_free", "disk_free_bytes", "free_disk_bytes"),
    "clock_skew_s": ("clock_skew_s", "clock_skew", "skew_s"),
}
BASE_COLUMNS = frozenset(
    {"id", "name", "seat_number", "credential_digest", "app_version", "last_seen", "created_at"}
)


def _as_utc(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def terminals_board(conn: Connection, now: dt.datetime | None = None) -> list[TerminalOut]:
    now = now or utcnow()
    session_id = active_session_id(conn)
    seat_names: dict[int, str] = {}
    if session_id is not None:
        query = (
            select(seats.c.number, delegates.c.name)
            .join(delegates, delegates.c.id == seats.c.delegate_id)
            .where(seats.c.session_id == session_id, seats.c.deleted.is_(False))
        )
        seat_names = {n: name for n, name in conn.execute(query)}
    board = []
    rows = conn.execute(text("SELECT * FROM terminals ORDER BY seat_number, name")).mappings()
    for raw in rows:
        row = dict(raw)
        last_seen = _as_utc(row.get("last_seen"))
        fields: dict[str, Any] = {}
        used = set(BASE_COLUMNS)
        for key, names in HEARTBEAT_NAMES.items():
            for name in names:
                if name in row:
                    fields[key] = row[name]
                    used.add(name)
                    break
        extra = {k: audit.jsonable(v) for k, v in row.items() if k not in used}
        board.append(
            TerminalOut(
                id=row["id"],
                name=row["name"],
                seat_number=row["seat_number"],
                delegate_name=seat_names.get(row["seat_number"]),
                app_version=row["app_version"],
                last_seen=last_seen,
                online=last_seen is not None
                and (now - last_seen).total_seconds() <= ONLINE_WINDOW_S,
                extra=extra,
                **fields,
            )
        )
    return board


@router.get("/terminals")
def list_terminals(
    state: StateDep,
    _user: Annotated[ConsoleUser, Depends(require_action(AdminAction.TERMINALS_VIEW))],
) -> list[TerminalOut]:
    with read_connection(state.engine) as conn:
        return terminals_board(conn)


@router.post("/terminals/enroll-token", status_code=201)
def new_enroll_token(
    body: EnrollTokenRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require_action(AdminAction.TERMINALS_ENROLL))],
) -> EnrollTokenOut:
    with writing(state) as conn:
        token = create_token(conn, body.seat_number, body.ttl_hours)
        expires = utcnow() + dt.timedelta(hours=body.ttl_hours)
        audit.record(
            conn,
            user,
            "terminal.enroll_token",
            "enrollment_tokens",
            None,
            after={"seat_number": body.seat_number, "ttl_hours": body.ttl_hours},
        )
    return EnrollTokenOut(token=token, seat_number=body.seat_number, expires_at=expires)
