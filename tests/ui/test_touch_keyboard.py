"""Touch typing: when the on-screen keyboard is on, and Pinyin typed on it under a real X server.

The keyboard is Qt Virtual Keyboard in a window of its own, which the offscreen platform
cannot show: the typing test runs ``keyboard_probe.py`` in a subprocess under Xvfb.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from congress_desktop import keyboards
from congress_desktop.keyboards import hardware_keyboards, keyboard_mode, touch_keyboard_wanted
from congress_desktop.ui.terminal.kiosk import KioskSettings

ROOT = Path(__file__).resolve().parents[2]

KEYBOARD = """I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
P: Phys=isa0060/serio0/input0
S: Sysfs=/devices/platform/i8042/serio0/input/input3
U: Uniq=
H: Handlers=sysrq kbd leds event3
B: PROP=0
B: EV=120013
B: KEY=402000000 3803078f800d001 feffffdfffefffff fffffffffffffffe
B: MSC=10
B: LED=7
"""
POWER_BUTTON = """I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=LNXPWRBN/button/input0
H: Handlers=kbd event0
B: PROP=0
B: EV=3
B: KEY=10000000000000 0
"""
TOUCHSCREEN = """I: Bus=0003 Vendor=0eef Product=c002 Version=0111
N: Name="eGalax Inc. eGalaxTouch EXC3000"
H: Handlers=mouse0 event5
B: PROP=2
B: EV=1b
B: KEY=400 0 0 0 0 0
B: ABS=260800000000003
B: MSC=10
"""
CARD_READER = KEYBOARD.replace("AT Translated Set 2 keyboard", "Sycreader RFID Card Reader")
MEDIA_KEYS = """I: Bus=0003 Vendor=046d Product=c52b Version=0111
N: Name="Logitech USB Receiver Consumer Control"
H: Handlers=kbd event7
B: PROP=0
B: EV=13
B: KEY=3ff 0 0 483ffff17aff32d bfd4444600000000 1 130c730b17c000 267bfad9415fed
"""


def listing(*devices: str) -> str:
    return "\n".join(devices)


def test_a_pc_keyboard_is_found_and_buttons_touchscreens_and_badge_readers_are_not() -> None:
    assert hardware_keyboards(listing(POWER_BUTTON, KEYBOARD, TOUCHSCREEN)) == [
        "AT Translated Set 2 keyboard"
    ]
    assert hardware_keyboards(listing(POWER_BUTTON, TOUCHSCREEN, MEDIA_KEYS)) == []
    assert hardware_keyboards(listing(CARD_READER, TOUCHSCREEN)) == []
    assert hardware_keyboards("") == []
    custom = KEYBOARD.replace("AT Translated Set 2 keyboard", "ACME HID 1234")
    assert hardware_keyboards(custom) == ["ACME HID 1234"]
    ignore = keyboards.ignored_names({keyboards.IGNORE_ENV: "acme hid, other"})
    assert hardware_keyboards(custom, ignore) == []


def test_auto_shows_the_keyboard_only_in_a_kiosk_without_a_hardware_keyboard() -> None:
    without = listing(POWER_BUTTON, TOUCHSCREEN, CARD_READER)
    with_keyboard = listing(POWER_BUTTON, TOUCHSCREEN, KEYBOARD)
    assert touch_keyboard_wanted("auto", kiosk=True, devices=without) is True
    assert touch_keyboard_wanted("auto", kiosk=True, devices=with_keyboard) is False
    assert touch_keyboard_wanted("auto", kiosk=False, devices=without) is False  # development
    assert touch_keyboard_wanted("auto", kiosk=True, devices=None) is False  # no /proc listing
    assert touch_keyboard_wanted("on", kiosk=False, devices=with_keyboard) is True
    assert touch_keyboard_wanted("off", kiosk=True, devices=without) is False
    with pytest.raises(ValueError):
        touch_keyboard_wanted("sometimes", kiosk=True, devices=without)
    # the real listing of this machine parses, whatever it holds
    real = keyboards.read_devices()
    assert real is None or isinstance(hardware_keyboards(real), list)


def test_the_mode_comes_from_the_command_line_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {keyboards.KEYBOARD_ENV: "ON"}
    assert keyboard_mode(None, env) == "on"
    assert keyboard_mode("off", env) == "off"
    assert keyboard_mode(None, {}) == "auto"
    assert keyboard_mode(None, {keyboards.KEYBOARD_ENV: "maybe"}) == "auto"
    monkeypatch.setenv(keyboards.KEYBOARD_ENV, "off")
    assert KioskSettings.from_env().keyboard == "off"
    assert KioskSettings.from_env(keyboard="on").keyboard == "on"


def test_the_command_line_rejects_an_unknown_keyboard_mode() -> None:
    from congress_desktop.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["terminal", "--data", "/tmp/x", "--keyboard", "on"])
    assert args.keyboard == "on"
    with pytest.raises(SystemExit):
        parser.parse_args(["terminal", "--data", "/tmp/x", "--keyboard", "loud"])


def run_probe(tmp_path: Path, screenshot: Path | None = None) -> dict[str, Any]:
    """``keyboard_probe.py`` under Xvfb; its JSON result."""
    from congress_desktop.ui.touch_keyboard import virtual_keyboard_missing

    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (setup.sh installs xvfb): no X server to type on")
    missing = virtual_keyboard_missing()
    if missing is not None:
        pytest.fail(f"Qt Virtual Keyboard is missing: {missing}")
    result = tmp_path / "result.json"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_API="pyside6")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable,
               str(ROOT / "tests" / "ui" / "keyboard_probe.py"), str(tmp_path / "terminal"),
               str(result)]  # fmt: skip
    if screenshot is not None:
        command.append(str(screenshot))
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert result.exists(), f"the probe wrote no result:\n{done.stdout}\n{done.stderr[-3000:]}"
    return json.loads(result.read_text(encoding="utf-8"))


@pytest.mark.e2e
def test_pinyin_typed_on_the_onscreen_keyboard_lands_in_fields_kept_above_it(
    tmp_path: Path,
) -> None:
    seen = run_probe(tmp_path, tmp_path / "keyboard.png")
    assert seen.get("error") is None  # (the probe's own failure, if any, shows here)
    assert seen["keyboard_visible_before"] is False  # it opens on a tap in a field
    assert seen["locale"] == "zh_CN"
    # n-i-h-a-o, then the space bar takes the first candidate
    assert seen["title"] == "你好"
    assert seen["title_bottom"] <= seen["keyboard_top"]
    # the content field sits where the keyboard opens: the screen scrolled it above the keys
    assert seen["content_bottom_without_keyboard"] > seen["keyboard_top_2"]
    assert seen["content"] == "再见"
    assert seen["content_bottom"] <= seen["keyboard_top_2"]
    assert seen["visible_bottom"] <= seen["keyboard_top_2"]
    assert seen["covered"] > 0
    assert seen["covered_after_hide"] == 0  # full height again once the keyboard is gone
    assert seen["locale_after_switch"] == "en_US"  # the UI language switch reaches the keys
    assert seen["typed_in_english"].lower() == "ok"
    assert seen["active_locales"] == ["zh_CN", "en_US"]  # the globe key offers just these
    assert (tmp_path / "keyboard.png").stat().st_size > 10_000


def test_without_the_keyboard_a_screen_fills_the_area_and_scrolls_only_if_it_cannot_squeeze(
    qtbot: Any, terminal_window: Any
) -> None:
    from fixtures.ui import PIN
    from PySide6.QtWidgets import QLabel

    from .helpers import sign_in

    window = terminal_window
    sign_in(qtbot, window, PIN)
    scroll = window.screen_scroll
    # a wrapped text far taller than the screen must squeeze, never stretch the screen
    window.home.layout_.addWidget(QLabel("很长的一段话。" * 3000, wordWrap=True))
    for key in ("home", "agenda", "documents", "motions", "notices", "suggestions"):
        window.show_screen(key)
        need = window.screens[key].minimumSizeHint().height()
        qtbot.waitUntil(lambda n=need: window.stack.height() == max(n, scroll.height()))
        assert scroll.verticalScrollBar().maximum() == max(0, need - scroll.height()), key
        assert scroll.covered == 0
    window.show_screen("home")
    qtbot.wait(20)
    assert window.stack.height() < scroll.height() + 100  # not the text's 9,000 px
    # a screen that cannot be squeezed that far scrolls instead of overlapping its parts
    window.agenda.setMinimumHeight(scroll.height() + 300)
    window.show_screen("agenda")
    qtbot.waitUntil(lambda: window.stack.height() == scroll.height() + 300)
    assert scroll.verticalScrollBar().maximum() == 300
