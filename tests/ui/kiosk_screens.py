"""Screenshots of every terminal screen at 1920×1080, kiosk mode, for people to look at.

    xvfb-run -a -s "-screen 0 1920x1080x24" env PYTHONPATH=.:tests \\
        .venv/bin/python tests/ui/kiosk_screens.py OUT_DIR

Under an X server (Xvfb) it grabs the whole screen, so the on-screen keyboard (a window of its
own) is in the picture; without one (``QT_QPA_PLATFORM=offscreen``) it grabs the window and
leaves the keyboard shot out. The terminal is the test fixture's (``fixtures.ui``), driven by
taps on its real widgets. Prints one line per PNG: ``name<TAB>path``.
``tests/ui/test_kiosk_screens.py`` runs it and checks every file.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

SHOTS = (
    "signin",
    "signin-wrong-pin",
    "home",
    "agenda",
    "documents",
    "reader",
    "motions",
    "motion-detail",
    "notices",
    "suggestion-composer",
    "my-suggestions",
    "suggestion-not-accepted",
    "invitations",
    "technician-pin",
    "technician-menu",
    "crash",
    "keyboard-open",
    "large-type-home",
    "large-type-composer",
    "home-en",
)


def main(out_dir: Path) -> int:
    on_x = bool(os.environ.get("DISPLAY")) and os.environ.get("QT_QPA_PLATFORM") != "offscreen"
    if on_x:
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        from congress_desktop.ui.touch_keyboard import enable_touch_keyboard

        on_x = enable_touch_keyboard("zh_CN")
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from fixtures.ui import DOC_TITLE, PIN, TECHNICIAN_PIN, WRONG_PIN
    from kiosk_driver import open_kiosk_window, tap, tap_keys, until
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget
    from suggestion_rows import invitation, invitation_from_li, server_rows, suggestion

    from congress_desktop.model import SuggestionCategory
    from congress_desktop.protocol import OpResult, OpStatus, RejectCode

    out_dir.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-screens-")) / "terminal"
    data, _app, ops, window = open_kiosk_window(data_dir, "screens")
    method = QGuiApplication.inputMethod()
    count = 0
    code = 0

    def settle() -> None:
        until(lambda: not ops.busy and not (window._viewer and window._viewer.rendering), "work")

    def shot(name: str) -> None:
        nonlocal count
        assert name in SHOTS, name
        count += 1
        path = out_dir / f"{count:02d}-{name}.png"
        QTest.qWait(200)
        image = window.screen().grabWindow(0) if on_x else window.grab()
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        sys.stdout.write(f"{name}\t{path}\n")
        sys.stdout.flush()

    def enter_pin(pin: str, pad: Any, ok: QWidget) -> None:
        pad.clear()
        for digit in pin:
            tap(pad.digit_buttons[digit])
        tap(ok)
        settle()

    try:
        window.apply_kiosk()
        window.activateWindow()
        window.start()
        until(lambda: window.started and not ops.busy, "the sign-in screen")
        shot("signin")
        signin = window.signin
        enter_pin(WRONG_PIN, signin.pin_pad, signin.sign_in_button)
        until(signin.message.isVisible, "the wrong-PIN message")
        shot("signin-wrong-pin")
        enter_pin(PIN, signin.pin_pad, signin.sign_in_button)
        until(lambda: window.current_key() == "home", "home")
        settle()
        shot("home")
        for key in ("agenda", "documents"):
            tap(window.nav_buttons[key])
            settle()
            shot(key)
        until(lambda: window.documents.card_for(DOC_TITLE) is not None, "the document")
        tap(window.documents.card_for(DOC_TITLE))
        until(lambda: window.viewer.page_view.has_page(), "the first page")
        settle()
        shot("reader")
        tap(window.nav_buttons["motions"])
        settle()
        shot("motions")
        motions = window.motions
        motions.select_motion(motions._motions[-1].id)
        settle()
        shot("motion-detail")
        tap(window.nav_buttons["notices"])
        settle()
        notices = window.notices.notice_list.items
        if notices:
            tap(notices[0])
            settle()
        shot("notices")

        tap(window.nav_buttons["suggestions"])
        suggestions = window.suggestions
        suggestions.show_form()
        settle()
        form = suggestions.form
        tap(form.category_buttons[str(SuggestionCategory.SOCIAL)])
        form.title_edit.setText("关于增设社区养老服务中心的建议")
        form.content_edit.setPlainText(
            "随着人口老龄化程度不断加深，部分老旧小区缺少就近的养老服务设施。\n"
            "建议：一、每个街道至少规划一处社区养老服务中心；二、利用闲置公房改建养老服务站。"
        )
        settle()
        shot("suggestion-composer")
        tap(form.submit_button)
        until(form.message.isVisible, "the submission")
        tap(suggestions.mine_button)
        settle()
        shot("my-suggestions")
        # the server refused it (say, its title was emptied): worded in the delegate's language
        [submit] = [o for o in data.store.pending_ops() if o.kind == "suggestion.submit"]
        refused = OpResult(
            op_id=submit.op_id,
            status=OpStatus.REJECTED,
            reason="the title is empty",
            code=RejectCode.TITLE_EMPTY,
        )
        data.store.record_results([refused])
        window.ctx.sync.tables_changed.emit(frozenset({"suggestions"}))
        settle()
        shot("suggestion-not-accepted")
        closed = "sug-closed"
        server_rows(
            data.store,
            *invitation_from_li(),
            suggestion(closed, "d2", ["d1"], "submitted", 8),
            invitation(closed, "d1", "d2", "expired"),
        )
        window.ctx.sync.tables_changed.emit(
            frozenset({"suggestions", "suggestion_cosigners", "suggestion_events"})
        )
        tap(suggestions.invitations_button)
        settle()
        until(lambda: len(suggestions.invitations.card_list.items) == 2, "the invitations")
        shot("invitations")  # one to answer, one the secretariat closed (截止附议)

        window.ask_technician("menu")
        QTest.qWait(100)
        shot("technician-pin")
        panel = window.technician_pin
        enter_pin(TECHNICIAN_PIN, panel.pin_pad, panel.ok_button)
        until(window.technician_menu.isVisible, "the technician menu")
        settle()
        shot("technician-menu")
        window.show_crash()
        shot("crash")
        window.show_main()

        if on_x:
            tap(suggestions.new_button)
            settle()
            form.title_edit.clear()
            tap(form.title_edit)
            until(method.isVisible, "the on-screen keyboard")
            tap_keys("nihao")
            shot("keyboard-open")
            tap_keys(" ")
            method.hide()
            until(lambda: not method.isVisible(), "the keyboard to close")

        tap(window.large_type_button)
        tap(window.nav_buttons["home"])
        settle()
        shot("large-type-home")
        tap(window.nav_buttons["suggestions"])
        suggestions.show_form()
        settle()
        shot("large-type-composer")
        tap(window.large_type_button)

        tap(window.language_button)
        tap(window.nav_buttons["home"])
        settle()
        shot("home-en")
    except Exception:
        traceback.print_exc()
        code = 1
    finally:
        form = window.suggestions.form
        form.flush_draft()
        window._leaving = True
        window.close()
        ops.shutdown()
        data.store.close()
    sys.stdout.flush()
    sys.stderr.flush()
    # skip interpreter teardown: Qt Quick's objects outliving the QApplication abort it
    os._exit(code)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__ or "")
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
