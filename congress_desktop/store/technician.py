"""The technician PIN that guards leaving the kiosk (close, minimise, settings, restart).

Stored as an argon2 hash in ``technician.json`` in the terminal's data directory (never the
PIN itself); set with ``congress-desktop technician-pin``. A terminal with no technician PIN
set refuses every technician PIN, so its kiosk can only be left by a technician at the
command line: the default is closed, not open.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from congress_desktop.errors import InvalidInputError

log = logging.getLogger(__name__)

FILENAME = "technician.json"
MIN_LENGTH = 4
MAX_LENGTH = 12


def pin_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def set_technician_pin(data_dir: Path, pin: str) -> None:
    """Hash and store ``pin`` (4–12 digits), replacing any earlier one, atomically."""
    if not pin.isdigit() or not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        raise InvalidInputError(f"the technician PIN must be {MIN_LENGTH}-{MAX_LENGTH} digits")
    data_dir.mkdir(parents=True, exist_ok=True)
    path = pin_path(data_dir)
    tmp = path.with_suffix(".tmp")
    from congress_desktop import security  # argon2: only when a PIN is set or checked

    tmp.write_text(json.dumps({"pin_hash": security.hash_secret(pin)}), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def has_technician_pin(data_dir: Path) -> bool:
    return _stored_hash(data_dir) is not None


def check_technician_pin(data_dir: Path, pin: str) -> bool:
    from congress_desktop import security

    return security.verify_secret(_stored_hash(data_dir), pin)


def _stored_hash(data_dir: Path) -> str | None:
    try:
        data = json.loads(pin_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.error("technician PIN file unreadable: %s", exc)
        return None
    value = data.get("pin_hash") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None
