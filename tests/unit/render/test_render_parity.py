"""Text parity: the PDF's words against the DOCX's words."""

from __future__ import annotations

import pytest
from parity import docx_words, parity_problems, pdf_words
from render_docx_helpers import mark_header_row, new_document, set_page_header, to_bytes

from drafter.render.pdf import render_pdf


def _report(missing_word: bool = False) -> bytes:
    document = new_document()
    set_page_header(document.sections[0])
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Tình hình triển khai cơ sở dữ liệu & <dữ liệu mở>.")
    paragraph = document.add_paragraph("Chữ ")
    paragraph.add_run("in hoa").font.all_caps = True
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    mark_header_row(table.rows[0])
    for cell, text in zip(
        table.rows[0].cells, ("STT", "Tên cơ sở dữ liệu", "Ghi chú"), strict=True
    ):
        cell.text = text
    for index in range(70):
        row = table.add_row().cells
        row[0].text = str(index + 1)
        row[1].text = f"Cơ sở dữ liệu số {index + 1}"
        row[2].text = "" if missing_word and index == 50 else "đã có"
    document.add_paragraph("Hà Nội, ngày 05 tháng 02 năm 2023")
    return to_bytes(document)


@pytest.fixture(scope="module")
def report() -> bytes:
    return _report()


@pytest.fixture(scope="module")
def report_pdf(report: bytes) -> bytes:
    return render_pdf(report)


def test_docx_words_are_body_text_in_order_with_caps_shown(report: bytes) -> None:
    words = docx_words(report)
    assert words[:6] == ["BÁO", "CÁO", "Tình", "hình", "triển", "khai"]
    assert "HOA" in words and "hoa" not in words
    assert words[words.index("STT") : words.index("STT") + 6] == [
        "STT",
        "Tên",
        "cơ",
        "sở",
        "dữ",
        "liệu",
    ]
    assert words[-1] == "2023"


def test_pdf_words_leave_out_page_numbers(report_pdf: bytes) -> None:
    words = pdf_words(report_pdf)
    assert words[0] == "BÁO"
    assert words.count("2") == docx_words(_report()).count("2")


def test_rendered_report_has_parity(report: bytes, report_pdf: bytes) -> None:
    assert parity_problems(report, report_pdf, "bao-cao.docx") == []


def test_missing_word_in_pdf_is_reported_with_context(report: bytes) -> None:
    pdf_without_word = render_pdf(_report(missing_word=True))
    problems = parity_problems(report, pdf_without_word, "bao-cao.docx")
    assert len(problems) == 1
    assert problems[0].file == "bao-cao.docx"
    # table rows are compared whole (cells interleave in the PDF): the row is named
    assert "đã có [51] Cơ sở dữ liệu" in problems[0].message
    assert "số 51 [52]" in problems[0].message
