"""The Project's table of contents (MỤC LỤC) with the page numbers of our own
PDF: lay the document out once, read on which printed page each heading
starts, fill the numbers into the TOC field's result and lay it out again,
until the numbers hold (a longer TOC can push the headings on).

The printed number of a page is the number in its header; a page without one
is the first page of its section (Decree 30: no number on a section's first
page), which counts as 1.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

#: Layouts tried before giving up on a fixed point (it is reached in one or two).
MAX_PASSES = 4


#: Text set this close to the top of the page (pt) is the header's page number.
HEADER_DEPTH_PT = 80


def page_lines(pdf: bytes) -> list[tuple[int, list[str]]]:
    """Each page's printed number and its text, one stripped line per item."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        top: list[tuple[float, str]] = []

        def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
            if text.strip():
                top.append((float(tm[5]), text.strip()))  # noqa: B023 - used at once

        text = page.extract_text(visitor_text=visit) or ""
        # a no-break space (a space kept at a run's edge) is a space to the reader
        lines = [line.replace("\xa0", " ").strip() for line in text.splitlines() if line.strip()]
        pages.append((printed_number(top), lines))
    return pages


def printed_number(items: list[tuple[float, str]]) -> int:
    """The number printed in the header (the topmost text, if it is a number near
    the top edge); 1 for a page that prints none (a section's first page)."""
    if not items:
        return 1
    depth, text = min(items)
    return int(text) if text.isdigit() and depth < HEADER_DEPTH_PT else 1


def heading_pages(pdf: bytes, headings: list[str]) -> list[str]:
    """The printed page on which each heading line first stands, in order, each
    found after the previous one ('' when not found)."""
    pages = page_lines(pdf)
    found: list[str] = []
    start = 0
    for heading in headings:
        page = ""
        for index in range(start, len(pages)):
            number, lines = pages[index]
            if heading in lines:
                page = str(number)
                start = index
                break
        found.append(page)
    return found


#: The page shown in the first layout: a digit, as wide as any other in the
#: font (tabular figures), so the entry lines are laid out as they will be;
#: and an entry line no longer equals its heading (the glossary's title is
#: both), which made the heading be found in the MỤC LỤC itself.
PLACEHOLDER_PAGE = "0"


def with_placeholder_pages(context: dict[str, Any]) -> dict[str, Any]:
    """``context`` for the first layout: each ``toc`` entry's page a placeholder."""
    return {**context, "toc": [{**entry, "page": PLACEHOLDER_PAGE} for entry in context["toc"]]}


def with_page_numbers(
    context: dict[str, Any],
    render: Callable[[dict[str, Any]], tuple[bytes, bytes]],
    first: tuple[bytes, bytes],
) -> tuple[bytes, bytes]:
    """(DOCX, PDF) with the ``toc`` entries' pages taken from the PDF itself;
    ``first`` is the layout of ``context`` as given."""
    entries = [dict(entry) for entry in context["toc"]]
    docx, pdf = first
    for _ in range(MAX_PASSES):
        pages = heading_pages(pdf, [entry["heading"] for entry in entries])
        if pages == [entry["page"] for entry in entries]:
            return docx, pdf
        entries = [{**entry, "page": page} for entry, page in zip(entries, pages, strict=True)]
        docx, pdf = render({**context, "toc": entries})
    return docx, pdf
