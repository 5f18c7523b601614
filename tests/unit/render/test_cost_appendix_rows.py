"""The Project's cost appendix: its totals never part from the last data row,
and a task's row stays with its first phase (w:keepNext on every paragraph of
the row, which the PDF keeps too: test_render_kept_rows.py)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from helpers import SAMPLE, document_context

from drafter.project import load_project
from drafter.render.docx import CoreProperties, render_docx


def _cost_rows() -> list[tuple[str, bool]]:
    """(row text, every paragraph kept with the next) of the cost appendix's rows."""
    project = load_project(SAMPLE)
    doc = next(d for d in project.documents if d.spec.id == "de-an")
    docx = render_docx(
        doc.template_path,
        document_context(project, doc),
        CoreProperties(title="t", created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
    )
    table = next(t for t in Document(io.BytesIO(docx)).tables if "Cộng giai đoạn" in t._tbl.xml)
    rows = []
    for row in table.rows[1:]:
        paragraphs = [p for cell in row.cells for p in cell.paragraphs]
        kept = all(p.paragraph_format.keep_with_next for p in paragraphs)
        rows.append((" | ".join(cell.text for cell in row.cells), kept))
    return rows


def test_the_last_data_row_is_kept_with_the_totals() -> None:
    rows = _cost_rows()
    first_total = next(n for n, (text, _) in enumerate(rows) if "Cộng giai đoạn" in text)
    assert rows[first_total - 1][1], rows[first_total - 1]
    # the totals are kept together, down to the grand total
    assert all(kept for _, kept in rows[first_total:-1])
    # no other phase row is kept: the table may still break between tasks
    assert not all(kept for _, kept in rows[: first_total - 1])
