"""Agenda draft, publication, current item and presenter page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from congress_desktop.protocol import (
    AdminAction,
    AgendaOut,
    DraftItemIn,
    DraftItemPatch,
    DraftOrder,
    PresenterIn,
    PresenterPage,
    PublishRequest,
    SetCurrentRequest,
)
from congress_desktop.server import agenda, events
from congress_desktop.server.admin import presenter
from congress_desktop.server.admin.deps import require, session_or_active, writing
from congress_desktop.server.db import read_connection
from congress_desktop.server.deps import StateDep
from congress_desktop.server.state import ServerState
from congress_desktop.server.users import ConsoleUser

router = APIRouter(prefix="/agenda")

A = AdminAction
Viewer = Annotated[ConsoleUser, Depends(require(A.CONTENT_VIEW))]
Editor = Annotated[ConsoleUser, Depends(require(A.AGENDA_EDIT))]
SessionQuery = Annotated[str | None, Query(max_length=36)]


@router.get("")
def get_agenda(state: StateDep, _user: Viewer, session_id: SessionQuery = None) -> AgendaOut:
    with read_connection(state.engine) as conn:
        return agenda.agenda_state(conn, session_or_active(conn, session_id))


@router.post("/draft/items", status_code=201)
def add_item(
    body: DraftItemIn, state: StateDep, user: Editor, session_id: SessionQuery = None
) -> AgendaOut:
    with writing(state) as conn:
        return agenda.add_draft_item(conn, user, session_or_active(conn, session_id), body)


@router.patch("/draft/items/{item_id}")
def update_item(
    item_id: str,
    body: DraftItemPatch,
    state: StateDep,
    user: Editor,
    session_id: SessionQuery = None,
) -> AgendaOut:
    changes = body.model_dump(exclude_unset=True)
    with writing(state) as conn:
        sid = session_or_active(conn, session_id)
        return agenda.update_draft_item(conn, user, sid, item_id, changes)


@router.delete("/draft/items/{item_id}")
def delete_item(
    item_id: str, state: StateDep, user: Editor, session_id: SessionQuery = None
) -> AgendaOut:
    with writing(state) as conn:
        return agenda.delete_draft_item(conn, user, session_or_active(conn, session_id), item_id)


@router.put("/draft/order")
def reorder(
    body: DraftOrder, state: StateDep, user: Editor, session_id: SessionQuery = None
) -> AgendaOut:
    with writing(state) as conn:
        sid = session_or_active(conn, session_id)
        return agenda.reorder_draft(conn, user, sid, body.item_ids)


@router.post("/draft/reset")
def reset(state: StateDep, user: Editor, session_id: SessionQuery = None) -> AgendaOut:
    with writing(state) as conn:
        return agenda.reset_draft(conn, user, session_or_active(conn, session_id))


@router.post("/publish")
def publish(
    body: PublishRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(A.AGENDA_PUBLISH))],
    session_id: SessionQuery = None,
) -> AgendaOut:
    with writing(state) as conn:
        result = agenda.publish(conn, user, session_or_active(conn, session_id), body.reason)
        seq = agenda.agenda_seq(conn, result.session_id)
    _announce_current(state, seq, result)
    return result


@router.post("/current")
def set_current(
    body: SetCurrentRequest,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(A.AGENDA_SET_CURRENT))],
    session_id: SessionQuery = None,
) -> AgendaOut:
    with writing(state) as conn:
        sid = session_or_active(conn, session_id)
        result = agenda.set_current(conn, user, sid, body.move, body.item_id)
        seq = agenda.agenda_seq(conn, sid)
    _announce_current(state, seq, result)
    return result


def _announce_current(state: ServerState, seq: int, result: AgendaOut) -> None:
    """After the commit: the current-item event goes out at once (the pull brings the rows)."""
    events.publish_current_item(
        state.engine,
        seq=seq,
        agenda_version=result.version,
        current_item_id=result.current_item_id,
    )


@router.get("/presenter")
def get_presenter(
    state: StateDep, _user: Viewer, session_id: SessionQuery = None
) -> PresenterPage | None:
    with read_connection(state.engine) as conn:
        return presenter.get_presenter_page(conn, session_or_active(conn, session_id))


@router.put("/presenter")
def set_presenter(
    body: PresenterIn,
    state: StateDep,
    user: Annotated[ConsoleUser, Depends(require(A.PRESENTER_SET))],
    session_id: SessionQuery = None,
) -> PresenterPage:
    with writing(state) as conn:
        sid = session_or_active(conn, session_id)
        page = presenter.set_presenter_page(conn, user, sid, body.document_id, body.page)
    # after the commit: terminals in follow mode jump there
    events.publish_follow(
        state.engine, document_id=page.document_id, page=page.page, presenter=page.set_by
    )
    return page
