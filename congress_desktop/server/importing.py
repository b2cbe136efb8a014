"""``congress-desktop import-document``: add one PDF to the active session."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, func, select

from congress_desktop.config import ServerPaths
from congress_desktop.errors import InvalidInputError
from congress_desktop.model import agenda_items, documents
from congress_desktop.server.db import migrate, open_engine
from congress_desktop.server.queries import active_session_id
from congress_desktop.server.seed import import_document

log = logging.getLogger(__name__)


def _agenda_item_id(conn: Connection, session_id: str, position: int) -> str:
    row = conn.execute(
        select(agenda_items.c.id).where(
            agenda_items.c.session_id == session_id,
            agenda_items.c.position == position,
            agenda_items.c.deleted.is_(False),
        )
    ).first()
    if row is None:
        raise InvalidInputError(f"the agenda has no item at position {position}")
    return str(row[0])


def import_document_file(
    data_dir: Path,
    pdf_path: Path,
    *,
    db_url: str | None = None,
    title: str | None = None,
    classification: str = "public",
    agenda_position: int | None = None,
) -> str:
    """Import ``pdf_path`` into the active session of the server in ``data_dir``.

    Raises CorruptFileError for a bad PDF and InvalidInputError when there is no session or
    no such agenda item; nothing is written in either case.
    """
    paths = ServerPaths(data_dir).create()
    engine = open_engine(db_url or paths.default_db_url)
    try:
        migrate(engine)
        with engine.begin() as conn:
            session_id = active_session_id(conn)
            if session_id is None:
                raise InvalidInputError("the server has no congress session to import into")
            item_id = None
            if agenda_position is not None:
                item_id = _agenda_item_id(conn, session_id, agenda_position)
            last = conn.execute(
                select(func.max(documents.c.position)).where(documents.c.session_id == session_id)
            ).scalar()
            return import_document(
                conn,
                paths,
                pdf_path,
                session_id=session_id,
                title=title or pdf_path.stem,
                classification=classification,
                agenda_item_id=item_id,
                position=0 if last is None else last + 1,
            )
    finally:
        engine.dispose()
