"""The number of render processes never reaches the pages: a build with
``--jobs 1`` and one with ``--jobs 2`` write the same bytes (DOCX and PDF).
(A long table's chunks are laid out one after another whatever ``--jobs``;
laying them out side by side was measured and not merged: bench/README.md.)"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from drafter.build import BuildOptions, build


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".docx", ".pdf") and "site" not in p.parts
    }


def test_one_and_two_render_processes_write_the_same_files(mini: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    build(mini, BuildOptions(jobs=1, output=one))
    # the draft numbers the first build recorded would make the second cut nothing
    shutil.rmtree(mini / ".drafter-state")
    build(mini, BuildOptions(jobs=2, output=two))
    first, second = digests(one), digests(two)
    assert any(name.endswith(".pdf") for name in first)
    assert first == second
