"""Repairs and latest copies: a build that finds a version's files missing or
changed restores them once, never forever, and never publishes a failed render;
the latest copies always belong to the latest version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import drafter.publish.redline as redline_module
import drafter.workers as workers_module
from drafter.build import BuildOptions, build
from drafter.cli import main
from drafter.commands.history import history
from drafter.errors import DrafterError, Problem
from drafter.workers import RenderResult

NO_PDF = BuildOptions(pdf=False, jobs=1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def status(content: Path, *flags: str) -> str:
    return CliRunner().invoke(main, ["status", "--project", str(content), *flags]).output


@pytest.fixture
def two_versions(mini: Path) -> Path:
    """The mini project with version 1 of each document and version 2 of qd-csdl."""
    build(mini, NO_PDF)
    edit(mini / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    assert [(v.document, v.number) for v in build(mini, NO_PDF).cut] == [("qd-csdl", 2)]
    return mini


def test_no_pdf_version_leaves_no_older_pdf_as_the_latest_copy(mini: Path) -> None:
    build(mini, BuildOptions(jobs=1, only=["qd-dlm"]))
    folder = mini.parent / "output" / "qd-dlm"
    assert (folder / "QD-DLM.pdf").is_file()
    edit(mini / "documents/qd-dlm.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    report = build(mini, BuildOptions(pdf=False, jobs=1, only=["qd-dlm"]))
    assert [v.number for v in report.cut] == [2]
    assert not (folder / "QD-DLM.pdf").exists()  # draft 1's PDF beside draft 2's DOCX
    assert folder / "QD-DLM.pdf" in report.removed
    assert (folder / "QD-DLM_du-thao-01.pdf").is_file()  # the version itself stays


def test_an_older_pdf_left_as_the_latest_copy_is_reported_and_removed(mini: Path) -> None:
    build(mini, NO_PDF)
    stray = mini.parent / "output" / "qd-dlm" / "QD-DLM.pdf"
    stray.write_bytes(b"%PDF-1.7 of an older version")
    assert "qd-dlm: out of date (Dự thảo lần 1): latest copy of an older version: QD-DLM.pdf" in (
        status(mini, "--no-pdf")
    )
    # (--only: past the no-op stamp, which records the files builds write, not strays)
    build(mini, BuildOptions(pdf=False, jobs=1, only=["qd-dlm"]))
    assert not stray.exists()
    assert status(mini, "--no-pdf").endswith("clean\n")


def test_redline_made_again_with_other_bytes_is_restored_once(
    two_versions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redline = two_versions.parent / "output/qd-csdl/QD-CSDL_du-thao-02_redline.docx"
    redline.unlink()
    original = redline_module.make_redline

    def changed_redline(*args: Any, **kwargs: Any) -> bytes:
        # the redline code changed since draft 2 was cut: same drafts, other bytes
        return original(*args, **{**kwargs, "author": "drafter (a newer version)"})

    monkeypatch.setattr(redline_module, "make_redline", changed_redline)
    assert build(two_versions, NO_PDF).repaired == ["qd-csdl"]
    assert redline.is_file()
    assert status(two_versions, "--no-pdf").endswith("clean\n")
    second = build(two_versions, NO_PDF)
    assert second.repaired == [] and second.written == []


def test_redline_whose_previous_draft_is_gone_is_not_repaired_forever(two_versions: Path) -> None:
    folder = two_versions.parent / "output/qd-csdl"
    (folder / "QD-CSDL_du-thao-01.docx").unlink()
    (folder / "QD-CSDL_du-thao-02_redline.docx").unlink()
    build(two_versions, NO_PDF)
    assert status(two_versions, "--no-pdf").endswith("clean\n")
    assert build(two_versions, NO_PDF).repaired == []


def test_repair_that_becomes_a_new_version_stops_at_the_re_render_problems(
    two_versions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (two_versions.parent / "output/qd-csdl/QD-CSDL_du-thao-02.docx").unlink()
    real_render_all, real_render_job = workers_module.render_all, workers_module.render_job

    def render_all_differently(*args: Any, **kwargs: Any) -> dict[str, RenderResult]:
        # the renderer no longer reproduces draft 2: the repair becomes draft 3
        with monkeypatch.context() as inside:
            inside.setattr(workers_module, "render_job", real_render_job)
            results = real_render_all(*args, **kwargs)
        return {k: RenderResult(k, r.docx + b"\0", r.pdf, []) for k, r in results.items()}

    def failing_render_job(job: Any, *_: Any) -> RenderResult:  # the repair's re-render
        problem = Problem("templates/qd-csdl.docx", 0, 0, "", "template uses an undefined name")
        return RenderResult(job.doc_id, b"", None, [problem])

    monkeypatch.setattr(workers_module, "render_all", render_all_differently)
    monkeypatch.setattr(workers_module, "render_job", failing_render_job)
    with pytest.raises(DrafterError) as caught:
        build(two_versions, NO_PDF)
    assert "template uses an undefined name" in str(caught.value.problems[0].message)
    assert [v.number for v in history(two_versions, "qd-csdl")] == [1, 2]
    assert not (two_versions.parent / "output/qd-csdl/QD-CSDL_du-thao-03.docx").exists()
