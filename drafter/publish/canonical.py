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


def plain(value: Any, *, legacy: bool = False) -> Any:
    """``value`` reduced to JSON types: bytes become their SHA-256, dates ISO
    strings, tuples and sets lists (sets sorted), Decimals and paths strings.

    A dataclass field marked ``hashed: False`` (a chart's PNG) is left out;
    ``legacy`` makes the snapshot as it was before charts were hashed by their
    recipe: such fields in, those marked ``legacy: False`` (the recipe) out.
    Anything else is a bug in a context builder and raises TypeError.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v, legacy=legacy) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, legacy=legacy) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(
            (plain(v, legacy=legacy) for v in value), key=lambda v: json.dumps(v, sort_keys=True)
        )
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + sha256_hex(bytes(value))
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return plain(value.value, legacy=legacy)
    if isinstance(value, PurePath):
        return value.as_posix()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # e.g. a chart Picture: its fields, but not those marked ``hashed: False``
        # (its PNG bytes: the recipe they are drawn from stands for them)
        return {
            f.name: plain(getattr(value, f.name), legacy=legacy)
            for f in dataclasses.fields(value)
            if f.metadata.get("legacy" if legacy else "hashed", True)
        }
    raise TypeError(f"cannot put a {type(value).__name__} into a document's input hash")


def canonical_json(value: Any, *, legacy: bool = False) -> str:
    """One text per value: sorted keys, no insignificant spaces, UTF-8 kept."""
    return json.dumps(
        plain(value, legacy=legacy), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _has_unhashed(value: Any) -> bool:
    """Whether ``value`` holds a dataclass with a field marked ``hashed: False``."""
    if isinstance(value, Mapping):
        return any(_has_unhashed(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_unhashed(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(not f.metadata.get("hashed", True) for f in dataclasses.fields(value))
    return False


@dataclass(frozen=True)
class Inputs:
    """What one document is made of, as hashes, and the context snapshot."""

    context_json: str
    context_hash: str
    template_hash: str
    renderer: str
    #: the context hash as made before charts were hashed by their recipe (their
    #: PNG instead); "" when the context holds no chart
    legacy_context_hash: str = ""

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
        input hash, or before charts were hashed by their recipe, have
        another input hash for the same document)."""
        known = {self.context_hash, self.legacy_context_hash} - {""}
        return context_hash in known and template_hash == self.template_hash


#: The context key the version number goes into; never part of the input hash.
MARKER_KEY = "draft_marker"


def document_inputs(context: Mapping[str, Any], template: bytes, renderer: str) -> Inputs:
    """Hash a context (without its draft marker), a template and a renderer version."""
    values = {k: v for k, v in context.items() if k != MARKER_KEY}
    snapshot = canonical_json(values)
    legacy = (
        sha256_hex(canonical_json(values, legacy=True).encode()) if _has_unhashed(values) else ""
    )
    return Inputs(snapshot, sha256_hex(snapshot.encode()), sha256_hex(template), renderer, legacy)
