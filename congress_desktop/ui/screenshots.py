"""Screenshot mode: walk every terminal screen the way a delegate would and save PNGs.

Used by ``congress-desktop demo --screenshots DIR`` and by developers to look at the UI
without a display. The tour drives the real widgets (PIN pad, buttons, fields) of a running
terminal; it only waits, with a bound, for the first sync and for background work.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from congress_desktop.model import SuggestionCategory, SuggestionState
from congress_desktop.ui.terminal.window import TerminalWindow

log = logging.getLogger(__name__)

FIRST_SYNC_TIMEOUT_S = 60.0
STEP_TIMEOUT_S = 15.0
WRONG_PIN = "000000"

SUGGESTION_TITLE = "关于增设社区养老服务中心的建议"
SUGGESTION_CONTENT = (
    "随着我市人口老龄化程度不断加深，部分老旧小区缺少就近的养老服务设施，"
    "独居老人的日间照料、助餐和医疗服务需求难以满足。\n"
    "建议：一、按照每个街道至少一处的标准，规划建设社区养老服务中心；"
    "二、利用闲置公房改建嵌入式养老服务站；三、鼓励社会力量参与运营，"
    "市财政给予运营补贴。"
)


class ScreenshotTour:
    def __init__(self, window: TerminalWindow, out_dir: Path, *, pin: str) -> None:
        self.window = window
        self.ctx = window.ctx
        self.out_dir = out_dir
        self.pin = pin
        self.count = 0

    async def run(self) -> int:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        await self._wait_for_first_sync()
        self.window.start()
        await self._idle()
        try:
            await self._tour()
        except TimeoutError as exc:
            log.error("screenshot tour stopped: %s", exc)
            self._shot("failed")
            return 1
        log.info("wrote %d screenshots to %s", self.count, self.out_dir)
        return 0

    # ------------------------------------------------------------------ the tour

    async def _tour(self) -> None:
        w = self.window
        self._shot("signin")

        await self._enter_pin(WRONG_PIN)
        await self._until(lambda: w.signin.message.isVisible(), "the wrong-PIN message")
        self._shot("signin-wrong-pin")

        await self._enter_pin(self.pin)
        await self._until(lambda: w.current_key() == "home", "home after sign-in")
        await self._idle()
        self._shot("home")

        w.show_screen("agenda")
        await self._idle()
        self._shot("agenda")

        w.show_screen("documents")
        await self._idle()
        self._shot("documents")

        docs = [d for d in w.documents._data.documents if d.available]
        # a long document, the current item's if it has one: page 2 is then a real page
        current = {i.id for i in w.documents._data.items.values() if i.is_current}
        docs.sort(key=lambda d: (d.agenda_item_id not in current, d.pages < 2))
        if docs:
            w.open_document(docs[0])
            await self._until(w.viewer.page_view.has_page, "the first page")
            if w.viewer.page_count > 1:
                w.viewer.next_button.click()
                await self._idle()
            self._shot("viewer")
            w.viewer.zoom_in_button.click()
            w.viewer.zoom_in_button.click()
            await self._idle()
            self._shot("viewer-zoomed")
        else:
            log.warning("no document is cached: the viewer screenshots are skipped")

        w.show_screen("motions")
        await self._idle()
        self._shot("motions")
        motions = w.motions._motions
        if len(motions) > 1:
            w.motions.select_motion(motions[1].id)
            await self._idle()
        self._shot("motion-detail")

        w.show_screen("notices")
        await self._idle()
        notices = w.notices.notice_list.items
        if notices:
            notices[-1].clicked.emit()  # the oldest: the newer ones stay marked unread
            await self._idle()
        self._shot("notices")

        w.show_screen("suggestions")
        await self._idle()
        form = w.suggestions.form
        form.category_buttons[str(SuggestionCategory.SOCIAL)].click()
        form.title_edit.setText(SUGGESTION_TITLE)
        form.content_edit.setPlainText(SUGGESTION_CONTENT)
        await asyncio.sleep(1.3)  # let the draft autosave show
        await self._idle()
        self._shot("suggestion-form")

        form.submit_button.click()
        await self._until(lambda: form.message.isVisible(), "the submission")
        await self._idle()
        self._shot("suggestion-submitted")

        w.suggestions.mine_button.click()
        await self._idle()
        self._shot("my-suggestions")

        # the demo server's suggestions: one answered (feedback form), one invitation
        my_list = w.suggestions.my_list
        answered = [s.id for s in my_list.suggestions if s.state == SuggestionState.REPLIED]
        if answered:
            my_list.open_suggestion(answered[0])
            await self._until(lambda: my_list.detail.detail is not None, "the suggestion")
            await self._idle()
            self._shot("suggestion-detail")
            my_list.show_list()
        w.suggestions.invitations_button.click()
        await self._idle()
        self._shot("invitations")
        invitations = w.suggestions.invitations.card_list.items
        if invitations:
            invitations[0].clicked.emit()
            await self._idle()
            self._shot("invitation-detail")

        w.languages.set_language("en")
        w.show_screen("home")
        await self._idle()
        self._shot("home-en")

        w.show_screen("agenda")
        await self._idle()
        self._shot("agenda-en")

    # ------------------------------------------------------------------ helpers

    async def _enter_pin(self, pin: str) -> None:
        signin = self.window.signin
        signin.pin_pad.clear()
        for digit in pin:
            signin.pin_pad.digit_buttons[digit].click()
        signin.sign_in_button.click()
        await self._idle()

    def _shot(self, name: str) -> None:
        self.count += 1
        path = self.out_dir / f"{self.count:02d}-{name}.png"
        if not self.window.grab().save(str(path)):
            log.error("could not write %s", path)

    async def _wait_for_first_sync(self) -> None:
        """Until the first sync round has ended and every document is cached, bounded.

        A terminal whose server cannot be reached shows what its store already holds: once
        the engine has reported an error, the tour starts as soon as the store has data.
        """
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + FIRST_SYNC_TIMEOUT_S
        summary: dict[str, int] = {}
        while time.monotonic() < deadline:
            summary = await loop.run_in_executor(None, self.ctx.store.summary)
            status = self.ctx.sync.status
            docs = summary.get("documents", 0)
            if status is None or status.last_sync is not None:
                if docs and summary.get("documents_verified", 0) >= docs:
                    return
            elif status.last_error and summary.get("agenda_items", 0):
                log.warning("server unreachable (%s): showing the local data", status.last_error)
                return
            await asyncio.sleep(0.5)
        log.warning("first sync incomplete after %.0f s: %s", FIRST_SYNC_TIMEOUT_S, summary)

    async def _idle(self) -> None:
        """Until no background work is pending, then let Qt paint."""
        viewer = self.window.viewer
        await self._until(
            lambda: not self.ctx.ops.busy and not viewer.rendering, "background work", settle=0.15
        )
        await asyncio.sleep(0.15)

    async def _until(self, condition: object, what: str, *, settle: float = 0.3) -> None:
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {STEP_TIMEOUT_S:.0f} s for {what}")
            await asyncio.sleep(0.05)
        await asyncio.sleep(settle)
