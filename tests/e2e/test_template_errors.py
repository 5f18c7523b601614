"""A broken or non-conforming Word template is named, with the reason, and
nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from helpers import tree_snapshot

from drafter.cli import main

TEMPLATE = "templates/qd-danh-muc-csdl.docx"


def edit_template(root: Path, change: str) -> None:
    path = root / TEMPLATE
    document = Document(str(path))
    if change == "margin":
        document.sections[0].left_margin = Mm(10)
    elif change == "numbering":
        para = next(p for p in document.paragraphs if "QUYẾT ĐỊNH:" in p.text)
        num = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            num.append(el)
        para._p.get_or_add_pPr().append(num)
    else:
        old, new = change.split("->")
        run = next(r for p in document.paragraphs for r in p.runs if old in r.text)
        run.text = run.text.replace(old, new)
    document.save(str(path))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "margin",
            "word/document.xml section 1: left margin is 10.0 mm; Decree 30 allows 30–35 mm",
        ),
        ("numbering", "automatic numbering"),
        (
            "{{ title }}->{{ titel }}",
            "paragraph 11 (\"{{ titel }}\"): template uses an undefined name: 'titel' is undefined",
        ),
        ("{{ title }}->{{ title.__class__ }}", 'paragraph 11 ("{{ title.__class__ }}"): '),
        # the unclosed tag swallows the next paragraphs (docxtpl joins a tag's pieces)
        ("{{ title }}->{{ title }", 'paragraph 11 ("{{ title }{{ competence }}'),
    ],
)
def test_template_problem_is_named_and_nothing_written(
    mini: Path, change: str, expected: str
) -> None:
    root = mini.parent
    edit_template(root, change)
    before = tree_snapshot(root / "output")
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "--project", str(mini)])
        assert result.exit_code == 2, result.output
        assert TEMPLATE in result.output and expected in result.output, result.output
        assert "Traceback" not in result.output
    assert tree_snapshot(root / "output") == before
