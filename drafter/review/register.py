"""The feedback register on disk: ``feedback/<document-id>.yaml``.

The register is edited by hand (the drafting team writes ``response`` and
``explanation``), so saving never rewrites what is already there: new entries
are appended as YAML text at the end of the file, which keeps the team's
answers, comments and layout byte for byte.  Only when the file's shape makes
appending unsafe (``entries`` is not the last key, say) is the file written
afresh from the merged data; even then no answer is lost, only YAML comments.

An entry's id is a hash of what identifies the comment (document, version,
author, kind, anchor, text), so collecting the same returned file twice adds
nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from drafter.content.feedback_models import (
    FEEDBACK_DIR,
    FeedbackEntry,
    FeedbackKind,
    FeedbackRegister,
    load_register,
)
from drafter.content.refs import Registries
from drafter.errors import DrafterError
from drafter.publish.files import write_atomic

_HEADER = """\
# Sổ tổng hợp ý kiến góp ý: ghi bởi `drafter comments collect`.
# Tổ soạn thảo điền `response` (tiếp thu | tiếp thu một phần | giải trình) và
# `explanation` cho từng ý kiến; `unit` để trống khi chưa xác định được đơn vị.
# Các mục mới được thêm vào cuối tệp; nội dung đã có không bị ghi đè.
"""

# Long texts stay on one line: a folded continuation line puzzles a hand editor.
_NO_WRAP = 1_000_000

#: Length of the hex digest kept as an entry id: 64 bits, ample for a register.
_ID_LENGTH = 16


def register_path(root: Path, document: str) -> Path:
    """Where the register of ``document`` lives by default in the project at
    ``root`` (a comment synthesis table may name another: see
    :func:`drafter.review.collect.register_of`)."""
    return root / FEEDBACK_DIR / f"{document}.yaml"


@contextmanager
def register_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder of the register at ``path``: one
    collection at a time re-reads and rewrites the registers in it (the
    register itself is replaced by a rename, so its folder holds the lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def entry_id(
    document: str, version: int | None, author: str, kind: FeedbackKind, anchor: str, text: str
) -> str:
    """The stable id of a comment: the same comment collected again gets the same id."""
    parts = [document, "" if version is None else str(version), author, kind, anchor, text]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:_ID_LENGTH]


def read_register(
    path: Path, document: str, reg: Registries | None = None, *, label: str | None = None
) -> FeedbackRegister:
    """The register at ``path``, or an empty one for ``document`` if there is no file.

    Raises :class:`DrafterError` with located problems when the file is
    invalid, or holds another document's register.
    """
    if not path.exists():
        return FeedbackRegister(document=document)
    label = label or path.as_posix()
    register, source, problems = load_register(path, label, reg)
    errors = [p for p in problems if p.is_error]
    if errors or register is None:
        raise DrafterError(errors or [source.problem((), "cannot be read")])
    if register.document != document:
        raise DrafterError(
            [
                source.problem(
                    ("document",),
                    f"this register is about '{register.document}', not '{document}'",
                )
            ]
        )
    return register


@dataclass(frozen=True)
class Merged:
    """A register with new entries added: the result and what was new."""

    register: FeedbackRegister
    added: list[FeedbackEntry]
    already_present: list[FeedbackEntry]


def merge(register: FeedbackRegister, candidates: Iterable[FeedbackEntry]) -> Merged:
    """Add the candidates whose id the register does not hold yet.

    Existing entries (and so the team's responses) are kept exactly; a
    candidate seen before, in the register or earlier in ``candidates``,
    counts as already present.
    """
    known = {entry.id for entry in register.entries}
    added: list[FeedbackEntry] = []
    present: list[FeedbackEntry] = []
    for entry in candidates:
        if entry.id in known:
            present.append(entry)
            continue
        known.add(entry.id)
        added.append(entry)
    merged = FeedbackRegister(document=register.document, entries=[*register.entries, *added])
    return Merged(merged, added, present)


def save_register(path: Path, merged: Merged) -> bool:
    """Write the merged register to ``path`` atomically; False when nothing was new.

    New entries are appended to the existing text when that reads back as
    the merged register; otherwise the whole file is written from the data.
    """
    if not merged.added and path.exists():
        return False
    if path.exists():
        existing = path.read_text(encoding="utf-8")
        appended = existing.rstrip("\n") + "\n" + _entries_yaml(merged.added)
        if _reads_as(appended, merged.register):
            write_atomic(path, appended.encode("utf-8"))
            return True
    write_atomic(path, dump_register(merged.register).encode("utf-8"))
    return True


def dump_register(register: FeedbackRegister) -> str:
    """The register as a whole YAML file, with its explanatory header."""
    body = yaml.dump(
        {"document": register.document},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=_NO_WRAP,
    )
    entries = _entries_yaml(register.entries) if register.entries else "entries: []\n"
    if register.entries:
        entries = "entries:\n" + entries
    return _HEADER + "\n" + body + entries


def _entries_yaml(entries: Sequence[FeedbackEntry]) -> str:
    """List items for ``entries:``, indented by two spaces, a blank line between."""
    chunks = []
    for entry in entries:
        text = yaml.dump(
            [_entry_data(entry)],
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=_NO_WRAP,
        )
        chunks.append("".join(f"  {line}" if line.strip() else line for line in _lines(text)))
    return "\n".join(chunks)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _entry_data(entry: FeedbackEntry) -> dict[str, Any]:
    # Field order is the model's: id first, the team's fields last.  Dates
    # stay datetimes, which YAML writes as timestamps that read back as such.
    return entry.model_dump()


def _reads_as(text: str, register: FeedbackRegister) -> bool:
    try:
        data = yaml.safe_load(text)
        return FeedbackRegister.model_validate(data) == register
    except (yaml.YAMLError, ValueError):
        return False


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
