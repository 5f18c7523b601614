"""Shared fixtures: projects copied into a temporary folder, laid out as in
the repository (content/, templates/, output/ side by side)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from drafter.project import Document, Project


REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content"
MINI = REPO / "tests" / "fixtures" / "mini"
TEMPLATES = REPO / "templates"


#: Tools the tests need, and the Debian package tools/setup-system.sh installs for each.
TEST_TOOLS = {
    "soffice": "libreoffice-writer-nogui",
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
}


def require_tool(name: str) -> str:
    """The path of a program the tests need (see :data:`TEST_TOOLS`).

    ``make test`` installs them (tools/setup-system.sh), so a missing one is a
    broken setup: the test fails and says how to fix it instead of skipping.
    """
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"'{name}' is not installed; run tools/setup-system.sh "
            f"(or: apt-get install {TEST_TOOLS[name]})",
            pytrace=False,
        )
    return found


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project and the templates to ``dest``; return the content folder.

    The project's version registry (``.drafter-state/``, left in the sample
    by a local ``make build``) is not copied: each test starts unbuilt."""
    content = dest / "content"
    shutil.copytree(source, content, ignore=shutil.ignore_patterns(".drafter-state"))
    shutil.copytree(TEMPLATES, dest / "templates")
    return content


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes, to compare before and after."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def docx_lines(docx: bytes) -> list[str]:
    """The document's text as a reader sees it: one paragraph a line, body and
    table cells in order (the golden-file format)."""
    import io

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(docx))
    lines: list[str] = []

    def walk(container: object) -> None:
        for block in container.iter_inner_content():  # type: ignore[attr-defined]
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(document)
    return lines


# --------------------------------------------------------------------------- worker probes
# Module-level, so that a worker pool can send them by reference.


def worker_probe(module: str) -> tuple[int, int, bool]:
    """(pid, parent pid, whether ``module`` is imported) of the process running this."""
    import os
    import sys

    return os.getpid(), os.getppid(), module in sys.modules


def fail_with_drafter_error(message: str) -> None:
    """Raise a user-facing error (it must reach the caller as itself)."""
    from drafter.errors import DrafterError, Problem

    raise DrafterError([Problem("x.yaml", 1, 1, "title", message)])


def document_context(project: Project, doc: Document) -> dict[str, object]:
    """A document's template context as ``drafter check`` renders it: the
    built context with the unnumbered draft marker ("Dự thảo")."""
    from drafter.plan import base_context, draft_marker

    context: dict[str, object] = base_context(project, doc)
    context["draft_marker"] = draft_marker(doc, None)
    return context


# --------------------------------------------------------------------------- LibreOffice
# The reference converter: never needed to build, always installed for the tests
# (a missing soffice fails the test, see require_tool).


def libreoffice_convert(source: Path, to: str, outdir: Path) -> Path:
    """Convert ``source`` with headless LibreOffice into ``outdir`` and return
    the converted file.  ``to`` is LibreOffice's target, e.g. ``"odt"``,
    ``"pdf"`` or ``"docx:MS Word 2007 XML"``.  A private profile under
    ``outdir`` keeps runs apart from each other and from the user's own."""
    profile = (outdir / ".lo-profile").resolve().as_uri()
    subprocess.run(
        [
            require_tool("soffice"),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / f"{source.stem}.{to.split(':')[0]}"


def libreoffice_convert_all(sources: list[Path], outdir: Path, target: str) -> list[Path]:
    """Convert ``sources`` with one headless LibreOffice run into ``outdir``
    (``target`` as for :func:`libreoffice_convert`); returns the converted
    files in the order of ``sources``.  One run for many files saves
    LibreOffice's start-up for each."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = (outdir / ".lo-profile").resolve().as_uri()
    subprocess.run(
        [
            require_tool("soffice"),
            f"-env:UserInstallation={profile}",
            "--headless",
            *("--convert-to", target, "--outdir", str(outdir)),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    suffix = "." + target.split(":")[0]
    converted = [outdir / (s.stem + suffix) for s in sources]
    missing = [p.name for p in converted if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return converted


class _Garbled(Exception):
    """An exception whose ``__init__`` does not take its own ``args``: it
    unpickles as something else (its text joined letter by letter)."""

    def __init__(self, words: list[str] | str) -> None:
        super().__init__(" ".join(words))


def fail_unpicklable(message: str) -> None:
    """Raise an exception that does not survive pickling unchanged."""
    raise _Garbled(message.split())


def send_notes(count: int) -> int:
    """Send ``count`` notes ((count, k) for k < count) to the pool's caller; return ``count``."""
    from drafter.workers import note

    for k in range(count):
        note((count, k))
    return count
