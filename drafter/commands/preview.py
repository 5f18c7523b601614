"""``drafter build --preview`` (and ``drafter watch``): render the selected
documents into output/<doc>/preview/, marked "Bản xem trước"; no version is
cut and the registry is not touched."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.check import raise_if_errors, template_problems
from drafter.context import chart_cache
from drafter.options import BuildEvents, BuildOptions, BuildReport
from drafter.plan import output_dir, plan_documents, selected
from drafter.publish.versions import CACHE_DIR, CHARTS_DIR, PREVIEW_DIR, latest_name
from drafter.workers import RenderResult, make_job, render_all

if TYPE_CHECKING:
    from drafter.project import Project
    from drafter.workers import WarmPool

#: Where a preview records the input hash it was made from.
PREVIEW_STAMP = ".input-hash"


def preview(
    project: Project,
    options: BuildOptions,
    events: BuildEvents | None = None,
    *,
    pool: WarmPool | None = None,
) -> BuildReport:
    """Render the selected documents whose preview is out of date into
    output/<doc>/preview/; returns what was written.

    Each document's files are written as soon as it is rendered (and
    ``events.wrote`` told), cheapest first by the size of its last preview,
    so a short document's preview appears while a long one still renders.
    Template problems stop everything before any render; a document whose
    render fails keeps its previous preview, and the problems are raised.
    """
    from drafter.publish.files import inside, write_atomic

    events = events or BuildEvents()
    out = output_dir(project, options.output)
    chart_cache.use_directory(out / CACHE_DIR / CHARTS_DIR)
    docs = selected(project, options.only)
    report = BuildReport(project, out, warnings=list(project.warnings))
    items = plan_documents(project, docs, out, None, pdf=options.pdf)
    todo = []
    for item in items:
        folder = out / item.doc_id / PREVIEW_DIR
        stamp = folder / PREVIEW_STAMP
        stem = item.document.spec.output
        wanted = [latest_name(stem, "docx")] + ([latest_name(stem, "pdf")] if options.pdf else [])
        fresh = stamp.is_file() and stamp.read_text().strip() == item.inputs.input_hash
        if not fresh or not all((folder / name).is_file() for name in wanted):
            todo.append(item)
    if not todo:
        return report
    problems = template_problems(project, [i.document for i in todo])
    raise_if_errors(problems + project.warnings, strict=options.strict)
    todo.sort(key=lambda item: _last_size(out / item.doc_id / PREVIEW_DIR))
    jobs = [make_job(project, i, number=None, pdf=options.pdf, preview=True) for i in todo]
    by_id = {item.doc_id: item for item in todo}

    def write(result: RenderResult) -> None:
        """One document's preview, written as soon as it is rendered: the
        document a writer waits for is not held back by a longer one.  A
        document whose render failed keeps its previous preview (and stamp)."""
        if result.problems:
            return
        item = by_id[result.doc_id]
        folder = inside(out, item.doc_id, PREVIEW_DIR)
        stem = item.document.spec.output
        for role, data in {"docx": result.docx, "pdf": result.pdf}.items():
            if data is not None:
                path = folder / latest_name(stem, role)
                write_atomic(path, data)
                report.written.append(path)
                events.wrote(path)
        write_atomic(folder / PREVIEW_STAMP, item.inputs.input_hash.encode() + b"\n")

    render_all(jobs, workers=options.jobs, events=events, pool=pool, on_result=write)
    chart_cache.flush()
    return report


def _last_size(folder: Path) -> int:
    """Bytes of the files of a document's last preview: a measure of what its
    render costs (0 when there is none yet, which keeps the project's order)."""
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return 0
