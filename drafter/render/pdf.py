"""PDF from a merged DOCX: each Word section is laid out by WeasyPrint on its own,
then the pages are joined into one reproducible PDF.

Sections are separate WeasyPrint documents so that each gets its own page size
and its own page numbering (restarted by ``w:pgNumType w:start`` or continued
from the previous section).  WeasyPrint is imported only when a PDF is made.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from drafter.render.fonts import ensure_fonts
from drafter.render.html import HtmlSection, docx_to_html


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written into the PDF.

    ``created``/``modified`` are datetimes or W3C/ISO 8601 strings (never the
    current time by default, so the PDF stays reproducible); ``extra`` holds
    custom keys such as the draft version and the input hash (keys are reduced
    to ASCII letters and digits, as the PDF Info dictionary requires).
    """

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] | list[str] = ()
    created: datetime | str | None = None
    modified: datetime | str | None = None
    extra: dict[str, str] = field(default_factory=dict)


#: Used for timestamps inside embedded font subsets when SOURCE_DATE_EPOCH is unset
#: (fontTools stamps the subset's ``head`` table with the current time otherwise).
FIXED_SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, as in reproducible zip files


def _w3c(value: datetime | str | None) -> str | None:
    """W3C date string for WeasyPrint; naive datetimes are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value


@contextmanager
def _fixed_source_date_epoch() -> Iterator[None]:
    # Not thread-safe (the environment is process-wide), but the only other way to
    # stop fontTools from writing the current time into each embedded font.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


#: Rows of a long table laid out per WeasyPrint document.  WeasyPrint's time and
#: memory grow faster than linearly with one long table; chunks of this size keep
#: both flat while adding about one re-laid-out page per chunk.
CHUNK_ROWS = 150


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Turn off automatic garbage collection; the caller collects generation 0.

    WeasyPrint allocates millions of objects for a long table, and Python's
    automatic collector re-scans everything alive (all the pages laid out so
    far) again and again: a third of the time of a 1,000-row PDF.  Collecting
    only the youngest generation after each WeasyPrint document frees that
    document's garbage and scans nothing older.  (Process-wide, like the
    environment variable above; restored on exit.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows_on_page(page: Any) -> set[int]:
    """Indices (``data-row``) of the long table's rows that have a piece on ``page``."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    rows: set[int] = set()
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, TableRowBox):
            element = box.element
            value = element.get("data-row") if element is not None else None
            if value is not None:
                rows.add(int(value))
            continue
        stack.extend(getattr(box, "children", ()))
    return rows


def _clean_cut(pages: list[Any], first: int) -> tuple[int, int] | None:
    """(pages to keep, row to start the next chunk with), or None.

    The cut goes before the last page that starts with a whole row (not the
    rest of a row begun on the page before), so the kept pages are laid out
    exactly as in one pass and the next chunk starts that row on a new page.
    """
    rows = [_rows_on_page(page) for page in pages]
    for k in range(len(pages) - 1, 0, -1):
        if not rows[k]:
            continue
        top = min(rows[k])
        if top > first and top not in rows[k - 1]:
            return k, top
    return None


def render_pdf(
    docx: bytes, *, metadata: PdfMetadata | None = None, chunk_rows: int | None = CHUNK_ROWS
) -> bytes:
    """Render the DOCX's body, headers and footers to PDF bytes.

    A long table is laid out ``chunk_rows`` rows at a time (None: in one pass);
    the pages are the same either way.  Same DOCX and metadata in,
    byte-identical PDF out.  Raises :class:`drafter.render.fonts.FontsMissingError`
    when the Liberation fonts are not installed.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    ensure_fonts()
    sections = docx_to_html(docx).sections
    if not sections:
        raise ValueError("the DOCX has no body to render")
    font_config = FontConfiguration()

    documents: list[Any] = []  # the first one lends its settings to the joined PDF

    def render_html(html: str, start: int | None, total: int | None, numpages: bool) -> Any:
        if total is not None and numpages:
            # NUMPAGES counts the whole document, not the part WeasyPrint sees.
            html = html.replace("counter(pages)", f'"{total}"')
        stylesheets = []
        if start is not None:
            stylesheets.append(
                CSS(
                    string=f"@page :first {{ counter-reset: page {start} }}",
                    font_config=font_config,
                )
            )
        document = HTML(string=html, base_url="/").render(
            font_config=font_config, stylesheets=stylesheets
        )
        if not documents:
            documents.append(document)
        gc.collect(0)
        return document

    def chunked(section: HtmlSection) -> bool:
        table = section.long_table
        return chunk_rows is not None and table is not None and len(table.rows) > chunk_rows

    def render(section: HtmlSection, start: int, total: int | None) -> list[Any]:
        own_start = None if section.page_number_start is None and start == 1 else start
        if section.page_number_start is not None:
            own_start = None  # the section's own rules restart the counter
        if not chunked(section):
            return list(render_html(section.html, own_start, total, section.uses_numpages).pages)
        assert section.long_table is not None and chunk_rows is not None
        table = section.long_table
        pages: list[Any] = []
        first = 0
        while True:
            end = min(first + chunk_rows, len(table.rows))
            last = end == len(table.rows)
            continued = first > 0
            html = table.html(first, end, continued=continued, last=last)
            chunk_start = start + len(pages) if continued else own_start
            document = render_html(html, chunk_start, total, section.uses_numpages)
            if last:
                return pages + list(document.pages)
            cut = _clean_cut(list(document.pages), first)
            if cut is None:  # no whole-row page boundary: lay the section out in one pass
                return list(
                    render_html(section.html, own_start, total, section.uses_numpages).pages
                )
            keep, first = cut
            pages += document.pages[:keep]

    with _young_collections_only():
        return _join(sections, render, documents, metadata)


def _join(
    sections: list[HtmlSection],
    render: Callable[[HtmlSection, int, int | None], list[Any]],
    documents: list[Any],
    metadata: PdfMetadata | None,
) -> bytes:
    """Lay out every section with ``render``, number the pages, write one PDF."""
    starts: list[int] = []
    laid_out: list[list[Any]] = []
    next_page = 1
    for section in sections:
        start = section.page_number_start if section.page_number_start is not None else next_page
        starts.append(start)
        laid_out.append(render(section, start, None))
        next_page = start + len(laid_out[-1])
    # A section laid out in parts, or one of several, cannot count the whole
    # document's pages by itself: render again with the total.
    if any(s.uses_numpages for s in sections) and (
        len(sections) > 1 or any(s.long_table is not None for s in sections)
    ):
        total = sum(len(pages) for pages in laid_out)
        laid_out = [
            render(s, start, total) if s.uses_numpages else pages
            for s, start, pages in zip(sections, starts, laid_out, strict=True)
        ]

    all_pages = [page for pages in laid_out for page in pages]
    combined = documents[0].copy(all_pages)
    info = combined.metadata
    meta = metadata or PdfMetadata()
    info.title = meta.title
    info.authors = [meta.author] if meta.author else []
    info.description = meta.subject
    info.keywords = list(meta.keywords)
    info.generator = "drafter"
    info.created = _w3c(meta.created)
    info.modified = _w3c(meta.modified)
    info.custom = dict(sorted(meta.extra.items()))
    # No pdf_identifier: WeasyPrint would otherwise be free to add a file ID.
    with _fixed_source_date_epoch():
        pdf: bytes = combined.write_pdf(custom_metadata=bool(meta.extra), pdf_identifier=False)
    return pdf
