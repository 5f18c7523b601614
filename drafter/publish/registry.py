"""The version registry: one SQLite file at output/.drafter/registry.sqlite.

It records every version of every document (number, time, hashes of what the
document was made of, the content's git commit, the changelog and a snapshot
of the template context) and each file of a version with its SHA-256.

Writing a version is two steps: its files are written first (each atomically),
then :meth:`Registry.commit` inserts all the new rows in one transaction.
That transaction is the commit point: files without rows are leftovers of an
interrupted build, and the next build overwrites or removes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    document      TEXT    NOT NULL,
    number        INTEGER NOT NULL CHECK (number >= 1),
    created       TEXT    NOT NULL,  -- UTC, ISO 8601, seconds
    input_hash    TEXT    NOT NULL,
    context_hash  TEXT    NOT NULL,
    template_hash TEXT    NOT NULL,
    renderer      TEXT    NOT NULL,  -- drafter.__version__
    git_commit    TEXT,              -- HEAD of the project's repository, if any
    changelog     TEXT    NOT NULL,
    context_json  TEXT    NOT NULL,  -- canonical context, for later changelogs
    PRIMARY KEY (document, number)
);
CREATE TABLE IF NOT EXISTS files (
    document TEXT    NOT NULL,
    number   INTEGER NOT NULL,
    role     TEXT    NOT NULL,  -- docx, pdf, changelog, redline
    name     TEXT    NOT NULL,  -- file name in output/<document>/
    sha256   TEXT    NOT NULL,
    size     INTEGER NOT NULL,
    PRIMARY KEY (document, number, role),
    FOREIGN KEY (document, number) REFERENCES versions (document, number)
);
"""


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


_VERSION_COLUMNS = (
    "document, number, created, input_hash, context_hash, template_hash, renderer, git_commit"
)


class Registry:
    """An open registry; use :func:`open_registry` or :func:`read_registry`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def close(self) -> None:
        self._db.close()

    # reading -------------------------------------------------------------

    def _files(self, document: str, number: int) -> dict[str, FileRecord]:
        rows = self._db.execute(
            "SELECT role, name, sha256, size FROM files WHERE document = ? AND number = ?"
            " ORDER BY role",
            (document, number),
        )
        return {row[0]: FileRecord(*row) for row in rows}

    def _record(self, row: tuple[Any, ...]) -> VersionRecord:
        document, number, created, input_hash, context_hash, template_hash, renderer, commit = row
        return VersionRecord(
            str(document),
            int(number),
            str(created),
            str(input_hash),
            str(context_hash),
            str(template_hash),
            str(renderer),
            None if commit is None else str(commit),
            self._files(str(document), int(number)),
        )

    def versions(self, document: str) -> list[VersionRecord]:
        """Every version of ``document``, oldest first."""
        rows = self._db.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE document = ? ORDER BY number",
            (document,),
        ).fetchall()
        return [self._record(row) for row in rows]

    def version(self, document: str, number: int) -> VersionRecord | None:
        row = self._db.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE document = ? AND number = ?",
            (document, number),
        ).fetchone()
        return self._record(row) if row else None

    def latest(self, document: str) -> VersionRecord | None:
        """The newest version of ``document``, or None if it was never built."""
        row = self._db.execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE document = ?"
            " ORDER BY number DESC LIMIT 1",
            (document,),
        ).fetchone()
        return self._record(row) if row else None

    def documents(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT document FROM versions")]

    def changelog(self, document: str, number: int) -> str:
        row = self._db.execute(
            "SELECT changelog FROM versions WHERE document = ? AND number = ?", (document, number)
        ).fetchone()
        return str(row[0]) if row else ""

    def context_json(self, document: str, number: int) -> str | None:
        row = self._db.execute(
            "SELECT context_json FROM versions WHERE document = ? AND number = ?",
            (document, number),
        ).fetchone()
        return str(row[0]) if row else None

    # writing -------------------------------------------------------------

    def commit(
        self,
        versions: Iterable[NewVersion],
        added_files: Iterable[tuple[str, int, FileRecord]] = (),
    ) -> None:
        """Insert new versions (with their files) and files added to existing
        versions, all in one transaction: either all of it is recorded or none.

        A second version with an existing number violates the primary key and
        raises :class:`sqlite3.IntegrityError` (the build lock makes that a bug).
        """
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for new in versions:
                r = new.record
                db.execute(
                    "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        r.document,
                        r.number,
                        r.created,
                        r.input_hash,
                        r.context_hash,
                        r.template_hash,
                        r.renderer,
                        r.git_commit,
                        new.changelog,
                        new.context_json,
                    ),
                )
                for f in r.files.values():
                    db.execute(
                        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
                        (r.document, r.number, f.role, f.name, f.sha256, f.size),
                    )
            for document, number, f in added_files:
                db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (document, number, f.role, f.name, f.sha256, f.size),
                )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _connect(uri: str) -> sqlite3.Connection:
    # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE in commit).
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
    # The rollback journal (not WAL) keeps the registry a single file between
    # builds; FULL sync makes a committed version survive a power cut.
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def open_registry(path: Path) -> Registry:
    """Open the registry at ``path`` for writing, creating it if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = _connect(f"{path.resolve().as_uri()}?mode=rwc")
    with closing(connection.cursor()) as cur:
        version = cur.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            cur.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        elif version != SCHEMA_VERSION:
            connection.close()
            raise RuntimeError(f"{path}: registry schema {version}, expected {SCHEMA_VERSION}")
    return Registry(connection)


@contextmanager
def read_registry(path: Path) -> Iterator[Registry | None]:
    """The registry at ``path`` for reading, or None when there is none yet.

    Never creates anything, so planning and ``drafter status`` leave output/
    untouched.
    """
    if not path.is_file():
        yield None
        return
    try:
        connection = _connect(f"{path.resolve().as_uri()}?mode=ro")
        connection.execute("SELECT 1 FROM versions LIMIT 1")
    except sqlite3.OperationalError:
        # A hot journal from an interrupted commit needs a writable handle
        # to be rolled back; SQLite does that safely under its own locks.
        connection = _connect(f"{path.resolve().as_uri()}?mode=rw")
    try:
        yield Registry(connection)
    finally:
        connection.close()
