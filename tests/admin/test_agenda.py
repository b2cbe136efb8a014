"""Agenda draft → publish → a terminal's pull sees the new version; the current item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from server.helpers import World, auth_headers, make_pdf, new_token
from sqlalchemy import Engine

from congress_desktop.protocol import PullResponse

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio


async def enrolled_terminal(client: httpx.AsyncClient, engine: Engine) -> dict[str, str]:
    response = await client.post(
        "/api/v1/enroll", json={"token": new_token(engine, 1), "name": "A-01"}
    )
    return auth_headers(ok(response))


async def pull(
    client: httpx.AsyncClient, terminal: dict[str, str], since: int
) -> tuple[dict[tuple[str, str], Any], int]:
    """Every change after ``since`` as {(table, id): row or None}, and the new cursor."""
    seen: dict[tuple[str, str], Any] = {}
    while True:
        page = PullResponse.model_validate(
            ok(await client.get("/api/v1/sync/pull", params={"since": since}, headers=terminal))
        )
        for change in page.changes:
            seen[(change.table, change.id)] = change.row
        since = page.next
        if not page.has_more:
            return seen, since


async def add(client: httpx.AsyncClient, headers: dict[str, str], **item: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok(
        await client.post(f"{ADMIN}/agenda/draft/items", json=item, headers=headers), 201
    )
    return result


async def test_publish_reaches_a_terminal_and_never_goes_back(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    tmp_path: Path,
) -> None:
    terminal = await enrolled_terminal(client, engine)
    _, cursor = await pull(client, terminal, 0)
    pdf = make_pdf(tmp_path / "预算.pdf", pages=2).read_bytes()
    doc = ok(
        await client.post(
            f"{ADMIN}/documents", files={"file": ("预算.pdf", pdf)}, headers=secretariat
        ),
        201,
    )
    await add(client, secretariat, title="审议政府工作报告", presenter="市长")
    await add(client, secretariat, title="审查预算报告", document_ids=[doc["id"]])
    state = await add(client, secretariat, title="选举", position=0)
    assert [d["title"] for d in state["draft"]] == ["选举", "审议政府工作报告", "审查预算报告"]
    assert state["version"] == 0 and state["draft_changed"] is True

    published = ok(await client.post(f"{ADMIN}/agenda/publish", json={}, headers=secretariat))
    assert published["version"] == 1 and published["draft_changed"] is False
    items = published["items"]
    assert [(i["position"], i["title"]) for i in items] == [
        (1, "选举"),
        (2, "审议政府工作报告"),
        (3, "审查预算报告"),
    ]
    assert items[2]["document_ids"] == [doc["id"]]

    seen, cursor = await pull(client, terminal, cursor)
    agenda_rows = [row for (table, _), row in seen.items() if table == "agendas"]
    assert len(agenda_rows) == 1 and agenda_rows[0]["version"] == 1
    pulled = sorted(
        (row["position"], row["title"], row["agenda_version"])
        for (table, _), row in seen.items()
        if table == "agenda_items"
    )
    assert pulled == [(1, "选举", 1), (2, "审议政府工作报告", 1), (3, "审查预算报告", 1)]
    assert seen[("documents", doc["id"])]["agenda_item_id"] == items[2]["id"]

    # version 2: drop 选举, move the budget first
    ok(await client.delete(f"{ADMIN}/agenda/draft/items/{items[0]['id']}", headers=secretariat))
    order = [items[2]["id"], items[1]["id"]]
    ok(
        await client.put(
            f"{ADMIN}/agenda/draft/order", json={"item_ids": order}, headers=secretariat
        )
    )
    v2 = ok(
        await client.post(
            f"{ADMIN}/agenda/publish", json={"reason": "选举移至下次会议"}, headers=secretariat
        )
    )
    assert v2["version"] == 2 and [i["id"] for i in v2["items"]] == order
    seen, cursor = await pull(client, terminal, cursor)
    assert seen[("agenda_items", items[0]["id"])] is None  # tombstone
    assert seen[("agenda_items", items[2]["id"])]["position"] == 1
    assert next(r for (t, _), r in seen.items() if t == "agendas")["version"] == 2

    entry = audit_rows(engine, "agenda.publish")[-1]
    assert entry["before"]["version"] == 1 and entry["after"]["version"] == 2
    assert entry["reason"] == "选举移至下次会议"
    assert [i["title"] for i in entry["after"]["items"]] == ["审查预算报告", "审议政府工作报告"]


async def test_current_item_next_previous_and_choose(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    refused = await client.post(
        f"{ADMIN}/agenda/current", json={"move": "next"}, headers=secretariat
    )
    assert refused.status_code == 409  # nothing published yet
    for title in ("一", "二", "三"):
        await add(client, secretariat, title=title)
    items = ok(await client.post(f"{ADMIN}/agenda/publish", json={}, headers=secretariat))["items"]
    ids = [i["id"] for i in items]

    async def move(**body: Any) -> dict[str, Any]:
        result: dict[str, Any] = ok(
            await client.post(f"{ADMIN}/agenda/current", json=body, headers=secretariat)
        )
        return result

    state = await move(move="next")
    assert state["current_item_id"] == ids[0]
    state = await move(move="item", item_id=ids[2])
    assert [i["state"] for i in state["items"]] == ["done", "done", "current"]
    assert (
        await client.post(f"{ADMIN}/agenda/current", json={"move": "next"}, headers=secretariat)
    ).status_code == 409
    state = await move(move="previous")
    assert state["current_item_id"] == ids[1]
    assert [i["state"] for i in state["items"]] == ["done", "current", "pending"]

    terminal = await enrolled_terminal(client, engine)
    seen, _ = await pull(client, terminal, 0)
    assert next(r for (t, _), r in seen.items() if t == "agendas")["current_item_id"] == ids[1]
    moves = audit_rows(engine, "agenda.set_current")
    assert [(m["before"]["title"], m["after"]["title"]) for m in moves] == [
        (None, "一"),
        ("一", "三"),
        ("三", "二"),
    ]


async def test_presenter_page_is_recorded_and_audited(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    tmp_path: Path,
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", pages=3).read_bytes()
    doc = ok(
        await client.post(
            f"{ADMIN}/documents", files={"file": ("a.pdf", pdf)}, headers=secretariat
        ),
        201,
    )
    body = {"document_id": doc["id"], "page": 2}
    page = ok(await client.put(f"{ADMIN}/agenda/presenter", json=body, headers=secretariat))
    assert page["page"] == 2 and page["version"] == 1 and page["set_by"] == "mishu"
    too_far = await client.put(
        f"{ADMIN}/agenda/presenter", json={**body, "page": 3}, headers=secretariat
    )
    assert too_far.status_code == 422
    got = ok(await client.get(f"{ADMIN}/agenda/presenter", headers=secretariat))
    assert got["document_id"] == doc["id"] and got["page"] == 2
    assert audit_rows(engine, "presenter.set")[0]["after"]["page"] == 2
