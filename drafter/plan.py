"""Planning: what each document is made of, and whether (and why) a build
must cut a new version, repair the latest one's files or tidy its folder.

What a document is made of is its *inputs*: the template context (content
plus exactly the registry entries it uses, computed without the draft
marker), the template's bytes and the renderer's version
(:mod:`drafter.publish.canonical`).  A document gets a new numbered version
only when those changed.  Planning imports nothing heavy (no docxtpl,
WeasyPrint, lxml render code) and writes nothing, so ``drafter status`` and
a build with nothing to do are fast.

Building a context can be costly (the Project draws two matplotlib charts),
so planning builds only the contexts it must: a document whose own content
file and template are unchanged since the last complete build, when no
shared input (drafter.yaml, a registry, a feedback register, drafter's code)
changed either, keeps the input hash recorded then
(:mod:`drafter.publish.stamp`).  Editing one document rebuilds only it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter import __version__
from drafter.options import BuildOptions
from drafter.publish.canonical import Inputs, document_inputs
from drafter.publish.registry import (
    Registry,
    VersionRecord,
    read_registry,
    state_dir,
    version_file,
)
from drafter.publish.versions import (
    CACHE_DIR,
    LATEST_ROLES,
    damaged_files,
    file_matches,
    find_leftovers,
    latest_name,
    version_name,
)

if TYPE_CHECKING:
    from drafter.project import Document, Project
    from drafter.publish.stamp import Stamp

Action = Literal["none", "new", "repair", "tidy"]


@dataclass
class DocumentPlan:
    """One document's state against the registry and what a build would do."""

    document: Document
    #: None when the inputs are known unchanged from the stamp (not built)
    context: dict[str, Any] | None
    inputs: Inputs
    latest: VersionRecord | None
    action: Action = "none"
    reasons: list[str] = field(default_factory=list)
    #: the version before ``latest`` (its DOCX is what latest's redline is made from)
    previous: VersionRecord | None = None

    @property
    def doc_id(self) -> str:
        return self.document.spec.id

    @property
    def stale(self) -> bool:
        return self.action != "none"

    @property
    def number(self) -> int:
        """The version number the build writes (new, or repaired latest)."""
        last = self.latest.number if self.latest else 0
        return last + 1 if self.action == "new" else last


@dataclass
class BuildPlan:
    project: Project
    output: Path
    documents: list[DocumentPlan]

    @property
    def stale(self) -> list[DocumentPlan]:
        return [d for d in self.documents if d.stale]


def load(root: Path | Project) -> Project:
    """The project in folder ``root`` loaded and validated (or ``root`` itself)."""
    from drafter.project import load_project

    return load_project(root) if isinstance(root, Path) else root


def output_dir(project: Project, override: Path | None = None) -> Path:
    """The output folder: ``override``, else the one drafter.yaml names."""
    return (override or (project.root / project.file.output)).resolve()


def state_folder(project: Project) -> Path:
    """Where the project's version registry and build lock live (beside
    drafter.yaml, committed with the content)."""
    return state_dir(project.root)


def selected(project: Project, only: list[str] | None) -> list[Document]:
    """The documents named by ``only`` (all when None); an unknown id is a user error."""
    if not only:
        return project.documents
    return [project.document(doc_id) for doc_id in only]


def draft_marker(doc: Document, number: int | None) -> str:
    """ "Dự thảo lần N" while the document has no official number; none after."""
    if doc.metadata.number is not None:
        return ""
    return f"Dự thảo lần {number}" if number else "Dự thảo"


def base_context(project: Project, doc: Document) -> dict[str, Any]:
    """The template context without the draft marker (it depends on the version),
    with the forms of the legal documents its text cites."""
    from drafter.context.citations import with_citations

    context = doc.kind.context(doc.content, project.registries, draft_marker="")
    return with_citations(context, project.registries)


def template_label(project: Project, doc: Document) -> str:
    try:
        return doc.template_path.relative_to(project.root.parent).as_posix()
    except ValueError:
        return doc.template_path.as_posix()


def _inputs(doc: Document, context: dict[str, Any], templates: dict[Path, bytes]) -> Inputs:
    if doc.template_path not in templates:
        templates[doc.template_path] = doc.template_path.read_bytes()
    return document_inputs(context, templates[doc.template_path], __version__)


def judge(item: DocumentPlan, folder: Path, *, pdf: bool) -> None:
    """Set the action and reasons of one document (the heart of ``status``)."""
    latest, inputs = item.latest, item.inputs
    stem = item.document.spec.output
    if latest is None:
        item.action, item.reasons = "new", ["never built"]
    elif not inputs.same_document(latest.context_hash, latest.template_hash):
        item.action = "new"
        if latest.context_hash != inputs.context_hash:
            item.reasons.append("content changed")
        if latest.template_hash != inputs.template_hash:
            item.reasons.append("template changed")
        if latest.renderer != inputs.renderer:
            item.reasons.append(f"renderer changed ({latest.renderer} → {inputs.renderer})")
    else:
        damaged = damaged_files(folder, latest)
        redline = latest.files.get("redline")
        if (
            redline is not None
            and redline.name in damaged
            and not _whole_docx(folder, item.previous)
        ):
            # made from the previous draft, which is gone (output/ deleted, say):
            # it cannot be made again, and asking for it would repair forever
            damaged.remove(redline.name)
        if pdf and "pdf" not in latest.files:
            damaged.append(version_name(stem, latest.number, "pdf") + " (never made)")
        if damaged:
            item.action = "repair"
            item.reasons.append("files missing or changed: " + ", ".join(sorted(damaged)))
        else:
            stale_copies = [
                latest_name(stem, role)
                for role in LATEST_ROLES
                if role in latest.files
                and not file_matches(folder / latest_name(stem, role), latest.files[role])
            ]
            if stale_copies:
                item.action = "tidy"
                item.reasons.append(
                    "latest copy missing or out of date: " + ", ".join(stale_copies)
                )
            older = [
                latest_name(stem, role)
                for role in LATEST_ROLES
                if role not in latest.files and (folder / latest_name(stem, role)).exists()
            ]
            if older:
                # e.g. a --no-pdf version after one with a PDF: that PDF is not the latest
                item.action = "tidy"
                item.reasons.append("latest copy of an older version: " + ", ".join(older))
    leftovers = find_leftovers(folder, stem, latest.number if latest else 0)
    if leftovers.all:
        if item.action == "none":
            item.action = "tidy"
        names = ", ".join(p.name for p in leftovers.all)
        item.reasons.append(f"leftovers of an interrupted build: {names}")


def _whole_docx(folder: Path, version: VersionRecord | None) -> bool:
    """Whether ``version``'s DOCX is on disk as registered."""
    record = version.files.get("docx") if version else None
    return record is not None and file_matches(folder / record.name, record)


def versions_of(
    registry: Registry | None, doc_id: str
) -> tuple[VersionRecord | None, VersionRecord | None]:
    """(latest, previous) version of a document in ``registry``."""
    latest = registry.latest(doc_id) if registry else None
    if registry is None or latest is None or latest.number < 2:
        return latest, None
    return latest, registry.version(doc_id, latest.number - 1)


def unchanged_documents(project: Project, stamp: Stamp | None) -> dict[str, str]:
    """The documents whose inputs cannot have changed since ``stamp`` was
    written, with their input hash then (empty without a stamp).

    A file read only as some documents' content or template affects those
    documents only; any other input (drafter.yaml, a registry, a feedback
    register, also a file read both ways) and drafter's code affect them all.
    """
    from collections import Counter

    from drafter.publish.stamp import code_files

    if stamp is None or not stamp.documents:
        return {}
    owned: Counter[Path] = Counter()
    for doc in project.documents:
        owned.update({doc.content_path, doc.template_path})
    read = Counter(project.inputs)
    shared = {p for p, n in read.items() if n > owned[p]} | set(code_files())
    if stamp.changed(shared):
        return {}
    changed = stamp.changed(p for p in read if p not in shared)
    return {
        doc.spec.id: stamp.documents[doc.spec.id]
        for doc in project.documents
        if doc.spec.id in stamp.documents
        and doc.content_path not in changed
        and doc.template_path not in changed
    }


def _recorded_inputs(latest: VersionRecord | None, recorded: str | None) -> Inputs | None:
    """The latest version's inputs, when the stamp vouches they are still current."""
    if latest is None or recorded is None or latest.input_hash != recorded:
        return None
    inputs = Inputs("", latest.context_hash, latest.template_hash, latest.renderer)
    # the snapshot is only needed for a changelog, i.e. when a version is cut
    return inputs if inputs.input_hash == recorded else None


def with_context(project: Project, item: DocumentPlan) -> DocumentPlan:
    """``item`` with its context built and its inputs computed from it."""
    if item.context is not None:
        return item
    context = base_context(project, item.document)
    return replace(item, context=context, inputs=_inputs(item.document, context, {}))


def plan_documents(
    project: Project,
    docs: list[Document],
    output: Path,
    registry: Registry | None,
    *,
    pdf: bool,
    known: dict[str, str] | None = None,
) -> list[DocumentPlan]:
    """Compute each document's inputs and compare them with its latest version.

    ``known`` maps documents to input hashes known current
    (:func:`unchanged_documents`): those keep their latest version's inputs
    without their context being built, unless their files need re-rendering.
    """
    templates: dict[Path, bytes] = {}
    plans = []
    for doc in docs:
        latest, previous = versions_of(registry, doc.spec.id)
        recorded = _recorded_inputs(latest, (known or {}).get(doc.spec.id))
        if recorded is not None:
            item = DocumentPlan(doc, None, recorded, latest, previous=previous)
            judge(item, output / doc.spec.id, pdf=pdf)
            if item.action not in ("new", "repair"):
                plans.append(item)
                continue
        context = base_context(project, doc)
        item = DocumentPlan(
            doc, context, _inputs(doc, context, templates), latest, previous=previous
        )
        judge(item, output / doc.spec.id, pdf=pdf)
        plans.append(item)
    return plans


def _stamp_of(project: Project, out: Path, options: BuildOptions) -> Stamp | None:
    from drafter.publish.stamp import read_stamp, stamp_key

    return read_stamp(out / CACHE_DIR, stamp_key(project.root, options.output, options.pdf))


def plan(root: Path | Project, options: BuildOptions | None = None) -> BuildPlan:
    """What a build would do and why, per document; writes nothing."""
    options = options or BuildOptions()
    project = load(root)
    out = output_dir(project, options.output)
    docs = selected(project, options.only)
    known = unchanged_documents(project, _stamp_of(project, out, options))
    with read_registry(state_folder(project)) as registry:
        documents = plan_documents(project, docs, out, registry, pdf=options.pdf, known=known)
    if options.rerender:
        documents = [_rerendered(project, item) for item in documents]
    return BuildPlan(project, out, documents)


def _rerendered(project: Project, item: DocumentPlan) -> DocumentPlan:
    """``item`` to be rendered again when its latest version is current: its
    files are restored if they come out the same, else a draft is cut."""
    if item.latest is None or item.action not in ("none", "tidy"):
        return item
    item = with_context(project, item)
    item.action = "repair"
    item.reasons.append("re-rendering requested (--rerender)")
    return item


def replan(
    project: Project,
    output: Path,
    registry: Registry,
    items: list[DocumentPlan],
    *,
    pdf: bool,
) -> tuple[list[DocumentPlan], list[DocumentPlan]]:
    """Under the lock: re-judge the documents another build committed
    versions of meanwhile.

    Returns the items to publish and, among them, those whose version number
    moved, so that what was rendered for them is out of date.
    """
    current, moved = [], []
    for item in items:
        latest, previous = versions_of(registry, item.doc_id)
        before = item.latest.number if item.latest else 0
        after = latest.number if latest else 0
        if before == after:
            current.append(item)
            continue
        fresh = replace(
            with_context(project, item), latest=latest, previous=previous, action="none", reasons=[]
        )
        judge(fresh, output / item.doc_id, pdf=pdf)
        if fresh.action in ("new", "repair"):
            moved.append(fresh)
        current.append(fresh)
    return current, moved


# --------------------------------------------------------------------------- the stamp


def quick_output(root: Path, options: BuildOptions) -> Path | None:
    """The output folder from drafter.yaml alone (no validation, no models)."""
    if options.output is not None:
        return options.output.resolve()
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where there is one
        data = yaml.load((root / "drafter.yaml").read_text(encoding="utf-8"), Loader=loader)
        return (root / str(data.get("output", "output"))).resolve()
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None


def nothing_changed(root: Path, options: BuildOptions) -> Path | None:
    """The output folder, when the stamp of the last complete build still
    matches every file it recorded: then nothing can be stale and the project
    need not be loaded.  None when something may have changed."""
    from drafter.publish.stamp import stamp_key, unchanged

    out = quick_output(root, options)
    if out is None or not unchanged(out / CACHE_DIR, stamp_key(root, options.output, options.pdf)):
        return None
    return out


def write_plan_stamp(
    project: Project, the_plan: BuildPlan, options: BuildOptions, read: dict[str, str] | None
) -> None:
    """Record every file read and written (and each document's latest record
    in the registry) with each document's input hash, when the plan says all
    is current; ``read`` holds the inputs' hashes as the build read them."""
    from drafter.publish.stamp import code_files, stamp_key, write_stamp

    if the_plan.stale or read is None:
        return
    written: list[Path] = []
    for item in the_plan.documents:
        if item.latest is None:
            return
        folder = the_plan.output / item.doc_id
        # a file the plan calls current yet missing cannot be made again (a
        # redline whose previous draft is gone): stamp the rest
        written += [
            folder / f.name for f in item.latest.files.values() if (folder / f.name).exists()
        ]
        written += [
            folder / latest_name(item.document.spec.output, role)
            for role in LATEST_ROLES
            if role in item.latest.files
        ]
        written.append(version_file(state_folder(project), item.doc_id, item.latest.number))
    key = stamp_key(project.root, options.output, options.pdf)
    paths = [*project.inputs, *code_files(), *written]
    documents = {item.doc_id: item.inputs.input_hash for item in the_plan.documents}
    write_stamp(the_plan.output / CACHE_DIR, key, paths, documents, read=read)
