"""The technician's command line, run as real processes against a real server.

Every failure must end in one clear line on stderr and exit code 2 — never a traceback —
and must leave what was already saved untouched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.live_server import LiveServer
from fixtures.terminal import server_engine
from sqlalchemy import func, select

from congress_desktop import model
from congress_desktop.demo import import_extra_documents

SUMMARY_KEYS = {
    "cursor",
    "agenda_items",
    "documents",
    "documents_cached",
    "documents_verified",
    "motions",
    "outbox_pending",
}


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "congress_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("congress-desktop:")]
    assert len(lines) == 1 and message in lines[0], result.stderr


def document_count(server: LiveServer) -> int:
    engine = server_engine(server)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model.documents)).scalar_one()
    finally:
        engine.dispose()


def test_enroll_provision_and_preload(seeded_server: LiveServer, tmp_path: Path) -> None:
    token = cli("enroll-token", "--data", seeded_server.data_dir, "--seat", "3")
    assert token.returncode == 0, token.stderr
    token_text = token.stdout.strip()
    terminal = tmp_path / "terminal"

    done = cli(
        "provision", "--server", seeded_server.url, "--token", token_text, "--data", terminal
    )
    assert done.returncode == 0, done.stderr
    assert "(seat 3)" in done.stdout

    again = cli(
        "provision", "--server", seeded_server.url, "--token", token_text, "--data", tmp_path / "t2"
    )
    assert_clean_failure(again, "enrollment token has already been used")

    synced = cli("sync", "--once", "--data", terminal)
    assert synced.returncode == 0, synced.stderr
    summary = json.loads(synced.stdout)
    assert set(summary) == SUMMARY_KEYS
    assert (
        summary["documents"] == 12 == summary["documents_verified"] == summary["documents_cached"]
    )
    assert summary["agenda_items"] >= 8 and summary["motions"] == 6
    assert summary["outbox_pending"] == 0 and summary["cursor"] > 0

    seeded_server.stop()
    offline = cli("sync", "--once", "--data", terminal)
    assert_clean_failure(offline, "server unreachable")


def test_unprovisioned_terminal_and_bad_token(tmp_path: Path, seeded_server: LiveServer) -> None:
    assert_clean_failure(cli("sync", "--once", "--data", tmp_path / "t"), "not provisioned")
    bad = cli("provision", "--server", seeded_server.url, "--token", "x" * 20, "--data", tmp_path)
    assert_clean_failure(bad, "enrollment token is not valid")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not a pdf</html>", "is not a PDF file"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "damaged"),
    ],
)
def test_import_document_refuses_a_corrupt_pdf(
    seeded_server: LiveServer, tmp_path: Path, content: bytes, message: str
) -> None:
    before = document_count(seeded_server)
    bad = tmp_path / "报告.pdf"
    bad.write_bytes(content)
    result = cli("import-document", "--data", seeded_server.data_dir, bad, "--title", "坏文件")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "报告.pdf" in result.stderr
    assert message in result.stderr or "truncated" in result.stderr
    assert document_count(seeded_server) == before


def test_demo_import_skips_bad_files_and_keeps_good_ones(
    seeded_server: LiveServer, tmp_path: Path, demo_content: object
) -> None:
    folder = tmp_path / "extra"
    folder.mkdir()
    good = demo_content.documents[1].path  # type: ignore[attr-defined]
    (folder / "good.pdf").write_bytes(good.read_bytes())
    (folder / "broken.pdf").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = document_count(seeded_server)

    problems = import_extra_documents(seeded_server.data_dir, folder)

    assert len(problems) == 1 and "broken.pdf" in problems[0]
    assert document_count(seeded_server) == before + 1
