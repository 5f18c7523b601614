"""Templates as Microsoft Word saves them (run splits anywhere, inside Jinja
tags too; proofing marks; w:rsid*; simple PAGE fields), made by hand in
tests/word_rewrites.py, pass the check and build the same documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLE, copy_project, docx_lines
from parity import parity_problems
from word_rewrites import rewrite_as_word

from drafter.cli import main


def build(content: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["build", "--project", str(content), *extra])
    assert result.exit_code == 0, result.output
    return content.parent / "output"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the sample as shipped, the sample whose templates Word rewrote)."""
    shipped = copy_project(SAMPLE, tmp_path_factory.mktemp("shipped"))
    rewritten = copy_project(SAMPLE, tmp_path_factory.mktemp("word"))
    for template in (rewritten.parent / "templates").glob("*.docx"):
        template.write_bytes(rewrite_as_word(template.read_bytes()))
    return shipped, rewritten


def test_check_accepts_templates_rewritten_as_word_saves_them(
    projects: tuple[Path, Path],
) -> None:
    result = CliRunner().invoke(main, ["check", "--project", str(projects[1])])
    assert result.exit_code == 0, result.output


def test_rewritten_templates_build_the_same_text_with_parity(projects: tuple[Path, Path]) -> None:
    # both with PDFs: the Project's MỤC LỤC takes its page numbers from its PDF
    shipped, rewritten = build(projects[0]), build(projects[1])
    drafts = sorted(rewritten.glob("*/*_du-thao-01.docx"))
    assert len(drafts) >= 6
    for docx in drafts:
        reference = shipped / docx.parent.name / docx.name
        assert docx_lines(docx.read_bytes()) == docx_lines(reference.read_bytes()), docx.name
        pdf = docx.with_suffix(".pdf").read_bytes()
        assert parity_problems(docx.read_bytes(), pdf, docx.name) == []
