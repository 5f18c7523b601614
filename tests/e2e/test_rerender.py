"""The renderer policy: a new drafter (or library) version cuts no draft by
itself; `drafter build --rerender` cuts one of each document whose files come
out different, saying so in the changelog."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import drafter.plan as plan_module
import drafter.workers as workers_module
from drafter.build import BuildOptions, build
from drafter.cli import main
from drafter.plan import plan

NO_PDF = BuildOptions(pdf=False, jobs=1)
REASON = "Cập nhật cách trình bày, nội dung không đổi."


@pytest.fixture
def built(mini: Path) -> Path:
    assert [v.number for v in build(mini, NO_PDF).cut] == [1, 1]
    return mini


def test_a_new_drafter_version_cuts_no_draft(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "__version__", "99.0.0")
    assert [(i.doc_id, i.action) for i in plan(built, NO_PDF).documents] == [
        ("qd-csdl", "none"),
        ("qd-dlm", "none"),
    ]
    assert build(built, NO_PDF).cut == []


def test_rerender_cuts_a_draft_only_where_the_output_changed(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_module, "__version__", "99.0.0")
    original = workers_module.render_job

    def new_renderer(job: Any, progress: Any = None) -> Any:
        # a rendering fix that changes qd-csdl's DOCX and not qd-dlm's
        if job.doc_id == "qd-csdl":
            job = replace(job, subject=job.subject + " (trình bày mới)")
        return original(job, progress)

    monkeypatch.setattr(workers_module, "render_job", new_renderer)
    report = build(built, replace(NO_PDF, rerender=True))
    assert [(v.document, v.number, v.renderer) for v in report.cut] == [("qd-csdl", 2, "99.0.0")]
    changelog = next(built.parent.glob("output/qd-csdl/*_du-thao-02.changelog.md")).read_text()
    assert REASON in changelog
    assert not list(built.parent.glob("output/qd-dlm/*_du-thao-02*"))
    # and once done, nothing more to do
    assert build(built, replace(NO_PDF, rerender=True)).cut == []


def test_rerender_is_a_build_option_of_the_cli(built: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--project", str(built), "--no-pdf", "--rerender", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Dự thảo lần" not in result.output  # the same renderer reproduces every file
