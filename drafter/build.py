"""Build: plan what is stale and why, then render and publish only that.

No click here: the CLI and the tests call :func:`plan`, :func:`build`,
:func:`check`, :func:`history` and :func:`diff`.

What a document is made of is its *inputs*: the template context (content
plus exactly the registry entries it uses, computed without the draft
marker), the template's bytes and the renderer's version
(:mod:`drafter.publish.canonical`).  A document gets a new numbered version
only when those changed.  Planning imports nothing heavy (no docxtpl,
WeasyPrint, lxml render code), so a build with nothing to do is fast.

Building a context can be costly (the Project draws two matplotlib charts),
so planning builds only the contexts it must: a document whose own content
file and template are unchanged since the last complete build, when no
shared input (drafter.yaml, a registry, a feedback register, drafter's code)
changed either, keeps the input hash recorded then
(:mod:`drafter.publish.stamp`).  Editing one document rebuilds only it.

The order of a build is what keeps output/ safe:

1. load and validate the project, check the templates of stale documents,
   render them in memory: any mistake stops here and nothing is written;
2. take the build lock (output/.drafter/lock), re-read the registry and
   re-plan if another build committed meanwhile;
3. write each new version's files atomically (temporary name + rename);
4. one registry transaction records all the new versions: the commit point;
5. refresh the "latest" copies and remove leftovers of interrupted builds.

A build killed anywhere in 3–5 leaves every committed version whole; the
next build overwrites the uncommitted files or removes them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter import __version__
from drafter.errors import DrafterError, Problem, Severity, problem_at
from drafter.publish.canonical import Inputs, document_inputs, sha256_hex
from drafter.publish.registry import (
    FileRecord,
    NewVersion,
    Registry,
    VersionRecord,
    read_registry,
)
from drafter.publish.versions import (
    LATEST_ROLES,
    LOCK_FILE,
    PREVIEW_DIR,
    REGISTRY_FILE,
    STATE_DIR,
    damaged_files,
    file_matches,
    file_record,
    find_leftovers,
    latest_name,
    version_name,
)
from drafter.workers import WarmPool, fork_is_available

if TYPE_CHECKING:
    from drafter.project import Document, Project
    from drafter.publish.stamp import Stamp

#: Short enough for the template's 4 cm marker box ("Dự thảo (bản xem trước)" wraps
#: to two lines there and shifts every page of the preview).
PREVIEW_MARKER = "Bản xem trước"
#: Where a preview records the input hash it was made from.
PREVIEW_STAMP = ".input-hash"


@dataclass
class BuildOptions:
    only: list[str] | None = None
    pdf: bool = True
    strict: bool = False
    output: Path | None = None
    #: render to output/<doc>/preview/ without cutting a version
    preview: bool = False
    #: wait for another build's lock (else fail at once)
    wait: bool = True
    #: worker processes for rendering; None = one per core, up to the stale count
    jobs: int | None = None
    #: render unchanged documents again; cut a draft of those whose files differ
    rerender: bool = False


@dataclass
class BuildEvents:
    """Callbacks through which a build reports progress (the CLI prints them)."""

    message: Callable[[str], None] = lambda text: None
    render_started: Callable[[int], None] = lambda total: None
    rendered: Callable[[str], None] = lambda doc_id: None


# --------------------------------------------------------------------------- plan

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


def _load(root: Path | Project) -> Project:
    from drafter.project import load_project

    return load_project(root) if isinstance(root, Path) else root


def output_dir(project: Project, override: Path | None = None) -> Path:
    return (override or (project.root / project.file.output)).resolve()


def registry_path(output: Path) -> Path:
    return output / STATE_DIR / REGISTRY_FILE


def _selected(project: Project, only: list[str] | None) -> list[Document]:
    if not only:
        return project.documents
    return [project.document(doc_id) for doc_id in only]


def draft_marker(doc: Document, number: int | None) -> str:
    """ "Dự thảo lần N" while the document has no official number; none after."""
    if doc.metadata.number is not None:
        return ""
    return f"Dự thảo lần {number}" if number else "Dự thảo"


def base_context(project: Project, doc: Document) -> dict[str, Any]:
    """The template context without the draft marker (it depends on the version)."""
    return doc.kind.context(doc.content, project.registries, draft_marker="")


def document_context(project: Project, doc: Document) -> dict[str, object]:
    """The context as rendered by ``check`` (marker without a number)."""
    context: dict[str, object] = base_context(project, doc)
    context["draft_marker"] = draft_marker(doc, None)
    return context


def template_label(project: Project, doc: Document) -> str:
    try:
        return doc.template_path.relative_to(project.root.parent).as_posix()
    except ValueError:
        return doc.template_path.as_posix()


def _inputs(doc: Document, context: dict[str, Any], templates: dict[Path, bytes]) -> Inputs:
    if doc.template_path not in templates:
        templates[doc.template_path] = doc.template_path.read_bytes()
    return document_inputs(context, templates[doc.template_path], __version__)


def _judge(item: DocumentPlan, folder: Path, *, pdf: bool) -> None:
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
    leftovers = find_leftovers(folder, stem, latest.number if latest else 0)
    if leftovers.all:
        if item.action == "none":
            item.action = "tidy"
        names = ", ".join(p.name for p in leftovers.all)
        item.reasons.append(f"leftovers of an interrupted build: {names}")


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


def _with_context(project: Project, item: DocumentPlan) -> DocumentPlan:
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
        latest = registry.latest(doc.spec.id) if registry else None
        recorded = _recorded_inputs(latest, (known or {}).get(doc.spec.id))
        if recorded is not None:
            item = DocumentPlan(doc, None, recorded, latest)
            _judge(item, output / doc.spec.id, pdf=pdf)
            if item.action not in ("new", "repair"):
                plans.append(item)
                continue
        context = base_context(project, doc)
        item = DocumentPlan(doc, context, _inputs(doc, context, templates), latest)
        _judge(item, output / doc.spec.id, pdf=pdf)
        plans.append(item)
    return plans


def _stamp_of(project: Project, out: Path, options: BuildOptions) -> Stamp | None:
    from drafter.publish.stamp import read_stamp, stamp_key

    return read_stamp(out / STATE_DIR, stamp_key(project.root, options.output, options.pdf))


def plan(root: Path | Project, options: BuildOptions | None = None) -> BuildPlan:
    """What a build would do and why, per document; writes nothing."""
    options = options or BuildOptions()
    project = _load(root)
    out = output_dir(project, options.output)
    docs = _selected(project, options.only)
    known = unchanged_documents(project, _stamp_of(project, out, options))
    with read_registry(registry_path(out)) as registry:
        documents = plan_documents(project, docs, out, registry, pdf=options.pdf, known=known)
    if options.rerender:
        documents = [_rerendered(project, item) for item in documents]
    return BuildPlan(project, out, documents)


def _rerendered(project: Project, item: DocumentPlan) -> DocumentPlan:
    """``item`` to be rendered again when its latest version is current: its
    files are restored if they come out the same, else a draft is cut."""
    if item.latest is None or item.action not in ("none", "tidy"):
        return item
    item = _with_context(project, item)
    item.action = "repair"
    item.reasons.append("re-rendering requested (--rerender)")
    return item


# --------------------------------------------------------------------------- render


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker process needs to render one document (picklable)."""

    doc_id: str
    template: Path
    label: str
    context: dict[str, Any]
    title: str
    subject: str
    author: str
    created: dt.datetime
    version: str
    status: str
    input_hash: str
    pdf: bool


@dataclass(frozen=True)
class RenderResult:
    doc_id: str
    docx: bytes
    pdf: bytes | None
    problems: list[Problem]


def render_job(job: RenderJob) -> RenderResult:
    """Merge one document and make its PDF, in memory (runs in a worker)."""
    from drafter.render.docx import CoreProperties, render_docx

    props = CoreProperties(
        title=job.title,
        subject=job.subject,
        author=job.author,
        identifier=job.doc_id,
        version=job.version,
        content_status=job.status,
        # plain hex: LibreOffice rewrites a "sha256:" prefix on round trips
        keywords=job.input_hash,
        created=job.created,
    )
    try:
        docx = render_docx(job.template, job.context, props, label=job.label)
    except DrafterError as exc:
        # returned, not raised: every document's template mistakes are reported together
        return RenderResult(job.doc_id, b"", None, exc.problems)
    pdf_bytes = None
    if job.pdf:
        from drafter.render.pdf import PdfMetadata, render_pdf

        extra = {"DraftVersion": job.version, "DraftStatus": job.status}
        extra["InputHash"] = job.input_hash
        extra["DocumentId"] = job.doc_id
        pdf_bytes = render_pdf(
            docx,
            metadata=PdfMetadata(
                title=job.title,
                author=job.author,
                subject=job.subject,
                keywords=[job.input_hash],
                created=job.created,
                extra={k: v for k, v in extra.items() if v},
            ),
        )
    return RenderResult(job.doc_id, docx, pdf_bytes, [])


def _document_time(doc: Document) -> dt.datetime:
    """A fixed time for metadata: the document's date, or 1 January of its year.

    Never the build time, so the same inputs give the same bytes.
    """
    return doc.metadata.time


def make_job(
    project: Project, item: DocumentPlan, *, number: int | None, pdf: bool, preview: bool = False
) -> RenderJob:
    doc = item.document
    if item.context is None:
        raise ValueError(f"{doc.spec.id}: rendering needs the context (see _with_context)")
    context = dict(item.context)
    if preview:
        marker, version, status = PREVIEW_MARKER, "", "Bản xem trước"
    else:
        marker = draft_marker(doc, number)
        version, status = str(number), marker or f"Phiên bản {number}"
    context["draft_marker"] = marker
    return RenderJob(
        doc_id=doc.spec.id,
        template=doc.template_path,
        label=template_label(project, doc),
        context=context,
        title=doc.metadata.title,
        subject=doc.kind.label,
        author=project.file.project.title,
        created=_document_time(doc),
        version=version,
        status=status,
        # a repair renders the registered version, with the hash it was registered under
        input_hash=(
            item.latest.input_hash
            if item.action == "repair" and item.latest
            else item.inputs.input_hash
        ),
        pdf=pdf,
    )


#: What the render workers use: imported once, before they are forked.
RENDER_MODULES = ("docxtpl", "weasyprint", "drafter.render.docx", "drafter.render.pdf")


def _worker_count(jobs: int | None, requested: int | None) -> int:
    cores = os.cpu_count() or 1
    wanted = requested if requested is not None else cores
    return max(1, wanted if jobs is None else min(jobs, wanted))


#: Pools this process has started (see :func:`warm_pool`).
_pools_started = 0


def warm_pool(options: BuildOptions) -> WarmPool | None:
    """A pool of render workers started now, so that their imports happen while
    this process plans; None where rendering runs in-process (one core, ``--jobs 1``).

    A process that builds more than once (a library caller, the test suite)
    imports the renderers itself from its second build on: each later pool is
    forked with them already loaded instead of importing them again.
    """
    global _pools_started
    workers = _worker_count(None, options.jobs)
    if workers < 2 or not fork_is_available():
        return None
    if _pools_started:
        for module in RENDER_MODULES:
            importlib.import_module(module)
    _pools_started += 1
    return WarmPool(workers, RENDER_MODULES)


def render_all(
    jobs: list[RenderJob],
    *,
    workers: int | None = None,
    events: BuildEvents | None = None,
    pool: WarmPool | None = None,
) -> dict[str, RenderResult]:
    """Render the jobs, in parallel across processes where that pays (in
    ``pool`` when given, which then serves its one batch; its caller closes it).

    Raises :class:`DrafterError` with every document's problems together.
    """
    events = events or BuildEvents()
    count = _worker_count(len(jobs), workers)
    events.render_started(len(jobs))
    results: dict[str, RenderResult] = {}
    if pool is not None or (count > 1 and fork_is_available()):
        own = pool is None  # a pool given to us is closed by whoever started it
        workers_pool = WarmPool(count, RENDER_MODULES) if pool is None else pool
        try:
            for result in workers_pool.map_unordered(render_job, jobs):
                results[result.doc_id] = result
                events.rendered(result.doc_id)
        finally:
            if own:
                workers_pool.close()
    else:
        for job in jobs:
            results[job.doc_id] = render_job(job)
            events.rendered(job.doc_id)
    problems = [p for r in results.values() for p in r.problems]
    if problems:
        raise DrafterError(problems)
    return results


# --------------------------------------------------------------------------- check


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


def render_document(project: Project, doc: Document, *, pdf: bool = True) -> RenderResult:
    """Merge one document (and optionally make its PDF) in memory, unnumbered."""
    item = DocumentPlan(doc, base_context(project, doc), Inputs("", "", "", ""), None)
    job = make_job(project, item, number=None, pdf=pdf)
    result = render_job(job)
    if result.problems:
        raise DrafterError(result.problems)
    return result


def check(root: Path, options: BuildOptions | None = None) -> Project:
    """Validate content and templates, merge every document in memory, write nothing.

    Raises :class:`DrafterError` with every problem; returns the project
    (with its warnings) when all is well.
    """
    options = options or BuildOptions()
    project = _load(root)
    docs = _selected(project, options.only)
    problems = template_problems(project, docs) + undrawable_text(project)
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


# --------------------------------------------------------------------------- publish


@dataclass
class BuildReport:
    #: None when the no-op shortcut answered without loading the project
    project: Project | None
    output: Path
    #: versions cut by this build
    cut: list[VersionRecord] = field(default_factory=list)
    #: documents whose latest version's files were restored
    repaired: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    plan: BuildPlan | None = None

    @property
    def changed(self) -> bool:
        """Whether new versions were cut (the scheduled job's "something to send")."""
        return bool(self.cut)


def _crash_point(name: str) -> None:
    """Fault injection for the kill test: SIGKILL ourselves at a named step
    when DRAFTER_CRASH_AT says so.  Costs one environment lookup."""
    if os.environ.get("DRAFTER_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def git_commit(root: Path) -> str | None:
    """HEAD of the git repository holding ``root``, or None (no git, no repo)."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _redline(
    folder: Path,
    stem: str,
    previous: VersionRecord | None,
    docx: bytes,
    number: int,
    created: dt.datetime,
) -> bytes | None:
    """Tracked changes from the previous version's DOCX (None if it is gone)."""
    if previous is None or "docx" not in previous.files:
        return None
    old_path = folder / previous.files["docx"].name
    if not file_matches(old_path, previous.files["docx"]):
        return None
    from drafter.publish.redline import make_redline

    return make_redline(
        old_path.read_bytes(),
        docx,
        author=f"drafter: Dự thảo lần {number}",
        date=created,
        old_name=previous.files["docx"].name,
        new_name=version_name(stem, number, "docx"),
    )


@dataclass
class _Publication:
    """The files of one document's version, ready to be written."""

    item: DocumentPlan
    number: int
    files: dict[str, bytes]
    new_version: NewVersion | None  # None for a repair
    added: list[FileRecord] = field(default_factory=list)


def _reasons_in_vietnamese(item: DocumentPlan) -> list[str]:
    latest, inputs = item.latest, item.inputs
    if latest is None:
        return []
    reasons = []
    if latest.template_hash != inputs.template_hash:
        reasons.append("Mẫu văn bản (template) thay đổi.")
    if latest.renderer != inputs.renderer:
        reasons.append(f"Phiên bản drafter thay đổi: {latest.renderer} → {inputs.renderer}.")
    if inputs.same_document(latest.context_hash, latest.template_hash):
        reasons.append("Cập nhật cách trình bày, nội dung không đổi.")
    return reasons


def _new_version(
    project: Project,
    registry: Registry,
    folder: Path,
    item: DocumentPlan,
    rendered: RenderResult,
    commit: str | None,
) -> _Publication:
    from drafter.publish.changelog import ChangelogHeader, render_changelog

    stem, number, previous = item.document.spec.output, item.number, item.latest
    created = _now()
    old_json = registry.context_json(item.doc_id, previous.number) if previous else None
    changelog = render_changelog(
        ChangelogHeader(
            document_title=item.document.metadata.title,
            output_name=stem,
            number=number,
            created=created.isoformat(),
            previous=previous.number if previous else None,
            git_commit=commit,
        ),
        old_json,
        item.inputs.context_json,
        other_reasons=_reasons_in_vietnamese(item),
        labels=item.document.kind.changelog_labels,
    )
    files: dict[str, bytes] = {"docx": rendered.docx}
    if rendered.pdf is not None:
        files["pdf"] = rendered.pdf
    files["changelog"] = changelog.encode("utf-8")
    redline = _redline(folder, stem, previous, rendered.docx, number, created)
    if redline is not None:
        files["redline"] = redline
    records = {
        role: file_record(role, version_name(stem, number, role), data)
        for role, data in files.items()
    }
    inputs = item.inputs
    record = VersionRecord(
        item.doc_id,
        number,
        created.isoformat(),
        inputs.input_hash,
        inputs.context_hash,
        inputs.template_hash,
        inputs.renderer,
        commit,
        records,
    )
    return _Publication(item, number, files, NewVersion(record, changelog, inputs.context_json))


def _repair(
    registry: Registry, folder: Path, item: DocumentPlan, rendered: RenderResult
) -> _Publication | None:
    """Restore the latest version's missing files; None if the re-render differs
    (then a new version is cut instead)."""
    latest = item.latest
    assert latest is not None
    stem = item.document.spec.output
    produced: dict[str, bytes] = {"docx": rendered.docx}
    if rendered.pdf is not None:
        produced["pdf"] = rendered.pdf
    produced["changelog"] = registry.changelog(item.doc_id, latest.number).encode("utf-8")
    previous = registry.version(item.doc_id, latest.number - 1) if latest.number > 1 else None
    created = dt.datetime.fromisoformat(latest.created)
    if "redline" in latest.files:
        redline = _redline(folder, stem, previous, rendered.docx, latest.number, created)
        if redline is not None:
            produced["redline"] = redline
    files: dict[str, bytes] = {}
    added: list[FileRecord] = []
    for role, data in produced.items():
        registered = latest.files.get(role)
        if registered is None:
            added.append(file_record(role, version_name(stem, latest.number, role), data))
            files[role] = data
        elif sha256_hex(data) != registered.sha256:
            if role in ("docx", "pdf"):
                return None
        elif not file_matches(folder / registered.name, registered):
            files[role] = data
    return _Publication(item, latest.number, files, None, added)


def _refresh(registry: Registry, output: Path, items: list[DocumentPlan]) -> list[Path]:
    """Point the latest copies at each document's newest version."""
    written = []
    from drafter.publish.files import write_atomic

    for item in items:
        latest = registry.latest(item.doc_id)
        if latest is None:
            continue
        folder = output / item.doc_id
        for role in LATEST_ROLES:
            record = latest.files.get(role)
            copy = folder / latest_name(item.document.spec.output, role)
            if record is None or file_matches(copy, record):
                continue
            source = folder / record.name
            if file_matches(source, record):
                write_atomic(copy, source.read_bytes())
                written.append(copy)
    return written


def _remove_leftovers(registry: Registry, output: Path, items: list[DocumentPlan]) -> list[Path]:
    removed = []
    for item in items:
        latest = registry.latest(item.doc_id)
        leftovers = find_leftovers(
            output / item.doc_id, item.document.spec.output, latest.number if latest else 0
        )
        for path in leftovers.all:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _publish(
    project: Project,
    output: Path,
    registry: Registry,
    items: list[DocumentPlan],
    rendered: dict[str, RenderResult],
    report: BuildReport,
) -> None:
    from drafter.publish.files import inside, write_atomic

    commit: str | None = None
    if any(item.action == "new" for item in items):
        commit = git_commit(project.root)
    publications: list[_Publication] = []
    for item in items:
        folder = inside(output, item.doc_id)
        if item.action == "repair":
            repaired = _repair(registry, folder, item, rendered[item.doc_id])
            if repaired is not None:
                publications.append(repaired)
                report.repaired.append(item.doc_id)
                continue
            # the renderer no longer reproduces the version: cut a new one
            item.action = "new"
            item.reasons.append("re-rendering does not reproduce the registered files")
            rendered[item.doc_id] = render_job(
                make_job(
                    project, item, number=item.number, pdf=rendered[item.doc_id].pdf is not None
                )
            )
        if item.action == "new":
            publications.append(
                _new_version(project, registry, folder, item, rendered[item.doc_id], commit)
            )
    for n, publication in enumerate(publications):
        folder = inside(output, publication.item.doc_id)
        stem = publication.item.document.spec.output
        for role, data in publication.files.items():
            path = folder / version_name(stem, publication.number, role)
            write_atomic(path, data)
            report.written.append(path)
            _crash_point(f"file-{n}-{role}")
    _crash_point("before-commit")
    registry.commit(
        [p.new_version for p in publications if p.new_version is not None],
        [(p.item.doc_id, p.number, f) for p in publications for f in p.added],
    )
    report.cut = [p.new_version.record for p in publications if p.new_version is not None]
    _crash_point("after-commit")
    report.written += _refresh(registry, output, items)
    _crash_point("after-copies")
    report.removed += _remove_leftovers(registry, output, items)


def build(
    root: Path, options: BuildOptions | None = None, events: BuildEvents | None = None
) -> BuildReport:
    """Build the stale documents of the project at ``root``: new versions,
    repaired files, refreshed copies.  See the module docstring for the order.

    Raises :class:`DrafterError` for user mistakes (nothing written then) and
    :class:`drafter.publish.lock.BuildLocked` when another build holds the
    lock and ``options.wait`` is false.
    """
    options = options or BuildOptions()
    events = events or BuildEvents()
    shortcut = not options.preview and not options.only and not options.rerender
    if shortcut and _nothing_changed(root, options):
        return _with_site(BuildReport(None, _quick_output(root, options) or Path()), root, options)
    # Workers now: they import the renderers while this process loads and plans.
    pool = warm_pool(options)
    try:
        report = _build(root, options, events, shortcut, pool)
    finally:
        if pool is not None:
            pool.close()
    return _with_site(report, root, options)


def _with_site(report: BuildReport, root: Path, options: BuildOptions) -> BuildReport:
    """The review site (drafter.site) rewritten where the drafts or comments changed."""
    if not options.preview:
        from drafter.site import write_site

        site = write_site(report.project or root, report.output)
        report.written += site.written
        report.removed += site.removed
        report.warnings += site.problems
    return report


def _build(
    root: Path,
    options: BuildOptions,
    events: BuildEvents,
    shortcut: bool,
    pool: WarmPool | None,
) -> BuildReport:
    project = _load(root)
    _raise_if_errors(project.warnings, strict=options.strict)
    if options.preview:
        return preview(project, options, events, pool=pool)
    from drafter.publish.stamp import bytes_read

    # the inputs as the loader read them, so a save during the build is not stamped
    read = bytes_read(project.inputs, project.read)
    the_plan = plan(project, options)
    report = BuildReport(project, the_plan.output, warnings=list(project.warnings))
    report.plan = the_plan
    stale = the_plan.stale
    state = the_plan.output / STATE_DIR
    if not stale:
        if shortcut and state.is_dir() and not project.warnings:
            _stamp(project, the_plan, options, read)
        return report
    for item in stale:
        events.message(f"{item.doc_id}: {'; '.join(item.reasons)}")
    to_render = [i for i in stale if i.action in ("new", "repair")]
    problems = template_problems(project, [i.document for i in to_render])
    if options.pdf and to_render:
        problems += undrawable_text(project)
    _raise_if_errors(problems + project.warnings, strict=options.strict)
    report.warnings += problems
    jobs = [make_job(project, i, number=i.number, pdf=options.pdf) for i in to_render]
    rendered = render_all(jobs, workers=options.jobs, events=events, pool=pool) if jobs else {}

    # Everything is rendered and valid: only now is output/ touched.
    from drafter.publish.lock import build_lock
    from drafter.publish.registry import open_registry

    out = the_plan.output
    with build_lock(out / STATE_DIR / LOCK_FILE, wait=options.wait, on_wait=events.message):
        from drafter.publish.stamp import remove_stamp

        remove_stamp(state)
        registry = open_registry(registry_path(out))
        try:
            items = _replan(project, out, registry, stale, rendered, options)
            _publish(project, out, registry, items, rendered, report)
        finally:
            registry.close()
        if shortcut and not project.warnings:
            # re-judge against the new registry rows; contexts are unchanged
            with read_registry(registry_path(out)) as fresh:
                for item in the_plan.documents:
                    item.latest = fresh.latest(item.doc_id) if fresh else None
                    item.action, item.reasons = "none", []
                    _judge(item, out / item.doc_id, pdf=options.pdf)
            _stamp(project, the_plan, options, read)
    return report


def _quick_output(root: Path, options: BuildOptions) -> Path | None:
    """The output folder from drafter.yaml alone (no validation, no models)."""
    if options.output is not None:
        return options.output.resolve()
    import yaml

    try:
        data = yaml.safe_load((root / "drafter.yaml").read_text(encoding="utf-8"))
        return (root / str(data.get("output", "output"))).resolve()
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None


def _nothing_changed(root: Path, options: BuildOptions) -> bool:
    from drafter.publish.stamp import stamp_key, unchanged

    out = _quick_output(root, options)
    key = stamp_key(root, options.output, options.pdf)
    return out is not None and unchanged(out / STATE_DIR, key)


def _stamp(
    project: Project, the_plan: BuildPlan, options: BuildOptions, read: dict[str, str] | None
) -> None:
    """Record every file read and written and each document's input hash,
    when the plan says all is current."""
    from drafter.publish.stamp import code_files, stamp_key, write_stamp

    if the_plan.stale or read is None:
        return
    written: list[Path] = []
    for item in the_plan.documents:
        if item.latest is None:
            return
        folder = the_plan.output / item.doc_id
        written += [folder / f.name for f in item.latest.files.values()]
        written += [
            folder / latest_name(item.document.spec.output, role)
            for role in LATEST_ROLES
            if role in item.latest.files
        ]
    key = stamp_key(project.root, options.output, options.pdf)
    paths = [*project.inputs, *code_files(), *written]
    documents = {item.doc_id: item.inputs.input_hash for item in the_plan.documents}
    write_stamp(the_plan.output / STATE_DIR, key, paths, documents, read=read)


def _replan(
    project: Project,
    output: Path,
    registry: Registry,
    items: list[DocumentPlan],
    rendered: dict[str, RenderResult],
    options: BuildOptions,
) -> list[DocumentPlan]:
    """Under the lock: re-judge documents another build touched meanwhile and
    re-render those whose version number moved."""
    current = []
    for item in items:
        latest = registry.latest(item.doc_id)
        before = item.latest.number if item.latest else 0
        after = latest.number if latest else 0
        if before == after:
            current.append(item)
            continue
        fresh = replace(_with_context(project, item), latest=latest, action="none", reasons=[])
        _judge(fresh, output / item.doc_id, pdf=options.pdf)
        if fresh.action in ("new", "repair"):
            job = make_job(project, fresh, number=fresh.number, pdf=options.pdf)
            rendered[fresh.doc_id] = render_job(job)
            if rendered[fresh.doc_id].problems:
                raise DrafterError(rendered[fresh.doc_id].problems)
        current.append(fresh)
    return current


# --------------------------------------------------------------------------- preview


def preview(
    project: Project,
    options: BuildOptions,
    events: BuildEvents | None = None,
    *,
    pool: WarmPool | None = None,
) -> BuildReport:
    """Render the selected documents whose preview is out of date into
    output/<doc>/preview/, marked "Dự thảo (bản xem trước)"; no version is cut
    and the registry is not touched."""
    from drafter.publish.files import inside, write_atomic

    events = events or BuildEvents()
    out = output_dir(project, options.output)
    docs = _selected(project, options.only)
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
    _raise_if_errors(problems + project.warnings, strict=options.strict)
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
    return report


# --------------------------------------------------------------------------- history, diff


def _document_output(
    root: Path | Project, doc_id: str, output: Path | None
) -> tuple[Project, Document, Path]:
    project = _load(root)
    return project, project.document(doc_id), output_dir(project, output)


def history(root: Path | Project, doc_id: str, output: Path | None = None) -> list[VersionRecord]:
    """Every version of one document, oldest first (empty if never built)."""
    _, _, out = _document_output(root, doc_id, output)
    with read_registry(registry_path(out)) as registry:
        return registry.versions(doc_id) if registry else []


def diff(
    root: Path | Project,
    doc_id: str,
    old: int | None = None,
    new: int | None = None,
    output: Path | None = None,
) -> Path:
    """Write a redline DOCX from version ``old`` to version ``new`` of a document
    (default: the last two) and return its path."""
    from drafter.publish.files import inside, write_atomic
    from drafter.publish.lock import build_lock
    from drafter.publish.redline import make_redline

    project, doc, out = _document_output(root, doc_id, output)
    versions = {v.number: v for v in history(project, doc_id, output)}
    label = f"{doc_id} (drafter history {doc_id})"
    if not versions:
        raise DrafterError([problem_at(label, "no versions yet; run drafter build first")])
    new = new if new is not None else max(versions)
    old = old if old is not None else new - 1
    problems = [
        problem_at(label, f"no version {n} (versions: {', '.join(map(str, sorted(versions)))})")
        for n in (old, new)
        if n not in versions
    ]
    if problems:
        raise DrafterError(problems)
    folder = inside(out, doc_id)
    data = []
    for n in (old, new):
        record = versions[n].files.get("docx")
        if record is None or not file_matches(folder / record.name, record):
            raise DrafterError(
                [
                    problem_at(
                        folder / version_name(doc.spec.output, n, "docx"), "missing or changed"
                    )
                ]
            )
        data.append((folder / record.name).read_bytes())
    redline = make_redline(
        data[0],
        data[1],
        author=f"drafter: Dự thảo lần {new}",
        date=dt.datetime.fromisoformat(versions[new].created),
        old_name=versions[old].files["docx"].name,
        new_name=versions[new].files["docx"].name,
    )
    path = folder / f"{doc.spec.output}_du-thao-{old:02d}-{new:02d}_redline.docx"
    with build_lock(out / STATE_DIR / LOCK_FILE):
        write_atomic(path, redline)
    return path
