"""Build: load and validate the project, merge each document's template,
make its PDF from that DOCX, and only then publish everything to output/.

No click here: the CLI and the tests call :func:`build` and :func:`check`.
Nothing is written until every document has rendered, so a failed build
leaves output/ exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import DrafterError, Problem, Severity
from drafter.project import Document, Project, load_project


@dataclass
class BuildOptions:
    only: list[str] | None = None
    pdf: bool = True
    strict: bool = False
    output: Path | None = None


@dataclass
class Rendered:
    document: Document
    docx: bytes
    pdf: bytes | None


@dataclass
class BuildReport:
    project: Project
    output: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def output_dir(project: Project, override: Path | None = None) -> Path:
    return (override or (project.root / project.file.output)).resolve()


def _selected(project: Project, only: list[str] | None) -> list[Document]:
    if not only:
        return project.documents
    return [project.document(doc_id) for doc_id in only]


def draft_marker(doc: Document) -> str:
    """ "Dự thảo" while the document has no number."""
    number = getattr(doc.content, "number", None)
    return "Dự thảo" if number is None else ""


def document_context(project: Project, doc: Document) -> dict[str, object]:
    from drafter.context.builders import build_context

    return build_context(
        doc.spec.kind, doc.content, project.registries, draft_marker=draft_marker(doc)
    )


def template_label(project: Project, doc: Document) -> str:
    try:
        return doc.template_path.relative_to(project.root.parent).as_posix()
    except ValueError:
        return doc.template_path.as_posix()


def render_document(project: Project, doc: Document, *, pdf: bool = True) -> Rendered:
    """Merge one document and (optionally) make its PDF, in memory."""
    from drafter.render.docx import CoreProperties, render_docx

    context = document_context(project, doc)
    title = str(getattr(doc.content, "title", doc.spec.id))
    props = CoreProperties(
        title=title,
        subject=doc.kind.label,
        author=project.file.project.title,
        identifier=doc.spec.id,
        created=_document_time(doc),
    )
    docx = render_docx(doc.template_path, context, props, label=template_label(project, doc))
    pdf_bytes = None
    if pdf:
        from drafter.render.pdf import PdfMetadata, render_pdf

        pdf_bytes = render_pdf(
            docx,
            metadata=PdfMetadata(
                title=title,
                author=project.file.project.title,
                subject=doc.kind.label,
                keywords=[doc.spec.id],
                created=props.created,
            ),
        )
    return Rendered(doc, docx, pdf_bytes)


def _document_time(doc: Document) -> dt.datetime:
    """A fixed time for metadata: the document's date, or 1 January of its year."""
    date = getattr(doc.content, "date", None)
    year = getattr(doc.content, "year", None) or 2000
    day = date or dt.date(year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def template_problems(project: Project, docs: list[Document]) -> list[Problem]:
    """What the PDF converter cannot render and where Decree 30 is not met, per template."""
    from drafter.render.template_check import check_template

    problems: list[Problem] = []
    for path in sorted({d.template_path for d in docs}):
        doc = next(d for d in docs if d.template_path == path)
        problems += check_template(path, template_label(project, doc))
    return problems


def check(root: Path, options: BuildOptions | None = None) -> Project:
    """Validate content and templates, merge every document in memory, write nothing.

    Raises :class:`DrafterError` with every problem; returns the project
    (with its warnings) when all is well.
    """
    options = options or BuildOptions()
    project = load_project(root)
    docs = _selected(project, options.only)
    problems = template_problems(project, docs)
    for doc in docs:
        try:
            render_document(project, doc, pdf=False)
        except DrafterError as exc:
            problems += exc.problems
    _raise_if_errors(problems + project.warnings, strict=options.strict)
    return project


def _raise_if_errors(problems: list[Problem], *, strict: bool) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR or strict]
    if errors:
        raise DrafterError(problems)


def build(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the selected documents of the project at ``root`` into its output folder."""
    from drafter.publish.files import inside, write_atomic

    options = options or BuildOptions()
    project = load_project(root)
    docs = _selected(project, options.only)
    problems = template_problems(project, docs)
    _raise_if_errors(problems + project.warnings, strict=options.strict)
    rendered: list[Rendered] = []
    failures: list[Problem] = []
    for doc in docs:
        try:
            rendered.append(render_document(project, doc, pdf=options.pdf))
        except DrafterError as exc:
            failures += exc.problems
    if failures:
        raise DrafterError(failures)
    out = output_dir(project, options.output)
    report = BuildReport(project, out, warnings=project.warnings + problems)
    for item in rendered:
        stem = item.document.spec.output
        docx_path = inside(out, item.document.spec.id, f"{stem}.docx")
        write_atomic(docx_path, item.docx)
        report.written.append(docx_path)
        if item.pdf is not None:
            pdf_path = inside(out, item.document.spec.id, f"{stem}.pdf")
            write_atomic(pdf_path, item.pdf)
            report.written.append(pdf_path)
    return report
