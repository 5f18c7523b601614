"""Writing the site into ``<output>/site/``: only the files whose bytes differ.

The site is a stage of its own after publishing, with its own stamp
(``site/.stamp.json``): a digest of everything the pages are made of (the
project file, the organisation registry for unit names, the feedback
registers, the version registry, drafter's code and the site's templates)
and the hash of every file it wrote.  When the digest and the files on disk
match the stamp, nothing is loaded, rendered or written: a no-op build stays
a no-op.  Otherwise every page is rendered in memory and a file is written
only when its bytes differ, so a change to one document rewrites that
document's pages and the home page only.  Thumbnails are drawn once per PDF
(by its registered hash) and kept while that PDF is unchanged.

Files the previous site wrote and this one no longer has (a document
removed from the project) are removed; anything else in the folder is left
alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import Problem
from drafter.publish.canonical import sha256_hex
from drafter.publish.files import write_atomic
from drafter.publish.registry import registry_digest
from drafter.site.paths import (
    DEFAULT_ORGANISATION,
    FEEDBACK_DIR,
    PROJECT_FILE,
    SITE_DIR,
    registry_folder,
)
from drafter.site.thumbnails import first_page_png, pdftoppm

if TYPE_CHECKING:
    from drafter.project import Project
    from drafter.site.data import SiteView

STAMP_FILE = ".stamp.json"
#: Bumped when the stamp's meaning changes.
_STAMP_FORMAT = 1


@dataclass
class SiteReport:
    folder: Path
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    #: warnings met on the way (an unreadable feedback register, say)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Stamp:
    inputs: str
    #: site-relative path → sha256 of every file the site wrote
    files: dict[str, str]
    #: thumbnail path → sha256 of the PDF it was drawn from
    thumbnails: dict[str, str]


def _site_code() -> list[tuple[str, bytes]]:
    from drafter.publish.stamp import code_files

    package = resources.files("drafter.site")
    own = [
        (f"site/{folder}/{item.name}", item.read_bytes())
        for folder in ("templates", "static")
        for item in sorted((package / folder).iterdir(), key=lambda i: i.name)
        if item.is_file()
    ]
    return own + [(path.as_posix(), path.read_bytes()) for path in code_files()]


def _project_files(root: Path) -> list[Path] | None:
    """The project's files the site reads: drafter.yaml, the organisation
    registry (unit names) and every feedback register; None if drafter.yaml
    cannot be read."""
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where there is one
        data = yaml.load((root / PROJECT_FILE).read_text(encoding="utf-8"), Loader=loader)
        registries = data.get("registries") or {}
        organisation = str(registries.get("organisation") or DEFAULT_ORGANISATION)
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None
    feedback = sorted((root / FEEDBACK_DIR).glob("*.yaml"))
    return [root / PROJECT_FILE, root / organisation, *feedback]


def inputs_digest(root: Path, output: Path) -> str | None:
    """A digest of everything the site is made of (None: cannot tell)."""
    files = _project_files(root)
    if files is None:
        return None
    digest = hashlib.sha256(f"drafter-site {_STAMP_FORMAT}\n".encode())
    for path in files:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b"(none)"
        except OSError:
            return None
        digest.update(f"{path.relative_to(root).as_posix()} {sha256_hex(data)}\n".encode())
    digest.update(f"registry {registry_digest(registry_folder(root))}\n".encode())
    for label, data in _site_code():
        digest.update(f"{label} {sha256_hex(data)}\n".encode())
    digest.update(f"pdftoppm {pdftoppm() is not None}\n".encode())
    return digest.hexdigest()


def _read_stamp(folder: Path) -> _Stamp | None:
    try:
        data = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
        return _Stamp(str(data["inputs"]), dict(data["files"]), dict(data["thumbnails"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _holds(folder: Path, files: dict[str, str]) -> bool:
    for name, digest in files.items():
        try:
            if sha256_hex((folder / name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def _thumbnails(
    view: SiteView, folder: Path, stamp: _Stamp | None
) -> tuple[dict[str, bytes], dict[str, str], set[str]]:
    """The thumbnails of every draft with a PDF: their bytes, the PDF hash each
    was drawn from, and those that could not be drawn."""
    images: dict[str, bytes] = {}
    sources: dict[str, str] = {}
    failed: set[str] = set()
    for doc in view.documents:
        for draft in doc.drafts:
            name, pdf, digest = draft.thumbnail, draft.pdf, draft.pdf_sha256
            if name is None or pdf is None or digest is None:
                continue
            image = None
            if stamp and stamp.thumbnails.get(name) == digest and name in stamp.files:
                try:
                    kept = (folder / name).read_bytes()
                    image = kept if sha256_hex(kept) == stamp.files[name] else None
                except OSError:
                    image = None
            image = image or first_page_png(pdf)
            if image is None:
                failed.add(name)
            else:
                images[name], sources[name] = image, digest
    return images, sources, failed


def _without_thumbnails(view: SiteView, failed: set[str]) -> SiteView:
    if not failed:
        return view
    documents = tuple(
        dataclasses.replace(
            doc,
            drafts=tuple(
                dataclasses.replace(d, thumbnail=None) if d.thumbnail in failed else d
                for d in doc.drafts
            ),
        )
        for doc in view.documents
    )
    return dataclasses.replace(view, documents=documents)


def _prune(folder: Path, start: Path) -> None:
    """Remove empty folders from ``start`` up to (not including) ``folder``."""
    current = start
    while current != folder and current.is_relative_to(folder):
        try:
            current.rmdir()
        except OSError:
            return
        current = current.parent


def write_site(project: Project | Path, output: Path) -> SiteReport:
    """Write the reviewers' site of ``project`` (a loaded project, or the
    folder holding drafter.yaml) into ``output/site/``, from the version
    registry, the feedback registers and the published files in ``output``.

    Returns what was written and removed (nothing when the site is current)
    and any warnings.  Raises :class:`~drafter.errors.DrafterError` only
    when ``project`` is a folder whose project does not load.
    """
    root = project if isinstance(project, Path) else project.root
    root, output = root.resolve(), output.resolve()
    folder = output / SITE_DIR
    report = SiteReport(folder)
    digest = inputs_digest(root, output)
    stamp = _read_stamp(folder)
    current = digest is not None and stamp is not None and stamp.inputs == digest
    if current and stamp is not None and _holds(folder, stamp.files):
        return report
    # Only now the models and templates: a current site costs a few hashes.
    from drafter.site.data import site_view
    from drafter.site.pages import render_site

    if isinstance(project, Path):
        from drafter.project import load_project

        project = load_project(root)
    view, report.problems = site_view(project, output, thumbnails=pdftoppm() is not None)
    images, sources, failed = _thumbnails(view, folder, stamp)
    files = {**render_site(_without_thumbnails(view, failed)), **images}
    for name in sorted(files):
        path = folder / name
        try:
            same = path.read_bytes() == files[name]
        except OSError:
            same = False
        if not same:
            write_atomic(path, files[name])
            report.written.append(path)
    for name in sorted(set(stamp.files) - set(files) if stamp else ()):
        path = folder / name
        if path.is_file():
            path.unlink()
            report.removed.append(path)
            _prune(folder, path.parent)
    new_stamp: dict[str, Any] = {
        "inputs": digest or "",
        "files": {name: sha256_hex(data) for name, data in sorted(files.items())},
        "thumbnails": dict(sorted(sources.items())),
    }
    data = json.dumps(new_stamp, indent=1, sort_keys=True).encode("utf-8") + b"\n"
    stamp_path = folder / STAMP_FILE
    try:
        before: bytes | None = stamp_path.read_bytes()
    except OSError:
        before = None
    if before != data:
        write_atomic(stamp_path, data)
    return report
