"""The presenter page (同步翻页): which document page terminals in follow mode show.

A server-side record (``presenter_pages``: one row per session, ``version`` +1 per change),
not a replicated row: terminals learn it from the ``follow`` event that the route sends
with ``server.events.publish_follow`` after the commit. :func:`get_presenter_page` gives the
latest one (e.g. for a terminal that connects late, or the console).
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from congress_desktop.model import documents, utcnow
from congress_desktop.protocol import PresenterPage
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import bad_request, not_found
from congress_desktop.server.admin.tables import presenter_pages
from congress_desktop.server.changes import next_seq
from congress_desktop.server.users import ConsoleUser


def get_presenter_page(conn: Connection, session_id: str) -> PresenterPage | None:
    row = (
        conn.execute(select(presenter_pages).where(presenter_pages.c.session_id == session_id))
        .mappings()
        .first()
    )
    return None if row is None else PresenterPage.model_validate(dict(row))


def set_presenter_page(
    conn: Connection, user: ConsoleUser, session_id: str, document_id: str, page: int
) -> PresenterPage:
    """Record the presenter's page (0-based) of a live document; audited."""
    next_seq(conn)  # serializes concurrent presenters (the row is upserted below)
    doc = (
        conn.execute(
            select(documents).where(
                documents.c.id == document_id,
                documents.c.session_id == session_id,
                documents.c.deleted.is_(False),
            )
        )
        .mappings()
        .first()
    )
    if doc is None:
        raise not_found("document", document_id)
    if page >= doc["pages"]:
        raise bad_request(f"the document has {doc['pages']} pages (0-based page {page})")
    before = get_presenter_page(conn, session_id)
    values = {
        "document_id": document_id,
        "page": page,
        "set_by": user.username,
        "set_at": utcnow(),
        "version": (before.version if before else 0) + 1,
    }
    if before is None:
        conn.execute(presenter_pages.insert().values(session_id=session_id, **values))
    else:
        conn.execute(
            update(presenter_pages).where(presenter_pages.c.session_id == session_id).values(values)
        )
    after = get_presenter_page(conn, session_id)
    assert after is not None
    audit.record(
        conn,
        user,
        "presenter.set",
        "presenter_pages",
        session_id,
        before=before.model_dump() if before else None,
        after=after.model_dump(),
    )
    return after
