"""The agenda: a server-side draft, publication as a new version, the current item, and the
presenter page (同步翻页).

Draft: ``agenda_draft_items`` (server only). It starts as a copy of the published agenda and
is edited freely (add, edit, reorder, attach documents) without terminals seeing anything.

Publish: the draft becomes agenda version N+1 in the replicated ``agendas`` row and
``agenda_items`` rows. An item keeps its id across versions (documents and the current
item stay attached); items dropped from the draft are tombstoned; documents are attached
to (``documents.agenda_item_id``) exactly the items the draft lists them under. Terminals
apply the new rows in one pull and never go back (the version only grows).

Current item: ``agendas.current_item_id``; items before it are ``done``, after it ``pending``.

After the commit, the routes broadcast current-item changes with
``server.events.publish_current_item``. The presenter page (同步翻页) lives in
:mod:`congress_desktop.server.admin.presenter`.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Connection, delete, select, update

from congress_desktop.model import ItemState, agenda_items, agendas, documents, utcnow
from congress_desktop.protocol import (
    AgendaItemOut,
    AgendaOut,
    CurrentMove,
    DraftItemIn,
    DraftItemOut,
)
from congress_desktop.server import audit
from congress_desktop.server.admin.deps import bad_request, conflict, not_found
from congress_desktop.server.admin.tables import agenda_draft_items
from congress_desktop.server.changes import delete_row, next_seq, write_row
from congress_desktop.server.users import ConsoleUser

log = logging.getLogger(__name__)

CONTENT = ("title", "description", "presenter", "starts_at")


# --------------------------------------------------------------------------- reads


def agenda_row(conn: Connection, session_id: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(agendas)
            .where(agendas.c.session_id == session_id, agendas.c.deleted.is_(False))
            .order_by(agendas.c.version.desc())
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def agenda_seq(conn: Connection, session_id: str) -> int:
    """The seq of the session's agenda row (0 if none): the id of a current-item event."""
    row = agenda_row(conn, session_id)
    return int(row["seq"]) if row else 0


def published_items(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    query = (
        select(agenda_items)
        .where(agenda_items.c.session_id == session_id, agenda_items.c.deleted.is_(False))
        .order_by(agenda_items.c.position)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def attached_documents(conn: Connection, session_id: str) -> dict[str, list[str]]:
    """Agenda item id → ids of the live documents attached to it, in document order."""
    query = (
        select(documents.c.id, documents.c.agenda_item_id)
        .where(
            documents.c.session_id == session_id,
            documents.c.deleted.is_(False),
            documents.c.agenda_item_id.is_not(None),
        )
        .order_by(documents.c.position, documents.c.title)
    )
    out: dict[str, list[str]] = {}
    for doc_id, item_id in conn.execute(query):
        out.setdefault(item_id, []).append(doc_id)
    return out


def draft_items(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    query = (
        select(agenda_draft_items)
        .where(agenda_draft_items.c.session_id == session_id)
        .order_by(agenda_draft_items.c.position)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def ensure_draft(conn: Connection, session_id: str) -> list[dict[str, Any]]:
    """The draft; an empty draft starts as a copy of the published agenda."""
    draft = draft_items(conn, session_id)
    if draft:
        return draft
    docs = attached_documents(conn, session_id)
    for n, item in enumerate(published_items(conn, session_id)):
        values = {k: item[k] for k in CONTENT}
        conn.execute(
            agenda_draft_items.insert().values(
                id=item["id"],
                session_id=session_id,
                position=n,
                document_ids=docs.get(item["id"], []),
                **values,
            )
        )
    return draft_items(conn, session_id)


def _draft_out(rows: list[dict[str, Any]]) -> list[DraftItemOut]:
    return [DraftItemOut.model_validate({**r, "position": n}) for n, r in enumerate(rows)]


def _item_out(item: dict[str, Any], docs: dict[str, list[str]]) -> AgendaItemOut:
    return AgendaItemOut.model_validate({**item, "document_ids": docs.get(item["id"], [])})


def agenda_state(conn: Connection, session_id: str) -> AgendaOut:
    """The published agenda and the draft (created from it if there is none yet)."""
    row = agenda_row(conn, session_id)
    items = published_items(conn, session_id)
    docs = attached_documents(conn, session_id)
    draft = draft_items(conn, session_id)
    if not draft:
        draft = [
            {**{k: i[k] for k in CONTENT}, "id": i["id"], "document_ids": docs.get(i["id"], [])}
            for i in items
        ]
    published_view = [(i["id"], *(i[k] for k in CONTENT), docs.get(i["id"], [])) for i in items]
    draft_view = [(d["id"], *(d[k] for k in CONTENT), list(d["document_ids"])) for d in draft]
    return AgendaOut(
        session_id=session_id,
        version=row["version"] if row else 0,
        published_at=row["published_at"] if row else None,
        current_item_id=row["current_item_id"] if row else None,
        items=[_item_out(i, docs) for i in items],
        draft=_draft_out(draft),
        draft_changed=published_view != draft_view,
    )


# --------------------------------------------------------------------------- draft edits


def _check_documents(conn: Connection, session_id: str, ids: list[str]) -> None:
    if len(set(ids)) != len(ids):
        raise bad_request("a document is listed twice")
    found = set(
        conn.execute(
            select(documents.c.id).where(
                documents.c.id.in_(ids),
                documents.c.session_id == session_id,
                documents.c.deleted.is_(False),
            )
        ).scalars()
    )
    if missing := [i for i in ids if i not in found]:
        raise not_found("document", ", ".join(missing))


def _renumber(conn: Connection, ids: list[str]) -> None:
    for n, item_id in enumerate(ids):
        conn.execute(
            update(agenda_draft_items).where(agenda_draft_items.c.id == item_id).values(position=n)
        )


def add_draft_item(
    conn: Connection, user: ConsoleUser, session_id: str, body: DraftItemIn
) -> AgendaOut:
    draft = ensure_draft(conn, session_id)
    _check_documents(conn, session_id, body.document_ids)
    item_id = str(uuid.uuid4())
    values = body.model_dump(exclude={"position"})
    conn.execute(
        agenda_draft_items.insert().values(
            id=item_id, session_id=session_id, position=len(draft), **values
        )
    )
    ids = [d["id"] for d in draft]
    ids.insert(len(ids) if body.position is None else max(0, body.position), item_id)
    _renumber(conn, ids)
    audit.record(
        conn,
        user,
        "agenda.draft.add",
        "agenda_draft_items",
        item_id,
        after=audit.jsonable({**values, "position": ids.index(item_id)}),
    )
    return agenda_state(conn, session_id)


def update_draft_item(
    conn: Connection, user: ConsoleUser, session_id: str, item_id: str, changes: dict[str, Any]
) -> AgendaOut:
    draft = {d["id"]: d for d in ensure_draft(conn, session_id)}
    before = draft.get(item_id)
    if before is None:
        raise not_found("draft agenda item", item_id)
    if "document_ids" in changes:
        _check_documents(conn, session_id, changes["document_ids"])
    conn.execute(
        update(agenda_draft_items).where(agenda_draft_items.c.id == item_id).values(changes)
    )
    audit.record(
        conn,
        user,
        "agenda.draft.update",
        "agenda_draft_items",
        item_id,
        before=before,
        after={**before, **changes},
    )
    return agenda_state(conn, session_id)


def delete_draft_item(
    conn: Connection, user: ConsoleUser, session_id: str, item_id: str
) -> AgendaOut:
    draft = ensure_draft(conn, session_id)
    before = next((d for d in draft if d["id"] == item_id), None)
    if before is None:
        raise not_found("draft agenda item", item_id)
    conn.execute(delete(agenda_draft_items).where(agenda_draft_items.c.id == item_id))
    _renumber(conn, [d["id"] for d in draft if d["id"] != item_id])
    audit.record(conn, user, "agenda.draft.delete", "agenda_draft_items", item_id, before=before)
    return agenda_state(conn, session_id)


def reorder_draft(
    conn: Connection, user: ConsoleUser, session_id: str, item_ids: list[str]
) -> AgendaOut:
    draft = ensure_draft(conn, session_id)
    old = [d["id"] for d in draft]
    if sorted(old) != sorted(item_ids):
        raise bad_request("the new order must list every draft item exactly once")
    _renumber(conn, item_ids)
    audit.record(
        conn,
        user,
        "agenda.draft.reorder",
        "agenda_draft_items",
        None,
        before={"order": old},
        after={"order": item_ids},
    )
    return agenda_state(conn, session_id)


def reset_draft(conn: Connection, user: ConsoleUser, session_id: str) -> AgendaOut:
    """Throw the draft away: it starts again from the published agenda."""
    before = draft_items(conn, session_id)
    conn.execute(delete(agenda_draft_items).where(agenda_draft_items.c.session_id == session_id))
    audit.record(
        conn,
        user,
        "agenda.draft.reset",
        "agenda_draft_items",
        None,
        before={"items": [d["title"] for d in before]},
    )
    return agenda_state(conn, session_id)


# --------------------------------------------------------------------------- publish


def _summary(row: dict[str, Any] | None, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": row["version"] if row else 0,
        "current_item_id": row["current_item_id"] if row else None,
        "items": [{"id": i["id"], "title": i["title"]} for i in items],
    }


def _states(items: list[dict[str, Any]], current_id: str | None) -> dict[str, str]:
    """Item id → state: done before the current item, current, pending after it."""
    ids = [i["id"] for i in items]
    at = ids.index(current_id) if current_id in ids else -1
    states = {}
    for n, item_id in enumerate(ids):
        if at < 0 or n > at:
            states[item_id] = ItemState.PENDING.value
        elif n == at:
            states[item_id] = ItemState.CURRENT.value
        else:
            states[item_id] = ItemState.DONE.value
    return states


def publish(conn: Connection, user: ConsoleUser, session_id: str, reason: str = "") -> AgendaOut:
    """Publish the draft as the next agenda version (see the module docstring)."""
    next_seq(conn)  # hold the write lock: no other publication or current-item change interleaves
    draft = ensure_draft(conn, session_id)
    if not draft:
        raise conflict("the agenda draft is empty: add items before publishing")
    row = agenda_row(conn, session_id)
    old_items = published_items(conn, session_id)
    version = (row["version"] if row else 0) + 1
    current = row["current_item_id"] if row else None
    draft_ids = {d["id"] for d in draft}
    if current not in draft_ids:
        current = None
    states = _states(draft, current)
    for n, d in enumerate(draft, start=1):
        values = {k: d[k] for k in CONTENT}
        write_row(
            conn,
            agenda_items,
            {
                "id": d["id"],
                "session_id": session_id,
                "agenda_version": version,
                "position": n,
                "state": states[d["id"]],
                **values,
            },
        )
    for item in old_items:
        if item["id"] not in draft_ids:
            delete_row(conn, agenda_items, item["id"])
    _attach_documents(conn, session_id, draft)
    now = utcnow()
    write_row(
        conn,
        agendas,
        {
            "id": row["id"] if row else str(uuid.uuid4()),
            "session_id": session_id,
            "version": version,
            "current_item_id": current,
            "published_at": now,
        },
    )
    after_row = agenda_row(conn, session_id)
    audit.record(
        conn,
        user,
        "agenda.publish",
        "agendas",
        after_row["id"] if after_row else None,
        before=_summary(row, old_items),
        after=_summary(after_row, draft),
        reason=reason,
    )
    log.info("agenda of %s published as version %d (%d items)", session_id, version, len(draft))
    return agenda_state(conn, session_id)


def _attach_documents(conn: Connection, session_id: str, draft: list[dict[str, Any]]) -> None:
    """Make ``documents.agenda_item_id`` match the draft (write only what changes)."""
    wanted: dict[str, str] = {}
    for d in draft:
        for doc_id in d["document_ids"]:
            wanted.setdefault(doc_id, d["id"])
    query = select(documents.c.id, documents.c.agenda_item_id).where(
        documents.c.session_id == session_id, documents.c.deleted.is_(False)
    )
    for doc_id, item_id in conn.execute(query).all():
        target = wanted.get(doc_id)
        if target != item_id:
            write_row(conn, documents, {"id": doc_id, "agenda_item_id": target})


# --------------------------------------------------------------------------- current item


def set_current(
    conn: Connection,
    user: ConsoleUser,
    session_id: str,
    move: CurrentMove,
    item_id: str | None = None,
) -> AgendaOut:
    """Move the current item to the next, the previous or a given item."""
    next_seq(conn)
    row = agenda_row(conn, session_id)
    items = published_items(conn, session_id)
    if row is None or not items:
        raise conflict("no agenda has been published yet")
    ids = [i["id"] for i in items]
    at = ids.index(row["current_item_id"]) if row["current_item_id"] in ids else None
    if move is CurrentMove.ITEM:
        if item_id not in ids:
            raise not_found("agenda item", str(item_id))
        target = ids.index(item_id)
    elif move is CurrentMove.NEXT:
        target = 0 if at is None else at + 1
        if target >= len(ids):
            raise conflict("the current item is already the last one")
    else:
        if at is None or at == 0:
            raise conflict("there is no previous item")
        target = at - 1
    new_id = ids[target]
    states = _states(items, new_id)
    for item in items:
        if item["state"] != states[item["id"]]:
            write_row(conn, agenda_items, {"id": item["id"], "state": states[item["id"]]})
    if row["current_item_id"] != new_id:
        write_row(conn, agendas, {"id": row["id"], "current_item_id": new_id})
    title = {i["id"]: i["title"] for i in items}
    old_id = row["current_item_id"]
    audit.record(
        conn,
        user,
        "agenda.set_current",
        "agendas",
        row["id"],
        before={"current_item_id": old_id, "title": title.get(old_id)},
        after={"current_item_id": new_id, "title": title[new_id]},
    )
    return agenda_state(conn, session_id)
