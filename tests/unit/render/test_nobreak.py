"""No line break inside a number and symbol or "(để b/c)": non-breaking hyphens
and a no-break space in the DOCX, whole words in the PDF."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from pypdf import PdfReader
from render_docx_helpers import new_document, to_bytes

from drafter.render.html import docx_to_html
from drafter.render.nobreak import keep_symbols_whole, keep_whole
from drafter.render.pdf import render_pdf


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Số: 12/QĐ-UBDT", ["Số: 12/QĐ", "UBDT"]),
        ("Số:      /QĐ-UBDT", ["Số:      /QĐ", "UBDT"]),
        ("Nghị định số 47/2020/NĐ-CP ngày", ["Nghị định số 47/2020/NĐ", "CP ngày"]),
        ("104/TB-UBDT, 381/KH-UBDT", ["104/TB", "UBDT, 381/KH", "UBDT"]),
        ("kinh tế - xã hội, 2021-2025", ["kinh tế - xã hội, 2021-2025"]),
        ("Bộ trưởng (để b/c);", ["Bộ trưởng (để\u00a0b/c);"]),
    ],
)
def test_hyphens_of_a_symbol_are_cut_out_and_notes_kept_whole(text: str, pieces: list[str]) -> None:
    assert keep_whole(text) == pieces


def _body_with(*texts: str) -> bytes:
    document = new_document()
    for text in texts:
        document.add_paragraph(text)
    return to_bytes(document)


def test_the_docx_joins_a_symbol_with_non_breaking_hyphens() -> None:
    document = Document(io.BytesIO(_body_with("Thông báo số 104/TB-UBDT (để b/c)")))
    keep_symbols_whole(document.element.body)
    buffer = io.BytesIO()
    document.save(buffer)
    xml = zipfile.ZipFile(buffer).read("word/document.xml").decode()
    assert '104/TB</w:t><w:noBreakHyphen/><w:t xml:space="preserve">UBDT' in xml
    assert "(để\u00a0b/c)" in xml
    # a reader (python-docx) still reads a hyphen
    assert Document(buffer).paragraphs[0].text == "Thông báo số 104/TB-UBDT (để\u00a0b/c)"


def _narrow_cells(texts: list[str], width_cm: float, size: float = 12) -> bytes:
    """One narrow table cell per text, 12 pt, its hyphens non-breaking."""
    document = new_document()
    table = document.add_table(rows=len(texts), cols=1)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width = Cm(width_cm)
    for row, text in zip(table.rows, texts, strict=True):
        row.cells[0].width = Cm(width_cm)
        paragraph = row.cells[0].paragraphs[0]
        for index, part in enumerate(text.split("-")):
            if index:
                paragraph.runs[-1]._r.append(OxmlElement("w:noBreakHyphen"))
            paragraph.add_run(part).font.size = Pt(size)
    return to_bytes(document)


#: Words before the symbol, of every length, so that some line would end in it.
PREFIXES = ["a" * n + " " for n in range(2, 24)]


def test_the_pdf_breaks_no_line_inside_a_symbol() -> None:
    texts = [prefix + symbol for prefix in PREFIXES for symbol in ("104/TB-UBDT", "(để b/c)")]
    texts = [text.replace("để b", "để\u00a0b") for text in texts]
    pdf = render_pdf(_narrow_cells(texts, 4.0))
    lines = [
        line.strip()
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().splitlines()
    ]
    assert lines.count("104/TB-UBDT") + sum(line.endswith(" 104/TB-UBDT") for line in lines) == 22
    assert not [line for line in lines if line.endswith(("/", "-", "104/TB", "(để", "b/"))]


def test_the_html_draws_a_non_breaking_hyphen_as_a_hyphen_joined_to_its_word() -> None:
    html = docx_to_html(_narrow_cells(["Số 104/TB-UBDT"], 4.0)).sections[0].html
    assert "104/\u2060TB-\u2060UBDT" in html
    assert "\u2011" not in html


@pytest.mark.parametrize("width_cm", [x / 10 for x in range(70, 86)])
def test_a_recipient_line_breaks_before_its_note_only(width_cm: float) -> None:
    text = "Thứ trưởng, Phó Chủ nhiệm Nông Quốc Tuấn (để\u00a0b/c);"
    pdf = render_pdf(_narrow_cells([text], width_cm, size=11))
    lines = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split("\n")
    assert lines[-1].endswith("(để\u00a0b/c);"), lines
    assert all(len(line.split()) > 1 for line in lines), lines


def test_a_symbol_wider_than_its_cell_still_breaks_inside_it() -> None:
    """As Word and LibreOffice do, a word that cannot fit its cell is broken
    where the cell ends, not left to run over the border."""
    pdf = render_pdf(_narrow_cells(["Nghị định số 47/2020/NĐ-CP;"], 2.0))
    lines = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split("\n")
    assert "".join(lines[-2:]) == "47/2020/NĐ-CP;", lines
