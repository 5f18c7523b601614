"""The project: drafter.yaml, its registries and its documents, loaded and
validated in one pass that reports every problem at once.

Nothing here writes: loading and validation are pure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.content.fact_rules import fact_rules
from drafter.content.load import Loaded, PathKey, SourceMap, load_file
from drafter.content.models import (
    DatabaseRegistry,
    DocumentSpec,
    LegalRegistry,
    Model,
    OpenDataRegistry,
    Organisation,
    PhaseRegistry,
    ProjectFile,
)
from drafter.content.progress_models import ConcludingNoticeRegistry, with_step_deadlines
from drafter.content.refs import Registries
from drafter.content.rules import registry_rules
from drafter.content.schedule_models import ScheduleRegistry
from drafter.content.validate import validate
from drafter.errors import DrafterError, Problem, Severity
from drafter.kinds.base import DocumentKind, DocumentMetadata
from drafter.kinds.registry import KIND_FOLDER, KindRegistry, builtin_kinds, load_kind_module

PROJECT_FILE = "drafter.yaml"

_REGISTRY_MODELS: dict[str, type[Model]] = {
    "organisation": Organisation,
    "legal": LegalRegistry,
    "phases": PhaseRegistry,
    "databases": DatabaseRegistry,
    "open_data": OpenDataRegistry,
    "concluding_notices": ConcludingNoticeRegistry,  # optional: None in drafter.yaml skips it
    "schedule": ScheduleRegistry,  # optional
}


@dataclass
class Document:
    """One document of the project: its spec, kind, content and where it came from."""

    spec: DocumentSpec
    kind: DocumentKind[Any]
    content: Model
    source: SourceMap
    content_path: Path
    template_path: Path

    @property
    def metadata(self) -> DocumentMetadata:
        """Title, number, date and signer, as the document's kind reads them."""
        return self.kind.metadata(self.content)


@dataclass
class Project:
    root: Path
    file: ProjectFile
    registries: Registries
    documents: list[Document]
    warnings: list[Problem]
    #: every file the project was read from, for change detection
    inputs: list[Path]
    #: SHA-256 of the bytes each input was read as (keyed by its path as text)
    read: dict[str, str] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.spec.id == doc_id:
                return doc
        known = ", ".join(d.spec.id for d in self.documents)
        raise DrafterError(
            [Problem(PROJECT_FILE, 0, 0, "documents", f"no document '{doc_id}' (known: {known})")]
        )


class _Reader:
    """Collects problems while reading the project's files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.inputs: list[Path] = []
        self.document_ids: frozenset[str] = frozenset()
        self.digests: dict[str, str] = {}
        self.contents: dict[str, tuple[DocumentKind[Any], Model]] = {}

    def record(self, path: Path, digest: str) -> None:
        """``path`` is an input, read as bytes whose SHA-256 is ``digest``."""
        self.inputs.append(path)
        if digest:
            self.digests[str(path)] = digest

    def label(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve().parent).as_posix()
        except ValueError:
            return path.as_posix()

    def inside(
        self,
        relative: str,
        source: SourceMap,
        where: PathKey,
        base: Path | None = None,
    ) -> Path | None:
        """Resolve a path written in content; refuse one that leaves the project."""
        base = base or self.root
        target = (base / relative).resolve()
        allowed = self.root.resolve().parent
        if Path(relative).is_absolute() or not target.is_relative_to(allowed):
            self.problems.append(
                source.problem(
                    where, f"'{relative}' points outside the project; use a path inside it"
                )
            )
            return None
        return target

    def depends_on(self, path: Path, digest: str | None = None) -> None:
        """``path`` is an input, read as bytes whose SHA-256 is ``digest``
        (None: hashed now, as it was just read)."""
        if digest is None:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = ""
        self.record(path, digest)

    def content_of(self, doc_id: str) -> tuple[DocumentKind[Any], Model] | None:
        return self.contents.get(doc_id)

    def read(self, path: Path) -> Loaded:
        loaded = load_file(path, self.label(path))
        self.record(path, loaded.source.digest)
        self.problems += loaded.problems
        return loaded


def load_project(root: Path) -> Project:
    """Load and validate the project in ``root`` (the folder holding drafter.yaml).

    Raises :class:`DrafterError` with every error found; warnings are returned
    on the project.
    """
    root = root.resolve()
    reader = _Reader(root)
    project_path = root / PROJECT_FILE
    if not project_path.is_file():
        raise DrafterError(
            [
                Problem(
                    reader.label(project_path),
                    0,
                    0,
                    "",
                    f"no {PROJECT_FILE} here; is '{root}' a drafter project?",
                )
            ]
        )
    loaded = reader.read(project_path)
    project_file, problems = validate(ProjectFile, loaded.data, loaded.source)
    reader.problems += problems
    if project_file is None:
        raise DrafterError(reader.problems or [loaded.source.problem((), "cannot be read")])

    models: dict[str, Model | None] = {}
    sources: dict[str, SourceMap] = {}
    for name, model in _REGISTRY_MODELS.items():
        relative = getattr(project_file.registries, name)
        if relative is None:
            continue
        path = reader.inside(relative, loaded.source, ("registries", name))
        if path is None:
            models[name] = None
            continue
        data = reader.read(path)
        instance, problems = validate(model, data.data, data.source)
        reader.problems += problems
        models[name] = instance
        sources[name] = data.source

    registries: Registries | None = None
    if all(models.values()):
        registries = Registries(
            organisation=models["organisation"],  # type: ignore[arg-type]
            legal=models["legal"],  # type: ignore[arg-type]
            phases=models["phases"],  # type: ignore[arg-type]
            databases=models["databases"],  # type: ignore[arg-type]
            open_data=models["open_data"],  # type: ignore[arg-type]
            sources=sources,
            concluding_notices=models.get("concluding_notices"),  # type: ignore[arg-type]
            schedule=models.get("schedule"),  # type: ignore[arg-type]
        )
        reader.problems += registries.build_indexes()
        reader.problems += registry_rules(registries)
        if registries.concluding_notices is not None:
            registries.concluding_notices = with_step_deadlines(
                registries.concluding_notices, registries.schedule
            )

    kinds = _load_kinds(reader, project_file, loaded.source)
    templates_dir = reader.inside(project_file.templates, loaded.source, ("templates",))
    documents = _load_documents(
        reader, project_file, loaded.source, templates_dir, registries, kinds
    )
    _link_documents(reader, documents, registries)

    errors = [p for p in reader.problems if p.severity is Severity.ERROR]
    if errors or registries is None:
        raise DrafterError(reader.problems)
    return Project(
        root,
        project_file,
        registries,
        documents,
        [p for p in reader.problems if p.severity is Severity.WARNING],
        reader.inputs,
        reader.digests,
    )


def _load_documents(
    reader: _Reader,
    project_file: ProjectFile,
    source: SourceMap,
    templates_dir: Path | None,
    registries: Registries | None,
    kinds: KindRegistry,
) -> list[Document]:
    documents: list[Document] = []
    seen_ids: dict[str, int] = {}
    seen_outputs: dict[str, int] = {}
    for i, spec in enumerate(project_file.documents):
        at = ("documents", i)
        if spec.id in seen_ids:
            reader.problems.append(
                source.problem((*at, "id"), f"duplicate document id '{spec.id}'")
            )
        seen_ids.setdefault(spec.id, i)
        if spec.output.lower() in seen_outputs:
            reader.problems.append(
                source.problem(
                    (*at, "output"), f"output name '{spec.output}' is used by another document"
                )
            )
        seen_outputs.setdefault(spec.output.lower(), i)
        kind = kinds.get(spec.kind)
        if kind is None:
            reader.problems.append(
                source.problem(
                    (*at, "kind"),
                    f"unknown document kind '{spec.kind}' (one of: {', '.join(kinds.names())})",
                )
            )
        template_path = None
        if templates_dir is not None:
            template_path = reader.inside(spec.template, source, (*at, "template"), templates_dir)
            if template_path is not None and not template_path.is_file():
                reader.problems.append(
                    source.problem(
                        (*at, "template"),
                        f"template '{spec.template}' not found in {reader.label(templates_dir)}/",
                    )
                )
                template_path = None
            elif template_path is not None:
                digest = hashlib.sha256(template_path.read_bytes()).hexdigest()
                reader.record(template_path, digest)
        content_path = reader.inside(spec.content, source, (*at, "content"))
        if content_path is None:
            continue
        loaded = reader.read(content_path)
        if kind is None or loaded.data is None:
            continue
        content, problems = validate(kind.model, loaded.data, loaded.source)
        reader.problems += problems
        if content is None or template_path is None:
            continue
        if registries is not None:
            reader.problems += kind.rules(content, registries, loaded.source)
            reader.problems += fact_rules(content, registries, loaded.source)
        documents.append(Document(spec, kind, content, loaded.source, content_path, template_path))
    return documents


def _load_kinds(reader: _Reader, project_file: ProjectFile, source: SourceMap) -> KindRegistry:
    """drafter's own kinds, those in a ``kinds/`` folder beside drafter.yaml and
    those drafter.yaml names under ``kinds:``; each kind module is an input."""
    kinds = KindRegistry(builtin_kinds())
    wanted: list[tuple[Path, SourceMap, PathKey]] = []
    folder = reader.root / KIND_FOLDER
    if folder.is_dir():
        for path in sorted(folder.glob("*.py")):
            if not path.name.startswith("_"):
                wanted.append((path.resolve(), SourceMap(reader.label(path)), ()))
    for i, relative in enumerate(project_file.kinds):
        named = reader.inside(relative, source, ("kinds", i))
        if named is None:
            continue
        if not named.is_file():
            reader.problems.append(
                source.problem(("kinds", i), f"no kind module at {reader.label(named)}")
            )
            continue
        wanted.append((named, source, ("kinds", i)))
    seen: set[Path] = set()
    for path, where_source, where in wanted:
        if path in seen:
            continue
        seen.add(path)
        reader.depends_on(path)
        kind, message = load_kind_module(path)
        if kind is None:
            reader.problems.append(where_source.problem(where, f"{reader.label(path)}: {message}"))
            continue
        clash = kinds.add(kind)
        if clash:
            reader.problems.append(where_source.problem(where, f"{reader.label(path)}: {clash}"))
    return kinds


def _link_documents(
    reader: _Reader, documents: list[Document], registries: Registries | None
) -> None:
    """Let each kind read what its content points at beyond its own file (the
    comment synthesis reads its feedback register)."""
    reader.document_ids = frozenset(doc.spec.id for doc in documents)
    reader.contents = {doc.spec.id: (doc.kind, doc.content) for doc in documents}
    for doc in documents:
        if doc.kind.link is not None:
            reader.problems += doc.kind.link(doc.content, doc.source, registries, reader)
