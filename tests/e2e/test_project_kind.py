"""A project adds a document kind of its own without touching drafter: one
kind module (tests/fixtures/kinds/notice.py), one Word template (drawn here
with python-docx) and one entry in drafter.yaml."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import REPO, docx_lines

from drafter.cli import main

NOTICE_MODULE = REPO / "tests" / "fixtures" / "kinds" / "notice.py"

NOTICE = """\
number: 7
symbol: TB-UBDT
date: 2023-03-01
title: Lịch họp Ban soạn thảo
signature:
  form: none
  title: Bộ trưởng, Chủ nhiệm
recipients:
  - Các thành viên Ban soạn thảo
archive: [VT]
body:
  - Ban soạn thảo họp phiên thứ nhất vào ngày 15 tháng 3 năm 2023.
"""


def draw_template(path: Path) -> None:
    """A tiny template with the kit drafter's own templates are drawn with
    (Decree 30 page, fonts and page-number header), holding the notice's fields."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from template_kit import new_document, paragraph, setup_section
    finally:
        sys.path.remove(str(REPO / "tools"))
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    for text in ("{{ number_line }}", "THÔNG BÁO", "{{ title }}"):
        paragraph(doc, text)
    for text in ("{%p for text in body %}", "{{ text }}", "{%p endfor %}", "{{ signature.name }}"):
        paragraph(doc, text)
    doc.save(path)


def add_notice(content: Path, *, named: bool) -> None:
    """The notice's module (in kinds/ beside drafter.yaml, or named under
    ``kinds:``), its template, its content file and its documents entry."""
    if named:
        (content / "extra").mkdir()
        shutil.copy(NOTICE_MODULE, content / "extra" / "notice.py")
    else:
        (content / "kinds").mkdir()
        shutil.copy(NOTICE_MODULE, content / "kinds" / "notice.py")
    draw_template(content.parent / "templates" / "thong-bao.docx")
    (content / "documents" / "thong-bao.yaml").write_text(NOTICE, encoding="utf-8")
    project = yaml.safe_load((content / "drafter.yaml").read_text(encoding="utf-8"))
    if named:
        project["kinds"] = ["extra/notice.py"]
    project["documents"].append(
        {
            "id": "thong-bao",
            "kind": "notice",
            "template": "thong-bao.docx",
            "content": "documents/thong-bao.yaml",
            "output": "Thong-bao",
        }
    )
    (content / "drafter.yaml").write_text(yaml.safe_dump(project, allow_unicode=True), "utf-8")


@pytest.mark.parametrize("named", [False, True], ids=["kinds-folder", "named-in-drafter-yaml"])
def test_a_project_kind_builds_like_drafters_own(mini: Path, named: bool) -> None:
    add_notice(mini, named=named)
    args = ["build", "--project", str(mini), "-d", "thong-bao", "--no-pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    docx = mini.parent / "output" / "thong-bao" / "Thong-bao_du-thao-01.docx"
    lines = docx_lines(docx.read_bytes())
    assert "Số: 07/TB-UBDT" in lines
    assert "Lịch họp Ban soạn thảo" in lines
    assert "Ban soạn thảo họp phiên thứ nhất vào ngày 15 tháng 3 năm 2023." in lines


def test_a_broken_kind_module_is_a_located_error(mini: Path) -> None:
    add_notice(mini, named=True)
    module = mini / "extra" / "notice.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nKIND = None\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(mini)])
    assert result.exit_code == 2
    assert "content/drafter.yaml" in result.output
    assert "kinds[0]: content/extra/notice.py: a kind module must export a DocumentKind" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_a_kind_module_may_not_take_a_name_drafter_uses(mini: Path) -> None:
    add_notice(mini, named=False)
    module = mini / "kinds" / "notice.py"
    text = module.read_text(encoding="utf-8").replace('name="notice"', 'name="project"')
    module.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(mini)])
    assert result.exit_code == 2
    assert "content/kinds/notice.py: a document kind named 'project' is already defined" in (
        result.output
    )
