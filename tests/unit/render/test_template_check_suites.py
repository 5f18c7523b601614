"""The template check accepts what office suites write for features the
converter renders, and still rejects what it cannot render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from render_docx_helpers import add_page_field, to_bytes
from render_docx_helpers import new_document as _bare_document

from drafter.ooxml.order import get_or_add
from drafter.render.template_check import check_template


def new_document() -> Any:
    """A test document whose default fonts name Times New Roman (not theme fonts)."""
    document = _bare_document()
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), "Times New Roman")
    return document


def _check(document: object, tmp_path: Path) -> list[str]:
    path = tmp_path / "t.docx"
    path.write_bytes(to_bytes(document))
    return [p.message for p in check_template(path, "t.docx")]


def _numbered_document(*, title_page: bool = True) -> object:
    document = new_document()
    section = document.sections[0]
    section.different_first_page_header_footer = title_page
    header = section.header
    header.is_linked_to_previous = False
    add_page_field(header.paragraphs[0])
    document.add_paragraph("Nội dung")
    return document


def _text_direction(document: object, value: str) -> None:
    sect = document.sections[0]._sectPr  # type: ignore[attr-defined]
    get_or_add(sect, qn("w:textDirection")).set(qn("w:val"), value)


def test_a_baseline_document_passes(tmp_path: Path) -> None:
    assert _check(_numbered_document(), tmp_path) == []


def test_horizontal_text_direction_spelled_out_is_accepted(tmp_path: Path) -> None:
    document = _numbered_document()
    _text_direction(document, "lrTb")
    assert _check(document, tmp_path) == []


def test_rotated_text_is_still_rejected(tmp_path: Path) -> None:
    document = _numbered_document()
    _text_direction(document, "btLr")
    assert any("vertical or rotated" in m for m in _check(document, tmp_path))


def test_an_empty_spacer_run_in_2_pt_is_accepted_but_2_pt_text_is_not(tmp_path: Path) -> None:
    document = _numbered_document()
    spacer = document.add_paragraph().add_run("")  # type: ignore[attr-defined]
    spacer.font.size = Pt(2)
    assert _check(document, tmp_path) == []
    tiny = document.add_paragraph().add_run("chữ nhỏ")  # type: ignore[attr-defined]
    tiny.font.size = Pt(2)
    assert any("2 pt" in m for m in _check(document, tmp_path))


def test_libreoffice_first_page_layout_is_accepted(tmp_path: Path) -> None:
    """A one-page first section with an empty default header and no titlePg,
    the numbers from the next section on (as LibreOffice saves a cover page)."""
    from docx.enum.section import WD_SECTION

    document = new_document()
    cover = document.sections[0]
    cover.different_first_page_header_footer = False
    cover.header.is_linked_to_previous = False
    cover.header.paragraphs[0].text = ""
    document.add_paragraph("Bìa")
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.header.is_linked_to_previous = False
    add_page_field(body.header.paragraphs[0])
    document.add_paragraph("Nội dung")
    assert _check(document, tmp_path) == []


def test_a_number_on_page_one_is_still_rejected(tmp_path: Path) -> None:
    messages = _check(_numbered_document(title_page=False), tmp_path)
    assert any("page 1 must not show a page number" in m for m in messages)


def test_a_header_without_page_field_is_still_rejected(tmp_path: Path) -> None:
    document = new_document()
    document.sections[0].different_first_page_header_footer = True
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].header.paragraphs[0].text = "Không số trang"
    assert any("no PAGE field" in m for m in _check(document, tmp_path))


def test_simple_page_field_counts_as_a_page_field(tmp_path: Path) -> None:
    document = _numbered_document()
    paragraph = document.sections[0].header.paragraphs[0]  # type: ignore[attr-defined]
    for run in list(paragraph._p.iter(qn("w:r"))):
        run.getparent().remove(run)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    paragraph._p.append(field)
    assert _check(document, tmp_path) == []
