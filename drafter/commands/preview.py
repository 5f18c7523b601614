"""``drafter build --preview`` (and ``drafter watch``): render the selected
documents into output/<doc>/preview/, marked "Bản xem trước"; no version is
cut and the registry is not touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.commands.check import raise_if_errors, template_problems
from drafter.context import chart_cache
from drafter.options import BuildEvents, BuildOptions, BuildReport
from drafter.plan import output_dir, plan_documents, selected
from drafter.publish.versions import CACHE_DIR, CHARTS_DIR, PREVIEW_DIR, latest_name
from drafter.workers import make_job, render_all

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
    output/<doc>/preview/; returns what was written."""
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
    jobs = [make_job(project, i, number=None, pdf=options.pdf, preview=True) for i in todo]
    rendered = render_all(jobs, workers=options.jobs, events=events, pool=pool)
    for item in todo:
        folder = inside(out, item.doc_id, PREVIEW_DIR)
        stem = item.document.spec.output
        result = rendered[item.doc_id]
        outputs = {"docx": result.docx, "pdf": result.pdf}
        for role, data in outputs.items():
            if data is not None:
                path = folder / latest_name(stem, role)
                write_atomic(path, data)
                report.written.append(path)
        write_atomic(folder / PREVIEW_STAMP, item.inputs.input_hash.encode() + b"\n")
    chart_cache.flush()
    return report
