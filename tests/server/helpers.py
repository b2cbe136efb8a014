"""Building blocks for server tests: a small session, enrolled terminals, ops, PDFs."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf
from sqlalchemy import Engine, func, select

from congress_desktop import security
from congress_desktop.model import (
    SessionState,
    congress_sessions,
    delegates,
    seats,
    sittings,
    utcnow,
)
from congress_desktop.server.changes import write_row
from congress_desktop.server.tokens import create_token

PIN = "123456"


@dataclass(frozen=True)
class World:
    """One open session, two sittings, three delegates at seats 1..3 (seat 4 empty)."""

    session_id: str
    sittings: list[str]
    delegates: list[str]


def make_world(engine: Engine) -> World:
    pin_hash = security.hash_secret(PIN)
    session_id = "session-1"
    with engine.begin() as conn:
        write_row(
            conn,
            congress_sessions,
            {"id": session_id, "title": "市十七届人大二次会议", "state": SessionState.OPEN},
        )
        sitting_ids = []
        for n in (1, 2):
            sitting_ids.append(f"sitting-{n}")
            write_row(
                conn,
                sittings,
                {
                    "id": f"sitting-{n}",
                    "session_id": session_id,
                    "number": n,
                    "title": f"第{n}次全体会议",
                    "starts_at": utcnow(),
                },
            )
        delegate_ids = []
        for n in (1, 2, 3):
            delegate_ids.append(f"delegate-{n}")
            write_row(
                conn,
                delegates,
                {
                    "id": f"delegate-{n}",
                    "session_id": session_id,
                    "number": f"{n:03d}",
                    "name": f"代表{n}",
                    "pin_hash": pin_hash,
                },
            )
            write_row(
                conn,
                seats,
                {
                    "id": f"seat-{n}",
                    "session_id": session_id,
                    "number": n,
                    "delegate_id": f"delegate-{n}",
                },
            )
    return World(session_id=session_id, sittings=sitting_ids, delegates=delegate_ids)


def new_token(engine: Engine, seat: int | None, ttl_hours: float = 24) -> str:
    with engine.begin() as conn:
        return create_token(conn, seat, ttl_hours)


def auth_headers(enrolled: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {enrolled['terminal_id']}.{enrolled['credential']}"}


def op(kind: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "payload": payload,
        "wall_time": extra.pop("wall_time", utcnow()).isoformat(),
        "mono_time": 1000.0,
        "boot_id": "boot-1",
        **extra,
    }


def signin_op(delegate_id: str, sitting_id: str, **extra: Any) -> dict[str, Any]:
    payload = {"signin_id": str(uuid.uuid4()), "delegate_id": delegate_id, "sitting_id": sitting_id}
    return op("signin", payload, **extra)


def suggestion_op(lead: str, **payload: Any) -> dict[str, Any]:
    body = {
        "suggestion_id": str(uuid.uuid4()),
        "title": "关于加强社区养老服务的建议",
        "content": "建议内容。",
        "category": "social",
        "lead_delegate_id": lead,
        **payload,
    }
    return op("suggestion.submit", body)


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def make_pdf(path: Path, pages: int = 2) -> Path:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"Page {n + 1} of a test document")
    doc.save(str(path))
    doc.close()
    return path


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)
