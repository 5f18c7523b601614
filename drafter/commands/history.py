"""``drafter history`` and ``drafter diff``: the versions of one document as
the registry records them, and a redline between any two of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError, problem_at
from drafter.plan import load, output_dir, state_folder
from drafter.publish.registry import LOCK_NAME, VersionRecord, read_registry
from drafter.publish.versions import file_matches, version_name

if TYPE_CHECKING:
    from drafter.project import Document, Project


def _document_output(
    root: Path | Project, doc_id: str, output: Path | None
) -> tuple[Project, Document, Path]:
    project = load(root)
    return project, project.document(doc_id), output_dir(project, output)


def history(root: Path | Project, doc_id: str) -> list[VersionRecord]:
    """Every version of one document, oldest first (empty if never built).

    The registry is kept with the content, so no output folder is involved."""
    project = load(root)
    project.document(doc_id)  # an unknown id is a user error
    with read_registry(state_folder(project)) as registry:
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
    versions = {v.number: v for v in history(project, doc_id)}
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
    with build_lock(state_folder(project) / LOCK_NAME):
        write_atomic(path, redline)
    return path
