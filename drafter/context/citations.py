"""First mentions of legal documents in a rendered document: the first time a
document of the legal registry is mentioned (by its number, a law by its
name, or by one of its ``short_names`` such as "Đề án 414"), the full
citation stands there; short forms only after it.  Checked on the merged
Word file's words, so the order is the reader's order whatever built it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.content.models import LegalDocument
from drafter.content.refs import Registries
from drafter.context.common import MARKER, cite, cite_short


def with_citations(context: dict[str, Any], reg: Registries) -> dict[str, Any]:
    """``context`` plus ``citations``: the full and short form of every legal
    document whose ``{vb:id}`` marker its text carries (resolved in reading
    order at the merge, :mod:`drafter.render.citations`)."""
    used = sorted(set(_markers(context)))
    if not used:
        return context
    forms = {}
    for legal_id in used:
        doc = reg.legal_documents[legal_id]
        short = doc.short_names[0] if doc.short_names else cite_short(doc)
        forms[legal_id] = {"full": cite(doc), "short": short}
    return {**context, "citations": forms}


def _markers(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if "\u27e6" in value:
            yield from MARKER.findall(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _markers(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _markers(item)


def _mentions(doc: LegalDocument) -> list[str]:
    names = [f"Luật {doc.title}"] if doc.kind == "Luật" else [doc.number]
    return [*names, *doc.short_names]


def short_first_mentions(words: list[str], reg: Registries) -> list[tuple[LegalDocument, str]]:
    """(document, how it is first mentioned) for each legal document whose first
    mention in ``words`` is not its full citation."""
    text = " ".join(words)
    found = []
    for doc in reg.legal.legal_documents:
        positions = [(text.find(m), m) for m in _mentions(doc) if text.find(m) >= 0]
        if not positions:
            continue
        first, mention = min(positions)
        full = " ".join(cite(doc).split())
        at = text.find(full)
        if at < 0 or not at <= first < at + len(full):
            start = max(0, text.rfind(" ", 0, max(0, first - 30)) + 1)
            found.append((doc, text[start : first + len(mention)]))
    return found
