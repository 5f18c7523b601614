"""A user mistake raised inside a render worker reaches the user as a located
message with exit code 2, never as a traceback (two-process builds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import tree_snapshot

from drafter.cli import main
from drafter.render import fonts
from drafter.workers import fork_is_available

pytestmark = pytest.mark.skipif(not fork_is_available(), reason="render workers: Linux only")


def _build(mini: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--project", str(mini), "--jobs", "2"])
    return result.exit_code, result.output


def test_template_mistake_in_a_worker(mini: Path) -> None:
    template = mini.parent / "templates" / "qd-danh-muc-du-lieu-mo.docx"
    from docx import Document

    document = Document(str(template))
    run = next(r for p in document.paragraphs for r in p.runs if "{{ title }}" in r.text)
    run.text = run.text.replace("{{ title }}", "{{ titel }}")
    document.save(str(template))
    code, output = _build(mini)
    assert code == 2, output
    assert "templates/qd-danh-muc-du-lieu-mo.docx: paragraph" in output
    assert "'titel' is undefined" in output
    assert "Traceback" not in output and "WorkerFailed" not in output
    assert tree_snapshot(mini.parent / "output") == {}


def test_missing_pdf_font_in_a_worker(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the workers are forked from this process: they see the empty font folder
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path / "no-fonts")
    code, output = _build(mini)
    assert code == 2, output
    missing = tmp_path / "no-fonts" / "LiberationSerif-Regular.ttf"
    assert f"{missing}: font file for Liberation Serif (normal normal) is missing" in output
    assert fonts.INSTALL_HINT in output
    assert "Traceback" not in output and "WorkerFailed" not in output
    assert tree_snapshot(mini.parent / "output") == {}
