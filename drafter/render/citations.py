"""Citations in reading order: each ``⟦vb:<legal id>⟧`` marker the context left
in running text becomes, in the merged Word file, the full citation at a
document's first marker for that id and the short form at the later ones.
The PDF, made from this file, reads the same."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drafter.context.common import MARKER
from drafter.ooxml.ns import W_T


def resolve_citations(root: Any, citations: Mapping[str, Mapping[str, str]]) -> None:
    """Replace the markers in the ``w:t`` texts under ``root``, in document order."""
    if not citations:
        return
    seen: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        legal_id = match.group(1)
        forms = citations.get(legal_id)
        if forms is None:  # checked at validation; a bug if reached
            raise KeyError(legal_id)
        form = "short" if legal_id in seen else "full"
        seen.add(legal_id)
        return forms[form]

    for text in root.iter(W_T):
        if text.text and "\u27e6" in text.text:
            text.text = MARKER.sub(replace, text.text)
