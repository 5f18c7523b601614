"""The template check names what the PDF converter cannot render, and where."""

from __future__ import annotations

from render_docx_helpers import add_numbering, add_text_box, new_document, to_bytes

from drafter.render.support import check_docx_supported


def test_plain_document_is_supported() -> None:
    document = new_document()
    document.add_paragraph("Điều 1. Ban hành")
    document.add_table(rows=2, cols=2).style = "Table Grid"
    assert check_docx_supported(to_bytes(document), "qd.docx") == []


def test_automatic_numbering_is_reported_at_its_paragraph() -> None:
    document = new_document()
    document.add_paragraph("Căn cứ")
    add_numbering(document.add_paragraph("Điều tự động"))
    problems = check_docx_supported(to_bytes(document), "templates/qd.docx")
    assert len(problems) == 1
    assert problems[0].file == "templates/qd.docx"
    assert problems[0].path == "word/document.xml paragraph 2"
    assert "w:numPr" in problems[0].message and "Điều tự động" in problems[0].message


def test_numbering_from_a_list_style_is_reported() -> None:
    document = new_document()
    document.add_paragraph("gạch đầu dòng", style="List Bullet")
    problems = check_docx_supported(to_bytes(document), "x.docx")
    assert [p.path for p in problems] == ["word/document.xml paragraph 1"]


def test_text_box_is_reported_at_its_paragraph() -> None:
    document = new_document()
    document.add_paragraph("một")
    document.add_paragraph("hai")
    add_text_box(document.add_paragraph("ba"))
    problems = check_docx_supported(to_bytes(document), "x.docx")
    assert len(problems) == 1
    assert problems[0].path == "word/document.xml paragraph 3"
    assert "text box" in problems[0].message
