"""Report PDFs for the console (``GET /admin/reports/…``) and the CLI (``report``)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy import Connection, select

from congress_desktop import reports
from congress_desktop.config import ServerPaths
from congress_desktop.errors import InvalidInputError
from congress_desktop.model import (
    agenda_items,
    congress_sessions,
    delegates,
    delegations,
    documents,
    motions,
    notices,
    sittings,
    utcnow,
)
from congress_desktop.pdfgen import DocumentSpec, render_pdf
from congress_desktop.protocol import AdminAction
from congress_desktop.server import agenda, attendance, audit
from congress_desktop.server.admin.deps import bad_request, require, session_or_active
from congress_desktop.server.db import migrate, open_engine, read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.errors import ApiError
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.users import ConsoleUser

log = logging.getLogger(__name__)
router = APIRouter(prefix="/reports")

KINDS = ("attendance", "agenda", "audit", "suggestions")
Printer = Annotated[ConsoleUser, Depends(require(AdminAction.REPORTS_PRINT))]
Id = Annotated[str | None, Query(max_length=36)]


def _title(conn: Connection, session_id: str | None) -> str:
    if session_id is None:
        return ""
    title = conn.execute(
        select(congress_sessions.c.title).where(congress_sessions.c.id == session_id)
    ).scalar()
    return str(title or "")


def _venue(conn: Connection, session_id: str) -> str:
    row = (
        conn.execute(select(congress_sessions).where(congress_sessions.c.id == session_id))
        .mappings()
        .first()
    )
    if row is None:
        return ""
    days = ""
    if row["starts_on"] and row["ends_on"]:
        days = f"{reports.zh_date(row['starts_on'])}至{reports.zh_date(row['ends_on'])}"
    return "　".join(part for part in (days, row["venue"]) if part)


def readable_names(conn: Connection) -> dict[str, str]:
    """Row id → a readable name (delegates, sittings, documents, agenda items, …)."""
    names: dict[str, str] = {}
    for table, column in (
        (delegates, "name"),
        (sittings, "title"),
        (documents, "title"),
        (agenda_items, "title"),
        (motions, "title"),
        (notices, "title"),
        (delegations, "name"),
        (congress_sessions, "title"),
    ):
        query = select(table.c.id, table.c[column])
        names.update({row_id: str(name) for row_id, name in conn.execute(query)})
    return names


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[local midnight of ``first``, local midnight after ``last``) in UTC."""
    if last < first:
        raise InvalidInputError("the end date is before the start date")
    start = dt.datetime.combine(first, dt.time()).astimezone()
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time()).astimezone()
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def build_spec(
    conn: Connection,
    kind: str,
    *,
    session_id: str | None = None,
    sitting_id: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> DocumentSpec:
    """The report ``kind`` (attendance | agenda | audit | suggestions) from the database."""
    sid = session_id or active_session_id(conn)
    if kind == "audit":
        today = dt.date.today()
        first, last = first or today, last or first or today
        since, until = day_bounds(first, last)
        entries = audit.entries(conn, since=since, until=until)
        return reports.audit_report(entries, first, last, _title(conn, sid), readable_names(conn))
    if sid is None:
        raise InvalidInputError("the server has no congress session")
    if kind == "attendance":
        data = attendance.attendance(conn, sid, sitting_id)
        return reports.attendance_report(_title(conn, sid), data)
    if kind == "agenda":
        state = agenda.agenda_state(conn, sid)
        query = select(documents.c.id, documents.c.title).where(documents.c.session_id == sid)
        titles = {doc_id: title for doc_id, title in conn.execute(query)}
        return reports.agenda_booklet(_title(conn, sid), state, titles, meta=_venue(conn, sid))
    if kind == "suggestions":
        from congress_desktop.server.admin.suggestions import list_suggestions

        return reports.suggestions_report(_title(conn, sid), list_suggestions(conn, sid), utcnow())
    raise InvalidInputError(f"unknown report {kind!r}: choose one of {', '.join(KINDS)}")


def _pdf(spec: DocumentSpec, filename: str) -> Response:
    pdf = render_pdf(spec)
    return Response(
        pdf.data,
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{filename}"'},
    )


@router.get("/attendance", response_class=Response)
def attendance_pdf(
    state: StateDep, _user: Printer, sitting_id: Id = None, session_id: Id = None
) -> Response:
    with read_connection(state.engine) as conn:
        spec = build_spec(
            conn,
            "attendance",
            session_id=session_or_active(conn, session_id),
            sitting_id=sitting_id,
        )
    return _pdf(spec, "attendance.pdf")


@router.get("/agenda", response_class=Response)
def agenda_pdf(state: StateDep, _user: Printer, session_id: Id = None) -> Response:
    with read_connection(state.engine) as conn:
        spec = build_spec(conn, "agenda", session_id=session_or_active(conn, session_id))
    return _pdf(spec, "agenda.pdf")


@router.get("/suggestions", response_class=Response)
def suggestions_pdf(state: StateDep, _user: Printer, session_id: Id = None) -> Response:
    """代表建议办理情况: the session's suggestions grouped by state."""
    with read_connection(state.engine) as conn:
        spec = build_spec(conn, "suggestions", session_id=session_or_active(conn, session_id))
    return _pdf(spec, "suggestions.pdf")


@router.get("/audit", response_class=Response)
def audit_pdf(
    state: StateDep,
    _user: Printer,
    from_: Annotated[dt.date | None, Query(alias="from")] = None,
    to: Annotated[dt.date | None, Query()] = None,
) -> Response:
    with read_connection(state.engine) as conn:
        try:
            spec = build_spec(conn, "audit", first=from_, last=to)
        except InvalidInputError as exc:
            raise bad_request(str(exc)) from None
    return _pdf(spec, "audit.pdf")


def write_report(
    data_dir: Path,
    kind: str,
    out: Path,
    *,
    db_url: str | None = None,
    sitting_id: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> int:
    """For the CLI: write the report ``kind`` to ``out``; the number of pages."""
    from congress_desktop.pdfgen import write_pdf

    paths = ServerPaths(data_dir).create()
    engine = open_engine(db_url or paths.default_db_url)
    try:
        migrate(engine)
        with read_connection(engine) as conn:
            spec = build_spec(conn, kind, sitting_id=sitting_id, first=first, last=last)
    except ApiError as exc:  # e.g. no such sitting: a plain error message for the CLI
        raise InvalidInputError(exc.message) from None
    finally:
        engine.dispose()
    pages = write_pdf(spec, out)
    log.info("wrote the %s report to %s (%d pages)", kind, out, pages)
    return pages
