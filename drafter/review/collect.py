"""Collect reviewers' comments from returned Word files into the registers.

:func:`collect` is what ``drafter comments collect FILE...`` runs: each file is
read through the untrusted reader of :mod:`drafter.ooxml`, identified (which
document, which draft), and each comment, insertion and deletion becomes an
entry of that document's register (the ``register_file`` its comment
synthesis table names, the one path the build reads, else
``feedback/<document-id>.yaml``), with the commenting unit found from the
author's name (people registry) or, failing that, from the file's name.  A
file that cannot be read safely is reported and skipped; the others are
still collected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafter.content.feedback_models import (
    CommentSynthesisContent,
    FeedbackEntry,
    FeedbackRegister,
)
from drafter.content.models import Unit
from drafter.errors import DrafterError, Problem
from drafter.ooxml import Limits, PackageError
from drafter.project import Document, Project, load_project
from drafter.review.reader import DocumentInfo, Feedback, read_feedback
from drafter.review.register import (
    entry_id,
    merge,
    read_register,
    register_lock,
    register_path,
    save_register,
)
from drafter.vietnamese import fold

#: The version suffix of output files: ``QD-danh-muc-CSDL_du-thao-02``.
_VERSION_IN_NAME = re.compile(r"(?:^|[_\-\s])du[_\-\s]?thao[_\-\s]?(?:lan[_\-\s]?)?0*(\d{1,4})")
_VERSION_IN_STATUS = re.compile(r"lần\s+0*(\d{1,4})", re.IGNORECASE)
_WORD_SEPARATORS = re.compile(r"[\s_\-.,()]+")

#: Shown when Word or LibreOffice recorded no author.
UNKNOWN_AUTHOR = "Không rõ người góp ý"


@dataclass
class CollectedFile:
    """What one returned file gave: its document and draft, or why it failed."""

    path: Path
    document: str | None = None
    version: int | None = None
    new: int = 0
    present: int = 0
    error: str | None = None


@dataclass(frozen=True)
class UnknownAuthor:
    """An author not in the people registry, and the unit the file name gave (if any)."""

    author: str
    file: str
    unit: str | None


@dataclass
class CollectReport:
    """The outcome of :func:`collect`, per file and per register written."""

    files: list[CollectedFile] = field(default_factory=list)
    unknown_authors: list[UnknownAuthor] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """One problem per file that could not be collected, naming the file."""
        return [Problem(str(f.path), message=f.error) for f in self.files if f.error]

    @property
    def failed(self) -> bool:
        """Whether any file could not be collected."""
        return any(f.error for f in self.files)


def collect(
    root: Path,
    files: Sequence[Path],
    *,
    document: str | None = None,
    limits: Limits | None = None,
) -> CollectReport:
    """Collect the comments and tracked changes of ``files`` into the project at ``root``.

    ``document`` (a document id) says which document the files comment on
    when a file does not say it itself; a file that names another document
    is refused.  Files are taken in name order, so the result does not
    depend on the order given.  Raises :class:`DrafterError` when the
    project or an existing register is invalid (nothing is written then);
    a bad returned file is reported in the result, never raised.
    """
    project = load_project(root)
    if document is not None:
        project.document(document)  # raises for an unknown id
    report = CollectReport()
    per_file: list[tuple[CollectedFile, list[FeedbackEntry]]] = []
    for path in sorted(files, key=lambda p: (p.name, str(p))):
        result = CollectedFile(path)
        report.files.append(result)
        try:
            info, feedback = read_feedback(path, limits=limits)
        except PackageError as exc:
            result.error = f"cannot collect: {exc.reason}"
            continue
        identified = _identify(project, path, info, document)
        if isinstance(identified, str):
            result.error = identified
            continue
        result.document, result.version = identified
        entries, unknown = _entries(project, path, result.document, result.version, feedback)
        report.unknown_authors += unknown
        per_file.append((result, entries))

    registers = _read_registers(project, {r.document for r, _ in per_file if r.document})
    added: dict[str, list[FeedbackEntry]] = {doc_id: [] for doc_id in registers}
    for result, entries in per_file:
        assert result.document is not None
        original = registers[result.document]
        current = FeedbackRegister(
            document=original.document, entries=[*original.entries, *added[result.document]]
        )
        merged = merge(current, entries)
        result.new, result.present = len(merged.added), len(merged.already_present)
        added[result.document] += merged.added
    for doc_id in sorted(registers):
        if not added[doc_id]:
            continue
        path = register_of(project, doc_id)
        with register_lock(path):
            # read again under the lock: a hand edit (or another collection)
            # made since the first read is kept, the new entries go after it
            fresh = read_register(path, doc_id, project.registries, label=_label(project, path))
            save_register(path, merge(fresh, added[doc_id]))
        report.written.append(path)
    return report


def register_of(project: Project, document: str) -> Path:
    """The register of ``document``: the ``register_file`` its comment synthesis
    table reads (the one path the build reads too), else ``feedback/<id>.yaml``.

    Raises :class:`DrafterError` when two synthesis tables of the document
    name different registers: collected comments would reach only one.
    """
    named: dict[Path, Document] = {}
    for doc in project.documents:
        content = doc.content
        if isinstance(content, CommentSynthesisContent) and content.document == document:
            named.setdefault((project.root / content.register_file).resolve(), doc)
    if len(named) > 1:
        labels = [_label(project, path) for path in named]
        raise DrafterError(
            [
                doc.source.problem(
                    ("register_file",),
                    f"the comments on '{document}' go to one register; the synthesis "
                    f"tables name {len(named)}: {', '.join(sorted(labels))}",
                )
                for doc in named.values()
            ]
        )
    return next(iter(named), register_path(project.root, document))


def _read_registers(project: Project, documents: set[str]) -> dict[str, FeedbackRegister]:
    """Every register concerned, read before anything is written."""
    registers: dict[str, FeedbackRegister] = {}
    problems: list[Problem] = []
    for doc_id in sorted(documents):
        path = register_of(project, doc_id)
        label = _label(project, path)
        try:
            registers[doc_id] = read_register(path, doc_id, project.registries, label=label)
        except DrafterError as exc:
            problems += exc.problems
    if problems:
        raise DrafterError(problems)
    return registers


def _label(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.parent).as_posix()
    except ValueError:
        return path.as_posix()


# --- which document, which draft ---------------------------------------------


def _identify(
    project: Project, path: Path, info: DocumentInfo, document: str | None
) -> tuple[str, int | None] | str:
    """The document id and draft number of a returned file, or why not known."""
    known = {d.spec.id for d in project.documents}
    named = info.identifier or _document_from_name(project, path.stem)
    if document is not None and info.identifier and info.identifier != document:
        return (
            f"the file says it is a draft of '{info.identifier}', not of '{document}' "
            "(drop --document, or check the file)"
        )
    doc_id = document or named
    if doc_id is None:
        return (
            "cannot tell which document this file comments on: its properties name "
            "none and its name matches no output name; give --document DOC"
        )
    if doc_id not in known:
        return f"the file names document '{doc_id}', which is not in this project"
    return doc_id, _version(info, path.stem)


def _document_from_name(project: Project, stem: str) -> str | None:
    """The document whose output name begins the file name (the longest such)."""
    lowered = stem.lower()
    found = [
        d
        for d in project.documents
        if lowered == d.spec.output.lower() or lowered.startswith(d.spec.output.lower() + "_")
    ]
    if not found:
        return None
    return max(found, key=lambda d: len(d.spec.output)).spec.id


def _version(info: DocumentInfo, stem: str) -> int | None:
    """The draft number: the version property, the content status, then the file name.

    An empty or non-numeric version property counts as unknown.
    """
    for text, pattern in (
        (info.version or "", re.compile(r"^\s*0*(\d{1,4})\s*$")),
        (info.content_status or "", _VERSION_IN_STATUS),
        (fold(stem), _VERSION_IN_NAME),
    ):
        match = pattern.search(text)
        if match and int(match[1]) > 0:
            return int(match[1])
    return None


# --- who commented ------------------------------------------------------------


def _entries(
    project: Project,
    path: Path,
    document: str,
    version: int | None,
    feedback: list[Feedback],
) -> tuple[list[FeedbackEntry], list[UnknownAuthor]]:
    file_unit = unit_from_file_name(project, path.stem, document)
    entries: list[FeedbackEntry] = []
    unknown: dict[str, UnknownAuthor] = {}
    seen: dict[str, int] = {}
    for item in feedback:
        if not item.text.strip():
            continue
        author = item.author.strip() or UNKNOWN_AUTHOR
        found, unit = person_unit(project, author)
        if not found:
            unit = file_unit
            unknown.setdefault(author, UnknownAuthor(author, path.name, file_unit))
        base = entry_id(document, version, author, item.kind, item.anchor, item.text)
        # The same comment twice in one file stays two entries, and the second
        # gets the same id each time the file is collected.
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        entries.append(
            FeedbackEntry(
                id=base if occurrence == 0 else f"{base}-{occurrence + 1}",
                document=document,
                version=version,
                unit=unit,
                author=author,
                date=item.date,
                kind=item.kind,
                location=item.location or None,
                anchor=item.anchor or None,
                text=item.text,
                file=path.name,
            )
        )
    return entries, list(unknown.values())


def person_unit(project: Project, author: str) -> tuple[bool, str | None]:
    """Whether ``author`` is in the people registry, and their unit id.

    Names compare accent- and case-folded.  A name shared by people of
    different units gives no unit.
    """
    key = fold(author)
    units = {p.unit for p in project.registries.organisation.people if fold(p.name) == key}
    if not units:
        return False, None
    return True, units.pop() if len(units) == 1 else None


def unit_from_file_name(project: Project, stem: str, document: str | None = None) -> str | None:
    """The unit a file name names (``…_du-thao-02_Vu-Phap-che``), or None.

    The document's output name and the draft number are set aside first, so
    that their words cannot pass for a unit's short name.  Full unit names win
    over ids and short names; a tie between two units gives None.
    """
    words = _words(stem)
    if document is not None:
        output = _words(project.document(document).spec.output)
        if words[: len(output)] == output:
            words = words[len(output) :]
    words = _drop_version(words)
    best: dict[str, int] = {}
    for unit in project.registries.organisation.units:
        for weight, candidate in _unit_names(unit):
            if candidate and _contains(words, candidate):
                best[unit.id] = max(best.get(unit.id, 0), weight * 100 + len(candidate))
    if not best:
        return None
    top = max(best.values())
    winners = [unit_id for unit_id, score in best.items() if score == top]
    return winners[0] if len(winners) == 1 else None


def _unit_names(unit: Unit) -> list[tuple[int, list[str]]]:
    return [(3, _words(unit.name)), (2, _words(unit.id)), (1, _words(unit.short_name))]


def _words(text: str) -> list[str]:
    return [w for w in _WORD_SEPARATORS.split(fold(text)) if w]


def _drop_version(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i : i + 2] == ["du", "thao"]:
            i += 2
            if i < len(words) and words[i] == "lan":
                i += 1
            if i < len(words) and words[i].isdigit():
                i += 1
            continue
        out.append(words[i])
        i += 1
    return out


def _contains(words: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(words[i : i + size] == needle for i in range(len(words) - size + 1))
