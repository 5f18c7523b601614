"""Arbitrary Unicode in text fields: accepted exactly (after NFC) and rendered
exactly in the DOCX and the PDF, or, for characters XML cannot hold, rejected
with a located error.  Example counts are bounded so the suite stays quick."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import MINI, copy_project
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import drafter.content
from drafter.errors import DrafterError

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SPECIALS = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "<w:t>",
    "😀",
    "👍🏽",
    "مرحبا بالعالم",
    "שלום",
    "e\u0301",
    unicodedata.normalize("NFD", "Hòa Bình, Thủy, Khỏe"),
    "  ",
    "\n",
    "\t",
    "x" * 300,
]
_char = st.characters(blacklist_categories=("Cs",)).filter(lambda c: not XML_ILLEGAL.match(c))
_piece = st.one_of(st.text(_char, max_size=20), st.sampled_from(SPECIALS))
#: Text a Word file can hold, not blank.
TEXT = st.lists(_piece, min_size=1, max_size=8).map("".join).filter(lambda s: bool(s.strip()))
ILLEGAL = st.sampled_from([chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)]])

# What the PDF's fonts can draw: Latin with Vietnamese, combining marks, Hebrew, and
# the specials above except emoji and Arabic; and what they cannot (emoji, Arabic,
# CJK): a value holding such a character is named by the check, not rendered.
_drawable = st.one_of(
    st.characters(
        max_codepoint=0x24F, blacklist_categories=("Cc", "Cs", "Cf")
    ),  # U+00AD: see README
    st.characters(min_codepoint=0x1EA0, max_codepoint=0x1EF9),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    st.characters(min_codepoint=0x5D0, max_codepoint=0x5EA),
)
_pdf_specials = [s for s in SPECIALS if s.isascii() or "Hòa" in unicodedata.normalize("NFC", s)]
_undrawable = st.one_of(
    st.sampled_from(["😀", "👍🏽", "مرحبا بالعالم", "中文"]),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
)
PDF_TEXT = (
    st.lists(
        st.one_of(st.text(_drawable, max_size=20), st.sampled_from(_pdf_specials), _undrawable),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: bool(s.strip()))
    # A combining mark left over after NFC (no precomposed form, e.g. è + U+0316)
    # is drawn right, but the PDF font's ToUnicode map gives the mark's glyph the
    # text of the whole cluster it first appeared in, so extraction reads
    # "x\u0316" as "xè\u0316": a gap of text extraction (copy, search, the
    # parity check), not of the page.  Vietnamese composes fully under NFC.
    .filter(lambda s: not any(unicodedata.combining(c) for c in unicodedata.normalize("NFC", s)))
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))


def _models() -> list[type[BaseModel]]:
    modules = [
        importlib.import_module(f"drafter.content.{info.name}")
        for info in pkgutil.iter_modules(drafter.content.__path__)
        if info.name == "models" or info.name.endswith("_models")
    ]
    found: dict[str, type[BaseModel]] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


def _text_fields() -> list[tuple[str, Any]]:
    """(Model.field, annotation) of every field that holds document text."""
    fields = []
    for model in _models():
        for name, info in model.model_fields.items():
            if info.annotation is None:
                continue
            annotation = info.rebuild_annotation()  # with its validators
            schema = repr(TypeAdapter(annotation).core_schema)
            if "_check_text" in schema and "'type': 'model'" not in schema:
                fields.append((f"{model.__name__}.{name}", annotation))
    return fields


TEXT_FIELDS = _text_fields()


def _shape(annotation: Any) -> str:
    """The field's core schema type under Optional and defaults ('list', 'str', …)."""
    schema = TypeAdapter(annotation).core_schema
    while schema["type"] in ("nullable", "default"):
        schema = schema["schema"]
    return str(schema["type"])


def _sample(annotation: Any, value: str) -> Any:
    """``value`` shaped for the field: a list for list fields."""
    return [value] if _shape(annotation) == "list" else value


def test_every_model_has_its_text_fields_found() -> None:
    names = {name for name, _ in TEXT_FIELDS}
    assert {"DatabaseEntry.name", "DocumentHeader.title", "Clause.points"} <= names


@pytest.mark.parametrize(("field", "annotation"), TEXT_FIELDS, ids=[f for f, _ in TEXT_FIELDS])
@FAST
@given(value=TEXT)
def test_text_field_keeps_any_xml_text_in_nfc(field: str, annotation: Any, value: str) -> None:
    result = TypeAdapter(annotation).validate_python(_sample(annotation, value))
    assert result == _sample(annotation, unicodedata.normalize("NFC", value))


@pytest.mark.parametrize(("field", "annotation"), TEXT_FIELDS, ids=[f for f, _ in TEXT_FIELDS])
@settings(max_examples=5, deadline=None)
@given(before=TEXT, bad=ILLEGAL)
def test_text_field_rejects_what_xml_cannot_hold(
    field: str, annotation: Any, before: str, bad: str
) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(bad):04X}"):
        TypeAdapter(annotation).validate_python(_sample(annotation, before + bad))


# --------------------------------------------------------------------------- end to end

DB_NAME = "name: Hệ thống quản lý văn bản và điều hành"
CLAUSE = "      - text: Các đơn vị quản lý dữ liệu cập nhật theo chu kỳ."


def _quoted(value: str) -> str:
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**9).strip()


def _build_with(tmp: Path, *, name: str | None = None, clause: str | None = None) -> Any:
    """The mini project with the value written into a field; the list Decision rendered."""
    from drafter.project import load_project

    content = copy_project(MINI, tmp)
    edits = [
        ("registries/databases.yaml", DB_NAME, name, "name: "),
        ("documents/qd-csdl.yaml", CLAUSE, clause, "      - text: "),
    ]
    for file, find, value, prefix in edits:
        if value is not None:
            path = content / file
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(find, prefix + _quoted(value), 1), encoding="utf-8")
    project = load_project(content)
    return project, project.document("qd-csdl")


def _as_word_shows(value: str) -> str:
    """NFC, and every line break (CR, LF, CRLF) as Word's one line break, read back as LF."""
    return unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")


def _docx_text(docx: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(docx))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@FAST
@given(value=TEXT)
@example(value="0\r\n&")  # a CR LF once made two line breaks
def test_database_name_renders_exactly_in_the_docx(tmp_path_factory: Any, value: str) -> None:
    from drafter.workers import render_document

    project, doc = _build_with(tmp_path_factory.mktemp("f"), name=value)
    docx = render_document(project, doc, pdf=False).docx
    assert _as_word_shows(value) in _docx_text(docx)


@FAST
@given(value=TEXT.filter(lambda s: "{" not in s and "}" not in s))
def test_clause_text_renders_exactly_in_the_docx(tmp_path_factory: Any, value: str) -> None:
    from drafter.workers import render_document

    project, doc = _build_with(tmp_path_factory.mktemp("f"), clause=value)
    docx = render_document(project, doc, pdf=False).docx
    assert _as_word_shows(value) in _docx_text(docx)


@SLOW
@given(value=PDF_TEXT)
def test_database_name_has_the_same_words_in_the_pdf_or_is_named(
    tmp_path_factory: Any, value: str
) -> None:
    from parity import parity_problems

    from drafter.commands.check import undrawable_text
    from drafter.render.glyphs import drawable, undrawable
    from drafter.workers import render_document

    project, doc = _build_with(tmp_path_factory.mktemp("f"), name=value)
    missing = undrawable(_as_word_shows(value), drawable())
    if missing:  # an empty box in the PDF: the check names the value instead
        [problem] = undrawable_text(project)
        assert problem.file.endswith("registries/databases.yaml") and problem.line > 0
        assert problem.path.endswith("].name") and problem.is_error
        for char in missing[:5]:
            assert f"'{char}' (U+{ord(char):04X})" in problem.message
        assert "cannot be drawn by the PDF's font" in problem.message
        return
    result = render_document(project, doc, pdf=True)
    assert result.pdf is not None
    assert parity_problems(result.docx, result.pdf, "qd-csdl") == []


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(before=TEXT, bad=ILLEGAL)
def test_illegal_character_is_located_not_dropped(
    tmp_path_factory: Any, before: str, bad: str
) -> None:
    with pytest.raises(DrafterError) as caught:
        _build_with(tmp_path_factory.mktemp("f"), name=before + bad)
    problem = next(p for p in caught.value.problems if p.path.endswith(".name"))
    assert problem.file.endswith("registries/databases.yaml") and problem.line > 0
    assert f"U+{ord(bad):04X}" in problem.message
