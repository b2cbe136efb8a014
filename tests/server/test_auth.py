"""Enrollment tokens are one-time and expire; terminals need their credential."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select, update

from congress_desktop import security
from congress_desktop.model import utcnow
from congress_desktop.server.db import enrollment_tokens, open_engine, terminals
from congress_desktop.server.tokens import create_enrollment_token

from .helpers import World, auth_headers, new_token

ENROLL = "/api/v1/enroll"


def token_error(message: str) -> dict[str, object]:
    return {"error": {"code": "token_invalid", "message": message}}


@pytest.mark.asyncio
async def test_a_token_enrolls_one_terminal_once(
    client: httpx.AsyncClient, engine: Engine, world: World
) -> None:
    token = new_token(engine, seat=2)
    first = await client.post(ENROLL, json={"token": token, "name": "A-02", "app_version": "0.1"})
    assert first.status_code == 200
    body = first.json()
    assert body["seat_number"] == 2 and body["session_id"] == world.session_id
    health = (await client.get("/api/v1/health")).json()
    assert body["epoch"] == health["epoch"]
    again = await client.post(ENROLL, json={"token": token})
    assert again.status_code == 401
    assert again.json() == token_error("enrollment token has already been used")
    with engine.connect() as conn:
        row = conn.execute(select(terminals)).one()
        spent = conn.execute(select(enrollment_tokens)).one()
    assert row.id == body["terminal_id"] and row.name == "A-02" and row.seat_number == 2
    assert row.credential_digest == security.token_digest(body["credential"])
    assert spent.digest != token and spent.terminal_id == row.id  # only the digest is kept
    pulled = await client.get("/api/v1/sync/pull", headers=auth_headers(body))
    assert pulled.status_code == 200


@pytest.mark.asyncio
async def test_unknown_and_expired_tokens(client: httpx.AsyncClient, engine: Engine) -> None:
    unknown = await client.post(ENROLL, json={"token": "x" * 32})
    assert unknown.status_code == 401
    assert unknown.json() == token_error("enrollment token is not valid")
    token = new_token(engine, seat=1)
    with engine.begin() as conn:
        past = utcnow() - dt.timedelta(seconds=1)
        conn.execute(update(enrollment_tokens).values(expires_at=past))
    expired = await client.post(ENROLL, json={"token": token})
    assert expired.status_code == 401
    assert expired.json() == token_error("enrollment token has expired")
    short = await client.post(ENROLL, json={"token": "short"})
    assert short.status_code == 422 and short.json()["error"]["code"] == "bad_request"


@pytest.mark.asyncio
async def test_a_wrong_secret_or_unknown_terminal_is_refused(
    client: httpx.AsyncClient, engine: Engine, seat1: dict[str, str]
) -> None:
    terminal_id, secret = seat1["Authorization"].split()[1].split(".", 1)
    for value in (
        f"Bearer {terminal_id}.{secret}x",
        f"Bearer other.{secret}",
        f"Basic {terminal_id}.{secret}",
        f"Bearer {terminal_id}",
        "",
    ):
        response = await client.get("/api/v1/sync/pull", headers={"Authorization": value})
        assert response.status_code == 401, value
        assert response.json()["error"]["code"] == "unauthorized"
    blob = await client.get("/api/v1/blobs/" + "0" * 64)
    assert blob.status_code == 401


@pytest.mark.asyncio
async def test_requests_record_last_seen_and_app_version(
    client: httpx.AsyncClient, engine: Engine, seat1: dict[str, str]
) -> None:
    with engine.begin() as conn:
        conn.execute(update(terminals).values(last_seen=None))
    headers = {**seat1, "X-App-Version": "9.9.9"}
    assert (await client.get("/api/v1/sync/pull", headers=headers)).status_code == 200
    with engine.connect() as conn:
        row = conn.execute(select(terminals)).one()
    assert row.app_version == "9.9.9" and row.last_seen is not None


def test_create_enrollment_token_migrates_a_new_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    token = create_enrollment_token(url, seat_number=7, ttl_hours=0.5)
    assert len(token) >= 20
    engine = open_engine(url)
    with engine.connect() as conn:
        row = conn.execute(select(enrollment_tokens)).one()
    engine.dispose()
    assert row.digest == security.token_digest(token) and row.seat_number == 7
    assert dt.timedelta(minutes=29) < row.expires_at - utcnow() <= dt.timedelta(minutes=30)
    with pytest.raises(ValueError):
        create_enrollment_token(url, seat_number=None, ttl_hours=0)
