"""Every Word file drafter writes is valid Office Open XML: each document of
the sample set, each redline between two drafts, each shipped template.

openxml-audit checks the ECMA-376 schema (element order, repeated children)
and Word's own compatibility rules (stylesWithEffects agreeing with styles);
a file it faults is one Word may repair, refuse or silently change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLE, TEMPLATES, copy_project

from drafter.cli import main

openxml_audit = pytest.importorskip("openxml_audit")


def schema_errors(path: Path) -> list[str]:
    """Every finding of the validator, as ``part path: description``."""
    result = openxml_audit.OpenXmlValidator(max_errors=0).validate(str(path))
    return [
        f"{getattr(e, 'part_uri', '')} {getattr(e, 'path', '')}: {e.description}"
        for e in result.errors
    ]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built twice, the second time after an edit of every
    document's title, so each document has a draft 2 and a redline."""
    root = tmp_path_factory.mktemp("sample")
    content = copy_project(SAMPLE, root)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--project", str(content), "--no-pdf"])
    assert result.exit_code == 0, result.output
    for path in (content / "documents").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        edited = re.sub(r"^(title: (?:>-\n)?[^\n]*)", r"\1 (bản sửa)", text, count=1, flags=re.M)
        assert edited != text, path
        path.write_text(edited, encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(content), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return root / "output"


def test_every_document_and_redline_is_valid(output: Path) -> None:
    drafts = sorted(output.glob("*/*_du-thao-0[12].docx"))
    redlines = sorted(output.glob("*/*_redline.docx"))
    documents = {p.parent.name for p in drafts}
    assert len(drafts) == 2 * len(documents) >= 12
    assert {p.parent.name for p in redlines} == documents
    faults = {p.name: errors for p in drafts + redlines if (errors := schema_errors(p))}
    assert faults == {}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_shipped_template_is_valid(template: str) -> None:
    assert schema_errors(TEMPLATES / template) == []


# --------------------------------------------------------------------------- rows kept whole

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = re.compile(r"^[IVXL]+$")


def register_rows(docx: Path) -> list[tuple[str, bool, bool]]:
    """(first cell's text, w:cantSplit, w:keepNext on every paragraph) of each
    body row of each table with a repeated header row (registers, appendices)."""
    from docx import Document

    rows = []
    for table in Document(str(docx)).tables:
        trs = table._tbl.findall(f"{W}tr")
        if not trs or trs[0].find(f"{W}trPr/{W}tblHeader") is None:
            continue
        for tr in trs[1:]:
            if tr.find(f"{W}trPr/{W}tblHeader") is not None:
                continue
            paragraphs = tr.findall(f"{W}tc/{W}p")
            first = "".join(t.text or "" for t in tr.find(f"{W}tc").iter(f"{W}t")).strip()
            rows.append(
                (
                    first,
                    tr.find(f"{W}trPr/{W}cantSplit") is not None,
                    all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs),
                )
            )
    return rows


def test_every_register_row_is_kept_whole_and_group_rows_with_the_next(output: Path) -> None:
    drafts = sorted(output.glob("*/*_du-thao-02.docx"))
    split, loose_groups, groups = [], [], 0
    for docx in drafts:
        for first, cant_split, keep_next in register_rows(docx):
            if not cant_split:
                split.append(f"{docx.parent.name}: {first}")
            if ROMAN.match(first):
                groups += 1
                if not keep_next:
                    loose_groups.append(f"{docx.parent.name}: {first}")
    assert groups >= 7  # the database list alone has 7 groups
    assert split == []
    assert loose_groups == []
