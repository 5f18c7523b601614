"""Canonical JSON of a template context, and the hashes that decide whether a
document needs a new version.

The context is what a document is made of: the content and exactly the
registry entries it uses.  It is serialised with sorted keys, dates in ISO
form, bytes replaced by their SHA-256 and a chart by its recipe (its data and
style, not its pixels), so the same context always gives the same text and
the same hash.  Only the standard library is
imported here: a no-op build computes these hashes for every document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def plain(value: Any) -> Any:
    """``value`` reduced to JSON types: bytes become their SHA-256, dates ISO
    strings, tuples and sets lists (sets sorted), Decimals and paths strings.

    Anything else is a bug in a context builder and raises TypeError.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + sha256_hex(bytes(value))
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, PurePath):
        return value.as_posix()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # e.g. a chart Picture: its fields, but not those marked ``hashed: False``
        # (its PNG bytes: the recipe they are drawn from stands for them)
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("hashed", True)
        }
    raise TypeError(f"cannot put a {type(value).__name__} into a document's input hash")


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no insignificant spaces, UTF-8 kept."""
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Inputs:
    """What one document is made of, as hashes, and the context snapshot."""

    context_json: str
    context_hash: str
    template_hash: str
    renderer: str

    @property
    def input_hash(self) -> str:
        """The hash that decides whether a new version is due: the context and
        the template, not the renderer (a new drafter or library version cuts no
        draft by itself; ``drafter build --rerender`` does, where the output moved)."""
        joined = f"context {self.context_hash}\ntemplate {self.template_hash}\n"
        return sha256_hex(joined.encode())

    def same_document(self, context_hash: str, template_hash: str) -> bool:
        """Whether these inputs make the document a version was made of
        (compared by parts: versions recorded before the renderer left the
        input hash have another input hash for the same document)."""
        return (self.context_hash, self.template_hash) == (context_hash, template_hash)


#: The context key the version number goes into; never part of the input hash.
MARKER_KEY = "draft_marker"


def document_inputs(context: Mapping[str, Any], template: bytes, renderer: str) -> Inputs:
    """Hash a context (without its draft marker), a template and a renderer version."""
    snapshot = canonical_json({k: v for k, v in context.items() if k != MARKER_KEY})
    return Inputs(snapshot, sha256_hex(snapshot.encode()), sha256_hex(template), renderer)
