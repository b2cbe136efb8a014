"""Filing a suggestion: category, title, content; autosaved drafts; my suggestions."""

from __future__ import annotations

from typing import Any

from fixtures.ui import PIN
from sqlalchemy import select

from congress_desktop.model import SuggestionCategory
from congress_desktop.store.schema import outbox

from .helpers import WAIT_MS, idle, sign_in, tap, type_text

TITLE = "关于增设社区养老服务中心的建议"
CONTENT = "建议按照每个街道至少一处的标准，规划建设社区养老服务中心。"


def open_form(qtbot: Any, window: Any) -> Any:
    sign_in(qtbot, window, PIN)
    tap(qtbot, window.nav_buttons["suggestions"])
    idle(qtbot, window.ctx)
    return window.suggestions.form


def fill(qtbot: Any, form: Any, title: str = TITLE, content: str = CONTENT) -> None:
    tap(qtbot, form.category_buttons[SuggestionCategory.SOCIAL])
    tap(qtbot, form.title_edit)
    type_text(form.title_edit, title)
    type_text(form.content_edit, content)


def test_submitting_a_suggestion(qtbot: Any, terminal_window: Any, terminal_data: Any) -> None:
    form = open_form(qtbot, terminal_window)
    assert form.category_buttons[SuggestionCategory.SOCIAL].text() == "社会建设"
    fill(qtbot, form)
    with qtbot.waitSignal(form.submitted, timeout=WAIT_MS):
        tap(qtbot, form.submit_button)

    assert form.message.text().startswith("您的建议已保存")
    assert form.title_edit.text() == "" and form.content_edit.toPlainText() == ""
    assert form.category() == ""
    store = terminal_data.store
    [mine] = store.my_suggestions(terminal_data.delegate_id)
    assert (mine.title, mine.content, mine.category) == (TITLE, CONTENT, "social")
    assert not mine.sent
    ops = store.read(lambda c: c.execute(select(outbox.c.kind, outbox.c.row_id)).all())
    assert ("suggestion.submit", mine.id) in ops
    assert store.load_draft(terminal_data.delegate_id) is None

    tap(qtbot, terminal_window.suggestions.mine_button)
    my_list = terminal_window.suggestions.my_list
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    card = my_list.card_list.items[0]
    assert card.title_label.text() == TITLE
    assert card.badge_label.text() == "尚未发送"
    assert card.subtitle_label.text().startswith("待编号 · 社会建设 · 提交于 ")
    assert "网络可用时将自动发送" in card.subtitle_label.text()

    # the next suggestion: the "saved" message was about the last one and goes
    tap(qtbot, terminal_window.suggestions.new_button)
    assert form.message.isVisible()
    type_text(form.title_edit, "关于")
    assert not form.message.isVisible()


def test_missing_fields_are_explained(qtbot: Any, terminal_window: Any, terminal_data: Any) -> None:
    form = open_form(qtbot, terminal_window)
    tap(qtbot, form.submit_button)
    assert form.message.text() == "请选择建议类别。"
    tap(qtbot, form.category_buttons[SuggestionCategory.OTHER])
    tap(qtbot, form.submit_button)
    assert form.message.text() == "请填写建议标题。"
    type_text(form.title_edit, TITLE)
    assert not form.message.isVisible()  # typing answers the last problem shown
    tap(qtbot, form.submit_button)
    assert form.message.text() == "请填写建议内容。"
    idle(qtbot, terminal_window.ctx)
    assert terminal_data.store.my_suggestions(terminal_data.delegate_id) == []


def test_draft_is_saved_while_typing_and_restored(
    qtbot: Any, terminal_window: Any, terminal_ctx: Any, terminal_data: Any
) -> None:
    from congress_desktop.ui.terminal.suggestion_form import SuggestionForm

    form = open_form(qtbot, terminal_window)
    fill(qtbot, form, content="未写完的内容")
    with qtbot.waitSignal(form.draft_saved, timeout=3000):
        pass  # about a second after the last keystroke
    assert form.draft_label.text().startswith("草稿已于 ")
    assert terminal_data.store.load_draft(terminal_data.delegate_id) == {
        "title": TITLE,
        "content": "未写完的内容",
        "category": "social",
        "cosigner_ids": [],
    }

    again = SuggestionForm(terminal_ctx)  # e.g. after the terminal restarted
    qtbot.addWidget(again)
    again.load_draft()
    qtbot.waitUntil(lambda: again.title_edit.text() == TITLE, timeout=WAIT_MS)
    assert again.content_edit.toPlainText() == "未写完的内容"
    assert again.category() == "social"
    assert again.draft_label.text() == "已恢复您未完成的草稿。"


def test_leaving_the_screen_saves_the_draft_at_once(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    form = open_form(qtbot, terminal_window)
    type_text(form.title_edit, "半个标题")
    tap(qtbot, terminal_window.nav_buttons["home"])
    idle(qtbot, terminal_window.ctx)
    draft = terminal_data.store.load_draft(terminal_data.delegate_id)
    assert draft is not None and draft["title"] == "半个标题"


def test_my_suggestions_show_number_and_rejection(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    from congress_desktop.protocol import OpResult, OpStatus

    store = terminal_data.store
    store.submit_suggestion(terminal_data.delegate_id, "被退回的建议", "内容", "other")
    [op] = store.pending_ops()
    store.record_results([OpResult(op_id=op.op_id, status=OpStatus.REJECTED, reason="重复提交")])
    form = open_form(qtbot, terminal_window)
    assert form is not None
    tap(qtbot, terminal_window.suggestions.mine_button)
    my_list = terminal_window.suggestions.my_list
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    card = my_list.card_list.items[0]
    assert card.badge_label.text() == "不予立案"
    assert "不予立案：重复提交" in card.subtitle_label.text()


def test_a_rejection_is_worded_in_the_delegates_language_not_the_servers(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    from congress_desktop.protocol import OpResult, OpStatus, RejectCode

    store = terminal_data.store
    store.submit_suggestion(terminal_data.delegate_id, "没有标题的建议", "内容", "other")
    [op] = store.pending_ops()
    refused = OpResult(
        op_id=op.op_id,
        status=OpStatus.REJECTED,
        reason="the title is empty",  # the server's English, for the log
        code=RejectCode.TITLE_EMPTY,
    )
    store.record_results([refused])
    assert open_form(qtbot, terminal_window) is not None
    tap(qtbot, terminal_window.suggestions.mine_button)
    my_list = terminal_window.suggestions.my_list
    qtbot.waitUntil(lambda: len(my_list.card_list.items) == 1, timeout=WAIT_MS)
    subtitle = my_list.card_list.items[0].subtitle_label.text()
    assert "不予立案：标题为空。" in subtitle and "the title is empty" not in subtitle

    tap(qtbot, terminal_window.language_button)  # English
    qtbot.waitUntil(lambda: "The title is empty." in card_text(my_list), timeout=WAIT_MS)


def card_text(my_list: Any) -> str:
    return " ".join(card.subtitle_label.text() for card in my_list.card_list.items)
