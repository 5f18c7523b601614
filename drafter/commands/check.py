"""``drafter check``: validate content and templates and merge every document
in memory, writing nothing.  The template check is also the build's and the
preview's first gate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError, Problem, Severity
from drafter.options import BuildOptions
from drafter.plan import load, selected, template_label
from drafter.workers import render_document

if TYPE_CHECKING:
    from drafter.project import Document, Project


def template_problems(project: Project, docs: list[Document]) -> list[Problem]:
    """What the PDF converter cannot render and where Decree 30 is not met, per template."""
    from drafter.render.template_check import check_template

    problems: list[Problem] = []
    for path in sorted({d.template_path for d in docs}):
        doc = next(d for d in docs if d.template_path == path)
        problems += check_template(path, template_label(project, doc))
    return problems


def undrawable_text(project: Project) -> list[Problem]:
    """Each content value holding a character the PDF's font cannot draw."""
    from drafter.render.glyphs import project_problems

    return project_problems(project.root, project.inputs)


def raise_if_errors(problems: list[Problem], *, strict: bool) -> None:
    """Raise :class:`DrafterError` with every problem if one is an error (or,
    with ``strict``, if there is any problem at all)."""
    errors = [p for p in problems if p.severity is Severity.ERROR or strict]
    if errors:
        raise DrafterError(problems)


def check(root: Path, options: BuildOptions | None = None) -> Project:
    """Validate content and templates, merge every document in memory, write nothing.

    Raises :class:`DrafterError` with every problem; returns the project
    (with its warnings) when all is well.
    """
    options = options or BuildOptions()
    project = load(root)
    docs = selected(project, options.only)
    problems = template_problems(project, docs) + undrawable_text(project)
    rendered: dict[str, bytes] = {}
    for doc in docs:
        try:
            rendered[doc.spec.id] = render_document(project, doc, pdf=False).docx
        except DrafterError as exc:
            problems += exc.problems
    from drafter.context.consistency import consistency_problems

    problems += consistency_problems(project, docs, rendered)
    raise_if_errors(problems + project.warnings, strict=options.strict)
    project.warnings += [p for p in problems if not p.is_error]
    return project
