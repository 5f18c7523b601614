"""The DOCX merge: docxtpl with a shortcut that must not change its output."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from render_docx_helpers import new_document

from drafter.render.docx import CoreProperties, jinja_environment, render_docx


@pytest.fixture
def template(tmp_path: Path) -> Path:
    document = new_document()
    document.add_paragraph("Tên: {{ name }}")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "{%tr for row in rows %}"
    table.rows[1].cells[0].text = "{{ row }}"
    table.add_row().cells[0].text = "{%tr endfor %}"
    path = tmp_path / "template.docx"
    document.save(path)
    return path


def _properties() -> CoreProperties:
    return CoreProperties(
        title="t",
        subject="s",
        author="a",
        identifier="i",
        version="1",
        content_status="Dự thảo",
        keywords="k",
        language="vi-VN",
        created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
    )


def _body(docx: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


def _docxtpl_body(template: Path, context: dict[str, object]) -> bytes:
    """document.xml as plain docxtpl renders it (no shortcut)."""
    plain = DocxTemplate(str(template))
    plain.render(context, jinja_env=jinja_environment(), autoescape=True)
    buffer = io.BytesIO()
    plain.save(buffer)
    return _body(buffer.getvalue())


@pytest.mark.parametrize(
    "rows",
    [
        ["một", "hai & <ba>"],  # nothing for resolve_listing: the shortcut is taken
        ["cột\tcó tab", "trang\fmới", "đoạn\amới"],  # docxtpl's own rewriting still runs
    ],
)
def test_merge_gives_docxtpls_own_body(template: Path, rows: list[str]) -> None:
    context = {"name": "Ủy ban Dân tộc", "rows": rows}
    ours = render_docx(template, context, _properties())
    assert _body(ours) == _docxtpl_body(template, context)


def test_tab_in_a_value_becomes_a_word_tab(template: Path) -> None:
    ours = render_docx(template, {"name": "x", "rows": ["a\tb"]}, _properties())
    assert b"<w:tab/>" in _body(ours)
    texts = [cell.text for cell in Document(io.BytesIO(ours)).tables[0].column_cells(0)]
    assert "a\tb" in texts
