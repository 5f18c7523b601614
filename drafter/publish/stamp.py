"""The stamp of the last complete build: what every file it read (content,
registries, templates, drafter's own code) and wrote held, and each
document's input hash then.

It serves two shortcuts:

* the no-op build: when every recorded file still has the same bytes,
  nothing can be stale and the project need not even be loaded;
* the one-document rebuild: a document none of whose inputs changed since
  the stamp keeps its recorded input hash, so its template context (charts
  drawn with matplotlib, for some kinds) is not built just to be hashed.

Only the standard library is imported here.  The stamp is removed before a
build writes anything and written after it commits, only when every
document is current, so an interrupted build never leaves a stamp that
hides its leftovers, and a stamp always describes a consistent state.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from drafter.publish.canonical import sha256_hex

STAMP_FILE = "inputs.json"
_PACKAGE = Path(__file__).resolve().parents[1]


def code_files() -> list[Path]:
    """drafter's own source: a code change without a version bump still counts."""
    return sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".css") and p.is_file())


def file_hashes(paths: Iterable[Path]) -> dict[str, str] | None:
    """SHA-256 of each file, keyed by its path as text; None if one cannot be read."""
    out = {}
    for path in paths:
        try:
            out[str(path)] = sha256_hex(path.read_bytes())
        except OSError:
            return None
    return out


def bytes_read(inputs: Iterable[Path], read: Mapping[str, str]) -> dict[str, str] | None:
    """The hashes of ``inputs`` as the loader read them (``read``: path as
    text -> SHA-256 of the bytes it parsed); None when one was not recorded,
    so that no stamp vouches for bytes nobody hashed.

    Never hashed again here: a file saved between the read and this call
    would otherwise be stamped as read, and no later build would notice it.
    """
    out = {}
    for path in inputs:
        digest = read.get(str(path))
        if digest is None:
            return None
        out[str(path)] = digest
    return out


def stamp_key(root: Path, output: Path | None, pdf: bool) -> str:
    return json.dumps([str(root.resolve()), str(output.resolve()) if output else None, pdf])


@dataclass(frozen=True)
class Stamp:
    """A stamp as read back: file hashes and per-document input hashes."""

    files: dict[str, str]
    #: document id → its input hash when the stamp was written
    documents: dict[str, str]

    def changed(self, paths: Iterable[Path]) -> set[Path]:
        """Those of ``paths`` whose bytes differ from the stamp's (or that it
        does not record, or that cannot be read now)."""
        out = set()
        for path in paths:
            try:
                now = sha256_hex(path.read_bytes())
            except OSError:
                now = None
            if now is None or self.files.get(str(path)) != now:
                out.add(path)
        return out


def read_stamp(state_dir: Path, key: str) -> Stamp | None:
    """The stamp in ``state_dir`` if it was written for ``key``, else None."""
    try:
        data = json.loads((state_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    files, documents = data.get("files"), data.get("documents", {})
    if not isinstance(files, dict) or not files or not isinstance(documents, dict):
        return None
    return Stamp(
        {str(k): str(v) for k, v in files.items()}, {str(k): str(v) for k, v in documents.items()}
    )


def unchanged(state_dir: Path, key: str) -> bool:
    """Whether the stamp in ``state_dir`` matches the files as they are now."""
    stamp = read_stamp(state_dir, key)
    return stamp is not None and file_hashes(Path(p) for p in stamp.files) == stamp.files


def write_stamp(
    state_dir: Path,
    key: str,
    paths: Iterable[Path],
    documents: Mapping[str, str],
    *,
    read: Mapping[str, str] | None = None,
) -> bool:
    """Record the files' hashes and the documents' input hashes.

    ``read`` holds the hashes of the inputs as the build read them: if one of
    those files changed since (an author saved while the build ran), no
    stamp is written, since it would record bytes the build never saw.
    Returns whether a stamp was written.
    """
    from drafter.publish.files import write_atomic

    hashes = file_hashes(sorted(set(paths)))
    if hashes is None or any(hashes.get(p) != h for p, h in (read or {}).items()):
        return False
    data = {"key": key, "files": hashes, "documents": dict(documents)}
    write_atomic(state_dir / STAMP_FILE, json.dumps(data, indent=1, sort_keys=True).encode())
    return True


def remove_stamp(state_dir: Path) -> None:
    (state_dir / STAMP_FILE).unlink(missing_ok=True)
