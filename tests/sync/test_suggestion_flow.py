"""The suggestion workflow end to end over a real server: the author on terminal A invites
B; B confirms on terminal B; the secretariat reviews and assigns, the unit replies; the reply
reaches A, and A's feedback reaches the server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from fixtures.live_server import LiveServer
from fixtures.terminal import ProvisionedTerminal, provision_terminal

from congress_desktop.config import ServerPaths
from congress_desktop.demo_content import DemoContent
from congress_desktop.model import CosignState, FeedbackRating, SuggestionState
from congress_desktop.protocol import ADMIN
from congress_desktop.server.users import add_user
from congress_desktop.sync.engine import SyncEngine

pytestmark = pytest.mark.asyncio

PASSWORD = "correct horse battery"
UNIT = "市交通运输局"


async def login(http: httpx.AsyncClient, username: str) -> dict[str, str]:
    answer = await http.post(f"{ADMIN}/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


async def test_invite_confirm_reply_and_feedback_across_two_terminals(
    tmp_path: Path, seeded_server: LiveServer, demo_content: DemoContent
) -> None:
    url = seeded_server.db_url or ServerPaths(seeded_server.data_dir).default_db_url
    add_user(url, "mishu", PASSWORD, "secretariat")
    add_user(url, "jiaotong", PASSWORD, "handling_unit", UNIT)
    a: ProvisionedTerminal = await asyncio.to_thread(
        provision_terminal, seeded_server, demo_content, tmp_path / "a", 1
    )
    b: ProvisionedTerminal = await asyncio.to_thread(
        provision_terminal, seeded_server, demo_content, tmp_path / "b", 2
    )
    engine_a, engine_b = SyncEngine(a.store, a.identity), SyncEngine(b.store, b.identity)
    try:
        await engine_a.sync_once(fetch_documents=False)
        await engine_b.sync_once(fetch_documents=False)
        author, cosigner = a.store.seat_delegate(1), b.store.seat_delegate(2)
        assert author is not None and cosigner is not None

        sid = a.store.submit_suggestion(
            author.id,
            "关于增开夜间公交的建议",
            "建议增开夜间公交线路。",
            "urban_environment",
            cosigner_ids=[cosigner.id],
        )
        assert a.store.my_suggestions(author.id)[0].state == SuggestionState.COSIGNING
        await engine_a.sync_once(fetch_documents=False)
        assert a.store.outbox_pending() == 0

        # B receives the invitation, confirms it on its own terminal
        await engine_b.sync_once(fetch_documents=False)
        [invitation] = b.store.invitations(cosigner.id)
        assert (invitation.suggestion_id, invitation.state) == (sid, CosignState.INVITED)
        assert invitation.lead_name == author.name
        assert b.store.open_invitations(cosigner.id) == 1
        b.store.answer_invitation(cosigner.id, sid, confirm=True)
        assert b.store.open_invitations(cosigner.id) == 0
        await engine_b.sync_once(fetch_documents=False)
        assert b.store.outbox_pending() == 0 and b.store.rejected_ops() == []

        # A sees the confirmation and the suggestion going to review
        await engine_a.sync_once(fetch_documents=False)
        detail = a.store.suggestion_detail(sid)
        assert detail is not None
        assert [(c.name, c.state) for c in detail.cosigners] == [
            (cosigner.name, CosignState.CONFIRMED)
        ]
        assert detail.suggestion.state == SuggestionState.SUBMITTED

        # the secretariat reviews and assigns, the unit replies
        async with httpx.AsyncClient(base_url=seeded_server.url) as http:
            staff, unit = await login(http, "mishu"), await login(http, "jiaotong")
            base = f"{ADMIN}/suggestions/{sid}"
            for path, body, headers in (
                ("/review", {"decision": "accept"}, staff),
                ("/assign", {"unit": UNIT}, staff),
                ("/reply", {"text": "已规划三条夜间线路。"}, unit),
            ):
                answer = await http.post(base + path, json=body, headers=headers)
                assert answer.status_code in (200, 201), answer.text

            # the reply reaches A; A gives feedback
            await engine_a.sync_once(fetch_documents=False)
            detail = a.store.suggestion_detail(sid)
            assert detail is not None and detail.suggestion.state == SuggestionState.REPLIED
            assert [r.text for r in detail.replies] == ["已规划三条夜间线路。"]
            assert detail.replies[0].actor == UNIT
            assert detail.can_give_feedback(author.id)
            assert not detail.can_give_feedback(cosigner.id)
            a.store.give_feedback(
                author.id, sid, FeedbackRating.BASICALLY_SATISFIED, "希望尽快开通"
            )
            mine = a.store.suggestion_detail(sid)
            assert mine is not None and mine.feedback is not None and not mine.feedback.sent
            await engine_a.sync_once(fetch_documents=False)
            assert a.store.outbox_pending() == 0 and a.store.rejected_ops() == []

            # the server has it, and the timeline is the same on both terminals
            answer = await http.get(base, headers=staff)
            server = answer.json()
            assert server["state"] == SuggestionState.CLOSED
            feedback = server["timeline"][-1]
            assert feedback["kind"] == "feedback"
            assert (feedback["data"]["rating"], feedback["text"]) == (
                "basically_satisfied",
                "希望尽快开通",
            )
        await engine_a.sync_once(fetch_documents=False)
        await engine_b.sync_once(fetch_documents=False)
        final_a, final_b = a.store.suggestion_detail(sid), b.store.suggestion_detail(sid)
        assert final_a is not None and final_b is not None
        assert final_a.suggestion.state == final_b.suggestion.state == SuggestionState.CLOSED
        assert [e.id for e in final_a.timeline] == [e["id"] for e in server["timeline"]]
        assert [e.id for e in final_b.timeline] == [e["id"] for e in server["timeline"]]
        assert final_a.feedback is not None and final_a.feedback.sent
        assert not final_a.can_give_feedback(author.id)
    finally:
        await engine_a.aclose()
        await engine_b.aclose()
        a.store.close()
        b.store.close()
