"""A delegate moved to another seat finds their notes on the terminal there."""

from __future__ import annotations

import httpx
import pytest
from server.conftest import enroll
from server.helpers import World
from server.test_annotations import add_document, note_op, notes_in
from server.test_pull import pull_all
from server.test_push import push
from sqlalchemy import Engine

from .helpers import ADMIN, ok

pytestmark = pytest.mark.asyncio


async def test_notes_follow_their_delegate_to_a_new_seat(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    doc = add_document(engine, world)
    seat1 = await enroll(client, engine, 1)
    seat4 = await enroll(client, engine, 4)  # an empty seat so far
    note = note_op(world.delegates[0], doc)
    [result] = await push(client, seat1, note)
    assert result["status"] == "applied"
    changes, cursor4, _pages = await pull_all(client, seat4, limit=1000)
    assert notes_in(changes) == []  # not this seat's delegate (nobody sits there)
    _changes, cursor1, _pages = await pull_all(client, seat1, limit=1000)

    moved = await client.put(
        f"{ADMIN}/seats/4", json={"delegate_id": world.delegates[0]}, headers=secretariat
    )
    ok(moved)
    changes, _cursor, _pages = await pull_all(client, seat4, since=cursor4, limit=1000)
    [arrived] = notes_in(changes)
    assert arrived["id"] == note["payload"]["annotation_id"]
    assert arrived["row"]["text"] == note["payload"]["text"]
    changes, _cursor, _pages = await pull_all(client, seat1, since=cursor1, limit=1000)
    assert notes_in(changes) == []  # the old seat has nobody now: the re-sent note skips it
