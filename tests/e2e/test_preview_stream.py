"""A preview writes each document as soon as it is rendered, the cheapest
(by its last preview) first, so the document a writer waits for under
``drafter watch`` is not held back by a longer one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import drafter.workers as workers_module
from drafter.build import BuildEvents, BuildOptions, build

PREVIEW = BuildOptions(pdf=False, preview=True, jobs=1)


def test_each_document_is_written_before_the_next_renders(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    real = workers_module.render_job

    def noting(job: Any, *args: Any) -> Any:
        steps.append(f"render {job.doc_id}")
        return real(job, *args)

    monkeypatch.setattr(workers_module, "render_job", noting)
    events = BuildEvents(wrote=lambda path: steps.append(f"wrote {path.parent.parent.name}"))
    report = build(mini, PREVIEW, events)
    assert steps == ["render qd-csdl", "wrote qd-csdl", "render qd-dlm", "wrote qd-dlm"]
    assert len(report.written) == 2


def test_the_cheapest_document_renders_first(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(mini, PREVIEW)
    output = mini.parent / "output"
    # the Decision on the database list is now the longer one to render
    (output / "qd-csdl/preview/QD-CSDL.docx").write_bytes(b"\0" * 10_000_000)
    (output / "qd-dlm/preview/QD-DLM.docx").write_bytes(b"\0")
    for stamp in output.glob("*/preview/.input-hash"):
        stamp.unlink()
    order: list[str] = []
    real = workers_module.render_job
    monkeypatch.setattr(
        workers_module, "render_job", lambda job, *a: order.append(job.doc_id) or real(job, *a)
    )
    build(mini, PREVIEW)
    assert order == ["qd-dlm", "qd-csdl"]
