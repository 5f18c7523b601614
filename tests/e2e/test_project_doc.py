"""End to end: the Project (Đề án) built from the sample content, read as a
reviewer would: its pages, tables, words, and the charts in DOCX and PDF."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from helpers import SAMPLE, copy_project, docx_lines
from parity import parity_problems
from pypdf import PdfReader

from drafter.build import BuildOptions, build
from drafter.project import load_project
from drafter.vietnamese import money_in_words
from drafter.workers import render_document

STEM = "De-an-chuyen-doi-so"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    content = copy_project(SAMPLE, tmp_path_factory.mktemp("de-an"))
    report = build(content, BuildOptions(only=["de-an"]))
    out = report.output / "de-an"
    return (out / f"{STEM}.docx").read_bytes(), (out / f"{STEM}.pdf").read_bytes()


def test_docx_holds_both_charts_as_png_media(built: tuple[bytes, bytes]) -> None:
    docx, _pdf = built
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 2
        assert all(archive.read(n).startswith(b"\x89PNG") for n in media)
        document = archive.read("word/document.xml")
    assert document.count(b"<wp:inline") == 2
    assert b"<wp:anchor" not in document


def test_pdf_holds_the_charts_as_image_xobjects(built: tuple[bytes, bytes]) -> None:
    _docx, pdf = built
    # WeasyPrint shares one resource dictionary between pages: count distinct images
    images = {image.name for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images}
    assert len(images) == 2


def test_pdf_words_equal_docx_words(built: tuple[bytes, bytes]) -> None:
    docx, pdf = built
    assert parity_problems(docx, pdf, "de-an") == []


def test_cover_page_has_no_number_and_reads_as_a_cover(built: tuple[bytes, bytes]) -> None:
    _docx, pdf = built
    first = (PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or "").splitlines()
    lines = [line.strip() for line in first if line.strip()]
    assert lines[0] == "ỦY BAN DÂN TỘC"
    assert "ĐỀ ÁN" in lines
    assert lines[-1] == "Hà Nội, tháng 10 năm 2023"
    assert not any(line.isdigit() for line in lines)


def test_body_has_parts_and_no_number_or_signature_of_its_own(built: tuple[bytes, bytes]) -> None:
    """It travels as the Tờ trình's attachment (domain.md §4): the Tờ trình is signed."""
    docx, _pdf = built
    lines = docx_lines(docx)
    assert "ĐỀ ÁN" in lines
    for absent in ("Số:      /ĐA-UBDT", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "Nơi nhận:"):
        assert absent not in lines, absent
    parts = [line for line in lines if re.fullmatch(r"Phần [IVX]+", line)]
    assert parts == ["Phần I", "Phần II", "Phần III", "Phần IV", "Phần V", "Phần VI", "Phần VII"]
    assert any(
        line.startswith("- Quyết định số 381/QĐ-UBDT ngày 24 tháng 5 năm 2023 của Bộ trưởng")
        for line in lines
    )


def test_abbreviations_list_holds_those_the_text_uses(built: tuple[bytes, bytes]) -> None:
    docx, _pdf = built
    lines = docx_lines(docx)
    assert lines.index("CÁC THUẬT NGỮ VÀ TỪ VIẾT TẮT") < lines.index("Phần I")
    assert "LGSP" in lines and "NDXP" in lines and "GIS" in lines
    assert "CNTT" not in lines  # in the glossary, but the text writes it out in full


def test_targets_are_computed_from_the_registers(built: tuple[bytes, bytes]) -> None:
    docx, _pdf = built
    lines = docx_lines(docx)
    assert "03/10" in lines and "10/10" in lines
    assert "90,9%" in lines


def test_grand_total_is_given_in_words_from_the_exact_amount(built: tuple[bytes, bytes]) -> None:
    docx, _pdf = built
    lines = docx_lines(docx)
    assert f"Bằng chữ: {money_in_words(98_202_500_000)}." in lines
    assert "98.202,5" in lines


def test_appendices_are_landscape(built: tuple[bytes, bytes]) -> None:
    _docx, pdf = built
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)
    assert sizes == sorted(sizes, key=lambda s: s[0] > s[1])


def test_same_content_gives_the_same_docx_bytes(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    project = load_project(content)
    doc = project.document("de-an")
    first = render_document(project, doc, pdf=False).docx
    assert render_document(project, doc, pdf=False).docx == first


def test_table_of_contents_gives_the_pdf_pages_in_docx_and_pdf(
    built: tuple[bytes, bytes],
) -> None:
    """Each Part's page in MỤC LỤC is the printed page of our PDF on which its
    heading stands (the body's numbering starts at the MỤC LỤC page, PDF page 2)."""
    docx, pdf = built
    document = Document(io.BytesIO(docx))
    toc = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("CÁC THUẬT"))
    listed = {row.cells[0].text: row.cells[1].text for row in toc.rows}
    pages = [
        [line.strip() for line in (page.extract_text() or "").splitlines()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    for numeral in ("I", "II", "III", "IV", "V", "VI", "VII"):
        index = next(i for i, lines in enumerate(pages) if f"Phần {numeral}" in lines)
        title = next(k for k in listed if k.startswith(f"Phần {numeral}. "))
        assert listed[title] == str(index), (title, listed[title], index)
    # the PDF shows the same numbers as the Word file
    assert parity_problems(docx, pdf, "de-an") == []


def test_a_one_day_milestone_shows_one_date(built: tuple[bytes, bytes]) -> None:
    lines = docx_lines(built[0])
    assert "24/05/2023" in lines
    assert not any("24/05/2023 - 24/05/2023" in line for line in lines)


def test_chart_captions_read_bieu_do_n(built: tuple[bytes, bytes]) -> None:
    captions = [line for line in docx_lines(built[0]) if line.startswith("Biểu đồ")]
    assert [c.split(".")[0] for c in captions] == ["Biểu đồ 1", "Biểu đồ 2"]
