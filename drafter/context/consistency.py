"""Checks across documents that need their computed context: whether the
drafts bear out the synthesis tables' responses (:mod:`drafter.context.bearing`).
Run by ``drafter check``; each finding is a warning (an error under --strict)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.content.feedback_models import CommentSynthesisContent
from drafter.context.bearing import bearing_problems
from drafter.context.citations import short_first_mentions
from drafter.context.common import cite
from drafter.errors import Problem, Severity

if TYPE_CHECKING:
    from drafter.project import Document, Project


def consistency_problems(
    project: Project, docs: list[Document], rendered: dict[str, bytes] | None = None
) -> list[Problem]:
    """Every cross-document inconsistency of the selected documents; ``rendered``
    (document id → merged DOCX) adds the checks on the documents' text."""
    problems: list[Problem] = []
    for doc in docs:
        if isinstance(doc.content, CommentSynthesisContent):
            problems += bearing_problems(doc.content, project.registries)
        docx = (rendered or {}).get(doc.spec.id)
        if docx is not None:
            problems += citation_problems(doc, docx, project)
    return problems


def citation_problems(doc: Document, docx: bytes, project: Project) -> list[Problem]:
    """A legal document first mentioned otherwise than by its full citation."""
    from drafter.render.prose import prose_words

    problems = []
    # tables list documents by number (a notice per row): only running text is held to it
    for legal, mention in short_first_mentions(prose_words(docx), project.registries):
        problems.append(
            doc.source.problem(
                (),
                f"the first mention of {legal.kind} số {legal.number} ('{legal.id}') is "
                f"“…{mention}”, not its full citation (“{cite(legal)}”): cite it in full "
                "the first time, short forms after",
                severity=Severity.WARNING,
            )
        )
    return problems
