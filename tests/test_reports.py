"""Report PDFs (attendance, agenda, audit) from the admin API and the CLI, read back with
PyMuPDF: A4 pages, the embedded CJK font, and the expected Chinese text."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pymupdf
import pytest
import pytest_asyncio
from admin.helpers import ADMIN, PASSWORD, add_user, login, ok
from fastapi import FastAPI
from server.helpers import make_world

from congress_desktop.config import ServerPaths
from congress_desktop.protocol import ConsoleRole
from congress_desktop.server.app import create_app

ROSTER = "\n".join(
    ["代表证号,姓名,代表团,单位及职务,座位号"]
    + [
        f"{100 + n},{name},{group},{group[:2]}某单位,{10 + n}"
        for n, (name, group) in enumerate(
            [
                ("欧阳文华", "东城代表团"),
                ("司马静", "东城代表团"),
                ("林小雨", "东城代表团"),
                ("陈建军", "西湖代表团"),
                ("黄丽萍", "西湖代表团"),
                ("刘德明", "西湖代表团"),
                ("周国强", "南山代表团"),
                ("吴秀英", "南山代表团"),
                ("郑海涛", "南山代表团"),
            ]
        )
    ]
)


def pdf_text(data: bytes) -> tuple[str, pymupdf.Document]:
    doc = pymupdf.open(stream=data, filetype="pdf")
    text = "".join(page.get_text() for page in doc)
    return text, doc


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(ServerPaths(tmp_path / "server"), None)
    yield application
    application.state.server.engine.dispose()


@pytest_asyncio.fixture
async def session(app: FastAPI) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str], Any]]:
    engine = app.state.server.engine
    world = make_world(engine)
    add_user(engine, "mishu", ConsoleRole.SECRETARIAT)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://server"
    ) as client:
        h = await login(client, "mishu")
        ok(
            await client.post(
                f"{ADMIN}/roster", files={"file": ("r.csv", ROSTER.encode())}, headers=h
            )
        )
        people = {d["name"]: d["id"] for d in ok(await client.get(f"{ADMIN}/delegates", headers=h))}
        sitting = world.sittings[0]
        for name in (
            "欧阳文华",
            "司马静",
            "陈建军",
            "黄丽萍",
            "刘德明",
            "周国强",
            "吴秀英",
            "代表1",
            "代表2",
        ):
            body = {"sitting_id": sitting, "delegate_id": people[name], "reason": "现场核验"}
            ok(await client.post(f"{ADMIN}/attendance/staff-signin", json=body, headers=h), 201)
        body = {"sitting_id": sitting, "delegate_id": people["林小雨"], "reason": "因公出差"}
        ok(await client.post(f"{ADMIN}/attendance/leaves", json=body, headers=h), 201)
        for title in (
            "听取和审议市人民政府工作报告",
            "审查和批准2025年预算，其中“民生支出”占比提高",
        ):
            item = {"title": title, "presenter": "市长　林振华", "description": "（说明）" * 3}
            ok(await client.post(f"{ADMIN}/agenda/draft/items", json=item, headers=h), 201)
        ok(await client.post(f"{ADMIN}/agenda/publish", json={}, headers=h))
        yield client, h, world


@pytest.mark.asyncio
async def test_attendance_report(session: tuple[httpx.AsyncClient, dict[str, str], Any]) -> None:
    client, h, world = session
    response = await client.get(
        f"{ADMIN}/reports/attendance", params={"sitting_id": world.sittings[0]}, headers=h
    )
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text, doc = pdf_text(response.content)
    assert "第1次全体会议出席情况" in text
    assert "本次会议应到代表 12 名，实到 9 名，请假 1 名，缺席 2 名" in text
    assert "符合法定人数" in text and "不足法定人数" not in text
    for name in ("欧阳文华", "林小雨", "郑海涛", "东城代表团", "因公出差"):
        assert name in text
    page = doc[0]
    assert (round(page.rect.width), round(page.rect.height)) == (595, 842)  # A4
    fonts = {(f[1], f[3]) for p in doc for f in p.get_fonts()}
    assert fonts and all(
        ext == "ttf" and name.endswith("+Droid-Sans-Fallback") for ext, name in fonts
    )  # the CJK font, embedded (subset)


@pytest.mark.asyncio
async def test_agenda_and_audit_reports(
    session: tuple[httpx.AsyncClient, dict[str, str], Any],
) -> None:
    client, h, _world = session
    text, _ = pdf_text((await client.get(f"{ADMIN}/reports/agenda", headers=h)).content)
    assert "市十七届人大二次会议议程" in text and "第 1 版" in text
    assert "一、听取和审议市人民政府工作报告" in text and "市长　林振华" in text
    today = dt.date.today().isoformat()
    audit = await client.get(
        f"{ADMIN}/reports/audit", params={"from": today, "to": today}, headers=h
    )
    text, _ = pdf_text(audit.content)
    assert "控制台操作日志" in text and "补签" in text and "发布议程" in text
    assert "现场核验" in text and "mishu" in text
    backwards = await client.get(
        f"{ADMIN}/reports/audit", params={"from": today, "to": "2000-01-01"}, headers=h
    )
    assert backwards.status_code == 422


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "congress_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_user_add_and_report_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "server"
    engine_app = create_app(ServerPaths(data), None)
    make_world(engine_app.state.server.engine)
    engine_app.state.server.engine.dispose()

    added = run_cli(
        "user",
        "add",
        "--data",
        str(data),
        "--role",
        "secretariat",
        "--password-stdin",
        "mishu",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "created secretariat account mishu" in added.stdout
    again = run_cli(
        "user",
        "add",
        "--data",
        str(data),
        "--role",
        "secretariat",
        "--password-stdin",
        "mishu",
        stdin=PASSWORD + "\n",
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    short = run_cli(
        "user",
        "add",
        "--data",
        str(data),
        "--role",
        "technician",
        "--password-stdin",
        "ji",
        stdin="short\n",
    )
    assert short.returncode == 2 and "at least 8 characters" in short.stderr

    out = tmp_path / "出席情况.pdf"
    made = run_cli("report", "attendance", "--data", str(data), "--out", str(out))
    assert made.returncode == 0, made.stderr
    text, _ = pdf_text(out.read_bytes())
    assert "出席情况" in text and "代表1" in text and "应到代表 3 名" in text
    audit = tmp_path / "audit.pdf"
    today = dt.date.today().isoformat()
    made = run_cli(
        "report", "audit", "--data", str(data), "--from", today, "--to", today, "--out", str(audit)
    )
    assert made.returncode == 0, made.stderr
    text, _ = pdf_text(audit.read_bytes())
    assert "新建用户" in text and "system" in text
    missing = run_cli(
        "report",
        "attendance",
        "--data",
        str(data),
        "--sitting",
        "nope",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert missing.returncode == 2 and "no sitting nope" in missing.stderr
