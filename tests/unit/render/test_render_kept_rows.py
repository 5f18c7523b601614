"""Rows kept whole (w:cantSplit) and kept with the next row (w:keepNext on
every paragraph, a group row) stay so in the PDF, as Word lays them out."""

from __future__ import annotations

import io

from docx.oxml import OxmlElement
from pypdf import PdfReader
from render_docx_helpers import add_header_table, new_document, to_bytes

from drafter.ooxml.order import get_or_add
from drafter.render.pdf import render_pdf

LINES = 7  # each row is this many lines tall


def _docx(*, protected: bool) -> bytes:
    """A register of 12 groups of 3 items; each item's text runs over LINES
    lines, its first line "đầu N" and its last "cuối N"."""
    document = new_document()
    table = add_header_table(document, ("STT", "Nội dung"))
    for group in range(1, 13):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"Nhóm{group}", "Tên nhóm"
        if protected:
            for cell in cells:
                get_or_add(cell.paragraphs[0]._p.get_or_add_pPr(), OxmlElement("w:keepNext").tag)
        for item in range(1, 4):
            n = group * 10 + item
            row = table.add_row()
            row.cells[0].text = str(n)
            row.cells[1].text = f"đầu{n}"
            for line in range(2, LINES):
                row.cells[1].add_paragraph(f"dòng {line}")
            row.cells[1].add_paragraph(f"cuối{n}")
            if protected:
                get_or_add(row._tr.get_or_add_trPr(), OxmlElement("w:cantSplit").tag)
    return to_bytes(document)


def _pages(pdf: bytes) -> list[list[str]]:
    return [page.extract_text().split() for page in PdfReader(io.BytesIO(pdf)).pages]


def _split_rows(pages: list[list[str]]) -> list[int]:
    """Items whose first and last lines are on different pages."""
    found = []
    for group in range(1, 13):
        for item in range(1, 4):
            n = group * 10 + item
            start = next(i for i, words in enumerate(pages) if f"đầu{n}" in words)
            end = next(i for i, words in enumerate(pages) if f"cuối{n}" in words)
            if start != end:
                found.append(n)
    return found


def _orphan_groups(pages: list[list[str]]) -> list[int]:
    """Groups whose title ends a page (its first item starts on the next)."""
    found = []
    for group in range(1, 13):
        title = next(i for i, words in enumerate(pages) if f"Nhóm{group}" in words)
        first = next(i for i, words in enumerate(pages) if f"đầu{group * 10 + 1}" in words)
        if title != first:
            found.append(group)
    return found


def test_unprotected_rows_do_split_so_the_test_can_see_it() -> None:
    pages = _pages(render_pdf(_docx(protected=False)))
    assert len(pages) > 2
    assert _split_rows(pages)


def test_a_row_marked_cant_split_is_never_split_across_pages() -> None:
    pages = _pages(render_pdf(_docx(protected=True)))
    assert len(pages) > 2
    assert _split_rows(pages) == []


def test_a_group_row_stays_with_the_row_under_it() -> None:
    pages = _pages(render_pdf(_docx(protected=True)))
    assert _orphan_groups(pages) == []
