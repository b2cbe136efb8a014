"""Roster import (代表名册): CSV or XLSX → delegations, delegates and seats, all or nothing.

Columns (Chinese or English headers, any order): 代表证号/number, 姓名/name, 代表团/delegation,
单位及职务/unit, and optionally 座位号/seat, 证卡号/badge, PIN/pin. Every row is checked before
anything is written; one bad row rejects the file with every problem listed by its
spreadsheet row number (the header is row 1): "第 5 行：缺少姓名" / "row 5: name is missing".

Delegates are matched by 代表证号 within the session: a known number updates the delegate,
a new one creates it. Delegates missing from the file are left as they are. A seat given in
the file is created if needed and assigned to the row's delegate (whoever sat there before
loses it). PINs are hashed (argon2) before the write transaction starts.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from congress_desktop import security
from congress_desktop.protocol import RosterRowError

log = logging.getLogger(__name__)

MAX_ROWS = 20_000
PIN_RE = re.compile(r"^\d{4,8}$")


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    zh: str
    en: str
    required: bool
    max_len: int
    aliases: tuple[str, ...] = ()


COLUMNS = (
    ColumnSpec("number", "代表证号", "number", True, 20, ("证号", "delegate number")),
    ColumnSpec("name", "姓名", "name", True, 50),
    ColumnSpec("delegation", "代表团", "delegation", True, 100),
    ColumnSpec("unit", "单位及职务", "unit", False, 200, ("单位", "职务", "unit and post")),
    ColumnSpec("seat", "座位号", "seat", False, 10, ("座位",)),
    ColumnSpec("badge", "证卡号", "badge", False, 64, ("badge id", "badge_id", "卡号")),
    ColumnSpec("pin", "PIN", "pin", False, 8, ("密码",)),
)
_BY_HEADER = {
    name.strip().lower(): spec for spec in COLUMNS for name in (spec.zh, spec.en, *spec.aliases)
}


@dataclass
class RosterRow:
    row: int  # spreadsheet row number
    number: str
    name: str
    delegation: str
    unit: str = ""
    seat: int | None = None
    badge: str | None = None
    pin: str | None = None
    pin_hash: str | None = field(default=None, repr=False)


class RosterRejected(Exception):
    """The file cannot be imported; ``errors`` lists every problem (nothing was written)."""

    def __init__(self, errors: list[RosterRowError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the roster")
        self.errors = errors


def row_error(row: int, zh: str, en: str, column: str | None = None) -> RosterRowError:
    return RosterRowError(
        row=row, column=column, message=f"row {row}: {en}", message_zh=f"第 {row} 行：{zh}"
    )


# --------------------------------------------------------------------------- reading


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The rows of a CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX file, as strings."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise RosterRejected([row_error(1, "无法识别文件编码", "cannot decode the file")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        log.info("unreadable XLSX roster: %s", exc)
        raise RosterRejected(
            [row_error(1, "无法读取该 XLSX 文件", f"cannot read the XLSX file ({exc})")]
        ) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


# --------------------------------------------------------------------------- checking


def parse_roster(data: bytes, filename: str) -> list[RosterRow]:
    """Read and check a roster file; raise RosterRejected listing every problem."""
    table = read_table(data, filename)
    while table and not any(table[0]):
        table.pop(0)  # leading empty lines
    if not table:
        raise RosterRejected([row_error(1, "文件为空", "the file is empty")])
    header = table[0]
    columns: dict[str, int] = {}
    errors: list[RosterRowError] = []
    for index, name in enumerate(header):
        spec = _BY_HEADER.get(name.strip().lower())
        if spec is not None and spec.key not in columns:
            columns[spec.key] = index
    for spec in COLUMNS:
        if spec.required and spec.key not in columns:
            errors.append(
                row_error(1, f"缺少“{spec.zh}”列", f"the {spec.en} column is missing", spec.en)
            )
    if errors:
        raise RosterRejected(errors)
    rows: list[RosterRow] = []
    for offset, raw in enumerate(table[1:], start=2):
        if not any(raw):
            continue
        values = {key: raw[i] if i < len(raw) else "" for key, i in columns.items()}
        row = _check_row(offset, values, errors)
        if row is not None:
            rows.append(row)
    if not rows and not errors:
        errors.append(row_error(2, "名册中没有代表", "the roster lists no delegates"))
    if len(rows) > MAX_ROWS:
        errors.append(row_error(MAX_ROWS + 2, "超过行数上限", f"more than {MAX_ROWS} rows"))
    _check_unique(rows, errors)
    if errors:
        raise RosterRejected(sorted(errors, key=lambda e: e.row))
    return rows


def _check_row(row: int, values: dict[str, str], errors: list[RosterRowError]) -> RosterRow | None:
    before = len(errors)
    for spec in COLUMNS:
        value = values.get(spec.key, "")
        if spec.required and not value:
            errors.append(row_error(row, f"缺少{spec.zh}", f"{spec.en} is missing", spec.en))
        elif len(value) > spec.max_len:
            errors.append(
                row_error(
                    row,
                    f"{spec.zh}超过 {spec.max_len} 个字符",
                    f"{spec.en} is longer than {spec.max_len} characters",
                    spec.en,
                )
            )
    seat: int | None = None
    if seat_text := values.get("seat", ""):
        if seat_text.isdigit() and int(seat_text) > 0:
            seat = int(seat_text)
        else:
            errors.append(
                row_error(
                    row,
                    f"座位号“{seat_text}”不是正整数",
                    f"seat {seat_text!r} is not a positive whole number",
                    "seat",
                )
            )
    pin = values.get("pin", "") or None
    if pin is not None and not PIN_RE.fullmatch(pin):
        errors.append(row_error(row, "PIN 须为 4 至 8 位数字", "the PIN must be 4-8 digits", "pin"))
    if len(errors) > before:
        return None
    return RosterRow(
        row=row,
        number=values["number"],
        name=values["name"],
        delegation=values["delegation"],
        unit=values.get("unit", ""),
        seat=seat,
        badge=values.get("badge", "") or None,
        pin=pin,
    )


def _check_unique(rows: list[RosterRow], errors: list[RosterRowError]) -> None:
    for key, zh, en in (
        ("number", "代表证号", "number"),
        ("seat", "座位号", "seat"),
        ("badge", "证卡号", "badge"),
    ):
        seen: dict[Any, int] = {}
        for r in rows:
            value = getattr(r, key)
            if value is None:
                continue
            if value in seen:
                errors.append(
                    row_error(
                        r.row,
                        f"{zh} {value} 与第 {seen[value]} 行重复",
                        f"{en} {value} repeats row {seen[value]}",
                        en,
                    )
                )
            else:
                seen[value] = r.row


def hash_pins(rows: list[RosterRow], known: dict[str, str | None] | None = None) -> None:
    """Set ``pin_hash`` of the rows with a PIN. argon2 is slow on purpose: run this before
    any transaction starts, in parallel. ``known`` (delegate number → stored hash) keeps a
    stored hash that already matches the PIN, so re-importing a file changes nothing."""
    known = known or {}
    todo = [r for r in rows if r.pin]
    if not todo:
        return

    def one(r: RosterRow) -> str:
        stored = known.get(r.number)
        pin = r.pin or ""
        if stored and security.verify_secret(stored, pin):
            return stored
        return security.hash_secret(pin)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        hashes = list(pool.map(one, todo))
    for r, h in zip(todo, hashes, strict=True):
        r.pin_hash = h
