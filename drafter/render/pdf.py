"""PDF from a merged DOCX: each Word section is laid out by WeasyPrint on its own,
then the pages are joined into one reproducible PDF.

Sections are separate WeasyPrint documents so that each gets its own page size
and its own page numbering (restarted by ``w:pgNumType w:start`` or continued
from the previous section).  WeasyPrint is imported only when a PDF is made.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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


def render_pdf(docx: bytes, *, metadata: PdfMetadata | None = None) -> bytes:
    """Render the DOCX's body, headers and footers to PDF bytes.

    Same DOCX and metadata in, byte-identical PDF out.  Raises
    :class:`drafter.render.fonts.FontsMissingError` when the Liberation fonts
    are not installed.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    ensure_fonts()
    sections = docx_to_html(docx).sections
    if not sections:
        raise ValueError("the DOCX has no body to render")
    font_config = FontConfiguration()

    def render(section: HtmlSection, start: int, total: int | None) -> Any:
        html = section.html
        if total is not None and section.uses_numpages:
            # NUMPAGES counts the whole document, not the section WeasyPrint sees.
            html = html.replace("counter(pages)", f'"{total}"')
        stylesheets = []
        if section.page_number_start is None and start != 1:
            stylesheets.append(
                CSS(
                    string=f"@page :first {{ counter-reset: page {start} }}",
                    font_config=font_config,
                )
            )
        return HTML(string=html, base_url="/").render(
            font_config=font_config, stylesheets=stylesheets
        )

    starts: list[int] = []
    documents: list[Any] = []
    next_page = 1
    for section in sections:
        start = section.page_number_start if section.page_number_start is not None else next_page
        starts.append(start)
        documents.append(render(section, start, None))
        next_page = start + len(documents[-1].pages)
    if len(sections) > 1 and any(s.uses_numpages for s in sections):
        total = sum(len(d.pages) for d in documents)
        documents = [
            render(s, start, total) if s.uses_numpages else d
            for s, start, d in zip(sections, starts, documents, strict=True)
        ]

    combined = documents[0].copy([page for d in documents for page in d.pages])
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
