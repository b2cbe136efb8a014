"""Putting content into the server: one document (``import_document``), or a whole demo
session (``seed_demo``) from a :class:`congress_desktop.demo_content.DemoContent`.

All rows are written through :mod:`congress_desktop.server.changes`, so terminals pull them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select

from congress_desktop import security
from congress_desktop.config import ServerPaths
from congress_desktop.documents import inspect_pdf
from congress_desktop.errors import CorruptFileError, InvalidInputError
from congress_desktop.model import (
    Classification,
    ItemState,
    MotionState,
    SessionState,
    agenda_items,
    agendas,
    congress_sessions,
    delegates,
    delegations,
    documents,
    motions,
    notices,
    seats,
    sittings,
    utcnow,
)
from congress_desktop.server.blobs import store_blob
from congress_desktop.server.changes import next_seq, write_row

if TYPE_CHECKING:
    from congress_desktop.demo_content import DemoContent

log = logging.getLogger(__name__)

SIGNIN_OPENS_BEFORE = dt.timedelta(hours=1)
SIGNIN_CLOSES_AFTER = dt.timedelta(hours=2)


def new_id() -> str:
    return str(uuid.uuid4())


def import_document(
    conn: Connection,
    paths: ServerPaths,
    pdf_path: Path,
    *,
    session_id: str,
    title: str,
    classification: str,
    agenda_item_id: str | None = None,
    position: int = 0,
) -> str:
    """Check, store and publish one PDF; return the new document id.

    Raises CorruptFileError (nothing written) if the file is not a readable PDF.
    """
    try:
        level = Classification(classification)
    except ValueError:
        choices = ", ".join(c.value for c in Classification)
        raise InvalidInputError(f"classification must be one of {choices}") from None
    info = inspect_pdf(pdf_path)
    sha = store_blob(paths, pdf_path)
    if sha != info.sha256:
        raise CorruptFileError(f"{pdf_path.name} changed while it was being imported")
    doc_id = new_id()
    write_row(
        conn,
        documents,
        {
            "id": doc_id,
            "session_id": session_id,
            "title": title,
            "filename": pdf_path.name,
            "sha256": sha,
            "size": info.size,
            "pages": info.pages,
            "classification": level.value,
            "agenda_item_id": agenda_item_id,
            "version": 1,
            "position": position,
        },
    )
    log.info("imported %s as document %s (%d pages)", pdf_path.name, doc_id, info.pages)
    return doc_id


# --------------------------------------------------------------------------- demo


def _hash_pins(pins: list[str]) -> list[str]:
    """argon2 is slow on purpose: hash the PINs in parallel, before taking the write lock."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(security.hash_secret, pins))


def seed_demo(engine: Engine, paths: ServerPaths, content: DemoContent) -> str | None:
    """Seed the demo session unless the database already has a session; return its id."""
    with engine.connect() as conn:
        if _has_session(conn):
            log.info("database already has a congress session; demo not seeded")
            return None
    pin_hashes = _hash_pins([d.pin for d in content.delegates])
    with engine.begin() as conn:
        next_seq(conn)  # hold the counter lock: a concurrent seeder waits, then sees ours
        if _has_session(conn):
            return None
        session_id = _seed_session(conn, content)
        delegate_ids = _seed_people(conn, session_id, content, pin_hashes)
        item_ids = _seed_agenda(conn, session_id, content)
        _seed_documents(conn, paths, session_id, content, item_ids)
        _seed_motions_and_notices(conn, session_id, content, delegate_ids)
    log.info(
        "seeded demo session %s: %d delegates, %d documents",
        session_id,
        len(content.delegates),
        len(content.documents),
    )
    return session_id


def _has_session(conn: Connection) -> bool:
    return conn.execute(select(congress_sessions.c.id).limit(1)).first() is not None


def _seed_session(conn: Connection, content: DemoContent) -> str:
    session_id = new_id()
    write_row(
        conn,
        congress_sessions,
        {
            "id": session_id,
            "title": content.title,
            "short_title": content.short_title,
            "venue": content.venue,
            "starts_on": content.starts_on,
            "ends_on": content.ends_on,
            "state": SessionState.OPEN.value,
        },
    )
    for sitting in content.sittings:
        write_row(
            conn,
            sittings,
            {
                "id": new_id(),
                "session_id": session_id,
                "number": sitting.number,
                "title": sitting.title,
                "starts_at": sitting.starts_at,
                "signin_opens": sitting.starts_at - SIGNIN_OPENS_BEFORE,
                "signin_closes": sitting.starts_at + SIGNIN_CLOSES_AFTER,
            },
        )
    return session_id


def _seed_people(
    conn: Connection, session_id: str, content: DemoContent, pin_hashes: list[str]
) -> dict[str, str]:
    """Delegations, delegates and seats 1..N in delegate order; number → delegate id."""
    delegation_ids: dict[str, str] = {}
    for position, name in enumerate(content.delegations):
        delegation_ids[name] = new_id()
        write_row(
            conn,
            delegations,
            {
                "id": delegation_ids[name],
                "session_id": session_id,
                "name": name,
                "position": position,
            },
        )
    delegate_ids: dict[str, str] = {}
    for seat_number, (person, pin_hash) in enumerate(
        zip(content.delegates, pin_hashes, strict=True), 1
    ):
        delegate_id = delegate_ids[person.number] = new_id()
        write_row(
            conn,
            delegates,
            {
                "id": delegate_id,
                "session_id": session_id,
                "number": person.number,
                "name": person.name,
                "delegation_id": delegation_ids.get(person.delegation),
                "unit": person.unit,
                "badge_id": person.badge_id,
                "pin_hash": pin_hash,
            },
        )
        write_row(
            conn,
            seats,
            {
                "id": new_id(),
                "session_id": session_id,
                "number": seat_number,
                "delegate_id": delegate_id,
            },
        )
    return delegate_ids


def _seed_agenda(conn: Connection, session_id: str, content: DemoContent) -> dict[int, str]:
    """Agenda items (the first one current) and the agenda row; position → item id."""
    item_ids: dict[int, str] = {}
    ordered = sorted(content.agenda, key=lambda item: item.position)
    for index, item in enumerate(ordered):
        item_ids[item.position] = new_id()
        write_row(
            conn,
            agenda_items,
            {
                "id": item_ids[item.position],
                "session_id": session_id,
                "agenda_version": 1,
                "position": item.position,
                "title": item.title,
                "description": item.description,
                "presenter": item.presenter,
                "starts_at": item.starts_at,
                "state": (ItemState.CURRENT if index == 0 else ItemState.PENDING).value,
            },
        )
    write_row(
        conn,
        agendas,
        {
            "id": new_id(),
            "session_id": session_id,
            "version": 1,
            "current_item_id": item_ids[ordered[0].position] if ordered else None,
            "published_at": utcnow(),
        },
    )
    return item_ids


def _seed_documents(
    conn: Connection,
    paths: ServerPaths,
    session_id: str,
    content: DemoContent,
    item_ids: dict[int, str],
) -> None:
    for position, doc in enumerate(content.documents):
        agenda_item_id = None
        if doc.agenda_position is not None:
            agenda_item_id = item_ids.get(doc.agenda_position)
        import_document(
            conn,
            paths,
            doc.path,
            session_id=session_id,
            title=doc.title,
            classification=doc.classification,
            agenda_item_id=agenda_item_id,
            position=position,
        )


def _seed_motions_and_notices(
    conn: Connection, session_id: str, content: DemoContent, delegate_ids: dict[str, str]
) -> None:
    for motion in content.motions:
        values: dict[str, Any] = {
            "id": new_id(),
            "session_id": session_id,
            "number": motion.number,
            "title": motion.title,
            "lead_delegate_id": delegate_ids.get(motion.lead_number),
            "cosigner_ids": [delegate_ids[n] for n in motion.cosigner_numbers if n in delegate_ids],
            "cause": motion.cause,
            "grounds": motion.grounds,
            "proposal": motion.proposal,
            "state": MotionState.SUBMITTED.value,
        }
        write_row(conn, motions, values)
    now = utcnow()
    for notice in content.notices:
        write_row(
            conn,
            notices,
            {
                "id": new_id(),
                "session_id": session_id,
                "title": notice.title,
                "body": notice.body,
                "published_at": now,
            },
        )
