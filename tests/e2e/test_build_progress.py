"""A build reports the pages of each PDF as they are laid out, from worker
processes as from its own."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from drafter.build import BuildEvents, BuildOptions, build
from drafter.render.pdf import LayoutProgress
from drafter.workers import fork_is_available


@pytest.mark.parametrize(
    "jobs",
    [
        1,
        pytest.param(
            2, marks=pytest.mark.skipif(not fork_is_available(), reason="worker pool: Linux")
        ),
    ],
)
def test_pages_laid_out_reach_the_events_from_every_document(mini: Path, jobs: int) -> None:
    seen: dict[str, list[LayoutProgress]] = {}
    done: list[str] = []

    def laid_out(doc_id: str, progress: LayoutProgress) -> None:
        assert doc_id not in done, "a layout report came after its document was rendered"
        seen.setdefault(doc_id, []).append(progress)

    events = BuildEvents(laid_out=laid_out, rendered=done.append)
    report = build(mini, BuildOptions(preview=True, jobs=jobs), events)
    pdfs = {p.parent.parent.name: p for p in report.written if p.suffix == ".pdf"}
    assert set(seen) == set(pdfs) == {"qd-csdl", "qd-dlm"}
    for doc_id, path in pdfs.items():
        pages = len(PdfReader(io.BytesIO(path.read_bytes())).pages)
        assert [p.pages for p in seen[doc_id]][:1] == [1]
        assert seen[doc_id][-1].pages == pages
