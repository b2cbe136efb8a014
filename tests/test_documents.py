"""The PDF reader core (PdfDocument) and import checks (inspect_pdf), on generated Chinese PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pymupdf
import pytest

from congress_desktop import pdfgen
from congress_desktop.documents import PdfDocument, RenderedPage, inspect_pdf
from congress_desktop.errors import CorruptFileError, ErrorKind

FILLER = (
    "全市上下坚持以人民为中心的发展思想，统筹推进稳增长、促改革、调结构、惠民生、防风险各项工作。"
)
BUDGET = "市财政局提请大会审查2025年预算草案，全市一般公共预算收入安排412.6亿元。"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four-ish pages; "预算草案" appears only in the second chapter."""
    spec = pdfgen.DocumentSpec(
        title="江屿市人民政府工作报告",
        blocks=[
            pdfgen.Heading("一、过去一年的工作"),
            *[pdfgen.Para(FILLER * 3) for _ in range(12)],
            pdfgen.Heading("（一）经济发展", level=2),
            pdfgen.Para(FILLER),
            pdfgen.PageBreak(),
            pdfgen.Heading("二、预算安排"),
            pdfgen.Para(BUDGET),
            *[pdfgen.Para(FILLER * 2) for _ in range(10)],
        ],
    )
    path = tmp_path_factory.mktemp("docs") / "report.pdf"
    pdfgen.write_pdf(spec, path)
    return path


@pytest.fixture
def doc(report: Path) -> Iterator[PdfDocument]:
    with PdfDocument.open(report) as opened:
        yield opened


def test_page_count_and_size_in_points(doc: PdfDocument) -> None:
    assert doc.page_count >= 3
    width, height = doc.page_size(0)
    assert width == pytest.approx(595.28, abs=0.01)  # A4
    assert height == pytest.approx(841.89, abs=0.01)
    with pytest.raises(IndexError):
        doc.page_size(doc.page_count)


def test_render_gives_an_rgb_buffer_of_the_zoomed_size(doc: PdfDocument) -> None:
    page = doc.render(0, 2.0)
    assert isinstance(page, RenderedPage)
    assert (page.width, page.height) == (1191, 1684)
    assert page.stride == page.width * 3  # RGB, no alpha
    assert len(page.samples) == page.stride * page.height
    data = page.tobytes()
    assert data[:3] == b"\xff\xff\xff"  # white paper in the corner
    _, y0, _, y1 = doc.search("人民政府工作报告")[0][1][0]
    row = int((y0 + y1) / 2 * 2.0)  # through the title: black ink
    assert min(data[row * page.stride : (row + 1) * page.stride]) < 64


def test_render_into_a_callers_buffer_matches_the_plain_render(doc: PdfDocument) -> None:
    stride_of: dict[str, int] = {}
    buffers: list[bytearray] = []

    def allocate(width: int, height: int) -> tuple[bytearray, int]:
        stride = (width * 3 + 3) // 4 * 4  # rows padded like a QImage's
        stride_of["stride"] = stride
        buffers.append(bytearray(b"\x07" * stride * height))  # garbage: must be overwritten
        return buffers[0], stride

    doc.render_into(1, 777, allocate)
    plain = doc.render_to_width(1, 777)
    stride = stride_of["stride"]
    assert stride > plain.stride  # 777 * 3 is not a multiple of 4: padded rows
    data = plain.tobytes()
    rows = [bytes(buffers[0][y * stride : y * stride + plain.stride]) for y in range(plain.height)]
    assert rows == [data[y * plain.stride : (y + 1) * plain.stride] for y in range(plain.height)]
    assert len(buffers[0]) == stride * plain.height

    with pytest.raises(ValueError):
        doc.render_into(1, 777, lambda w, h: (bytearray(10), w * 3))  # too small: refused


def test_drawing_a_page_in_two_parts_gives_the_same_pixels(doc: PdfDocument) -> None:
    w, h = doc.pixel_size(0, 600)
    for bgrx, depth in ((False, 3), (True, 4)):
        stride = (w * depth + 3) // 4 * 4
        whole, parts = bytearray(stride * h), bytearray(b"\x07" * stride * h)
        doc.draw(0, 600, whole, stride, bgrx=bgrx)
        doc.draw(0, 600, parts, stride, bgrx=bgrx, rows=(0, 200))  # the part on screen
        assert parts[200 * stride :] == b"\x07" * (stride * (h - 200))  # nothing below it
        doc.draw(0, 600, parts, stride, bgrx=bgrx, rows=(200, h))
        assert parts == whole
        assert min(whole) < 64  # ink drawn
    plain = doc.render_to_width(0, 600).tobytes()  # RGB: bgrx is the same in B, G, R, 255
    assert bytes(whole[0:4]) == bytes([plain[2], plain[1], plain[0], 255])


def test_render_to_width_and_thumbnails(doc: PdfDocument) -> None:
    page = doc.render_to_width(1, 1920)
    assert page.width == 1920
    assert page.height == pytest.approx(1920 * 841.89 / 595.28, abs=1)
    thumb = doc.thumbnail(1)
    assert thumb.width == 160
    assert 225 <= thumb.height <= 227
    with pytest.raises(ValueError):
        doc.render(0, 0)


def test_samples_are_a_view_that_lives_as_long_as_the_page(doc: PdfDocument) -> None:
    page = doc.render(0, 0.5)
    view = page.samples
    assert bytes(view) == doc.render(0, 0.5).tobytes()
    del page  # the pixmap goes with it: the view is released, never left dangling
    with pytest.raises(ValueError):
        bytes(view)


def test_search_finds_a_chinese_word_on_the_right_page(doc: PdfDocument) -> None:
    hits = doc.search("预算草案")
    pages = [p for p in range(doc.page_count) if "预算草案" in doc.page_text(p).replace("\n", "")]
    assert [page for page, _ in hits] == pages
    assert len(pages) == 1 and pages[0] >= 2  # after the page break
    page, rects = hits[0]
    assert len(rects) == 1
    x0, y0, x1, y1 = rects[0]
    assert x1 - x0 == pytest.approx(4 * 12, abs=3)  # four characters at 12 pt
    assert 0 < y0 < y1 < doc.page_size(page)[1]
    assert doc.search("不存在的词语") == []
    assert doc.search("   ") == []


def test_outline_lists_headings_with_page_indices(doc: PdfDocument) -> None:
    outline = doc.outline()
    assert [(level, title) for level, title, _ in outline] == [
        (1, "一、过去一年的工作"),
        (2, "（一）经济发展"),
        (1, "二、预算安排"),
    ]
    assert outline[0][2] == 0
    assert outline[2][2] == doc.search("二、预算安排")[0][0]


def test_parallel_renders_are_serialised_and_correct(doc: PdfDocument) -> None:
    expected = [doc.render(i, 0.7).tobytes() for i in range(doc.page_count)]
    jobs = list(range(doc.page_count)) * 6
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda i: (i, doc.render(i, 0.7).tobytes()), jobs))
    assert all(data == expected[i] for i, data in results)


def test_close_is_idempotent(report: Path) -> None:
    opened = PdfDocument.open(report)
    opened.close()
    opened.close()
    assert opened.closed


# --------------------------------------------------------------------------- damaged files


def encrypted_copy(source: Path, target: Path) -> Path:
    with pymupdf.open(source) as src:
        src.save(
            target,
            encryption=pymupdf.PDF_ENCRYPT_AES_256,  # type: ignore[attr-defined]
            user_pw="secret",
            owner_pw="o",
        )
    return target


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda src, p: p.write_bytes(b"PK\x03\x04 this is a zip file"), "is not a PDF file"),
        (lambda src, p: p.write_bytes(b""), "is not a PDF file"),
        (lambda src, p: encrypted_copy(src, p), "is encrypted (password protected)"),
        (lambda src, p: p.write_bytes(src.read_bytes()[:-40]), "is truncated"),
        (lambda src, p: p.write_bytes(src.read_bytes()[:5000]), "is truncated"),
        (lambda src, p: p.write_bytes(src.read_bytes()[:200]), "is damaged"),
    ],
    ids=["zip", "empty", "encrypted", "tail-cut", "half", "head-only"],
)
def test_open_rejects_damaged_files_with_a_clear_message(
    report: Path, tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "bad.pdf"
    make(report, path)  # type: ignore[operator]
    with pytest.raises(CorruptFileError) as info:
        PdfDocument.open(path)
    assert info.value.kind is ErrorKind.CORRUPT
    assert str(info.value).startswith("bad.pdf ")
    assert message in str(info.value)


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorruptFileError, match=r"cannot read nothing\.pdf"):
        PdfDocument.open(tmp_path / "nothing.pdf")


def test_inspect_pdf_accepts_a_good_file(report: Path) -> None:
    info = inspect_pdf(report)
    assert info.pages == PdfDocument.open(report).page_count
    assert info.size == report.stat().st_size
    assert len(info.sha256) == 64


def test_inspect_pdf_messages_for_damaged_files(report: Path, tmp_path: Path) -> None:
    def message(data: bytes | None = None, path: Path | None = None) -> str:
        if path is None:
            path = tmp_path / "bad.pdf"
            path.write_bytes(data or b"")
        with pytest.raises(CorruptFileError) as info:
            inspect_pdf(path)
        return str(info.value)

    data = report.read_bytes()
    assert message(b"GIF89a not a pdf") == "bad.pdf is not a PDF file"
    encrypted = encrypted_copy(report, tmp_path / "locked.pdf")
    assert message(path=encrypted) == "locked.pdf is encrypted (password protected)"
    # a file cut anywhere misses its end, even where MuPDF could repair what is left
    assert (
        message(data[: len(data) // 2]) == "bad.pdf is truncated (the end of the file is missing)"
    )
    assert message(data[: len(data) * 9 // 10]).startswith("bad.pdf is truncated")
    assert message(data[:200]).startswith(("bad.pdf is damaged", "bad.pdf is truncated"))
