"""Building blocks for drafting Word templates with python-docx.

The templates under templates/ are the source the drafting team edits in
Word.  This kit made their first versions and makes the first version of a
new kind; after that, edit the .docx in Word (or change the kit and
regenerate, if the team has not touched the file).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from drafter import decree30 as d30
from drafter.ooxml import TRUSTED, write_package
from drafter.ooxml.order import get_or_add, replace
from drafter.ooxml.package import read_parts

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None


def new_document() -> Document:
    doc = Document()
    for para in list(doc.paragraphs):
        para._element.getparent().remove(para._element)
    normal = doc.styles["Normal"]
    normal.font.name = d30.FONT
    normal.font.size = Pt(d30.BODY_SIZE)
    fonts = get_or_add(normal.element.get_or_add_rPr(), qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), d30.FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    # docDefaults of python-docx's template name theme fonts; pin them too
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rfonts in defaults.iter(qn("w:rFonts")):
            for attr in list(rfonts.attrib):
                del rfonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                rfonts.set(qn(attr), d30.FONT)
        # Word proofs the text in the default language: Vietnamese, not en-US
        rpr_default = get_or_add(get_or_add(defaults, qn("w:rPrDefault")), qn("w:rPr"))
        get_or_add(rpr_default, qn("w:lang")).set(qn("w:val"), d30.LANGUAGE)
    for style_id in CLERK_STYLES:
        _pin_style_font(doc, style_id)
    _drop_stale_parts(doc)
    core = doc.core_properties
    core.author = "drafter"
    core.title = ""
    core.comments = ""
    return doc


#: Styles a clerk picks from Word's gallery: Times New Roman and black per
#: Decree 30, not the default template's theme fonts and blue headings.
CLERK_STYLES = ("Heading1", "Heading2", "Heading3", "Title", "Caption", "ListParagraph")

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_EXTENDED_PROPERTIES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)
#: docProps/app.xml without page, word or line counts: a count there is read
#: as true by Word and file browsers, and a template cannot know them.
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>drafter</Application></Properties>'
)


def _pin_style_font(doc, style_id: str) -> None:
    styles = doc.styles.element
    style = next(
        (s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == style_id),
        None,
    )
    if style is None:
        return
    rpr = style.get_or_add_rPr()
    fonts = get_or_add(rpr, qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), d30.FONT)
    get_or_add(rpr, qn("w:color")).attrib.clear()
    rpr.find(qn("w:color")).set(qn("w:val"), "000000")


def _drop_stale_parts(doc) -> None:
    """Leave out what python-docx's default template carries but no longer
    describes this file: stylesWithEffects.xml (Word 2010's copy of the styles,
    which would disagree with styles.xml), the thumbnail, and app.xml's counts."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in (_STYLES_WITH_EFFECTS, _THUMBNAIL):
                rels.pop(rid)
    for rel in doc.part.package.rels.values():
        if rel.reltype == _EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML


def save(doc, path) -> None:
    """Write ``doc`` with fixed zip timestamps (drafter.ooxml's writer): the
    same drawing always gives the same bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    parts = read_parts(buffer.getvalue(), TRUSTED)
    Path(path).write_bytes(write_package(parts.items()))


def setup_section(
    section, *, landscape: bool = False, title_page: bool = True, restart_numbering: bool = False
) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(d30.PAGE_HEIGHT_MM), Mm(d30.PAGE_WIDTH_MM)
        margins = d30.LANDSCAPE_MARGINS_MM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(d30.PAGE_WIDTH_MM), Mm(d30.PAGE_HEIGHT_MM)
        margins = d30.MARGINS_MM
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])
    section.header_distance = Mm(d30.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(d30.HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = title_page
    if restart_numbering:
        get_or_add(section._sectPr, qn("w:pgNumType")).set(qn("w:start"), "1")
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.alignment = CENTER
    add_page_field(para, d30.PAGE_NUMBER_SIZE)
    if title_page:
        first = section.first_page_header
        first.is_linked_to_previous = False
        first.paragraphs[0].text = ""


def add_page_field(paragraph: Paragraph, size: float) -> None:
    def fld(kind: str) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    run.font.size = Pt(size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    fld("separate")
    shown = paragraph.add_run("2")
    shown.font.size = Pt(size)
    fld("end")


def paragraph(
    container,
    runs: Iterable[Run] | str = "",
    *,
    align=JUSTIFY,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    first_line: float | None = None,
    before: float = 0,
    after: float = 0,
    left_cm: float = 0,
    right_cm: float = 0,
    keep_next: bool = False,
    line: float = 1.0,
) -> Paragraph:
    para = container.add_paragraph()
    para.alignment = align
    pf = para.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    if first_line:
        pf.first_line_indent = Cm(first_line)
    if left_cm:
        pf.left_indent = Cm(left_cm)
    if right_cm:
        pf.right_indent = Cm(right_cm)
    if keep_next:
        pf.keep_with_next = True
    items = [Run(runs)] if isinstance(runs, str) else list(runs)
    for item in items:
        if not item.text:
            continue
        run = para.add_run(item.text)
        run.bold = item.bold or bold or None
        run.italic = item.italic or italic or None
        if item.underline:
            run.underline = True
        run.font.size = Pt(item.size or size or d30.BODY_SIZE)
    return para


def tag(container, text: str) -> Paragraph:
    """A paragraph holding only a docxtpl block tag ({%p ... %})."""
    para = container.add_paragraph()
    para.add_run(text)
    return para


def rule(
    container, width_cm: float, available_cm: float, *, before: float = 0, after: float = 0
) -> Paragraph:
    """A centred solid rule ``width_cm`` long: an empty paragraph with a top border."""
    side = max(0.0, (available_cm - width_cm) / 2)
    para = paragraph(
        container, "", align=CENTER, left_cm=side, right_cm=side, before=before, after=after
    )
    set_border(para, "top", size=6)
    mark = get_or_add(para._p.get_or_add_pPr(), qn("w:rPr"))
    get_or_add(mark, qn("w:sz")).set(qn("w:val"), "4")
    return para


def set_border(para: Paragraph, *sides: str, size: int = 6, space: int = 1) -> None:
    bdr = get_or_add(para._p.get_or_add_pPr(), qn("w:pBdr"))
    for side in sides:
        el = replace(bdr, qn(f"w:{side}"))
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), str(space))
        el.set(qn("w:color"), "000000")


def boxed(
    container,
    text: str,
    *,
    width_cm: float,
    available_cm: float,
    size: float,
    corner: str = "right",
) -> Paragraph:
    """Text in a solid rectangle (the draft marker): a paragraph bordered on all sides."""
    left = available_cm - width_cm if corner == "right" else 0.0
    right = 0.0 if corner == "right" else available_cm - width_cm
    para = paragraph(
        container,
        [Run(text, bold=True, size=size)],
        align=CENTER,
        left_cm=left,
        right_cm=right,
        after=6,
    )
    set_border(para, "top", "left", "bottom", "right", size=8, space=2)
    return para


def table(
    container,
    widths_cm: list[float],
    *,
    borders: bool,
    rows: int = 1,
    align=WD_TABLE_ALIGNMENT.CENTER,
) -> Table:
    tbl = container.add_table(rows=rows, cols=len(widths_cm))
    tbl.alignment = align
    tbl.autofit = False
    tblpr = tbl._tbl.tblPr
    get_or_add(tblpr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
    tblw = get_or_add(tblpr, qn("w:tblW"))
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        tblpr.remove(style)
    tbl_borders = replace(tblpr, qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = get_or_add(tbl_borders, qn(f"w:{side}"))
        el.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
    margins = replace(tblpr, qn("w:tblCellMar"))
    for side, value in (("left", 85), ("right", 85), ("top", 28), ("bottom", 28)):
        el = get_or_add(margins, qn(f"w:{side}"))
        el.set(qn("w:w"), str(value if borders else 0))
        el.set(qn("w:type"), "dxa")
    grid = tbl._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))
    for row in tbl.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return tbl


def clear(cell: _Cell) -> _Cell:
    """Remove the empty paragraph python-docx puts in a new cell (add one later)."""
    for para in list(cell.paragraphs):
        para._element.getparent().remove(para._element)
    return cell


def header_row(row) -> None:
    """Mark a table row as a header repeated on each page, never split."""
    trpr = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        get_or_add(trpr, qn(name))


def cant_split(row) -> None:
    get_or_add(row._tr.get_or_add_trPr(), qn("w:cantSplit"))


def valign(cell: _Cell, value: str = "center") -> None:
    get_or_add(cell._tc.get_or_add_tcPr(), qn("w:vAlign")).set(qn("w:val"), value)


def merge_row(row) -> _Cell:
    """Merge all cells of ``row`` after the first into one (a group row's title)."""
    cells = row.cells
    return cells[1].merge(cells[-1])


def new_section(doc, *, landscape: bool, restart_numbering: bool, title_page: bool = True):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_section(
        section, landscape=landscape, title_page=title_page, restart_numbering=restart_numbering
    )
    return section


def deepcopy(element):
    return copy.deepcopy(element)
