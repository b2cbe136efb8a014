"""The suggestion workflow on the terminal, driven by taps: picking co-signers in the composer,
answering a co-signing invitation (with its badge on the nav rail), and reading a
suggestion's history and reply and giving feedback (满意/基本满意/不满意).

The server's side arrives as pulled rows, applied exactly as the sync engine applies them.
"""

from __future__ import annotations

from typing import Any

from fixtures.ui import PIN
from sqlalchemy import select

from congress_desktop.model import SuggestionCategory
from congress_desktop.store.schema import outbox

from .helpers import WAIT_MS, idle, sign_in, tap, type_text
from .suggestion_rows import (
    ME,
    REPLY,
    event,
    invitation,
    invitation_from_li,
    replied_suggestion,
    server_rows,
    suggestion,
)


def changed(window: Any, *tables: str) -> None:
    window.ctx.sync.tables_changed.emit(frozenset(tables))
    idle(window.qtbot_, window.ctx)


def open_suggestions(qtbot: Any, window: Any) -> Any:
    sign_in(qtbot, window, PIN)
    window.qtbot_ = qtbot
    tap(qtbot, window.nav_buttons["suggestions"])
    idle(qtbot, window.ctx)
    return window.suggestions


def test_picking_co_signers_from_a_searchable_list(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    screen = open_suggestions(qtbot, terminal_window)
    form = screen.form
    assert form.cosigners_label.text() == "暂无。附议代表将在各自的终端上确认。"
    tap(qtbot, form.cosigners_button)
    idle(qtbot, terminal_window.ctx)
    picker = form.picker
    assert picker.isVisible() and not form.composer.isVisible()
    names = [c.title_label.text() for c in picker.visible_cards()]
    assert sorted(names) == sorted(["李秀英", "张伟", "陈静"])  # never the author
    assert all(c.height() >= 72 for c in picker.visible_cards())  # finger-sized

    type_text(picker.search_edit, "西城")  # by delegation
    assert sorted(c.title_label.text() for c in picker.visible_cards()) == ["张伟", "陈静"]
    picker.search_edit.clear()
    type_text(picker.search_edit, "张")
    [zhang] = picker.visible_cards()
    tap(qtbot, zhang)
    [zhang] = picker.visible_cards()
    assert zhang.badge_label.text() == "已选"
    picker.search_edit.clear()
    li = next(c for c in picker.visible_cards() if c.title_label.text() == "李秀英")
    tap(qtbot, li)
    assert picker.count_label.text() == "已选 2 位附议代表"
    tap(qtbot, picker.done_button)
    assert form.composer.isVisible() and not picker.isVisible()
    assert form.cosigners_label.text() == "张伟、李秀英"
    assert form.cosigners_button.text() == "修改附议代表…"

    # the choice is part of the draft
    with qtbot.waitSignal(form.draft_saved, timeout=WAIT_MS):
        pass
    draft = terminal_data.store.load_draft(ME)
    assert draft is not None and draft["cosigner_ids"] == ["d3", "d2"]

    tap(qtbot, form.category_buttons[SuggestionCategory.SOCIAL])
    type_text(form.title_edit, "关于完善社区养老服务的建议")
    type_text(form.content_edit, "建议增加社区日间照料中心。")
    with qtbot.waitSignal(form.submitted, timeout=WAIT_MS):
        tap(qtbot, form.submit_button)
    assert form.cosigners_label.text() == "暂无。附议代表将在各自的终端上确认。"
    [mine] = terminal_data.store.my_suggestions(ME)
    assert mine.state == "cosigning"
    ops = terminal_data.store.pending_ops()
    assert ops[-1].payload["cosigner_ids"] == ["d3", "d2"]


def test_an_invitation_is_answered_on_the_invited_terminal(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    store = terminal_data.store
    screen = open_suggestions(qtbot, terminal_window)
    badge = terminal_window.invitations_badge
    assert not badge.isVisible()
    sid = "sug-from-li"
    server_rows(store, *invitation_from_li(sid))
    changed(terminal_window, "suggestions", "suggestion_cosigners")
    qtbot.waitUntil(lambda: badge.isVisible(), timeout=WAIT_MS)
    assert badge.text() == "1"
    assert screen.invitations_button.text() == "附议邀请（1）"

    tap(qtbot, screen.invitations_button)
    invitations = screen.invitations
    qtbot.waitUntil(lambda: len(invitations.card_list.items) == 1, timeout=WAIT_MS)
    [card] = invitations.card_list.items
    assert card.title_label.text() == "建议7：关于增设公交夜班线路的建议"
    assert card.subtitle_label.text().startswith("李秀英 提出 · 第0007号")
    assert card.badge_label.text() == "请答复"
    tap(qtbot, card)
    assert invitations.from_label.text().startswith("李秀英 邀请您附议")
    assert "夜班公交" in invitations.content_text.text()
    assert invitations.confirm_button.text() == "确认附议"
    assert invitations.confirm_button.height() >= 72

    tap(qtbot, invitations.confirm_button)
    idle(qtbot, terminal_window.ctx)
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=WAIT_MS)
    assert not invitations.confirm_button.isVisible()
    assert invitations.message.text() == "您的答复：已确认。"
    assert invitations.state_badge.text() == "尚未发送"
    assert screen.invitations_button.text() == "附议邀请"
    # the co-signer follows the suggestion too: its history, read only
    tap(qtbot, invitations.history_button)
    history = invitations.history
    qtbot.waitUntil(lambda: history.detail is not None, timeout=WAIT_MS)
    assert history.cosigners_text.text() == "王建国：已确认"
    assert not history.feedback_card.isVisible()  # only the author gives feedback
    tap(qtbot, history.back_button)
    assert invitations.confirm_button.isHidden() and invitations.history_button.isVisible()
    [op] = [o for o in store.pending_ops() if o.kind == "suggestion.cosign"]
    assert op.payload == {"suggestion_id": sid, "delegate_id": ME, "confirm": True}


def test_history_reply_and_feedback(qtbot: Any, terminal_window: Any, terminal_data: Any) -> None:
    store = terminal_data.store
    screen = open_suggestions(qtbot, terminal_window)
    server_rows(store, *replied_suggestion())
    reply = REPLY
    tap(qtbot, screen.mine_button)
    my_list = screen.my_list
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    [card] = my_list.card_list.items
    assert card.badge_label.text() == "已答复"
    assert "已收到答复" in card.subtitle_label.text()
    tap(qtbot, card)
    detail = my_list.detail
    qtbot.waitUntil(lambda: len(detail.timeline_labels) == 5, timeout=WAIT_MS)
    assert detail.cosigners_text.text() == "张伟：已确认"
    texts = detail.timeline_texts()
    assert "承办单位答复 · 市交通运输局" in texts[-1] and reply in texts[-1]
    assert "确认附议 · 张伟" in texts[1]
    assert texts[2].endswith("秘书处审核通过")  # no staff username on a delegate's screen
    assert texts[3].endswith("交办承办单位 · 市交通运输局")
    assert detail.feedback_card.isVisible()
    assert [b.text() for b in detail.rating_buttons.values()] == ["满意", "基本满意", "不满意"]

    tap(qtbot, detail.feedback_button)
    assert detail.feedback_message.text() == "请选择您对答复的满意程度。"
    tap(qtbot, detail.rating_buttons["basically_satisfied"])
    type_text(detail.comment_edit, "希望尽快开通")
    tap(qtbot, detail.feedback_button)
    idle(qtbot, terminal_window.ctx)
    qtbot.waitUntil(lambda: not detail.feedback_card.isVisible(), timeout=WAIT_MS)
    last = detail.timeline_texts()[-1]
    assert "代表反馈 · 王建国" in last and "基本满意" in last and "希望尽快开通" in last
    assert "尚未发送" in last
    kinds = store.read(lambda c: c.execute(select(outbox.c.kind, outbox.c.payload)).all())
    [(_kind, payload)] = [k for k in kinds if k[0] == "suggestion.feedback"]
    assert payload["rating"] == "basically_satisfied" and payload["comment"] == "希望尽快开通"

    # back to the list; an idle lock leaves no suggestion open
    tap(qtbot, detail.back_button)
    assert my_list.card_list.isVisible()
    tap(qtbot, my_list.card_list.items[0])
    assert my_list.detail.isVisible()
    terminal_window.lock()
    assert my_list.pages.currentWidget() is my_list.card_list


def test_a_returned_suggestion_shows_the_reason(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    screen = open_suggestions(qtbot, terminal_window)
    sid = "returned"
    server_rows(
        terminal_data.store,
        suggestion(sid, ME, [], "rejected", 4),
        event(sid, "submitted", "王建国"),
        event(sid, "returned", "mishu", "与第0002号建议内容重复，请合并。", role="secretariat"),
    )
    tap(qtbot, screen.mine_button)
    my_list = screen.my_list
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    [card] = my_list.card_list.items
    assert "已被秘书处退回" in card.subtitle_label.text()
    tap(qtbot, card)
    detail = my_list.detail
    qtbot.waitUntil(lambda: len(detail.timeline_labels) == 2, timeout=WAIT_MS)
    returned = detail.timeline_texts()[-1]
    assert "与第0002号建议内容重复" in returned and "mishu" not in returned
    assert not detail.feedback_card.isVisible()
    assert detail.cosigners_text.text() == "无附议代表。"


def test_an_invitation_the_secretariat_closed_says_so_and_takes_no_answer(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    store = terminal_data.store
    screen = open_suggestions(qtbot, terminal_window)
    sid = "sug-closed"
    server_rows(
        store,
        suggestion(sid, "d2", [ME], "submitted", 8),
        invitation(sid, ME, "d2", "expired"),
        event(sid, "submitted", "李秀英"),
        event(sid, "cosigning_closed", "mishu", "王建国", role="secretariat", expired=[ME]),
    )
    changed(terminal_window, "suggestions", "suggestion_cosigners", "suggestion_events")
    tap(qtbot, screen.invitations_button)
    invitations = screen.invitations
    qtbot.waitUntil(lambda: len(invitations.card_list.items) == 1, timeout=WAIT_MS)
    assert not terminal_window.invitations_badge.isVisible()  # nothing to answer
    [card] = invitations.card_list.items
    assert card.badge_label.text() == "已结束"
    tap(qtbot, card)
    assert not invitations.confirm_button.isVisible()
    assert invitations.message.text().startswith("秘书处已截止附议")
    tap(qtbot, invitations.history_button)
    history = invitations.history
    qtbot.waitUntil(lambda: history.detail is not None, timeout=WAIT_MS)
    assert history.cosigners_text.text() == "王建国：未答复，已截止"
    assert any("秘书处截止附议" in text for text in history.timeline_texts())
