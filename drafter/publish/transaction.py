"""The publishing transaction: a build's rendered documents become numbered
versions on disk and in the registry.

The order is what keeps output/ safe (the caller holds the build lock):

1. write each new version's files, and each repaired file, atomically
   (temporary name + rename);
2. one registry transaction records all the new versions and the files
   added to existing ones: the commit point;
3. refresh the "latest" copies and remove leftovers of interrupted builds.

A build killed anywhere in 1-3 leaves every committed version whole; the
next build overwrites the uncommitted files or removes them.  The named
steps of :class:`Hooks` let a test stop the transaction at each point.

A *repair* restores the latest version's missing or changed files by
rendering it again; when the renderer no longer reproduces its registered
DOCX or PDF, the document gets a new version instead.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.publish.canonical import sha256_hex
from drafter.publish.files import inside, write_atomic
from drafter.publish.registry import FileRecord, NewVersion, Registry, VersionRecord
from drafter.publish.versions import (
    LATEST_ROLES,
    file_matches,
    file_record,
    find_leftovers,
    latest_name,
    version_name,
)

if TYPE_CHECKING:
    from drafter.options import BuildReport
    from drafter.plan import DocumentPlan
    from drafter.project import Project
    from drafter.workers import RenderResult


@dataclass(frozen=True)
class Hooks:
    """Called at each named step of the transaction, in order:
    ``file-<n>-<role>`` after the n-th publication's file of that role is
    written, ``before-commit``, ``journal`` (the registry's commit point is
    on disk, its version files not yet written), ``after-commit`` and
    ``after-copies``.
    The kill test stops the process there; a build passes none."""

    step: Callable[[str], None] = lambda name: None


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
    """Restore the latest version's missing or changed files; None if the
    re-render's DOCX or PDF differs (then a new version is cut instead).

    A redline made again with other bytes than registered (the redline code
    changed since) is written and registered as made now: it is an aid to
    reading, not the draft, and refusing it would leave the version damaged
    and the repair repeating on every build."""
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
        elif role in ("docx", "pdf") and sha256_hex(data) != registered.sha256:
            return None
        elif not file_matches(folder / registered.name, registered):
            files[role] = data
            if sha256_hex(data) != registered.sha256:
                added.append(file_record(role, registered.name, data))
    return _Publication(item, latest.number, files, None, added)


def refresh(
    registry: Registry, output: Path, items: list[DocumentPlan]
) -> tuple[list[Path], list[Path]]:
    """Point the latest copies at each document's newest version, and remove
    a copy of a kind the newest version lacks (the PDF of an older version,
    after a ``--no-pdf`` build): returns (written, removed)."""
    written, removed = [], []
    for item in items:
        latest = registry.latest(item.doc_id)
        if latest is None:
            continue
        folder = output / item.doc_id
        for role in LATEST_ROLES:
            record = latest.files.get(role)
            copy = folder / latest_name(item.document.spec.output, role)
            if record is None and copy.exists():
                copy.unlink()
                removed.append(copy)
            if record is None or file_matches(copy, record):
                continue
            source = folder / record.name
            if file_matches(source, record):
                write_atomic(copy, source.read_bytes())
                written.append(copy)
    return written, removed


def remove_leftovers(registry: Registry, output: Path, items: list[DocumentPlan]) -> list[Path]:
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


def publish(
    project: Project,
    output: Path,
    registry: Registry,
    items: list[DocumentPlan],
    rendered: dict[str, RenderResult],
    report: BuildReport,
    *,
    rerender: Callable[[DocumentPlan, bool], RenderResult],
    hooks: Hooks | None = None,
) -> None:
    """Write the new versions and repaired files of ``items`` (rendered in
    ``rendered``), commit them to ``registry`` in one transaction, then
    refresh the latest copies and remove leftovers; record all of it in
    ``report``.  The caller holds the build lock.

    ``rerender(item, pdf)`` renders a document again when a repair turns
    into a new version (its number changed); ``hooks`` see each step.
    """
    step = (hooks or Hooks()).step
    commit = git_commit(project.root) if any(i.action in ("new", "repair") for i in items) else None
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
            rendered[item.doc_id] = rerender(item, rendered[item.doc_id].pdf is not None)
            if rendered[item.doc_id].problems:
                raise DrafterError(rendered[item.doc_id].problems)
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
            step(f"file-{n}-{role}")
    step("before-commit")
    registry.commit(
        [p.new_version for p in publications if p.new_version is not None],
        [(p.item.doc_id, p.number, f) for p in publications for f in p.added],
        on_journal=lambda: step("journal"),
    )
    report.cut = [p.new_version.record for p in publications if p.new_version is not None]
    step("after-commit")
    written, removed = refresh(registry, output, items)
    report.written += written
    report.removed += removed
    step("after-copies")
    report.removed += remove_leftovers(registry, output, items)
