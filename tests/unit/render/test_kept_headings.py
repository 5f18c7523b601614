"""The Project's headings ("3. Văn phòng Ủy ban") and lead-ins ("- Nội dung:")
never end a page: each is kept with the line under it (w:keepNext)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from helpers import SAMPLE, document_context

from drafter.project import load_project
from drafter.render.docx import CoreProperties, render_docx


def _lines(value: object) -> list[dict[str, str]]:
    """Every typed line ({"bold", "italic", "text"}) of a context, at any depth."""
    if isinstance(value, dict):
        if set(value) == {"bold", "italic", "text"}:
            return [value]
        return [line for inner in value.values() for line in _lines(inner)]
    if isinstance(value, list | tuple):
        return [line for inner in value for line in _lines(inner)]
    return []


@pytest.mark.parametrize("doc_id", ["de-an", "to-trinh", "qd-ttg-phe-duyet"])
def test_headings_and_lead_ins_are_kept_with_the_next_line(doc_id: str) -> None:
    project = load_project(SAMPLE)
    doc = next(d for d in project.documents if d.spec.id == doc_id)
    context = document_context(project, doc)
    kept_lines = {
        line["bold"] + line["italic"] + line["text"]
        for line in _lines(context)
        if not line["text"] or line["text"].endswith(":")
    }
    assert kept_lines
    docx = render_docx(
        doc.template_path,
        context,
        CoreProperties(title="t", created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
    )
    loose = [
        p.text
        for p in Document(io.BytesIO(docx)).paragraphs
        if p.text in kept_lines and not p.paragraph_format.keep_with_next
    ]
    assert not loose, loose
