"""Importing documents (refusing corrupt ones) and seeding the demo session once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from congress_desktop import security
from congress_desktop.config import ServerPaths
from congress_desktop.demo_content import (
    DemoAgendaItem,
    DemoContent,
    DemoDelegate,
    DemoDocument,
    DemoMotion,
    DemoNotice,
    DemoSitting,
)
from congress_desktop.errors import CorruptFileError, InvalidInputError
from congress_desktop.model import (
    REPLICATED_TABLES,
    agenda_items,
    agendas,
    congress_sessions,
    delegates,
    documents,
    motions,
    seats,
)
from congress_desktop.server.db import current_seq, open_engine
from congress_desktop.server.importing import import_document_file
from congress_desktop.server.seed import import_document, seed_demo

from .helpers import World, count, make_pdf, make_world


def _blob_files(paths: ServerPaths) -> list[Path]:
    return [p for p in paths.blobs.rglob("*") if p.is_file()]


def test_import_document_stores_the_blob_and_the_row(
    engine: Engine, paths: ServerPaths, world: World, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "报告.pdf", pages=3)
    with engine.begin() as conn:
        doc_id = import_document(
            conn, paths, pdf, session_id=world.session_id, title="政府工作报告",
            classification="confidential", position=2,
        )  # fmt: skip
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).one()
    assert (row.title, row.filename, row.pages, row.classification, row.position) == (
        "政府工作报告", "报告.pdf", 3, "confidential", 2,
    )  # fmt: skip
    assert paths.blob_path(row.sha256).read_bytes() == pdf.read_bytes()
    assert row.size == pdf.stat().st_size


@pytest.mark.parametrize("damage", ["truncated", "not_a_pdf", "empty"])
def test_a_corrupt_pdf_is_refused_and_nothing_is_written(
    engine: Engine, paths: ServerPaths, world: World, tmp_path: Path, damage: str
) -> None:
    good = make_pdf(tmp_path / "good.pdf", pages=4).read_bytes()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(
        {"truncated": good[: len(good) // 3], "not_a_pdf": b"PK\x03\x04 zip", "empty": b""}[damage]
    )
    with engine.connect() as conn:
        seq_before = current_seq(conn)
    with pytest.raises(CorruptFileError, match=r"bad\.pdf"), engine.begin() as conn:
        import_document(
            conn, paths, bad, session_id=world.session_id, title="坏文件", classification="public"
        )
    with engine.connect() as conn:
        assert current_seq(conn) == seq_before
    assert count(engine, documents) == 0
    assert _blob_files(paths) == []


def test_an_unknown_classification_is_invalid_input(
    engine: Engine, paths: ServerPaths, world: World, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(InvalidInputError), engine.begin() as conn:
        import_document(
            conn, paths, pdf, session_id=world.session_id, title="t", classification="x"
        )
    assert _blob_files(paths) == []


def tiny_demo(tmp_path: Path) -> DemoContent:
    start = dt.datetime(2026, 1, 10, 1, 0, tzinfo=dt.UTC)
    groups = ["第一代表团", "第二代表团"]
    people = [
        DemoDelegate(f"{n:04d}", f"代表{n}", groups[n % 2], "单位", f"B{n}", "1234")
        for n in (1, 2, 3)
    ]
    return DemoContent(
        title="江屿市第十七届人民代表大会第二次会议",
        short_title="市十七届人大二次会议",
        venue="市人民会堂",
        starts_on=start.date(),
        ends_on=start.date() + dt.timedelta(days=3),
        sittings=[DemoSitting(1, "第一次全体会议", start), DemoSitting(2, "第二次全体会议", start)],
        delegations=["第一代表团", "第二代表团"],
        delegates=people,
        agenda=[
            DemoAgendaItem(2, "审查计划报告", "", "发改委主任", None),
            DemoAgendaItem(1, "听取政府工作报告", "说明", "市长", start),
        ],
        documents=[
            DemoDocument("政府工作报告", make_pdf(tmp_path / "gov.pdf", 3), "public", 1),
            DemoDocument("计划报告", make_pdf(tmp_path / "plan.pdf", 2), "internal", 2),
            DemoDocument("须知", make_pdf(tmp_path / "notes.pdf", 1), "public", None),
        ],
        motions=[DemoMotion(1, "关于制定条例的议案", "0001", ["0002", "0003"], "由", "据", "案")],
        notices=[DemoNotice("会议须知", "请准时参会。")],
    )


def test_seed_demo_once(engine: Engine, paths: ServerPaths, tmp_path: Path) -> None:
    content = tiny_demo(tmp_path)
    session_id = seed_demo(engine, paths, content)
    assert session_id is not None
    counts = {name: count(engine, table) for name, table in REPLICATED_TABLES.items()}
    assert seed_demo(engine, paths, content) is None  # a restart does not seed again
    assert {name: count(engine, table) for name, table in REPLICATED_TABLES.items()} == counts
    with engine.connect() as conn:
        session = conn.execute(select(congress_sessions)).one()
        people = {r.number: r for r in conn.execute(select(delegates))}
        seat_rows = conn.execute(select(seats).order_by(seats.c.number)).all()
        items = {r.position: r for r in conn.execute(select(agenda_items))}
        agenda = conn.execute(select(agendas)).one()
        docs = {r.title: r for r in conn.execute(select(documents))}
        motion = conn.execute(select(motions)).one()
    assert session.id == session_id and session.state == "open"
    assert [(s.number, s.delegate_id) for s in seat_rows] == [
        (1, people["0001"].id), (2, people["0002"].id), (3, people["0003"].id)
    ]  # fmt: skip
    assert security.verify_secret(people["0001"].pin_hash, "1234")
    assert people["0001"].delegation_id != people["0002"].delegation_id
    assert items[1].state == "current" and items[2].state == "pending"
    assert agenda.version == 1 and agenda.current_item_id == items[1].id
    assert docs["政府工作报告"].agenda_item_id == items[1].id
    assert docs["计划报告"].agenda_item_id == items[2].id
    assert docs["须知"].agenda_item_id is None and docs["须知"].position == 2
    assert motion.lead_delegate_id == people["0001"].id
    assert motion.cosigner_ids == [people["0002"].id, people["0003"].id]
    assert len(_blob_files(paths)) == 3


def test_import_document_file_needs_a_session_and_an_agenda_item(tmp_path: Path) -> None:
    data = tmp_path / "server"
    pdf = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(InvalidInputError, match="no congress session"):
        import_document_file(data, pdf)
    paths = ServerPaths(data)
    engine = open_engine(paths.default_db_url)
    try:
        make_world(engine)
        with pytest.raises(InvalidInputError, match="no item at position 9"):
            import_document_file(data, pdf, agenda_position=9)
        first = import_document_file(data, pdf, title="甲")
        second = import_document_file(data, pdf, classification="internal")
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(documents))}
    finally:
        engine.dispose()
    assert rows[first].title == "甲" and rows[first].position == 0
    assert rows[second].title == "a" and rows[second].position == 1
    assert rows[first].sha256 == rows[second].sha256  # one blob, two documents
