"""Document upload: checked with inspect_pdf, refused with the reason, new versions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pymupdf
import pytest
from server.helpers import World, count, make_pdf
from sqlalchemy import Engine

from congress_desktop.config import ServerPaths
from congress_desktop.model import documents
from congress_desktop.server.admin.tables import audit_log

from .helpers import ADMIN, audit_rows, ok

pytestmark = pytest.mark.asyncio


def encrypted_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw")
    doc.close()
    return path


async def upload(
    client: httpx.AsyncClient, headers: dict[str, str], name: str, data: bytes, **form: str
) -> httpx.Response:
    return await client.post(
        f"{ADMIN}/documents",
        files={"file": (name, data, "application/pdf")},
        data=form,
        headers=headers,
    )


async def test_upload_and_new_version(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    tmp_path: Path,
) -> None:
    first = make_pdf(tmp_path / "预算报告.pdf", pages=3).read_bytes()
    doc = ok(
        await upload(client, secretariat, "预算报告.pdf", first, classification="internal"),
        201,
    )
    assert doc["title"] == "预算报告" and doc["pages"] == 3 and doc["version"] == 1
    assert doc["classification"] == "internal"
    second = make_pdf(tmp_path / "v2.pdf", pages=4).read_bytes()
    new = ok(await upload(client, secretariat, "v2.pdf", second, supersedes_id=doc["id"]), 201)
    assert new["version"] == 2 and new["supersedes_id"] == doc["id"]
    assert new["title"] == "预算报告" and new["classification"] == "internal"
    listed = ok(await client.get(f"{ADMIN}/documents", headers=secretariat))
    assert [d["id"] for d in listed] == [new["id"]]  # the old version is tombstoned
    entry = audit_rows(engine, "document.new_version")[0]
    assert entry["before"]["id"] == doc["id"] and entry["after"]["version"] == 2


def not_a_pdf(path: Path) -> Path:
    path.write_bytes(b"just some text, no PDF at all")
    return path


def truncated_pdf(path: Path) -> Path:
    data = make_pdf(path, pages=3).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("notes.pdf", not_a_pdf, "is not a PDF file"),
        ("cut.pdf", truncated_pdf, "cut.pdf is"),
        ("locked.pdf", encrypted_pdf, "encrypted"),
    ],
)
async def test_bad_files_are_refused_and_nothing_is_written(
    client: httpx.AsyncClient,
    engine: Engine,
    world: World,
    secretariat: dict[str, str],
    tmp_path: Path,
    name: str,
    make: Callable[[Path], Path],
    reason: str,
    paths: ServerPaths,
) -> None:
    path = make(tmp_path / name)
    before = (count(engine, documents), count(engine, audit_log))
    response = await upload(client, secretariat, name, path.read_bytes())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "bad_request" and reason in error["message"]
    assert name in error["message"]
    assert (count(engine, documents), count(engine, audit_log)) == before
    assert not any(p.is_file() for p in paths.blobs.rglob("*"))
