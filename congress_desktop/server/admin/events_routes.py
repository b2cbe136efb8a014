"""``GET /api/v1/admin/events``: the terminals' event stream for a logged-in console user.

The console and the hall display get the same nudges a terminal gets (``changes``,
``current_item``, ``follow``, ``notice``; ids are ``server_seq``, ``Last-Event-ID`` works),
plus a ``changes`` nudge for *private* rows as well — sign-ins are private to their delegate,
and the attendance board must move when one arrives. Only changes published by this process
reach it that way (the board also polls, slowly, for the rest).

The stream itself is :class:`congress_desktop.server.routes.events.EventStream` on the
server's hub; this module only adds the audience.
"""

from __future__ import annotations

import weakref
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from starlette.responses import Response

from congress_desktop.protocol import AdminAction, EventType
from congress_desktop.server.admin.deps import require
from congress_desktop.server.deps import StateDep
from congress_desktop.server.events import Event, EventHub, Subscription, hub_for
from congress_desktop.server.routes.events import EventStream, _parse_event_id
from congress_desktop.server.users import ConsoleUser

router = APIRouter()

Viewer = Annotated[ConsoleUser, Depends(require(AdminAction.ATTENDANCE_VIEW))]

_audiences: weakref.WeakKeyDictionary[EventHub, set[Subscription]] = weakref.WeakKeyDictionary()


def _audience(hub: EventHub) -> set[Subscription]:
    """The console streams of ``hub``; the first call installs the private-changes relay."""
    subs = _audiences.get(hub)
    if subs is None:
        subs = _audiences[hub] = set()
        audience = subs

        def relay(evt: Event) -> None:
            if evt.type is EventType.CHANGES and evt.delegates is not None and evt.seq:
                for sub in audience:
                    sub.offer_changes(evt.seq)

        hub.add_forwarder(relay)
    return subs


class _ConsoleHub:
    """The hub as :class:`EventStream` sees it, keeping track of console subscriptions."""

    def __init__(self, hub: EventHub) -> None:
        self._hub = hub
        self._subs = _audience(hub)

    def subscribe(
        self, terminal_id: str, delegate_id: str | None, last_event_id: int | None
    ) -> Subscription:
        sub = self._hub.subscribe(terminal_id, delegate_id, last_event_id)
        self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)
        self._hub.unsubscribe(sub)


@router.get("/events", response_class=EventStream, status_code=200)
def admin_events(
    state: StateDep,
    user: Viewer,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    hub = hub_for(state.engine)
    if hub is None:  # pragma: no cover - create_app always registers one
        raise RuntimeError("the app has no event hub")
    console_hub: EventHub = _ConsoleHub(hub)  # type: ignore[assignment]
    return EventStream(
        console_hub, f"console:{user.username}", None, _parse_event_id(last_event_id)
    )
