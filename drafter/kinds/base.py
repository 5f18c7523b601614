"""What a document kind is: one object that says everything about it.

Each module under :mod:`drafter.kinds` (and each kind module a project names)
exports one :class:`DocumentKind` as ``KIND``.  The rest of drafter asks the
kind, never the content's class: which model validates the content file,
which rules hold it against the registries, which context the template gets,
what the changelog calls its items, and its title, number, date and signer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from drafter.content.linked import LinkedContent
from drafter.content.load import PathKey, SourceMap
from drafter.content.models import DocumentHeader, Model
from drafter.content.refs import Registries
from drafter.errors import Problem

C = TypeVar("C", bound=Model)
C_contra = TypeVar("C_contra", bound=Model, contravariant=True)


@dataclass(frozen=True)
class DocumentMetadata:
    """What a document says about itself, for file metadata and the changelog."""

    title: str
    #: the official number; None while the document is a numbered draft
    number: int | str | None = None
    date: dt.date | None = None
    #: the year when the date is left blank in a draft
    year: int | None = None
    #: the signer's person id in the organisation registry
    signer: str | None = None

    @property
    def time(self) -> dt.datetime:
        """A fixed time for file metadata: the date, or 1 January of the year
        (2000 when neither is known); never the build time, so the same
        inputs give the same bytes."""
        day = self.date or dt.date(self.year or 2000, 1, 1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def header_metadata(content: DocumentHeader) -> DocumentMetadata:
    """The metadata of any document with a Decree 30 header."""
    return DocumentMetadata(
        title=content.title,
        number=content.number,
        date=content.date,
        year=content.year,
        # the Project travels unsigned, under the Tờ trình's signature
        signer=content.signature.signer if content.signature is not None else None,
    )


class ContextBuilder(Protocol[C_contra]):
    """Turns validated content and the registries into the template context."""

    def __call__(
        self, content: C_contra, reg: Registries, *, draft_marker: str
    ) -> dict[str, Any]: ...


class ProjectFiles(Protocol):
    """What a kind may ask of the project while it is loaded (see ``DocumentKind.link``)."""

    @property
    def document_ids(self) -> frozenset[str]: ...

    def inside(self, relative: str, source: SourceMap, where: PathKey) -> Path | None:
        """``relative`` resolved against the project, or None (and a problem) if it leaves it."""

    def label(self, path: Path) -> str:
        """``path`` as messages write it."""

    def depends_on(self, path: Path, digest: str | None = None) -> None:
        """Record ``path`` as an input of the build (a change to it is noticed),
        read as bytes whose SHA-256 is ``digest`` (None: hashed now)."""

    def content_of(self, doc_id: str) -> tuple[DocumentKind[Any], Model] | None:
        """(kind, content) of another document of the project (None if there is none)."""


@dataclass(frozen=True)
class TemplateDrawing:
    """How the first version of the kind's Word template is drawn.

    ``draw`` names a function as ``module:function`` that returns a
    python-docx document; ``tools/make_templates.py`` imports it (with
    ``tools/`` on the import path) and saves it as ``templates/<file>``.
    After that, the drafting team edits the .docx in Word.
    """

    file: str
    draw: str


@dataclass(frozen=True)
class DocumentKind(Generic[C]):
    """Everything drafter knows about one kind of document."""

    #: the ``kind:`` of a document in drafter.yaml
    name: str
    #: what the document is, for messages, the PDF subject and the changelog
    label: str
    #: the model of its content file
    model: type[C]
    #: the template context of a document of this kind
    context: ContextBuilder[C]
    #: its rules against the registries (located problems)
    rules: Callable[[C, Registries, SourceMap], list[Problem]]
    #: title, number, date and signer of a document of this kind
    metadata: Callable[[C], DocumentMetadata]
    #: names usable as ``{name}`` in its text, filled by the context builder
    placeholders: frozenset[str] = frozenset()
    #: the changelog's names for context keys, by dotted path or last key
    changelog_labels: Mapping[str, str] = field(default_factory=dict)
    #: ``link(content, source, registries, project)`` reads the further input
    #: files the content names, attaches them to the content and returns the
    #: problems; ``project.depends_on`` records each file, so a change to it
    #: makes the document stale like a change to its content file or template
    link: Callable[[C, SourceMap, Registries | None, ProjectFiles], list[Problem]] | None = None
    #: how its first template is drawn
    template: TemplateDrawing | None = None


# -- the changelog's names shared by every kind --------------------------------

#: Keys of the Decree 30 header and signature block (every kind has them).
HEADER_LABELS: Mapping[str, str] = {
    "agency_parent": "Cơ quan chủ quản",
    "agency_name": "Cơ quan ban hành",
    "number_line": "Số, ký hiệu",
    "date_line": "Địa danh, ngày tháng",
    "title": "Trích yếu",
    "signature.form_line": "Thẩm quyền ký",
    "signature.title": "Chức vụ người ký",
    "signature.name": "Người ký",
    "recipients": "Nơi nhận",
    "archive_line": "Lưu",
    # amounts (ints are written with Vietnamese digit grouping)
    "amount": "Kinh phí",
    "cost": "Kinh phí",
    # fields most tables have
    "name": "Tên",
    "description": "Mô tả",
    "unit": "Đơn vị",
}

#: Keys of a Decision's preamble, articles and appendix.
DECISION_LABELS: Mapping[str, str] = {
    **HEADER_LABELS,
    "competence": "Thẩm quyền ban hành",
    "legal_bases": "Căn cứ ban hành",
    "proposal": "Đề nghị",
    "articles": "Điều khoản",
    "appendix.label": "Phụ lục",
    "appendix.title": "Tên phụ lục",
    "appendix.attached": "Dòng kèm theo phụ lục",
}


# -- documents made from other documents -----------------------------------------


def link_documents(
    content: LinkedContent,
    source: SourceMap,
    registries: Registries | None,
    project: ProjectFiles,
) -> list[Problem]:
    """Attach each linked document's content, checked to exist and to be of the right kind."""
    problems: list[Problem] = []
    for path, doc_id, kind in content.links():
        other = project.content_of(doc_id)
        if other is None:
            problems.append(
                source.problem(
                    path,
                    f"no document '{doc_id}' in this project "
                    f"(known: {', '.join(sorted(project.document_ids))})",
                )
            )
        elif kind and other[0].name != kind:
            problems.append(
                source.problem(path, f"'{doc_id}' is a {other[0].name} document, not a {kind}")
            )
        else:
            content.attach_related(doc_id, other[1])
    return problems
