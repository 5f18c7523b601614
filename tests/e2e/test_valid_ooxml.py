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
