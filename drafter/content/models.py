"""Typed models of the content: registries, project file, document content.

Models are strict (no silent type coercion) and closed (unknown keys are
errors).  Cross-references (a unit id, a legal document id) are checked in
:mod:`drafter.content.refs`, domain rules in :mod:`drafter.content.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from drafter.content.vocab import (
    CollectionMode,
    DatabaseKind,
    DataFormat,
    LegalKind,
    Priority,
    SharingForm,
    SignatureForm,
    UnitKind,
    UpdateCycle,
)

# Characters XML 1.0 cannot hold: they would corrupt the DOCX, so they are
# refused with a located error rather than silently dropped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise ValueError(
            f"holds the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, which a Word file cannot store"
        )
    if not value.strip():
        raise ValueError("is empty")
    return value


#: Any text that ends up in a document.
Text = Annotated[str, AfterValidator(_check_text)]
#: A reference key: lower-case letters, digits and hyphens.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
#: A document symbol such as ``QĐ-UBDT``: parts joined by ``-`` with no spaces.
Symbol = Annotated[
    str, StringConstraints(pattern=r"^[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$")
]
#: A file stem for outputs: no folders, no dots, so nothing escapes output/.
OutputName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")]
#: A path inside the project folder, relative, written with forward slashes.
RelPath = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# -- registries ---------------------------------------------------------------


class Agency(Model):
    name: Text
    symbol: Symbol
    parent: Text | None = None
    place: Text
    #: the head's title as written in running text, e.g. "Bộ trưởng, Chủ nhiệm"
    head_title: Text | None = None


class Unit(Model):
    id: Id
    name: Text
    short_name: Text
    kind: UnitKind
    parent: Id | None = None


#: Whether a person of the registry is a real official (named, in the role
#: given, by a source such as the meeting report) or an invented sample person.
Identity = Literal["real", "fictional"]


class Person(Model):
    id: Id
    name: Text
    position: Text
    #: None for the Committee's leaders, who belong to no unit
    unit: Id | None = None
    #: "real": named in ``source`` in this role; "fictional": a sample person
    identity: Identity = "fictional"
    #: where a real person is named in this role (required for "real")
    source: Text | None = None


class Organisation(Model):
    agency: Agency
    units: list[Unit] = Field(min_length=1)
    people: list[Person] = []


class LegalDocument(Model):
    id: Id
    kind: LegalKind
    number: Text
    date: dt.date
    issuer: Text
    title: Text
    #: the day it takes effect when not the day it is signed (a law: usually later)
    in_force: dt.date | None = None
    #: how running text names it after the first, full citation ("Đề án 414")
    short_names: list[Text] = []

    @property
    def effective(self) -> dt.date:
        """The day the document takes effect."""
        return self.in_force or self.date


class LegalRegistry(Model):
    legal_documents: list[LegalDocument] = Field(min_length=1)


class Phase(Model):
    id: Id
    start: int = Field(ge=1945, le=2100)
    end: int = Field(ge=1945, le=2100)


class PhaseRegistry(Model):
    phases: list[Phase] = Field(min_length=1)


class Sector(Model):
    id: Id
    name: Text


class DatabaseEntry(Model):
    id: Id
    kind: DatabaseKind
    name: Text
    description: Text
    sector: Id
    managing_unit: Id
    data_source: Text
    collection_mode: CollectionMode
    mechanism: Text
    update_cycle: UpdateCycle
    sharing: list[SharingForm] = Field(min_length=1)
    priority: Priority
    phase: Id
    connects_to: list[Id] = []
    legal_bases: list[Id] = []


class DatabaseRegistry(Model):
    sectors: list[Sector] = Field(min_length=1)
    databases: list[DatabaseEntry] = Field(min_length=1)


class OpenDataset(Model):
    id: Id
    name: Text
    description: Text
    publishing_unit: Id
    fields: list[Text] = Field(min_length=1)
    formats: list[DataFormat] = Field(min_length=1)
    licence: Text
    update_frequency: UpdateCycle
    phase: Id
    source_database: Id


class OpenDataRegistry(Model):
    open_datasets: list[OpenDataset] = Field(min_length=1)


# -- the project file ---------------------------------------------------------


class ProjectInfo(Model):
    title: Text


class RegistryPaths(Model):
    organisation: RelPath = "registries/organisation.yaml"
    legal: RelPath = "registries/legal.yaml"
    phases: RelPath = "registries/phases.yaml"
    databases: RelPath = "registries/databases.yaml"
    open_data: RelPath = "registries/open-data.yaml"
    #: optional: the Concluding Notices and their tasks (for progress reports)
    concluding_notices: RelPath | None = None
    #: optional: the steps of the drafting plan with their dates (one schedule)
    schedule: RelPath | None = None


#: Where a document stands in its review (shown on the reviewers' site).
ReviewStage = Literal["soạn thảo", "lấy ý kiến", "tổng hợp ý kiến", "đã trình"]


class ReviewState(Model):
    """The stage of a document's review, as the drafting team states it."""

    stage: ReviewStage
    #: the last day for comments, while out for comments
    comments_until: dt.date | None = None
    #: the day it was submitted
    submitted_on: dt.date | None = None


class DocumentSpec(Model):
    id: Id
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    template: RelPath
    content: RelPath
    output: OutputName
    #: None: the site derives it (in drafting; comments being synthesised once any arrive)
    review: ReviewState | None = None


class ProjectFile(Model):
    project: ProjectInfo
    templates: RelPath = "templates"
    #: where builds go, relative to drafter.yaml; generated, safe to delete
    output: RelPath = "output"
    registries: RegistryPaths = RegistryPaths()
    #: kind modules of this project beyond drafter's own (see drafter.kinds)
    kinds: list[RelPath] = []
    documents: list[DocumentSpec] = Field(min_length=1)


# -- document content shared by kinds -----------------------------------------


class Clause(Model):
    text: Text
    points: list[Text] = []


class Article(Model):
    title: Text | None = None
    text: Text | None = None
    clauses: list[Clause] = []


class Signature(Model):
    form: SignatureForm = "none"
    authority: Text | None = None
    title: Text
    signer: Id | None = None


class Appendix(Model):
    title: Text


class DocumentHeader(Model):
    """What every Decree 30 document states about itself."""

    number: int | None = Field(default=None, ge=1, le=99999)
    symbol: Symbol
    date: dt.date | None = None
    year: int | None = Field(default=None, ge=1945, le=2100)
    title: Text
    signature: Signature
    recipients: list[Text] = Field(min_length=1)
    archive: list[Text] = Field(min_length=1)


class DecisionContent(DocumentHeader):
    competence: Text
    legal_bases: list[Id] = Field(min_length=1)
    proposal: Text
    articles: list[Article] = Field(min_length=1)
    appendix: Appendix | None = None
