"""The version registry: durable state kept with the content, in plain text.

It records every version of every document (number, time, hashes of what the
document was made of, the content's git commit, the changelog and a snapshot
of the template context) and each file of a version with its SHA-256.  It
lives in the project's state folder, ``.drafter-state/`` beside drafter.yaml,
and is meant to be committed with the content: output/ is generated and may
be deleted, the draft numbers may not.  One folder per document, three files
per version, each written once::

    .drafter-state/
      qd-danh-muc-csdl/
        01.json            the version: number, time, hashes, git commit, files
        01.changelog.md    its changelog, as written beside the draft
        01.context.json    its template context (for the next changelog)
      lock                 the build lock (ignored by git)
      .gitignore

Writing a version is two steps: its files are written under output/ first
(each atomically), then :meth:`Registry.commit` records all the new versions
of a build at once.  The commit point is the atomic rename of one journal
file (``journal.json``) holding them all; the journal is then applied to the
per-version files and removed.  A reader applies a journal it finds, so a
build killed between the rename and the removal has committed exactly what
the journal says, and the next writer finishes applying it.  Files under
output/ without a version here are leftovers of an interrupted build, and the
next build overwrites or removes them.  One writer at a time: the build lock
(``lock`` in this folder) is held around every :func:`open_registry`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.publish.canonical import canonical_json
from drafter.publish.files import fsync_folder, inside, write_atomic

#: The state folder's name, beside drafter.yaml.
STATE_DIR_NAME = ".drafter-state"
#: The build lock, in the state folder.
LOCK_NAME = "lock"
JOURNAL = "journal.json"
#: Format of the version files (``"format"`` in each); another one is refused.
FORMAT = 1
_GITIGNORE = "# the build lock and unfinished writes: never part of the state\nlock\n.*.part\n"
_RECORD = re.compile(r"(\d+)\.json")


@dataclass(frozen=True)
class FileRecord:
    role: str
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class VersionRecord:
    """One committed version of one document."""

    document: str
    number: int
    created: str
    input_hash: str
    context_hash: str
    template_hash: str
    renderer: str
    git_commit: str | None
    files: dict[str, FileRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class NewVersion:
    """A version about to be committed (its files are already on disk)."""

    record: VersionRecord
    changelog: str
    context_json: str


class RegistryConflict(RuntimeError):
    """A version number already taken, or files added to a version that does
    not exist (the build lock makes either a bug)."""


class RegistryFormatError(RuntimeError):
    """A state file this drafter cannot read (a newer format, or damaged)."""


def state_dir(project_root: Path) -> Path:
    """The state folder of the project whose drafter.yaml is in ``project_root``."""
    return project_root / STATE_DIR_NAME


def registry_digest(folder: Path) -> str:
    """A digest of what the registry in ``folder`` records: it changes when a
    version is committed or a file added to one.  The version records (and a
    pending journal) are enough: changelogs and contexts are written once,
    with the record that names their hashes."""
    import hashlib

    digest = hashlib.sha256(b"drafter-registry 1\n")
    paths = [folder / JOURNAL] if (folder / JOURNAL).is_file() else []
    if folder.is_dir():
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            paths += sorted(p for p in sub.iterdir() if _RECORD.fullmatch(p.name))
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # filed away by a build meanwhile
            continue
        name = path.relative_to(folder).as_posix()
        digest.update(f"{name} {hashlib.sha256(data).hexdigest()}\n".encode())
    return digest.hexdigest()


def version_file(folder: Path, document: str, number: int, suffix: str = ".json") -> Path:
    """The file of one version in the state ``folder`` (its record by default)."""
    return inside(folder, document, f"{number:02d}{suffix}")


class Registry:
    """The registry in a state folder; use :func:`open_registry` (to write,
    under the build lock) or :func:`read_registry`."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._versions: dict[str, dict[int, VersionRecord]] = {}
        #: changelog and context of journal versions not yet in their files
        self._pending: dict[tuple[str, int], tuple[str, str]] = {}
        # the journal first: once it is gone, its versions are in their files
        journal = _read_journal(folder / JOURNAL)
        for sub in sorted(folder.iterdir()) if folder.is_dir() else []:
            if not sub.is_dir() or sub.name.startswith("."):
                continue
            for path in sub.iterdir():
                if _RECORD.fullmatch(path.name):
                    record = _record_from_json(_read_json(path))
                    self._versions.setdefault(record.document, {})[record.number] = record
        if journal is not None:
            self._overlay(journal)

    def close(self) -> None:
        """Nothing to release (kept so callers need not know the storage)."""

    # reading -------------------------------------------------------------

    def versions(self, document: str) -> list[VersionRecord]:
        """Every version of ``document``, oldest first."""
        found = self._versions.get(document, {})
        return [found[n] for n in sorted(found)]

    def version(self, document: str, number: int) -> VersionRecord | None:
        return self._versions.get(document, {}).get(number)

    def latest(self, document: str) -> VersionRecord | None:
        """The newest version of ``document``, or None if it was never built."""
        found = self._versions.get(document)
        return found[max(found)] if found else None

    def documents(self) -> list[str]:
        return sorted(d for d, found in self._versions.items() if found)

    def changelog(self, document: str, number: int) -> str:
        pending = self._pending.get((document, number))
        if pending is not None:
            return pending[0]
        path = self._version_path(document, number, ".changelog.md")
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    def context_json(self, document: str, number: int) -> str | None:
        """The version's context as canonical JSON (the text its hash is of)."""
        pending = self._pending.get((document, number))
        if pending is not None:
            return pending[1]
        path = self._version_path(document, number, ".context.json")
        if not path.is_file():
            return None
        return canonical_json(json.loads(path.read_text(encoding="utf-8")))

    # writing -------------------------------------------------------------

    def commit(
        self,
        versions: Iterable[NewVersion],
        added_files: Iterable[tuple[str, int, FileRecord]] = (),
        *,
        on_journal: Callable[[], None] | None = None,
    ) -> None:
        """Record new versions (with their files) and files added to existing
        versions, all at once: either all of it is recorded or none.
        ``on_journal`` is called at the commit point, before the journal is
        filed away (a test kills the process there).

        A version whose number is taken raises :class:`RegistryConflict` and
        records nothing (the build lock makes that a bug).
        """
        new, added = list(versions), list(added_files)
        if not new and not added:
            return
        taken = {(d, n) for d, found in self._versions.items() for n in found}
        for item in new:
            key = (item.record.document, item.record.number)
            if key in taken:
                raise RegistryConflict(f"{key[0]}: version {key[1]} is already registered")
            taken.add(key)
        for document, number, _ in added:
            if (document, number) not in taken:
                raise RegistryConflict(f"{document}: no version {number} to add files to")
        journal = {
            "format": FORMAT,
            "versions": [
                {
                    "record": _record_to_json(v.record),
                    "changelog": v.changelog,
                    "context_json": v.context_json,
                }
                for v in new
            ],
            "added": [
                {"document": d, "number": n, "role": f.role, "file": _file_to_json(f)}
                for d, n, f in added
            ],
        }
        self._folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self._folder / JOURNAL, _dump(journal))
        fsync_folder(self._folder)  # the commit point is on disk
        self._overlay(journal)
        if on_journal is not None:
            on_journal()
        self._apply()

    def _overlay(self, journal: dict[str, Any]) -> None:
        """Take the journal's versions and added files into memory."""
        for item in journal["versions"]:
            record = _record_from_json(item["record"])
            self._versions.setdefault(record.document, {})[record.number] = record
            key = (record.document, record.number)
            self._pending[key] = (str(item["changelog"]), str(item["context_json"]))
        for item in journal["added"]:
            document, number = str(item["document"]), int(item["number"])
            existing = self._versions.get(document, {}).get(number)
            if existing is None:
                raise RegistryFormatError(f"{self._folder / JOURNAL}: no version {number}")
            file = _file_from_json(item["file"], str(item["role"]))
            files = {**existing.files, file.role: file}
            self._versions[document][number] = _with_files(existing, files)

    def _apply(self) -> None:
        """Write the journal's versions to their files, then remove it."""
        journal_path = self._folder / JOURNAL
        if not journal_path.exists():
            return
        journal = _read_journal(journal_path)
        assert journal is not None
        touched = {
            (str(v["record"]["document"]), int(v["record"]["number"])) for v in journal["versions"]
        }
        touched |= {(str(a["document"]), int(a["number"])) for a in journal["added"]}
        for document, number in sorted(touched):
            pending = self._pending.get((document, number))
            if pending is not None:
                changelog, context = pending
                write_atomic(
                    self._version_path(document, number, ".changelog.md"),
                    changelog.encode("utf-8"),
                )
                pretty = json.dumps(
                    json.loads(context), ensure_ascii=False, indent=1, sort_keys=True
                )
                write_atomic(
                    self._version_path(document, number, ".context.json"),
                    (pretty + "\n").encode("utf-8"),
                )
            record = self._versions[document][number]
            write_atomic(
                self._version_path(document, number, ".json"), _dump(_record_to_json(record))
            )
        for folder in {self._version_path(d, n, ".json").parent for d, n in touched}:
            fsync_folder(folder)
        journal_path.unlink()
        fsync_folder(self._folder)
        self._pending.clear()

    def _version_path(self, document: str, number: int, suffix: str) -> Path:
        return version_file(self._folder, document, number, suffix)


def open_registry(folder: Path) -> Registry:
    """The registry in the state ``folder`` for writing, creating the folder if
    needed; finishes applying a journal an interrupted build left and removes
    its unfinished writes.  Call it only while holding the build lock."""
    folder.mkdir(parents=True, exist_ok=True)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomic(gitignore, _GITIGNORE.encode())
    for path in folder.rglob(".*.part"):
        path.unlink(missing_ok=True)
    registry = Registry(folder)
    registry._apply()
    return registry


@contextmanager
def read_registry(folder: Path) -> Iterator[Registry | None]:
    """The registry in the state ``folder`` for reading, or None when it
    holds no version yet.  Never writes, so planning and ``drafter status``
    leave the state as it is."""
    registry = Registry(folder)
    yield registry if registry.documents() else None


# --------------------------------------------------------------------------- files


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RegistryFormatError(f"{path}: not readable as a version file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RegistryFormatError(f"{path}: format {data.get('format')!r}, expected {FORMAT}")
    return data


def _read_journal(path: Path) -> dict[str, Any] | None:
    try:
        return _read_json(path)
    except RegistryFormatError:
        if not path.exists():
            return None
        raise


def _file_to_json(f: FileRecord) -> dict[str, Any]:
    return {"name": f.name, "sha256": f.sha256, "size": f.size}


def _file_from_json(data: dict[str, Any], role: str) -> FileRecord:
    return FileRecord(role, str(data["name"]), str(data["sha256"]), int(data["size"]))


def _record_to_json(r: VersionRecord) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "document": r.document,
        "number": r.number,
        "created": r.created,
        "input_hash": r.input_hash,
        "context_hash": r.context_hash,
        "template_hash": r.template_hash,
        "renderer": r.renderer,
        "git_commit": r.git_commit,
        "files": {role: _file_to_json(f) for role, f in sorted(r.files.items())},
    }


def _record_from_json(data: dict[str, Any]) -> VersionRecord:
    commit = data.get("git_commit")
    return VersionRecord(
        str(data["document"]),
        int(data["number"]),
        str(data["created"]),
        str(data["input_hash"]),
        str(data["context_hash"]),
        str(data["template_hash"]),
        str(data["renderer"]),
        None if commit is None else str(commit),
        {role: _file_from_json(f, role) for role, f in sorted(data["files"].items())},
    )


def _with_files(record: VersionRecord, files: dict[str, FileRecord]) -> VersionRecord:
    return replace(record, files=dict(sorted(files.items())))
