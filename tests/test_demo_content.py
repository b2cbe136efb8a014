"""The demo session: the data contract the server seeds from, and its twelve Chinese PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from pathlib import Path

import pymupdf
import pytest

from congress_desktop import demo_content as demo
from congress_desktop.documents import inspect_pdf
from congress_desktop.model import Classification

CLOSING = "，。、；：？！）》」』”’"  # may never start a line
OPENING = "（《「『“‘"  # may never end one

SMALL = {"delegates": 20, "long_pages": 12}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> demo.DemoContent:
    return demo.build_demo_content(tmp_path_factory.mktemp("demo"), **SMALL)


def test_contract_field_names_are_what_the_server_imports() -> None:
    def names(cls: type) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]

    assert names(demo.DemoDelegate) == ["number", "name", "delegation", "unit", "badge_id", "pin"]
    assert names(demo.DemoSitting) == ["number", "title", "starts_at"]
    assert names(demo.DemoAgendaItem) == [
        "position", "title", "description", "presenter", "starts_at",
    ]  # fmt: skip
    assert names(demo.DemoDocument) == ["title", "path", "classification", "agenda_position"]
    assert names(demo.DemoMotion) == [
        "number", "title", "lead_number", "cosigner_numbers", "cause", "grounds", "proposal",
    ]  # fmt: skip
    assert names(demo.DemoNotice) == ["title", "body"]
    assert names(demo.DemoContent) == [
        "title", "short_title", "venue", "starts_on", "ends_on", "sittings", "delegations",
        "delegates", "agenda", "documents", "motions", "notices",
    ]  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        demo.DemoNotice("t", "b").title = "x"  # type: ignore[misc]


def test_session_dates_sittings_and_agenda(small: demo.DemoContent) -> None:
    assert small.title == "江屿市第十七届人民代表大会第二次会议"
    assert 3 <= (small.ends_on - small.starts_on).days + 1 <= 5
    assert len(small.sittings) >= 2
    assert [s.number for s in small.sittings] == list(range(1, len(small.sittings) + 1))
    for sitting in small.sittings:
        assert sitting.starts_at.utcoffset() == dt.timedelta(0)
        assert small.starts_on <= sitting.starts_at.date() <= small.ends_on
    assert len(small.agenda) >= 8
    assert [a.position for a in small.agenda] == list(range(1, len(small.agenda) + 1))
    titles = "".join(a.title for a in small.agenda)
    for word in ("政府工作报告", "计划", "预算", "常务委员会工作报告", "法院", "检察院", "选举"):
        assert word in titles
    times = [a.starts_at for a in small.agenda if a.starts_at is not None]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)


def test_delegates_are_unique_and_spread_over_delegations(small: demo.DemoContent) -> None:
    people = small.delegates
    assert len(people) == 20
    assert [d.number for d in people] == [f"{n:04d}" for n in range(1, 21)]
    assert len({d.name for d in people}) == 20
    assert all(2 <= len(d.name) <= 3 for d in people)
    assert len({d.badge_id for d in people}) == 20
    assert all(re.fullmatch(r"[0-9A-F]{10}", d.badge_id) for d in people)
    assert {d.pin for d in people} == {demo.DEMO_PIN} == {"123456"}
    assert 6 <= len(small.delegations) <= 10
    assert {d.delegation for d in people} == set(small.delegations)  # none empty
    assert all(d.unit for d in people)


def test_motions_have_a_lead_and_ten_cosigners(small: demo.DemoContent) -> None:
    numbers = {d.number for d in small.delegates}
    assert [m.number for m in small.motions] == [1, 2, 3, 4, 5, 6]
    for motion in small.motions:
        assert motion.title.startswith("关于") and motion.title.endswith("的议案")
        assert motion.lead_number in numbers
        assert len(motion.cosigner_numbers) >= 10
        assert len(set(motion.cosigner_numbers)) == len(motion.cosigner_numbers)
        assert set(motion.cosigner_numbers) <= numbers - {motion.lead_number}
        assert len(motion.cause) > 30 and len(motion.grounds) > 60 and len(motion.proposal) > 40
    assert 2 <= len(small.notices) <= 3
    assert all(n.title.endswith("通知") and len(n.body) > 50 for n in small.notices)


def test_twelve_valid_pdfs_with_mixed_classifications(small: demo.DemoContent) -> None:
    docs = small.documents
    assert len(docs) == 12
    positions = {a.position for a in small.agenda}
    for doc in docs:
        info = inspect_pdf(doc.path)
        assert info.pages >= 1
        with pymupdf.open(doc.path) as pdf:
            assert pdf.metadata["title"] == doc.title
        assert doc.agenda_position is None or doc.agenda_position in positions
    levels = [Classification(d.classification) for d in docs]
    assert levels.count(Classification.CONFIDENTIAL) == 1
    assert levels.count(Classification.INTERNAL) >= 1
    assert levels.count(Classification.PUBLIC) > len(docs) / 2
    linked = {d.agenda_position for d in docs} - {None}
    assert {1, 2, 3, 4, 5, 6} <= linked
    assert max(inspect_pdf(d.path).pages for d in docs) >= SMALL["long_pages"]


def test_roster_lists_every_delegate(small: demo.DemoContent) -> None:
    roster = next(d for d in small.documents if d.title.endswith("代表名单"))
    with pymupdf.open(roster.path) as pdf:
        text = "".join(page.get_text("text") for page in pdf)
    for person in small.delegates:
        assert person.number in text and person.name in text
    for delegation in small.delegations:
        assert delegation in text


def test_long_document_is_varied_text_not_a_repeated_page(small: demo.DemoContent) -> None:
    long_doc = max(small.documents, key=lambda d: inspect_pdf(d.path).pages)
    with pymupdf.open(long_doc.path) as pdf:
        pages = [page.get_text("text") for page in pdf]
        toc = pdf.get_toc()
    bodies = ["\n".join(p.splitlines()[1:-1]) for p in pages]  # without header and footer
    assert len(set(bodies)) == len(bodies)
    lines = [line for p in bodies for line in p.splitlines() if len(line) > 20]
    assert len(set(lines)) > 0.9 * len(lines)
    assert len(toc) >= 10


def test_no_line_of_any_document_breaks_the_punctuation_rules(small: demo.DemoContent) -> None:
    checked = 0
    for doc in small.documents:
        with pymupdf.open(doc.path) as pdf:
            for page in pdf:
                for block in page.get_text("dict")["blocks"]:
                    for line in block.get("lines", []):
                        text = "".join(span["text"] for span in line["spans"]).strip()
                        if not text or re.fullmatch(r"— \d+ —", text):
                            continue
                        checked += 1
                        assert text[0] not in CLOSING, (doc.path.name, text)
                        assert text[-1] not in OPENING, (doc.path.name, text)
    assert checked > 500


def test_build_is_deterministic_and_cached(small: demo.DemoContent, tmp_path: Path) -> None:
    again = demo.build_demo_content(tmp_path, **SMALL)
    strip = [dataclasses.replace(d, path=Path(d.path.name)) for d in again.documents]
    assert strip == [dataclasses.replace(d, path=Path(d.path.name)) for d in small.documents]
    assert dataclasses.replace(again, documents=[]) == dataclasses.replace(small, documents=[])
    for mine, theirs in zip(again.documents, small.documents, strict=True):
        assert mine.path.read_bytes() == theirs.path.read_bytes()

    stamps = {d.path: d.path.stat().st_mtime_ns for d in again.documents}
    tampered = again.documents[4].path
    tampered.write_bytes(b"%PDF-1.4 broken")
    started = time.perf_counter()
    demo.build_demo_content(tmp_path, **SMALL)
    assert time.perf_counter() - started < 5
    for path, stamp in stamps.items():
        if path != tampered:
            assert path.stat().st_mtime_ns == stamp, f"{path.name} was written again"
    assert inspect_pdf(tampered).pages >= SMALL["long_pages"]  # repaired by the rebuild


def test_too_few_delegates_for_motions(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 12 delegates"):
        demo.build_demo_content(tmp_path, delegates=5)


def test_default_build_counts(tmp_path: Path) -> None:
    """The full-size demo (about 3 s on two cores)."""
    started = time.perf_counter()
    content = demo.build_demo_content(tmp_path)
    elapsed = time.perf_counter() - started
    assert len(content.delegates) == 150
    assert len(content.documents) == 12
    pages = sorted(inspect_pdf(d.path).pages for d in content.documents)
    assert pages[-1] >= 120
    assert pages[-2] < 120  # exactly one long document
    assert elapsed < 15
