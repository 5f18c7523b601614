"""End to end: build the real sample content with the CLI and read the
result as a reviewer would (python-docx for the Word file, pypdf for the PDF)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from helpers import SAMPLE, copy_project, docx_lines, tree_snapshot
from parity import parity_problems
from pypdf import PdfReader

from drafter.cli import main

DOCS = {
    "qd-danh-muc-csdl": "QD-danh-muc-CSDL",
    "qd-danh-muc-du-lieu-mo": "QD-danh-muc-du-lieu-mo",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    content = copy_project(SAMPLE, root)
    result = CliRunner().invoke(main, ["build", "--project", str(content)])
    assert result.exit_code == 0, result.output
    return root / "output"


def read(built: Path, doc: str, ext: str) -> bytes:
    return (built / doc / f"{DOCS[doc]}.{ext}").read_bytes()


@pytest.mark.parametrize("doc", DOCS)
def test_docx_is_a4_with_decree30_margins(built: Path, doc: str) -> None:
    section = Document(io.BytesIO(read(built, doc, "docx"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer


@pytest.mark.parametrize("doc", DOCS)
def test_docx_names_times_new_roman(built: Path, doc: str) -> None:
    document = Document(io.BytesIO(read(built, doc, "docx")))
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.parametrize("doc", DOCS)
def test_header_block_reads_as_decree30(built: Path, doc: str) -> None:
    lines = docx_lines(read(built, doc, "docx"))
    head = lines[:12]
    for expected in (
        "Dự thảo lần 1",
        "ỦY BAN DÂN TỘC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:      /QĐ-UBDT",
        "Hà Nội, ngày      tháng      năm 2023",
        "QUYẾT ĐỊNH",
    ):
        assert expected in head, f"{expected!r} not in {head}"
    assert "QUYẾT ĐỊNH:" in lines
    assert any(
        line.startswith("Căn cứ Nghị định số 66/2022/NĐ-CP") and line.endswith(";")
        for line in lines
    )
    assert any(line.startswith("Theo đề nghị của") and line.endswith(".") for line in lines)
    assert [line.split(".")[0] for line in lines if re.match(r"Điều \d+\.", line)] == [
        "Điều 1",
        "Điều 2",
        "Điều 3",
    ]
    assert "Nơi nhận:" in lines and "- Lưu: VT, TTCĐS." in lines


def test_database_appendix_numbers_33_rows_in_7_groups(built: Path) -> None:
    document = Document(io.BytesIO(read(built, "qd-danh-muc-csdl", "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    firsts = [row.cells[0].text for row in table.rows[1:]]
    numbers = [int(x) for x in firsts if x.isdigit()]
    groups = [x for x in firsts if re.fullmatch(r"[IVX]+", x)]
    assert numbers == list(range(1, 34))
    assert groups == ["I", "II", "III", "IV", "V", "VI", "VII"]
    header = table.rows[0]._tr
    assert header.find(".//{*}tblHeader") is not None


def test_article_count_comes_from_the_register(built: Path) -> None:
    text = "\n".join(docx_lines(read(built, "qd-danh-muc-csdl", "docx")))
    assert "gồm 33 hệ thống thông tin, cơ sở dữ liệu" in text
    assert (
        "(Kèm theo Quyết định số      /QĐ-UBDT ngày    tháng    năm 2023 của Bộ trưởng, "
        "Chủ nhiệm Ủy ban Dân tộc)" in text
    )


def test_open_data_appendix_lists_two_datasets(built: Path) -> None:
    document = Document(io.BytesIO(read(built, "qd-danh-muc-du-lieu-mo", "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert [row.cells[0].text for row in table.rows[1:]] == ["1", "2"]


@pytest.mark.parametrize("doc", DOCS)
def test_pdf_words_equal_docx_words(built: Path, doc: str) -> None:
    assert parity_problems(read(built, doc, "docx"), read(built, doc, "pdf"), doc) == []


def test_pdf_has_portrait_body_and_landscape_appendix(built: Path) -> None:
    reader = PdfReader(io.BytesIO(read(built, "qd-danh-muc-csdl", "pdf")))
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    ]
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)
    assert sizes == sorted(sizes, key=lambda s: s[0] > s[1])  # body first, then appendix


def test_page_numbers_start_on_page_two(built: Path) -> None:
    reader = PdfReader(io.BytesIO(read(built, "qd-danh-muc-csdl", "pdf")))
    lines = [(page.extract_text() or "").splitlines() for page in reader.pages]
    assert "1" not in [line.strip() for line in lines[0]]
    assert "2" in [line.strip() for line in lines[1]]


def test_same_input_gives_identical_bytes(built: Path, tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    result = CliRunner().invoke(main, ["build", "--project", str(content)])
    assert result.exit_code == 0, result.output

    # the DOCX and PDF files; the registry holds build times and differs
    def documents(output: Path) -> dict[str, bytes]:
        return {k: v for k, v in tree_snapshot(output).items() if k.endswith((".docx", ".pdf"))}

    assert documents(tmp_path / "output") == documents(built)
    expected = {f"{d}/{DOCS[d]}_du-thao-01.{ext}" for d in DOCS for ext in ("docx", "pdf")}
    assert expected <= set(documents(built))


def test_check_writes_nothing(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    result = CliRunner().invoke(main, ["check", "--project", str(content)])
    assert result.exit_code == 0, result.output
    # every document of drafter.yaml, however many the sample holds
    count = (content / "drafter.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    assert f"ok: {count} documents" in result.output
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["check"]])
def test_help_says_what_each_command_does(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 5
