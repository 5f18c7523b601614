"""The DOCX merge: docxtpl with shortcuts that must not change its output."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from helpers import SAMPLE, document_context
from lxml import etree
from render_docx_helpers import new_document

from drafter.errors import DrafterError
from drafter.project import load_project
from drafter.render.docx import (
    CoreProperties,
    jinja_environment,
    order_merged_cells,
    render_docx,
    with_images,
)
from drafter.render.nobreak import keep_symbols_whole
from drafter.render.text_rules import fit_rules


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
    """document.xml in canonical form (C14N: no namespace declared twice over)."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return etree.tostring(etree.fromstring(xml), method="c14n")


def _docxtpl_body(template: Path, context: dict[str, object]) -> bytes:
    """document.xml as plain docxtpl renders it (no shortcut), with the
    changes render_docx makes on purpose: docxtpl's w:vMerge put in schema
    order, the rules sized from their text, numbers and symbols kept whole."""
    plain = DocxTemplate(str(template))
    plain.render(with_images(plain, context), jinja_env=jinja_environment(), autoescape=True)
    order_merged_cells(plain.docx.element)
    fit_rules(plain.docx.element)
    keep_symbols_whole(plain.docx.element)
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
    assert b"<w:tab></w:tab>" in _body(ours)  # canonical form of <w:tab/>
    texts = [cell.text for cell in Document(io.BytesIO(ours)).tables[0].column_cells(0)]
    assert "a\tb" in texts


def test_every_sample_document_gets_docxtpls_own_body() -> None:
    """The real templates and contexts (tables, charts, several sections)."""
    project = load_project(SAMPLE)
    for doc in project.documents:
        context = document_context(project, doc)
        # citations are resolved after the merge (tests/unit/content/test_consistency.py):
        # without them both bodies keep the same markers
        context.pop("citations", None)
        ours = render_docx(doc.template_path, context, _properties())
        assert _body(ours) == _docxtpl_body(doc.template_path, context), doc.spec.id


@pytest.fixture
def cell_loop_template(tmp_path: Path) -> Path:
    """A table whose columns come from a {%tc %} loop: docxtpl must fix its grid."""
    document = new_document()
    table = document.add_table(rows=2, cols=4)
    for row, label in zip(table.rows, ("Năm", "Kinh phí"), strict=True):
        cells = ("{%tc for y in years %}", "{{ y }}", "{%tc endfor %}")
        for cell, text in zip(row.cells, (label, *cells), strict=True):
            cell.text = text
    path = tmp_path / "cells.docx"
    document.save(path)
    return path


def test_a_cell_loop_still_gets_its_grid_fixed(cell_loop_template: Path) -> None:
    context: dict[str, object] = {"years": ["2024", "2025", "2026", "2027"]}
    ours = render_docx(cell_loop_template, context, _properties())
    assert _body(ours) == _docxtpl_body(cell_loop_template, context)
    table = Document(io.BytesIO(ours)).tables[0]
    assert len(table.columns) == 5  # the grid grew with the loop: 1 + 4 columns
    assert [c.text for c in table.rows[0].cells] == ["Năm", "2024", "2025", "2026", "2027"]


def test_the_merged_document_still_works_with_python_docx(template: Path) -> None:
    """The body is parsed into a new document element: python-docx must see it."""
    ours = render_docx(template, {"name": "Hà Nội\nngày 05", "rows": ["một"]}, _properties())
    document = Document(io.BytesIO(ours))
    assert document.paragraphs[0].text == "Tên: Hà Nội\nngày 05"  # w:br made after the merge
    assert document.tables[0].rows[0].cells[0].text == "một"
    assert document.core_properties.title == "t"


def _template_with(tmp_path: Path, body: list[str], header: str = "") -> Path:
    document = new_document()
    for text in body:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    path = tmp_path / "located.docx"
    document.save(path)
    return path


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        (
            ["Một", "Hai {{ name }}", "Ba {{ missing }}"],
            'paragraph 3 ("Ba {{ missing }}")',
            "undefined",
        ),
        (["Một", "{% if %}có{% endif %}", "Ba"], 'paragraph 2 ("{% if %}có{% endif %}")', "syntax"),
        (["{{ name.__class__ }}"], 'paragraph 1 ("{{ name.__class__ }}")', "sandbox"),
    ],
)
def test_a_template_mistake_names_its_paragraph(
    tmp_path: Path, body: list[str], where: str, message: str
) -> None:
    template = _template_with(tmp_path, body)
    with pytest.raises(DrafterError) as raised:
        render_docx(template, {"name": "x"}, _properties(), label="t.docx")
    (problem,) = raised.value.problems
    assert problem.path == where
    assert message in problem.message
    assert problem.format().startswith(f"t.docx: {where}: template ")


def test_a_mistake_outside_the_body_is_still_reported_without_a_paragraph(
    tmp_path: Path,
) -> None:
    template = _template_with(tmp_path, ["Một"], header="{{ missing }}")
    with pytest.raises(DrafterError) as raised:
        render_docx(template, {"name": "x"}, _properties(), label="t.docx")
    (problem,) = raised.value.problems
    assert problem.path == ""
    assert "undefined name: 'missing'" in problem.message
