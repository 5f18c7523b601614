"""The one way anything is written under output/: to a temporary name in the
same folder, flushed to disk, then renamed into place, so a build killed at
any instant never leaves a half-written file under a final name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (same-folder temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # mkstemp makes 0600 files; drafts are meant to be read by others (a share)
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def inside(root: Path, *parts: str) -> Path:
    """``root/parts…``, refusing any result outside ``root`` (a bug if it happens:
    output names are validated as plain file names)."""
    target = root.joinpath(*parts).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"{target} is outside {root}")
    return target


def fsync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (a rename into it) to disk, so that a commit
    made by renaming a file survives a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
