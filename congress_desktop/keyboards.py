"""Is there a hardware keyboard? Decides whether the terminal shows Qt's on-screen keyboard.

``congress-desktop terminal --keyboard auto|on|off`` (or ``CONGRESS_DESKTOP_KEYBOARD``):
``auto`` shows the on-screen keyboard in kiosk mode when Linux lists no real keyboard in
``/proc/bus/input/devices``; ``on`` and ``off`` force it. No Qt here: the UI sets
``QT_IM_MODULE`` from the answer before the QApplication exists.

A real keyboard is a device that repeats keys (``EV`` has the KEY and REP bits, as in the
``EV=120013`` of every PC keyboard), is handled as ``kbd`` and has all the letter keys. Power
buttons, lid switches and touchscreens fail that test. Keyboard-wedge badge readers pass it
(they pretend to be keyboards), so devices whose name contains one of
:data:`IGNORED_NAMES` (or of ``CONGRESS_DESKTOP_KEYBOARD_IGNORE``, comma-separated) do not
count.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MODES = ("auto", "on", "off")
KEYBOARD_ENV = "CONGRESS_DESKTOP_KEYBOARD"
IGNORE_ENV = "CONGRESS_DESKTOP_KEYBOARD_IGNORE"
DEVICES_FILE = Path("/proc/bus/input/devices")

IGNORED_NAMES = ("card reader", "cardreader", "rfid", "barcode", "scanner", "badge", "yubikey")
"""Name fragments (case-insensitive) of keyboard-like devices that are not keyboards."""

EV_KEY = 1
EV_REP = 20
LETTER_KEYS = (*range(16, 26), *range(30, 39), *range(44, 51))
"""Linux key codes of Q…P, A…L, Z…M (``linux/input-event-codes.h``)."""


@dataclass(frozen=True)
class InputDevice:
    name: str
    handlers: tuple[str, ...]
    ev: int
    keys: int  # the KEY bitmap as one integer (bit n = key code n)

    @property
    def is_keyboard(self) -> bool:
        return (
            bool(self.ev >> EV_KEY & 1)
            and bool(self.ev >> EV_REP & 1)
            and "kbd" in self.handlers
            and all(self.keys >> code & 1 for code in LETTER_KEYS)
        )


def _bitmap(words: str) -> int:
    """A /proc bitmap: hex words, most significant first, each one ``long`` (64 bits)."""
    value = 0
    for word in words.split():
        value = (value << 64) | int(word, 16)
    return value


def parse_devices(text: str) -> Iterator[InputDevice]:
    """The devices of a ``/proc/bus/input/devices`` listing (blank-line separated blocks)."""
    for block in text.split("\n\n"):
        name, ev, keys = "", 0, 0
        handlers: tuple[str, ...] = ()
        for line in block.splitlines():
            kind, _, rest = line.partition(": ")
            if kind == "N":
                name = rest.removeprefix("Name=").strip().strip('"')
            elif kind == "H":
                handlers = tuple(rest.removeprefix("Handlers=").split())
            elif kind == "B" and rest.startswith("EV="):
                ev = _bitmap(rest[3:])
            elif kind == "B" and rest.startswith("KEY="):
                keys = _bitmap(rest[4:])
        if name or handlers:
            yield InputDevice(name, handlers, ev, keys)


def ignored_names(env: dict[str, str] | None = None) -> tuple[str, ...]:
    extra = (env if env is not None else os.environ).get(IGNORE_ENV, "")
    return IGNORED_NAMES + tuple(p.strip().lower() for p in extra.split(",") if p.strip())


def hardware_keyboards(text: str, ignore: Iterable[str] = IGNORED_NAMES) -> list[str]:
    """Names of the real keyboards in a device listing."""
    ignore = tuple(ignore)
    return [
        d.name
        for d in parse_devices(text)
        if d.is_keyboard and not any(part in d.name.lower() for part in ignore)
    ]


def read_devices(path: Path = DEVICES_FILE) -> str | None:
    """The device listing, or None where there is none (not Linux, no /proc)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def touch_keyboard_wanted(
    mode: str, *, kiosk: bool, devices: str | None, ignore: Iterable[str] = IGNORED_NAMES
) -> bool:
    """Whether to show the on-screen keyboard.

    ``auto``: in kiosk mode, when the device listing shows no real keyboard (a system
    without a listing is taken to have one: desktops and development machines).
    """
    if mode == "on":
        return True
    if mode == "off":
        return False
    if mode != "auto":
        raise ValueError(f"keyboard mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not kiosk or devices is None:
        return False
    found = hardware_keyboards(devices, ignore)
    if found:
        log.info("hardware keyboard present (%s): no on-screen keyboard", ", ".join(found))
        return False
    log.info("no hardware keyboard: the on-screen keyboard is on")
    return True


def keyboard_mode(mode: str | None = None, env: dict[str, str] | None = None) -> str:
    """The mode from the command line, else ``CONGRESS_DESKTOP_KEYBOARD``, else ``auto``;
    an unknown value in the environment falls back to ``auto`` (logged)."""
    if mode is not None:
        return mode
    value = (env if env is not None else os.environ).get(KEYBOARD_ENV, "auto").strip().lower()
    if value not in MODES:
        log.warning("%s=%r is not one of %s: using auto", KEYBOARD_ENV, value, "/".join(MODES))
        return "auto"
    return value
