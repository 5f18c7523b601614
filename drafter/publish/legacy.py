"""The registry as drafter kept it before the state folder: one SQLite file at
output/.drafter/registry.sqlite.  A build that finds the state folder empty
and such a file beside its output imports its versions once, so a project
upgraded in place keeps its draft numbers."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from drafter.publish.registry import FileRecord, NewVersion, Registry, VersionRecord

#: Where the old registry was, under the output folder.
LEGACY_REGISTRY = Path(".drafter") / "registry.sqlite"


def import_legacy_registry(output: Path, registry: Registry) -> int:
    """Commit every version of ``output``'s old SQLite registry into
    ``registry`` when that holds none yet; returns how many were imported
    (0 when there is nothing to import).  Call it under the build lock."""
    path = output / LEGACY_REGISTRY
    if registry.documents() or not path.is_file():
        return 0
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT document, number, created, input_hash, context_hash, template_hash,"
            " renderer, git_commit, changelog, context_json FROM versions"
            " ORDER BY document, number"
        ).fetchall()
        file_rows = db.execute(
            "SELECT document, number, role, name, sha256, size FROM files ORDER BY role"
        ).fetchall()
    files: dict[tuple[str, int], dict[str, FileRecord]] = {}
    for document, number, role, name, sha256, size in file_rows:
        file = FileRecord(str(role), str(name), str(sha256), int(size))
        files.setdefault((str(document), int(number)), {})[file.role] = file
    versions = []
    for row in rows:
        document, number = str(row[0]), int(row[1])
        commit = None if row[7] is None else str(row[7])
        record = VersionRecord(
            document,
            number,
            str(row[2]),
            str(row[3]),
            str(row[4]),
            str(row[5]),
            str(row[6]),
            commit,
            files.get((document, number), {}),
        )
        versions.append(NewVersion(record, str(row[8]), str(row[9])))
    registry.commit(versions)
    return len(versions)
