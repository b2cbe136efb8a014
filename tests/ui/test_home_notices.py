"""Home (current item, sign-in, unread notices, sync state), the notices screen and the
unread badge, motions linking to their documents."""

from __future__ import annotations

from typing import Any

from fixtures.ui import DOC_TITLE, PIN

from congress_desktop.sync.engine import DownloadProgress, SyncStatus

from .helpers import WAIT_MS, sign_in, tap
from .test_window import EngineDouble, engine  # noqa: F401  (fixture)


def publish_notice(store: Any, notice_id: str, title: str, seq: int) -> None:
    from congress_desktop import model as m
    from congress_desktop.protocol import Change, PullResponse

    values = {"id": notice_id, "session_id": "s1", "title": title, "body": "请准时参加。"}
    row = m.row_to_wire(m.notices, {**values, "published_at": m.utcnow()})
    store.apply_pull(PullResponse(
        epoch="e1", changes=[Change(table="notices", id=notice_id, seq=seq, row=row)],
        next=seq, has_more=False, server_time=m.utcnow(),
    ))  # fmt: skip


def test_home_shows_item_documents_signin_unread_and_sync(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    home = terminal_window.home
    qtbot.waitUntil(lambda: home.unread_badge.isVisible(), timeout=WAIT_MS)
    assert home.item_title.text() == "第2项：审查和批准国民经济和社会发展计划"
    assert [c.title_label.text() for c in home.document_list.items] == [DOC_TITLE]
    assert home.signin_badge.text() == "已保存在本终端"
    assert home.unread_badge.text() == "1 条未读"
    assert home.notice_title.text() == "最新：下午两点三十分召开代表团全体会议"
    card = home.sync_card
    assert card.network_label.text() == "离线"
    assert card.outbox_label.text() == "1 项操作待发送"  # the sign-in
    assert card.documents_label.text() == "文件已缓存：1/2"
    assert terminal_window.notices_badge.text() == "1"
    assert terminal_window.notices_badge.isVisible()


def test_home_shows_download_progress_from_the_engine(
    qtbot: Any,
    engine: EngineDouble,  # noqa: F811
    terminal_window: Any,
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    card = terminal_window.home.sync_card
    mb = 1024 * 1024
    status = SyncStatus(
        online=True, bytes_total=10 * mb, bytes_cached=4 * mb, downloads_queued=1,
        downloads=(DownloadProgress("0" * 64, "关于2024年预算执行情况的报告", mb, 6 * mb),),
    )  # fmt: skip
    engine.emit(status)
    qtbot.waitUntil(lambda: card.network_label.text() == "在线", timeout=WAIT_MS)
    assert card.download_label.text() == "正在下载《关于2024年预算执行情况的报告》：5.0/10.0 MB"
    assert card.progress.isVisible()
    assert card.progress.value() == 500
    engine.emit(SyncStatus(online=True, bytes_total=10 * mb, bytes_cached=10 * mb))
    qtbot.waitUntil(lambda: not card.progress.isVisible(), timeout=WAIT_MS)
    assert card.download_label.text() == "本终端已缓存 10.0/10.0 MB"


def test_opening_a_notice_marks_it_read(
    qtbot: Any, terminal_window: Any, terminal_data: Any
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.home.notices_button)
    assert terminal_window.current_key() == "notices"
    notices = terminal_window.notices
    qtbot.waitUntil(lambda: len(notices.notice_list.items) == 1, timeout=WAIT_MS)
    card = notices.notice_list.items[0]
    assert card.badge_label.text() == "未读"
    tap(qtbot, card)
    assert notices.detail_title.text() == "下午两点三十分召开代表团全体会议"
    assert notices.detail_body.text() == "请各位代表准时参加。"
    qtbot.waitUntil(lambda: not terminal_window.notices_badge.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not terminal_window.ctx.ops.busy, timeout=WAIT_MS)
    store = terminal_data.store
    assert store.unread_notices(terminal_data.delegate_id) == set()
    assert not notices.notice_list.items[0].badge_label.isVisible()


def test_a_new_notice_raises_the_unread_badge(
    qtbot: Any,
    engine: EngineDouble,  # noqa: F811
    terminal_window: Any,
    terminal_data: Any,
) -> None:
    sign_in(qtbot, terminal_window, PIN)
    badge = terminal_window.notices_badge
    qtbot.waitUntil(lambda: badge.text() == "1", timeout=WAIT_MS)
    publish_notice(terminal_data.store, "n2", "明天上午八点半集合乘车", 200)
    engine.emit(SyncStatus(online=True), frozenset({"notices"}))
    qtbot.waitUntil(lambda: badge.text() == "2", timeout=WAIT_MS)
    home = terminal_window.home
    qtbot.waitUntil(lambda: home.unread_badge.text() == "2 条未读", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: home.notice_title.text() == "最新：明天上午八点半集合乘车", timeout=WAIT_MS
    )


def test_a_motion_opens_its_document(qtbot: Any, terminal_window: Any) -> None:
    sign_in(qtbot, terminal_window, PIN)
    tap(qtbot, terminal_window.nav_buttons["motions"])
    motions = terminal_window.motions
    qtbot.waitUntil(lambda: motions.document_button.isVisible(), timeout=WAIT_MS)
    assert motions.document_button.text() == f"打开文件：{DOC_TITLE}"
    tap(qtbot, motions.document_button)
    assert terminal_window.current_key() == "viewer"
    viewer = terminal_window.viewer
    qtbot.waitUntil(viewer.page_view.has_page, timeout=WAIT_MS)
    assert viewer.document.title == DOC_TITLE
    tap(qtbot, viewer.back_button)
    assert terminal_window.current_key() == "motions"
    tap(qtbot, motions.motion_list.items[1])
    assert not motions.document_button.isVisible()


def test_a_sign_in_the_server_refused_says_why_and_signing_in_again_retries(
    qtbot: Any, terminal_window: Any
) -> None:
    from congress_desktop.protocol import OpResult, OpStatus, RejectCode

    sign_in(qtbot, terminal_window, PIN)
    store, home = terminal_window.ctx.store, terminal_window.home
    [op] = store.pending_ops()
    refused = OpResult(
        op_id=op.op_id,
        status=OpStatus.REJECTED,
        reason="the delegate is not assigned to this terminal's seat",
        code=RejectCode.NOT_YOUR_SEAT,
    )
    store.record_results([refused])
    home.refresh()
    qtbot.waitUntil(lambda: home.signin_badge.text() == "大会未接受", timeout=WAIT_MS)
    assert home.signin_note.text() == "您未被安排在本座位，请联系秘书处工作人员。您尚未计入出席。"
    status = terminal_window.status_bar
    status.refresh()
    qtbot.waitUntil(lambda: status.signin_label.text() == "签到未被大会接受", timeout=WAIT_MS)

    terminal_window.lock()  # the delegate signs in again, once the staff fixed the seat
    sign_in(qtbot, terminal_window, PIN)
    qtbot.waitUntil(lambda: home.signin_badge.text() == "已保存在本终端", timeout=WAIT_MS)
    assert [o.kind for o in store.pending_ops()] == ["signin"]  # a new attempt
