"""The real server process over a real socket: enroll, pull, push, blobs, restart, crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fixtures.live_server import LiveServer

from congress_desktop.config import ServerPaths
from congress_desktop.server.db import open_engine
from congress_desktop.server.importing import import_document_file
from congress_desktop.server.tokens import create_enrollment_token

from .helpers import auth_headers, make_pdf, make_world, signin_op

pytestmark = pytest.mark.e2e


def pull_all(
    client: httpx.Client, headers: dict[str, str], since: int = 0
) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    while True:
        body = client.get("/api/v1/sync/pull", params={"since": since}, headers=headers).json()
        changes += body["changes"]
        since = body["next"]
        if not body["has_more"]:
            return changes, since


def test_round_trip_over_a_socket_with_restart_and_crash(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "server"
    server = LiveServer(data, db_url=db_url)
    engine = open_engine(db_url)
    try:
        server.start()
        world = make_world(engine)
        pdf = make_pdf(tmp_path / "议程.pdf", pages=2)
        doc_id = import_document_file(data, pdf, db_url=db_url, title="议程")
        token = create_enrollment_token(db_url, seat_number=1)
        with httpx.Client(base_url=server.url, timeout=10) as client:
            refused = client.get("/api/v1/sync/pull")
            assert refused.status_code == 401
            assert refused.json()["error"]["code"] == "unauthorized"
            enrolled = client.post("/api/v1/enroll", json={"token": token, "name": "A-01"})
            assert enrolled.status_code == 200, enrolled.text
            headers = auth_headers(enrolled.json())

            changes, cursor = pull_all(client, headers)
            doc = next(c["row"] for c in changes if c["id"] == doc_id)
            me = next(c["row"] for c in changes if c["id"] == world.delegates[0])
            assert me["pin_hash"] and doc["pages"] == 2

            blob_url = f"/api/v1/blobs/{doc['sha256']}"
            whole = client.get(blob_url, headers=headers)
            assert whole.content == pdf.read_bytes() and whole.headers["etag"]
            tail = client.get(
                blob_url,
                headers={**headers, "Range": "bytes=100-", "If-Range": whole.headers["etag"]},
            )
            assert tail.status_code == 206 and tail.content == pdf.read_bytes()[100:]

            tap = signin_op(world.delegates[0], world.sittings[0], elapsed_s=3.0)
            pushed = client.post("/api/v1/sync/push", json={"ops": [tap]}, headers=headers)
            assert pushed.json()["results"][0]["status"] == "applied"
            epoch = client.get("/api/v1/health").json()["epoch"]

        assert server.stop() == 0  # SIGTERM: a graceful exit
        server.start()  # same port, same data
        with httpx.Client(base_url=server.url, timeout=10) as client:
            again = client.post("/api/v1/sync/push", json={"ops": [tap]}, headers=headers)
            assert again.json()["results"][0]["status"] == "duplicate"
            changes, cursor = pull_all(client, headers, since=cursor)
            assert [c["table"] for c in changes] == ["signins"]
            health = client.get("/api/v1/health").json()
            assert health["epoch"] == epoch and health["seq"] == cursor

        server.kill()  # a crash: no shutdown code runs
        server.start()
        with httpx.Client(base_url=server.url, timeout=10) as client:
            body = client.get(
                "/api/v1/sync/pull", params={"since": cursor, "epoch": epoch}, headers=headers
            ).json()
            assert body["reset"] is False and body["changes"] == [] and body["next"] == cursor
        assert (ServerPaths(data).logs / "server.log").exists()
    finally:
        server.stop()
        engine.dispose()
