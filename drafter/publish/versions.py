"""Names and places of version files in output/<document>/, and the checks
that tell a whole version from a damaged one or from leftovers.

A version N of a document whose output name is ``QD-CSDL`` is:

* ``QD-CSDL_du-thao-0N.docx`` and ``.pdf``, the draft itself;
* ``QD-CSDL_du-thao-0N.changelog.md``, what changed since N-1;
* ``QD-CSDL_du-thao-0N_redline.docx``, tracked changes against N-1;

and ``QD-CSDL.docx`` / ``.pdf`` are copies of the latest version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.publish.canonical import sha256_hex
from drafter.publish.registry import FileRecord, VersionRecord

#: File name suffix of each role in a version.
ROLES: dict[str, str] = {
    "docx": ".docx",
    "pdf": ".pdf",
    "changelog": ".changelog.md",
    "redline": "_redline.docx",
}
#: Roles that have a "latest" copy without the version number.
LATEST_ROLES = ("docx", "pdf")
PREVIEW_DIR = "preview"
#: The build's cache in output/ (the stamp of the last complete build); the
#: registry itself is durable state kept with the content (see registry.py).
CACHE_DIR = ".drafter"
#: Charts kept between builds by their data, under CACHE_DIR (drafter.context.chart_cache).
CHARTS_DIR = "cache/charts"
TEMP_SUFFIX = ".part"


def version_name(stem: str, number: int, role: str) -> str:
    """``QD-CSDL_du-thao-03.docx`` and the like (numbers zero-padded to 2)."""
    return f"{stem}_du-thao-{number:02d}{ROLES[role]}"


def latest_name(stem: str, role: str) -> str:
    return f"{stem}{ROLES[role]}"


def _version_pattern(stem: str) -> re.Pattern[str]:
    suffixes = "|".join(re.escape(s) for s in sorted(ROLES.values(), key=len, reverse=True))
    return re.compile(rf"{re.escape(stem)}_du-thao-(\d+)({suffixes})")


def parse_version_name(stem: str, name: str) -> tuple[int, str] | None:
    """(number, role) of a version file name, or None for any other name."""
    match = _version_pattern(stem).fullmatch(name)
    if match is None:
        return None
    role = next(r for r, s in ROLES.items() if s == match.group(2))
    return int(match.group(1)), role


def file_record(role: str, name: str, data: bytes) -> FileRecord:
    return FileRecord(role, name, sha256_hex(data), len(data))


def file_matches(path: Path, record: FileRecord) -> bool:
    """Whether ``path`` holds exactly the registered bytes."""
    try:
        if path.stat().st_size != record.size:
            return False
        return sha256_hex(path.read_bytes()) == record.sha256
    except FileNotFoundError:
        return False


def damaged_files(folder: Path, version: VersionRecord) -> list[str]:
    """Names of the version's files that are missing or changed on disk."""
    return [f.name for f in version.files.values() if not file_matches(folder / f.name, f)]


@dataclass(frozen=True)
class Leftovers:
    """Files of an interrupted build in a document's folder."""

    uncommitted: list[Path]  # version files with a number the registry lacks
    temporary: list[Path]  # .part files of unfinished atomic writes

    @property
    def all(self) -> list[Path]:
        return self.uncommitted + self.temporary


def find_leftovers(folder: Path, stem: str, latest: int) -> Leftovers:
    """Version files numbered above ``latest`` and temporary files in ``folder``."""
    uncommitted: list[Path] = []
    temporary: list[Path] = []
    if not folder.is_dir():
        return Leftovers([], [])
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        if path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX):
            temporary.append(path)
            continue
        parsed = parse_version_name(stem, path.name)
        if parsed is not None and parsed[0] > latest:
            uncommitted.append(path)
    return Leftovers(uncommitted, temporary)
