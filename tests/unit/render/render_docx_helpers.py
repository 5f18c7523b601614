"""Small DOCX files for the render tests, built with python-docx plus raw XML
where python-docx has no API (borders, merged cells, fields, numbering)."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

W = nsdecls("w")


def new_document() -> Any:
    """An A4 document with Decree 30 margins and Times New Roman 14 pt body text."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    return document


def to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_page_field(paragraph: Any, complex_field: bool = True) -> None:
    """A PAGE field: complex (begin/instr/separate/result/end) or fldSimple."""
    if complex_field:
        for xml in (
            f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {W}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
            f"<w:r {W}><w:t>9</w:t></w:r>",
            f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            paragraph._p.append(parse_xml(xml))
    else:
        paragraph._p.append(
            parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>9</w:t></w:r></w:fldSimple>')
        )


def set_page_header(section: Any, first_page_without_number: bool = True) -> None:
    """A centred 13 pt PAGE number in the section's header; none on page 1."""
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = 1
    add_page_field(paragraph)
    for run in paragraph.runs:
        run.font.size = Pt(13)
    if first_page_without_number:
        section.different_first_page_header_footer = True


def restart_numbering(section: Any, start: int) -> None:
    section._sectPr.append(parse_xml(f'<w:pgNumType {W} w:start="{start}"/>'))


def add_landscape_section(document: Any) -> Any:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    return section


def add_paragraph_border(paragraph: Any, sides: tuple[str, ...] = ("top",), size: int = 6) -> None:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="1" w:color="000000"/>' for side in sides
    )
    paragraph._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {W}>{borders}</w:pBdr>"))


def mark_header_row(row: Any) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))


def set_vmerge(cell: Any, value: str | None) -> None:
    xml = f'<w:vMerge {W} w:val="{value}"/>' if value else f"<w:vMerge {W}/>"
    cell._tc.get_or_add_tcPr().append(parse_xml(xml))


def set_grid_span(cell: Any, span: int) -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {W} w:val="{span}"/>'))


def add_numbering(paragraph: Any) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    )


def add_text_box(paragraph: Any) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r {W}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
            f"<v:textbox><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p>"
            f"</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )


def add_header_table(document: Any, headers: tuple[str, ...]) -> Any:
    """A "Table Grid" table whose one row is a header row repeated on each page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    mark_header_row(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    return table
