"""The admin API of the real server process over a socket: an account made with the CLI,
login, roster upload, agenda publication seen by an enrolled terminal, 补签, a report PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pymupdf
import pytest
from fixtures.live_server import LiveServer
from server.helpers import auth_headers, make_world

from congress_desktop.server.db import open_engine

from .helpers import ADMIN, PASSWORD

pytestmark = pytest.mark.e2e

ROSTER = "代表证号,姓名,代表团,座位号\n101,欧阳文华,东城代表团,11\n102,司马静,东城代表团,12\n"


def test_console_flow_against_a_live_server(tmp_path: Path) -> None:
    data = tmp_path / "server"
    server = LiveServer(data).start()
    engine = open_engine(f"sqlite:///{data / 'server.sqlite3'}")
    try:
        world = make_world(engine)
        added = subprocess.run(
            [
                sys.executable,
                "-m",
                "congress_desktop",
                "user",
                "add",
                "--data",
                str(data),
                "--role",
                "secretariat",
                "--password-stdin",
                "mishu",
            ],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert added.returncode == 0, added.stderr
        with httpx.Client(base_url=server.url, timeout=30) as client:
            login = client.post(f"{ADMIN}/login", json={"username": "mishu", "password": PASSWORD})
            assert login.status_code == 200, login.text
            h = {"Authorization": f"Bearer {login.json()['token']}"}
            roster = client.post(
                f"{ADMIN}/roster", files={"file": ("r.csv", ROSTER.encode())}, headers=h
            )
            assert roster.json()["delegates_created"] == 2

            token = client.post(
                f"{ADMIN}/terminals/enroll-token", json={"seat_number": 11}, headers=h
            ).json()["token"]
            terminal = auth_headers(client.post("/api/v1/enroll", json={"token": token}).json())
            cursor = client.get("/api/v1/sync/pull", headers=terminal).json()["next"]

            client.post(f"{ADMIN}/agenda/draft/items", json={"title": "开幕式"}, headers=h)
            published = client.post(f"{ADMIN}/agenda/publish", json={}, headers=h).json()
            assert published["version"] == 1
            page = client.get("/api/v1/sync/pull", params={"since": cursor}, headers=terminal)
            tables = {c["table"] for c in page.json()["changes"]}
            assert {"agendas", "agenda_items"} <= tables

            delegates = client.get(f"{ADMIN}/delegates", headers=h).json()
            ouyang = next(d["id"] for d in delegates if d["name"] == "欧阳文华")
            body = {"sitting_id": world.sittings[0], "delegate_id": ouyang, "reason": "补签"}
            assert (
                client.post(f"{ADMIN}/attendance/staff-signin", json=body, headers=h).status_code
                == 201
            )
            counts = client.get(
                f"{ADMIN}/attendance", params={"sitting_id": world.sittings[0]}, headers=h
            ).json()
            assert counts["totals"] == {"expected": 5, "present": 1, "on_leave": 0, "absent": 4}

            pdf = client.get(
                f"{ADMIN}/reports/attendance", params={"sitting_id": world.sittings[0]}, headers=h
            )
            with pymupdf.open(stream=pdf.content, filetype="pdf") as doc:
                text = "".join(p.get_text() for p in doc)
            assert "出席情况" in text and "欧阳文华" in text and "应到代表 5 名" in text
    finally:
        engine.dispose()
        server.stop()
