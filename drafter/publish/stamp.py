"""The no-op shortcut: when every file the last build read (content,
registries, templates, drafter's own code) and every file it wrote still has
the same bytes, nothing can be stale, and the project need not even be loaded.

This keeps ``drafter build`` with nothing to do fast however heavy loading
and context building become (pydantic models, charts drawn at context time).
Only the standard library is imported here.  The stamp is removed before a
build writes anything and written after it commits, so an interrupted build
never leaves a stamp that hides its leftovers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from drafter.publish.canonical import sha256_hex

STAMP_FILE = "inputs.json"
_PACKAGE = Path(__file__).resolve().parents[1]


def code_files() -> list[Path]:
    """drafter's own source: a code change without a version bump still counts."""
    return sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".css") and p.is_file())


def _hashes(paths: Iterable[Path]) -> dict[str, str] | None:
    out = {}
    for path in paths:
        try:
            out[str(path)] = sha256_hex(path.read_bytes())
        except OSError:
            return None
    return out


def stamp_key(root: Path, output: Path | None, pdf: bool) -> str:
    return json.dumps([str(root.resolve()), str(output.resolve()) if output else None, pdf])


def unchanged(state_dir: Path, key: str) -> bool:
    """Whether the stamp in ``state_dir`` matches the files as they are now."""
    try:
        stamp = json.loads((state_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp.get("key") != key:
        return False
    files: dict[str, str] = stamp.get("files", {})
    return bool(files) and _hashes(Path(p) for p in files) == files


def write_stamp(state_dir: Path, key: str, paths: Iterable[Path]) -> None:
    from drafter.publish.files import write_atomic

    hashes = _hashes(sorted(set(paths)))
    if hashes is not None:
        data = json.dumps({"key": key, "files": hashes}, indent=1, sort_keys=True)
        write_atomic(state_dir / STAMP_FILE, data.encode())


def remove_stamp(state_dir: Path) -> None:
    (state_dir / STAMP_FILE).unlink(missing_ok=True)
