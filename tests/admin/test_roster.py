"""Roster import: CSV and XLSX, row-numbered errors, all or nothing."""

from __future__ import annotations

import io

import httpx
import pytest
from server.helpers import World, count
from sqlalchemy import Engine, select

from congress_desktop import security
from congress_desktop.model import delegates, delegations, seats

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio

HEADER = ["代表证号", "姓名", "代表团", "单位及职务", "座位号", "证卡号", "PIN"]
GOOD = [
    ["101", "张晓明", "东城代表团", "东城区教育局局长", "11", "B101", "246810"],
    ["102", "李红梅", "东城代表团", "社区卫生服务中心主任", "12", "", ""],
    ["103", "王建国", "西湖代表团", "西湖农业合作社理事长", "13", "B103", ""],
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode()  # Excel's UTF-8 with BOM


def xlsx_bytes(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def upload(
    client: httpx.AsyncClient, headers: dict[str, str], name: str, data: bytes
) -> httpx.Response:
    return await client.post(f"{ADMIN}/roster", files={"file": (name, data)}, headers=headers)


async def test_csv_roster_is_imported_with_seats_badges_and_pins(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    result = ok(await upload(client, secretariat, "名册.csv", csv_bytes(GOOD)))
    assert result == {
        "session_id": world.session_id,
        "rows": 3,
        "delegations_created": 2,
        "delegates_created": 3,
        "delegates_updated": 0,
        "seats_assigned": 3,
    }
    listed = ok(await client.get(f"{ADMIN}/delegates", headers=secretariat))
    zhang = next(d for d in listed if d["number"] == "101")
    assert zhang["delegation"] == "东城代表团" and zhang["seat_number"] == 11
    assert zhang["badge_id"] == "B101" and zhang["has_pin"] is True
    with engine.connect() as conn:
        pin_hash = conn.execute(
            select(delegates.c.pin_hash).where(delegates.c.number == "101")
        ).scalar_one()
    assert security.verify_secret(pin_hash, "246810")
    # the same file again changes nothing; an edited row updates that delegate only
    again = ok(await upload(client, secretariat, "名册.csv", csv_bytes(GOOD)))
    assert again["delegates_created"] == 0 and again["delegates_updated"] == 0
    edited = [GOOD[0], ["102", "李红梅", "东城代表团", "市妇联副主席", "12", "", ""], GOOD[2]]
    assert (
        ok(await upload(client, secretariat, "r.csv", csv_bytes(edited)))["delegates_updated"] == 1
    )
    entry = audit_rows(engine, "roster.import")[0]
    assert entry["username"] == "mishu" and entry["after"]["delegates_created"] == 3
    assert entry["before"] == {"delegates": 3}


async def test_english_headers_are_accepted(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    rows = [["201", "Chen Jing", "North", "Teacher"]]
    data = csv_bytes(rows, header=["number", "name", "delegation", "unit"])
    assert ok(await upload(client, secretariat, "roster.csv", data))["delegates_created"] == 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
async def test_a_bad_row_rejects_the_whole_file(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    kind: str,
) -> None:
    rows: list[list[str]] = [
        *GOOD,
        ["104", "赵六", "西湖代表团", "", "14", "", ""],
        ["105", "", "西湖代表团", "", "15", "", ""],  # row 6: the name is missing
        ["106", "钱七", "西湖代表团", "", "十六", "", "12"],  # row 7: seat and PIN
        ["101", "孙八", "西湖代表团", "", "", "", ""],  # row 8: repeats row 2
    ]
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(list(rows))
    before = {t.name: count(engine, t) for t in (delegates, delegations, seats)}
    response = await upload(client, secretariat, f"名册.{kind}", data)
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "bad_request"
    problems = [(e["row"], e["column"], e["message_zh"]) for e in body["errors"]]
    assert problems == [
        (6, "name", "第 6 行：缺少姓名"),
        (7, "seat", "第 7 行：座位号“十六”不是正整数"),
        (7, "pin", "第 7 行：PIN 须为 4 至 8 位数字"),
        (8, "number", "第 8 行：代表证号 101 与第 2 行重复"),
    ]
    assert body["errors"][0]["message"] == "row 6: name is missing"
    assert {t.name: count(engine, t) for t in (delegates, delegations, seats)} == before
    assert audit_rows(engine, "roster.import") == []


async def test_xlsx_roster_with_numbers_as_cells(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    rows: list[list[object]] = [[301, "周九", "南山代表团", "南山街道办事处主任", 31, None, None]]
    result = ok(await upload(client, secretariat, "名册.xlsx", xlsx_bytes(rows)))
    assert result["delegates_created"] == 1 and result["seats_assigned"] == 1
    seats_now = ok(await client.get(f"{ADMIN}/seats", headers=secretariat))
    assert any(s["number"] == 31 and s["delegate_name"] == "周九" for s in seats_now)


async def test_missing_column_and_unreadable_files(
    client: httpx.AsyncClient, world: World, secretariat: dict[str, str]
) -> None:
    no_name = csv_bytes([["1", "团"]], header=["代表证号", "代表团"])
    body = (await upload(client, secretariat, "a.csv", no_name)).json()
    assert [e["message_zh"] for e in body["errors"]] == ["第 1 行：缺少“姓名”列"]
    broken = await upload(client, secretariat, "a.xlsx", b"PK\x03\x04 not really a zip")
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["row"] == 1


async def test_seat_assignment_moves_a_delegate(
    client: httpx.AsyncClient, engine: Engine, world: World, secretariat: dict[str, str]
) -> None:
    seat = ok(
        await client.put(
            f"{ADMIN}/seats/7", json={"delegate_id": world.delegates[0]}, headers=secretariat
        )
    )
    assert seat["number"] == 7 and seat["delegate_name"] == "代表1"
    listed = {
        s["number"]: s["delegate_id"]
        for s in ok(await client.get(f"{ADMIN}/seats", headers=secretariat))
    }
    assert listed[1] is None and listed[7] == world.delegates[0]
    entry = audit_rows(engine, "seat.assign")[-1]
    assert entry["before"] is None and entry["after"]["delegate_id"] == world.delegates[0]
