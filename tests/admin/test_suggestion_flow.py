"""The suggestion workflow through the push and admin APIs: co-signing, review (审核),
assignment (交办), reply (答复) and feedback (反馈); roles, invalid transitions, privacy."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from server.helpers import World, auth_headers, new_token, op, suggestion_op
from sqlalchemy import Engine

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio

UNIT = "市住房和城乡建设局"  # the handling_unit fixture's unit


async def terminal(client: httpx.AsyncClient, engine: Engine, seat: int) -> dict[str, str]:
    enrolled = ok(await client.post("/api/v1/enroll", json={"token": new_token(engine, seat)}))
    return auth_headers(enrolled)


async def push(client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]) -> Any:
    [result] = ok(await client.post("/api/v1/sync/push", json={"ops": [body]}, headers=headers))[
        "results"
    ]
    return result


def cosign_op(suggestion_id: str, delegate_id: str, confirm: bool) -> dict[str, Any]:
    return op(
        "suggestion.cosign",
        {"suggestion_id": suggestion_id, "delegate_id": delegate_id, "confirm": confirm},
    )


def feedback_op(suggestion_id: str, delegate_id: str, rating: str, comment: str = "") -> Any:
    return op(
        "suggestion.feedback",
        {
            "suggestion_id": suggestion_id,
            "event_id": str(uuid.uuid4()),
            "delegate_id": delegate_id,
            "rating": rating,
            "comment": comment,
        },
    )


async def pulled(client: httpx.AsyncClient, headers: dict[str, str], table: str) -> list[Any]:
    body = ok(await client.get("/api/v1/sync/pull?since=0&limit=5000", headers=headers))
    return [c["row"] for c in body["changes"] if c["table"] == table and c["row"]]


async def test_the_whole_flow_from_cosigning_to_feedback(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    handling_unit: dict[str, str],
) -> None:
    a, b, c = world.delegates
    seat_a, seat_b, seat_c = [await terminal(client, engine, n) for n in (1, 2, 3)]
    submit = suggestion_op(a, cosigner_ids=[b])
    sid = submit["payload"]["suggestion_id"]
    assert (await push(client, seat_a, submit))["status"] == "applied"
    detail = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=secretariat))
    assert detail["state"] == "cosigning"
    assert [(x["delegate_name"], x["state"]) for x in detail["cosigners"]] == [("代表2", "invited")]
    assert [e["kind"] for e in detail["timeline"]] == ["submitted"]

    # only the author and the invited co-signer receive the invitation and the timeline
    for headers, visible in ((seat_a, True), (seat_b, True), (seat_c, False)):
        assert bool(await pulled(client, headers, "suggestion_cosigners")) is visible
        assert bool(await pulled(client, headers, "suggestion_events")) is visible

    # review must wait for the co-signer; someone else cannot answer the invitation
    early = await client.post(
        f"{ADMIN}/suggestions/{sid}/review", json={"decision": "accept"}, headers=secretariat
    )
    assert early.status_code == 409 and "co-signers" in early.json()["error"]["message"]
    stranger = await push(client, seat_c, cosign_op(sid, c, True))
    assert stranger["status"] == "rejected" and "not invited" in stranger["reason"]
    assert stranger["code"] == "not_invited"
    forged = await push(client, seat_c, cosign_op(sid, b, True))
    assert forged["status"] == "rejected" and "seat" in forged["reason"]

    confirm = cosign_op(sid, b, True)
    assert (await push(client, seat_b, confirm))["status"] == "applied"
    assert (await push(client, seat_b, confirm))["status"] == "duplicate"
    changed_mind = await push(client, seat_b, cosign_op(sid, b, False))
    assert changed_mind["status"] == "rejected" and "already confirmed" in changed_mind["reason"]
    assert changed_mind["code"] == "already_answered"
    detail = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=secretariat))
    assert detail["state"] == "submitted" and detail["cosigners"][0]["state"] == "confirmed"

    # feedback before any reply is refused
    too_soon = await push(client, seat_a, feedback_op(sid, a, "satisfied"))
    assert too_soon["status"] == "rejected" and "only after a reply" in too_soon["reason"]
    assert too_soon["code"] == "not_replied"

    # assign before review: clear 409; review; the unit cannot see it before 交办
    assign = {"unit": UNIT, "kind": "lead", "reason": "职能对口"}
    refused = await client.post(
        f"{ADMIN}/suggestions/{sid}/assign", json=assign, headers=secretariat
    )
    assert refused.status_code == 409 and "accepted" in refused.json()["error"]["message"]
    ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/review", json={"decision": "accept"}, headers=secretariat
        )
    )
    hidden = await client.get(f"{ADMIN}/suggestions/{sid}", headers=handling_unit)
    assert hidden.status_code == 403
    ok(
        await client.post(f"{ADMIN}/suggestions/{sid}/assign", json=assign, headers=secretariat),
        201,
    )
    seen = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=handling_unit))
    assert seen["state"] == "assigned" and seen["assignments"][0]["unit"] == UNIT

    reply_text = "已列入明年老旧小区改造计划。"
    replied = ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/reply", json={"text": reply_text}, headers=handling_unit
        )
    )
    assert replied["state"] == "replied"
    twice = await client.post(
        f"{ADMIN}/suggestions/{sid}/reply", json={"text": "again"}, headers=handling_unit
    )
    assert twice.status_code == 409

    # only the author gives feedback; 不满意 sends it back to the unit, then 满意 closes it
    by_cosigner = await push(client, seat_b, feedback_op(sid, b, "satisfied"))
    assert by_cosigner["status"] == "rejected" and by_cosigner["code"] == "not_author"
    unhappy = feedback_op(sid, a, "unsatisfied", "进度太慢")
    assert (await push(client, seat_a, unhappy))["status"] == "applied"
    assert (await push(client, seat_a, unhappy))["status"] == "duplicate"
    ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/reply", json={"text": "已加快进度。"}, headers=handling_unit
        )
    )
    assert (await push(client, seat_a, feedback_op(sid, a, "satisfied", "谢谢")))[
        "status"
    ] == "applied"

    final = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=secretariat))
    assert final["state"] == "closed"
    assert [e["kind"] for e in final["timeline"]] == [
        "submitted",
        "cosign_confirmed",
        "cosigning_done",
        "accepted",
        "assigned",
        "replied",
        "feedback",
        "replied",
        "feedback",
    ]
    feedbacks = [e for e in final["timeline"] if e["kind"] == "feedback"]
    assert [(f["data"]["rating"], f["text"]) for f in feedbacks] == [
        ("unsatisfied", "进度太慢"),
        ("satisfied", "谢谢"),
    ]
    replies = [e for e in final["timeline"] if e["kind"] == "replied"]
    assert replies[0]["actor"] == UNIT and replies[0]["text"] == reply_text

    # the author's terminal receives the reply and the feedback entries of its suggestion
    events = await pulled(client, seat_a, "suggestion_events")
    assert {"replied", "feedback"} <= {e["kind"] for e in events}
    assert not await pulled(client, seat_c, "suggestion_events")

    # every state change left an audit entry
    actions = [r["action"] for r in audit_rows(engine) if r["target_id"] == sid]
    assert actions == [
        "suggestion.submit",
        "suggestion.cosign.confirmed",
        "suggestion.cosigning_done",
        "suggestion.review.accept",
        "suggestion.assign",
        "suggestion.reply",
        "suggestion.feedback",
        "suggestion.reply",
        "suggestion.feedback",
    ]


async def test_a_decline_and_a_return_with_its_reason(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    a, b, c = world.delegates
    seat_a, seat_b, seat_c = [await terminal(client, engine, n) for n in (1, 2, 3)]
    submit = suggestion_op(a, cosigner_ids=[b, c])
    sid = submit["payload"]["suggestion_id"]
    await push(client, seat_a, submit)
    assert (await push(client, seat_b, cosign_op(sid, b, False)))["status"] == "applied"
    detail = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=secretariat))
    assert detail["state"] == "cosigning"  # c has not answered yet
    await push(client, seat_c, cosign_op(sid, c, True))
    detail = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=secretariat))
    assert detail["state"] == "submitted"
    assert [x["state"] for x in detail["cosigners"]] == ["declined", "confirmed"]

    no_reason = await client.post(
        f"{ADMIN}/suggestions/{sid}/review", json={"decision": "return"}, headers=secretariat
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["error"]["message"]
    returned = ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/review",
            json={"decision": "return", "reason": "内容与议案重复"},
            headers=secretariat,
        )
    )
    assert returned["state"] == "rejected"
    assert returned["timeline"][-1]["kind"] == "returned"
    assert returned["timeline"][-1]["text"] == "内容与议案重复"
    again = await client.post(
        f"{ADMIN}/suggestions/{sid}/review", json={"decision": "accept"}, headers=secretariat
    )
    assert again.status_code == 409 and "returned" in again.json()["error"]["message"]
    entry = audit_rows(engine, "suggestion.review.return")[0]
    assert entry["reason"] == "内容与议案重复" and entry["after"] == {"state": "rejected"}


async def test_wrong_roles_get_403(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    handling_unit: dict[str, str],
    technician: dict[str, str],
) -> None:
    seat_a = await terminal(client, engine, 1)
    submit = suggestion_op(world.delegates[0])
    sid = submit["payload"]["suggestion_id"]
    await push(client, seat_a, submit)
    review = {"decision": "accept"}
    for headers in (handling_unit, technician):
        response = await client.post(
            f"{ADMIN}/suggestions/{sid}/review", json=review, headers=headers
        )
        assert response.status_code == 403
    assert (await client.get(f"{ADMIN}/suggestions/{sid}", headers=technician)).status_code == 403
    ok(await client.post(f"{ADMIN}/suggestions/{sid}/review", json=review, headers=secretariat))
    ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/assign",
            json={"unit": "市交通运输局"},
            headers=secretariat,
        ),
        201,
    )
    # the secretariat does not answer for a unit, and another unit cannot either
    by_secretariat = await client.post(
        f"{ADMIN}/suggestions/{sid}/reply", json={"text": "答复"}, headers=secretariat
    )
    assert by_secretariat.status_code == 403
    by_other_unit = await client.post(
        f"{ADMIN}/suggestions/{sid}/reply", json={"text": "答复"}, headers=handling_unit
    )
    assert by_other_unit.status_code == 403
    assert "not assigned to your unit" in by_other_unit.json()["error"]["message"]
    # an assisting unit (协办) does not answer the delegate; the lead unit does
    ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/assign",
            json={"unit": UNIT, "kind": "assist"},
            headers=secretariat,
        ),
        201,
    )
    by_assisting_unit = await client.post(
        f"{ADMIN}/suggestions/{sid}/reply", json={"text": "答复"}, headers=handling_unit
    )
    assert by_assisting_unit.status_code == 403
    assert "lead unit" in by_assisting_unit.json()["error"]["message"]
    seen = ok(await client.get(f"{ADMIN}/suggestions/{sid}", headers=handling_unit))
    assert [a["kind"] for a in seen["assignments"]] == ["lead", "assist"]
    missing = await client.get(f"{ADMIN}/suggestions/nope", headers=secretariat)
    assert missing.status_code == 404


async def test_the_report_of_suggestions_by_state(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    import pymupdf

    seat_a = await terminal(client, engine, 1)
    first = suggestion_op(world.delegates[0], title="关于整治老旧小区停车难的建议")
    second = suggestion_op(world.delegates[0], title="关于延长图书馆开放时间的建议")
    for body in (first, second):
        await push(client, seat_a, body)
    sid = first["payload"]["suggestion_id"]
    ok(
        await client.post(
            f"{ADMIN}/suggestions/{sid}/review", json={"decision": "accept"}, headers=secretariat
        )
    )
    response = await client.get(f"{ADMIN}/reports/suggestions", headers=secretariat)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    with pymupdf.open(stream=response.content, filetype="pdf") as pdf:
        text = "".join(page.get_text() for page in pdf).replace("\n", "")
    assert "代表建议办理情况" in text
    accepted, waiting = text.index("已立案待交办（1 件）"), text.index("待审核（1 件）")
    assert waiting < accepted  # sections follow the workflow
    assert text.index("关于延长图书馆开放时间的建议") < accepted
    assert text.index("关于整治老旧小区停车难的建议") > accepted


async def test_the_demo_suggestions_show_every_step(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    from congress_desktop.server.demo_suggestions import seed_demo_suggestions

    assert seed_demo_suggestions(engine) == 3
    assert seed_demo_suggestions(engine) == 0  # once
    listed = ok(await client.get(f"{ADMIN}/suggestions", headers=secretariat))
    assert [s["state"] for s in listed] == ["replied", "cosigning", "submitted"]
    answered = ok(await client.get(f"{ADMIN}/suggestions/{listed[0]['id']}", headers=secretariat))
    assert [e["kind"] for e in answered["timeline"]] == [
        "submitted",
        "cosign_confirmed",
        "cosigning_done",
        "accepted",
        "assigned",
        "replied",
    ]
    assert answered["assignments"][0]["unit"] == "市交通运输局"
    invited = ok(await client.get(f"{ADMIN}/suggestions/{listed[1]['id']}", headers=secretariat))
    assert [(c["delegate_id"], c["state"]) for c in invited["cosigners"]] == [
        (world.delegates[0], "invited"),
        (world.delegates[2], "confirmed"),
    ]
    # the delegate at seat 1 can answer the invitation and rate the reply from the terminal
    seat_a = await terminal(client, engine, 1)
    assert (await push(client, seat_a, cosign_op(listed[1]["id"], world.delegates[0], True)))[
        "status"
    ] == "applied"
    feedback = feedback_op(listed[0]["id"], world.delegates[0], "satisfied")
    assert (await push(client, seat_a, feedback))["status"] == "applied"


async def test_closing_co_signing_sends_it_to_review_without_the_absent_co_signer(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    handling_unit: dict[str, str],
) -> None:
    a, b, c = world.delegates
    seat_a, seat_b, seat_c = [await terminal(client, engine, n) for n in (1, 2, 3)]
    submit = suggestion_op(a, cosigner_ids=[b, c])
    sid = submit["payload"]["suggestion_id"]
    assert (await push(client, seat_a, submit))["status"] == "applied"
    assert (await push(client, seat_b, cosign_op(sid, b, True)))["status"] == "applied"
    close = f"{ADMIN}/suggestions/{sid}/close-cosigning"
    refused = await client.post(close, headers=handling_unit)
    assert refused.status_code == 403  # a handling unit does not review

    detail = ok(await client.post(close, headers=secretariat))
    assert detail["state"] == "submitted"
    states = {x["delegate_name"]: x["state"] for x in detail["cosigners"]}
    assert states == {"代表2": "confirmed", "代表3": "expired"}
    closed = detail["timeline"][-1]
    assert closed["kind"] == "cosigning_closed" and closed["text"] == "代表3"
    assert closed["data"]["expired"] == [c]
    assert any(r["action"] == "suggestion.close_cosigning" for r in audit_rows(engine))

    # the absent co-signer's terminal learns the invitation expired; a late answer is refused
    rows = await pulled(client, seat_c, "suggestion_cosigners")
    assert {r["delegate_id"]: r["state"] for r in rows} == {b: "confirmed", c: "expired"}
    late = await push(client, seat_c, cosign_op(sid, c, True))
    assert late["status"] == "rejected" and late["code"] == "cosigning_closed"
    again = await client.post(close, headers=secretariat)
    assert again.status_code == 409  # nothing left to close
    accepted = await client.post(
        f"{ADMIN}/suggestions/{sid}/review", json={"decision": "accept"}, headers=secretariat
    )
    assert ok(accepted)["state"] == "accepted"
