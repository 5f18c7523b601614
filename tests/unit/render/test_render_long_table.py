"""Long tables are laid out in chunks of rows: the pages must be those of one pass."""

from __future__ import annotations

import io
import re

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from pypdf import PdfReader
from render_docx_helpers import mark_header_row, new_document, set_page_header, to_bytes

from drafter.render.html import docx_to_html
from drafter.render.parity import parity_problems
from drafter.render.pdf import render_pdf


def _long_table(rows: int, *, tall_every: int = 0) -> bytes:
    """A landscape list with a repeated header row, page numbers from page 2, and
    (every ``tall_every`` rows) a row too tall for one page, which must split."""
    document = new_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    set_page_header(section)
    document.add_paragraph("DANH MỤC CƠ SỞ DỮ LIỆU")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    mark_header_row(table.rows[0])
    for cell, text in zip(table.rows[0].cells, ("STT", "Tên", "Ghi chú"), strict=True):
        cell.text = text
    for index in range(1, rows + 1):
        cells = table.add_row().cells
        cells[0].text = f"{index}."
        cells[1].text = f"Cơ sở dữ liệu dân tộc số {index}"
        tall = tall_every and index % tall_every == 0
        cells[2].text = "\n".join(f"dòng {n} của mục {index}" for n in range(40)) if tall else "có"
    document.add_paragraph("Hết danh mục.")
    return to_bytes(document)


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def split_rows_docx() -> bytes:
    return _long_table(160, tall_every=37)


def test_long_table_is_cut_into_rows(split_rows_docx: bytes) -> None:
    section = docx_to_html(split_rows_docx).sections[0]
    assert section.long_table is not None
    assert len(section.long_table.rows) == 160
    whole = section.long_table.html(0, 160, continued=False, last=True)
    assert re.sub(r' data-row="\d+"', "", whole) == section.html


def test_chunked_pdf_is_byte_identical_to_one_pass(split_rows_docx: bytes) -> None:
    one_pass = render_pdf(split_rows_docx, chunk_rows=None)
    assert render_pdf(split_rows_docx, chunk_rows=30) == one_pass


def test_chunk_boundaries_keep_every_row_once_header_and_page_numbers(
    split_rows_docx: bytes,
) -> None:
    pages = _page_texts(render_pdf(split_rows_docx, chunk_rows=30))
    assert len(pages) > 10
    numbers = [int(n) for text in pages for n in re.findall(r"^(\d+)\.", text, re.M)]
    assert numbers == list(range(1, 161))
    for number, text in enumerate(pages[1:], start=2):
        lines = text.splitlines()
        assert lines[0].startswith("STT"), text[:80]  # the header row, repeated
        assert lines[-1].strip() == str(number), text[-80:]  # the margin box comes last
    assert "Hết danh mục." in pages[-1]


def test_thousand_row_table_keeps_parity() -> None:
    docx = _long_table(1000)
    assert parity_problems(docx, render_pdf(docx), "list.docx") == []
