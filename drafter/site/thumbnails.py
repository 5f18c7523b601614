"""The first page of a draft's PDF as a small PNG, drawn by poppler's
``pdftoppm`` (installed by tools/setup-system.sh).

pdftoppm writes no time or path into the PNG, so the same PDF gives the same
bytes.  Without pdftoppm the site is still written, without thumbnails.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Drawn at twice the width it is shown at, so it stays sharp on dense screens.
THUMBNAIL_WIDTH = 300


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def first_page_png(pdf: Path, width: int = THUMBNAIL_WIDTH) -> bytes | None:
    """The PNG of ``pdf``'s first page, ``width`` pixels wide; None when it
    cannot be drawn (no pdftoppm, an unreadable PDF)."""
    program = pdftoppm()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="drafter-thumb-") as tmp:
        target = Path(tmp) / "page"
        try:
            subprocess.run(
                [
                    program,
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    "-scale-to-x",
                    str(width),
                    "-scale-to-y",
                    "-1",
                    str(pdf),
                    str(target),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            return target.with_suffix(".png").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None
