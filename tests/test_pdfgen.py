"""The Chinese PDF writer: line-breaking rules (标点禁则), embedded font, page furniture."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from congress_desktop import pdfgen
from congress_desktop.fonts import register_reportlab_font
from congress_desktop.pdfgen import NO_LINE_END, NO_LINE_START, break_lines

CLOSING = "，。、；：？！）》」』”’"
OPENING = "（《「『“‘"
IDEOGRAPHS = "人民代表大会常务委员会政府工作报告审议通过决议预算财政经济发展城市建设教育卫生"


def punctuated_text(seed: int, length: int = 1500) -> str:
    """Chinese-looking text dense with punctuation in every position, so that a greedy break
    puts punctuation at line starts and ends many times."""
    rnd = random.Random(seed)
    out: list[str] = []
    while sum(map(len, out)) < length:
        run = "".join(rnd.choice(IDEOGRAPHS) for _ in range(rnd.randint(1, 9)))
        kind = rnd.random()
        if kind < 0.15:
            k = rnd.randrange(len(OPENING))
            out.append(OPENING[k] + run + "）》」』”’"[k] + rnd.choice("，。、"))
        elif kind < 0.2:
            out.append(run + rnd.choice(["——", "……", "。”", "！”", "）。"]))
        elif kind < 0.25:
            out.append(f"{rnd.randint(1, 2025)}.{rnd.randint(0, 9)}%" + run + "，")
        else:
            out.append(run + rnd.choice(CLOSING[:7]))
    return "".join(out)


def width_of(s: str) -> float:
    return sum(1.0 if ord(ch) > 0x2000 and ch not in "“”‘’—…" else 0.5 for ch in s)


# --------------------------------------------------------------------------- break_lines


@pytest.mark.parametrize("width", [7, 10, 13, 17, 20, 24, 33])
def test_break_lines_obeys_the_punctuation_rules(width: int) -> None:
    text = punctuated_text(width)
    lines = break_lines(text, width, width_of, first_width=width - 2)
    assert len(lines) > 10
    for n, line in enumerate(lines):
        assert line.text, "no empty lines"
        assert line.width <= (width - 2 if n == 0 else width) + 1e-9
        if n > 0:
            assert line.text[0] not in NO_LINE_START, (n, line.text)
        if n < len(lines) - 1:
            assert line.text[-1] not in NO_LINE_END, (n, line.text)
            # a dash or ellipsis pair and a number are never cut in two
            nxt = lines[n + 1].text
            assert not (line.text[-1] == nxt[0] and nxt[0] in "—…")
            assert not (line.text[-1].isdigit() and nxt[0] in ".%0123456789")
    assert "".join(line.text for line in lines) == text
    assert [line.last for line in lines] == [False] * (len(lines) - 1) + [True]


def test_break_lines_keeps_offsets_into_the_source() -> None:
    text = "GDP growth 5.2%, 固定资产投资增长3.1%，社会消费品零售总额增长6.0%。"
    for line in break_lines(text, 9, width_of):
        assert text[line.start : line.end] == line.text
        assert line.text == line.text.strip()


def test_break_lines_cuts_an_overlong_word_and_honours_newlines() -> None:
    lines = break_lines("https://congress.example/" + "x" * 40 + "\n第二行", 10, width_of)
    assert all(line.width <= 10 for line in lines)
    assert lines[-1].text == "第二行"
    assert lines[-2].last and lines[-1].last


def test_break_lines_prefers_pushing_a_character_down_to_a_comma_at_line_start() -> None:
    # 10 ideographs fill the line; the comma may not start the next one, so 国 goes with it
    lines = break_lines("中华人民共和国全国人，民代表大会", 10, width_of)
    assert [line.text for line in lines] == ["中华人民共和国全国", "人，民代表大会"]


# --------------------------------------------------------------------------- PDFs


def body_lines(pdf: bytes) -> Iterator[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, text, bbox) of every text line between the header and the footer."""
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for page in doc:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    bbox = tuple(line["bbox"])
                    if bbox[1] > pdfgen.MARGIN_TOP - 5 and bbox[3] < page.rect.height - 60:
                        text = "".join(span["text"] for span in line["spans"])
                        yield page.number, text, bbox


def violations(lines: list[str]) -> list[str]:
    return [t for t in lines if t and (t[0] in NO_LINE_START or t[-1] in NO_LINE_END)]


def test_pdf_lines_never_start_with_closing_or_end_with_opening_punctuation() -> None:
    paragraphs = [punctuated_text(seed, 700) for seed in range(8)]
    spec = pdfgen.DocumentSpec(title="标点禁则测试", blocks=[pdfgen.Para(p) for p in paragraphs])
    lines = [text for _, text, _ in body_lines(pdfgen.render_pdf(spec).data)]
    assert len(lines) > 100
    assert violations(lines) == []
    # every character arrives, in order, as the same Chinese text
    assert "".join(lines).replace(" ", "") == "标点禁则测试" + "".join(paragraphs)


def test_plain_reportlab_cjk_wrap_breaks_the_rules_on_the_same_text() -> None:
    """Why pdfgen has its own line breaker: the test above would catch reportlab's."""
    font = register_reportlab_font()
    style = ParagraphStyle("p", fontName=font, fontSize=12, leading=21, wordWrap="CJK")
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph(punctuated_text(s, 700), style) for s in range(8)])
    lines = [text for _, text, _ in body_lines(out.getvalue())]
    assert len(violations(lines)) > 5


def sample_spec() -> pdfgen.DocumentSpec:
    para = "江屿市坚持稳中求进工作总基调，全年地区生产总值增长5.2%，"
    para = (para + "一般公共预算收入完成386.4亿元。") * 8
    return pdfgen.DocumentSpec(
        title="江屿市人民政府工作报告",
        subtitle="——2025年1月8日在江屿市第十七届人民代表大会第二次会议上",
        meta="江屿市市长　林振华",
        header="江屿市第十七届人民代表大会第二次会议文件",
        author="江屿市人民政府",
        subject="政府工作报告",
        blocks=[
            pdfgen.Heading("一、2024年工作回顾"),
            pdfgen.Para(para),
            pdfgen.Heading("（一）经济运行稳中有进", level=2),
            pdfgen.Para(para),
            pdfgen.NumberedList(["推进重点项目建设。", "加强民生保障。"], style="chinese"),
            pdfgen.Heading("二、2025年工作安排"),
            pdfgen.Para(para),
            pdfgen.Table(
                ["序号", "项目名称", "总投资（亿元）"],
                [
                    [str(i), f"江屿新区综合管廊工程（{i}期）", f"{i * 1.5:.1f}"]
                    for i in range(1, 80)
                ],
                widths=[1, 5, 2],
                aligns=["center", "left", "right"],
                caption="表1　2025年市级重点建设项目",
            ),
        ],
    )


@pytest.fixture(scope="module")
def sample_pdf() -> pdfgen.RenderedPdf:
    return pdfgen.render_pdf(sample_spec())


def test_font_is_embedded_truetype_and_text_extracts_as_chinese(
    sample_pdf: pdfgen.RenderedPdf,
) -> None:
    with pymupdf.open(stream=sample_pdf.data, filetype="pdf") as doc:
        for number in range(doc.page_count):
            fonts = doc.get_page_fonts(number)
            assert fonts, number
            for xref, ext, ftype, name, *_ in fonts:
                assert (ext, ftype) == ("ttf", "TrueType"), fonts
                assert name.endswith("+Droid-Sans-Fallback")  # a subset, embedded
                assert doc.xref_get_key(xref, "FontDescriptor")[0] == "xref"
        text = doc[0].get_text("text")
    assert "江屿市人民政府工作报告" in text
    assert "一、2024年工作回顾" in text
    assert "全年地区生产总值增长5.2%" in text.replace("\n", "")


def test_metadata_outline_header_and_page_numbers(sample_pdf: pdfgen.RenderedPdf) -> None:
    with pymupdf.open(stream=sample_pdf.data, filetype="pdf") as doc:
        assert doc.page_count == sample_pdf.pages >= 3
        assert doc.metadata["title"] == "江屿市人民政府工作报告"
        assert doc.metadata["author"] == "江屿市人民政府"
        assert doc.metadata["subject"] == "政府工作报告"
        toc = doc.get_toc()
        assert [entry[:2] for entry in toc] == [
            [1, "一、2024年工作回顾"],
            [2, "（一）经济运行稳中有进"],
            [1, "二、2025年工作安排"],
        ]
        assert toc[0][2] == 1
        for page in doc:
            text = page.get_text("text")
            assert f"— {page.number + 1} —" in text
            header = "江屿市第十七届人民代表大会第二次会议文件"
            assert (header in text) == (page.number > 0)


def test_table_header_repeats_on_every_page(sample_pdf: pdfgen.RenderedPdf) -> None:
    with pymupdf.open(stream=sample_pdf.data, filetype="pdf") as doc:
        pages = [p.get_text("text") for p in doc if "综合管廊工程" in p.get_text("text")]
    assert len(pages) >= 2
    assert all("总投资（亿元）" in text for text in pages)
    everything = "".join(pages)
    assert all(f"江屿新区综合管廊工程（{i}期）" in everything for i in range(1, 80))


def test_justified_lines_share_the_right_edge(sample_pdf: pdfgen.RenderedPdf) -> None:
    right = pdfgen.PAGE_WIDTH - pdfgen.MARGIN_RIGHT
    left = pdfgen.MARGIN_LEFT
    # inner lines of the body paragraphs (page 0: no table) start at the left margin
    edges = [
        bbox[2]
        for page, text, bbox in body_lines(sample_pdf.data)
        if page == 0 and abs(bbox[0] - left) < 1 and len(text) > 15
    ]
    assert len(edges) >= 6
    stretched = [x for x in edges if abs(x - right) < 1.0]
    # all but the last line of each paragraph reach the right margin
    assert len(stretched) >= len(edges) - 2


def test_rendering_is_deterministic_and_written_atomically(tmp_path: Path) -> None:
    spec = sample_spec()
    path = tmp_path / "report.pdf"
    pages = pdfgen.write_pdf(spec, path)
    assert pages == pdfgen.render_pdf(spec).pages
    assert path.read_bytes() == pdfgen.render_pdf(spec).data
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_chinese_numbers() -> None:
    assert [pdfgen.chinese_number(n) for n in (1, 10, 12, 20, 25, 99)] == [
        "一", "十", "十二", "二十", "二十五", "九十九",
    ]  # fmt: skip


def test_words_only_breaks_a_list_of_names_only_between_names() -> None:
    names = ["王建国", "李明", "欧阳晓燕", "张伟", "陈立新", "赵慧敏", "孙建军"] * 4
    lines = break_lines("　".join(names), 9, width_of, words_only=True)
    assert len(lines) > 3
    assert [name for line in lines for name in line.text.split("　")] == names
