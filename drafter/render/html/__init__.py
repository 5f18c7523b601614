"""DOCX -> HTML with CSS paged media: a writer over :mod:`drafter.ooxml`.

- :mod:`~drafter.render.html.document`: the entry point, one HTML document
  per Word section, and the long-table pieces for chunked layout;
- :mod:`~drafter.render.html.writer`: one section's writer and its block loop;
- :mod:`~drafter.render.html.paragraphs`: paragraphs, runs and pictures;
- :mod:`~drafter.render.html.tables`: tables and their cells;
- :mod:`~drafter.render.html.margins`: page rules, headers and footers;
- :mod:`~drafter.render.html.css`: CSS values and the class registry.
"""

from __future__ import annotations

from drafter.render.html.document import (
    LONG_TABLE_ROWS,
    HtmlDocument,
    HtmlSection,
    LongTable,
    docx_to_html,
)

__all__ = ["LONG_TABLE_ROWS", "HtmlDocument", "HtmlSection", "LongTable", "docx_to_html"]
