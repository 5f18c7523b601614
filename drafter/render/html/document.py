"""DOCX -> HTML with CSS paged media, one HTML document per Word section.

Only the subset of WordprocessingML that our templates use is converted (see
:mod:`drafter.render.support` for what is rejected).  The Word document is
read through :mod:`drafter.ooxml` (styles, the inline event stream, the table
grid, sections); this package only writes.  The output is deterministic: the
same DOCX bytes always give the same strings, so the PDF made from it is
reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from lxml import etree

from drafter.ooxml.document import WordDocument
from drafter.ooxml.ns import W_TBL
from drafter.ooxml.sections import SectionProps, parse_sectpr, split_sections
from drafter.ooxml.styles import ParagraphContext
from drafter.ooxml.tables import table_rows
from drafter.render.fonts import font_face_css, pdf_family
from drafter.render.html.css import BASE_CSS, mm_from_twips
from drafter.render.html.margins import page_rules
from drafter.render.html.tables import TableMarks, write_table
from drafter.render.html.writer import Writer

#: A body-level table with more rows than this is cut into pieces for chunked layout.
LONG_TABLE_ROWS = 60


@dataclass(frozen=True)
class HtmlSection:
    """One Word section as a complete HTML document with its own ``@page`` rules.

    ``page_number_start`` is the section's ``w:pgNumType w:start`` (None: continue
    from the previous section); ``uses_numpages`` tells that the margin boxes
    contain ``counter(pages)`` standing for Word's NUMPAGES (the whole document's
    page count, which :mod:`drafter.render.pdf` substitutes).
    """

    html: str
    page_width_mm: float
    page_height_mm: float
    page_number_start: int | None = None
    title_page: bool = False
    uses_numpages: bool = False
    long_table: LongTable | None = None


@dataclass(frozen=True)
class LongTable:
    """A section's longest body-level table, cut into pieces so that
    :mod:`drafter.render.pdf` can lay it out a chunk of rows at a time.

    ``head`` is the section's HTML up to ``<body>``; ``continued_head`` the same
    with the first-page rules (title page, page-number restart) left out, for a
    chunk that starts on a later page of the section.  ``before`` is the body
    before the table, ``table_open`` the table up to and including ``<tbody>``
    (colgroup and the repeated header rows), ``rows`` each body row's
    ``<tr>…</tr>``, ``table_close`` ``</tbody></table>`` and ``after`` the rest of
    the document.  Joined in order (with newlines), the pieces give the section's
    ``html``.
    """

    head: str
    continued_head: str
    before: str
    table_open: str
    rows: tuple[str, ...]
    table_close: str
    after: str

    def html(self, first: int, end: int, *, continued: bool, last: bool) -> str:
        """A document holding rows ``first``..``end-1`` (with the header rows).

        The section's opening blocks come only when not ``continued`` and its
        closing blocks only with the ``last`` chunk.  Each row carries its index
        in ``data-row`` so the caller can find which rows each page holds.
        """
        rows = [
            row.replace("<tr", f'<tr data-row="{n}"', 1)
            for n, row in enumerate(self.rows[first:end], start=first)
        ]
        parts = [
            self.continued_head if continued else self.head,
            "" if continued else self.before,
            self.table_open,
            *rows,
            self.table_close,
            self.after if last else "\n</body></html>\n",
        ]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class HtmlDocument:
    sections: list[HtmlSection]


def docx_to_html(docx: bytes) -> HtmlDocument:
    """Convert a DOCX to one HTML document per Word section.

    Each :class:`HtmlSection` holds a complete HTML string with a ``<style>``
    (fonts, ``@page`` size, margins and header/footer margin boxes with page
    counters, the paragraph/run/cell classes) and the section's numbering facts.
    Pure and deterministic: the same bytes give the same strings.  Raises
    :class:`drafter.ooxml.PackageError` for a package that cannot be read.
    """
    with WordDocument(docx, "trusted") as doc:
        body = doc.body
        if body is None:
            return HtmlDocument([])
        sections: list[HtmlSection] = []
        previous: SectionProps | None = None
        for blocks, sect in split_sections(body):
            props = parse_sectpr(sect, doc.rels, previous)
            sections.append(_section_html(doc, blocks, props))
            previous = props
        return HtmlDocument(sections)


def _long_table_index(blocks: list[etree._Element]) -> int | None:
    """Index of the body-level table with the most rows, if it is long."""
    best, best_rows = None, LONG_TABLE_ROWS
    for index, block in enumerate(blocks):
        if block.tag == W_TBL:
            count = sum(1 for _ in table_rows(block))
            if count > best_rows:
                best, best_rows = index, count
    return best


def _section_html(
    doc: WordDocument, blocks: list[etree._Element], props: SectionProps
) -> HtmlSection:
    writer = Writer(doc)
    body: list[str] = []
    long_index = _long_table_index(blocks)
    marks: TableMarks | None = None
    table_start = table_end = 0
    if long_index is None:
        writer.blocks(blocks, ParagraphContext(), doc.rels, body)
    else:
        # Written in three calls, which give the same HTML as one: the spacing
        # carried from a paragraph stops at a table anyway.
        marks = TableMarks()
        writer.blocks(blocks[:long_index], ParagraphContext(), doc.rels, body)
        table_start = len(body)
        write_table(writer, blocks[long_index], doc.rels, body, marks)
        table_end = len(body)
        writer.blocks(blocks[long_index + 1 :], ParagraphContext(), doc.rels, body)
    width_mm, height_mm = mm_from_twips(props.width_tw), mm_from_twips(props.height_tw)
    rules, first_rules, uses_numpages = page_rules(writer, props)
    writer.families.add(pdf_family(None))

    def head(first_page_rules: list[str]) -> str:
        style = "\n".join(
            [
                font_face_css(writer.families),
                BASE_CSS.strip(),
                *rules,
                *first_page_rules,
                writer.p_classes.css("."),
                writer.r_classes.css("span."),
                writer.c_classes.css("td."),
            ]
        )
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<style>\n{style}\n</style></head><body>"
        )

    first = ["@page :first {", *first_rules, "}"] if first_rules else []
    document = head(first) + "\n" + "\n".join(body) + "\n</body></html>\n"
    long_table = None
    if marks is not None and len(marks.rows) > LONG_TABLE_ROWS:
        starts = [*marks.rows, marks.end]
        long_table = LongTable(
            head=head(first),
            continued_head=head([]),
            before="\n".join(body[:table_start]),
            table_open="\n".join(body[table_start : marks.rows[0]]),
            rows=tuple("\n".join(body[a:b]) for a, b in pairwise(starts)),
            table_close="\n".join(body[marks.end : table_end]),
            after="\n".join([*body[table_end:], "</body></html>\n"]),
        )
    return HtmlSection(
        html=document,
        page_width_mm=width_mm,
        page_height_mm=height_mm,
        page_number_start=props.start,
        title_page=props.title_page,
        uses_numpages=uses_numpages,
        long_table=long_table,
    )
