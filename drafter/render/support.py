"""Template capability check: what in a DOCX the PDF converter cannot render.

The PDF is made from the DOCX by :mod:`drafter.render.html`, which converts only
the subset of Word our templates use.  Anything outside it would silently look
different in the PDF, so it is reported here, located by part and paragraph,
with what to do instead.  What is unsupported is data (:data:`UNSUPPORTED`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from drafter.errors import Problem
from drafter.ooxml.document import WordDocument
from drafter.ooxml.ns import M_NS as _M
from drafter.ooxml.ns import V_NS as _V
from drafter.ooxml.ns import W_NS as _W
from drafter.ooxml.ns import W_P, W_PPR, W_SECTPR, W_VAL
from drafter.ooxml.ns import WP_NS as _WP
from drafter.ooxml.props import parse_ppr


@dataclass(frozen=True)
class Unsupported:
    """An element (Clark name) the converter does not render, and the advice."""

    tag: str
    message: str
    in_headers_only: bool = False
    #: w:val values that are fine after all (an office suite spelling out the default).
    accepted_values: frozenset[str] = frozenset()


#: Elements that make the PDF differ from Word.  Edit here to change the check.
UNSUPPORTED: tuple[Unsupported, ...] = (
    Unsupported(
        f"{{{_WP}}}anchor",
        "a floating (anchored) picture or shape is not rendered "
        "in the PDF; set its wrapping to 'In Line with Text'",
    ),
    Unsupported(
        f"{{{_W}}}txbxContent",
        "a text box is not rendered in the PDF; use a one-cell table or a paragraph border instead",
    ),
    Unsupported(
        f"{{{_V}}}textbox",
        "a text box is not rendered in the PDF; use a one-cell table or a paragraph border instead",
    ),
    Unsupported(
        f"{{{_W}}}pict",
        "a legacy VML drawing is not rendered in the PDF; insert the picture inline",
    ),
    Unsupported(
        f"{{{_W}}}object",
        "an embedded object (OLE) is not rendered in the PDF; paste it as an inline picture",
    ),
    Unsupported(
        f"{{{_W}}}footnoteReference",
        "footnotes are not rendered in the PDF; put the note in the text",
    ),
    Unsupported(
        f"{{{_W}}}endnoteReference",
        "endnotes are not rendered in the PDF; put the note in the text",
    ),
    Unsupported(f"{{{_M}}}oMath", "an equation is not rendered in the PDF; type it as text"),
    Unsupported(
        f"{{{_W}}}framePr",
        "a framed (positioned) paragraph is not rendered in place in the PDF; remove the frame",
    ),
    Unsupported(
        f"{{{_W}}}textDirection",
        "vertical or rotated text is not rendered in the PDF; use horizontal text",
        # horizontal text, left to right, top to bottom (transitional and strict
        # spellings): LibreOffice writes it on every section
        accepted_values=frozenset({"lrTb", "tb"}),
    ),
    Unsupported(
        f"{{{_W}}}drawing",
        "a picture in a header or footer is not rendered in the "
        "PDF; headers hold text and page numbers only",
        in_headers_only=True,
    ),
    Unsupported(
        f"{{{_W}}}tbl",
        "a table in a header or footer is not rendered in the PDF; "
        "headers hold text and page numbers only",
        in_headers_only=True,
    ),
)

NUMBERING_MESSAGE = (
    "automatic numbering (w:numPr) is not rendered in the PDF; type the number or bullet as text"
)
COLUMNS_MESSAGE = "text in several columns (w:cols) is not rendered in the PDF; use a table"
CONTINUOUS_MESSAGE = (
    "a continuous section break is rendered as a page break in the PDF; "
    "use a 'Next Page' section break"
)
EVEN_HEADER_MESSAGE = "a separate even-page header or footer is not rendered in the PDF"

#: sectPr w:type values that the converter renders (each section starts a page).
_SECTION_STARTS = {"nextPage", "oddPage", "evenPage"}


def _snippet(p: etree._Element) -> str:
    text = "".join(
        t.text or "" for t in p.iter(f"{{{_W}}}t") if next(t.iterancestors(W_P)) is p
    ).strip()
    if not text:
        return ""
    return f' (near "{text[:40]}{"…" if len(text) > 40 else ""}")'


def _outermost_paragraph(el: etree._Element) -> etree._Element | None:
    found = None
    for ancestor in el.iterancestors(W_P):
        found = ancestor
    return el if found is None and el.tag == W_P else found


def _numbered(p: etree._Element, pkg: WordDocument) -> bool:
    direct = parse_ppr(p.find(W_PPR))
    if "num_id" in direct:
        return bool(direct["num_id"])
    style_ppr, _ = pkg.styles.paragraph_style(direct.get("pstyle"))
    return bool(style_ppr.get("num_id"))


def _check_part(
    pkg: WordDocument, part: str, root: etree._Element, is_header: bool, label: str
) -> list[Problem]:
    problems: list[Problem] = []
    # Paragraphs inside text boxes are not counted: the number is the one a reader
    # finds by counting the document's own paragraphs (table cells included).
    outer = [p for p in root.iter(W_P) if next(p.iterancestors(W_P), None) is None]
    numbers = {p: index for index, p in enumerate(outer, 1)}
    seen: set[tuple[int, str]] = set()

    def report(el: etree._Element, message: str) -> None:
        p = _outermost_paragraph(el)
        if p is None:  # a table with no paragraph around it: name the next one inside
            p = next(el.iter(W_P), None)
        index = numbers.get(p, 0) if p is not None else 0
        if (index, message) in seen:
            return
        seen.add((index, message))
        where = f"{part} paragraph {index}" if index else part
        problems.append(
            Problem(
                file=label, path=where, message=message + (_snippet(p) if p is not None else "")
            )
        )

    for p in outer:
        if _numbered(p, pkg):
            report(p, NUMBERING_MESSAGE)
    for rule in UNSUPPORTED:
        if rule.in_headers_only and not is_header:
            continue
        for el in root.iter(rule.tag):
            if rule.tag == f"{{{_W}}}pict" and next(el.iter(f"{{{_V}}}textbox"), None) is not None:
                continue  # reported as a text box
            if el.get(W_VAL) in rule.accepted_values:
                continue
            report(el, rule.message)
    return problems


def _check_sections(root: etree._Element, label: str) -> list[Problem]:
    problems: list[Problem] = []
    for number, sect in enumerate(root.iter(W_SECTPR), 1):
        where = f"word/document.xml section {number}"
        cols = sect.find(f"{{{_W}}}cols")
        if cols is not None and int(cols.get(f"{{{_W}}}num", "1") or 1) > 1:
            problems.append(Problem(file=label, path=where, message=COLUMNS_MESSAGE))
        kind = sect.find(f"{{{_W}}}type")
        if number > 1 and kind is not None and kind.get(W_VAL) not in _SECTION_STARTS:
            problems.append(Problem(file=label, path=where, message=CONTINUOUS_MESSAGE))
        for ref in sect:
            if (
                ref.tag in (f"{{{_W}}}headerReference", f"{{{_W}}}footerReference")
                and ref.get(f"{{{_W}}}type") == "even"
            ):
                problems.append(Problem(file=label, path=where, message=EVEN_HEADER_MESSAGE))
                break
    return problems


def check_docx_supported(docx: bytes, label: str) -> list[Problem]:
    """One Problem per construct in the DOCX that the PDF converter cannot render.

    ``label`` names the file in the problems (a template path, say); each
    problem's ``path`` names the part and paragraph, e.g.
    ``word/document.xml paragraph 12``.  [] means the PDF can show everything.
    """
    with WordDocument(docx, "trusted") as pkg:
        problems = _check_part(pkg, "word/document.xml", pkg.document, False, label)
        problems += _check_sections(pkg.document, label)
        for part in sorted(set(pkg.rels.values())):
            base = posixpath.basename(part)
            if base.startswith(("header", "footer")) and base.endswith(".xml"):
                root = pkg.xml(part)
                if root is not None:
                    problems += _check_part(pkg, part, root, True, label)
    return problems


__all__ = ["UNSUPPORTED", "Unsupported", "check_docx_supported"]
