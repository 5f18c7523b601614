"""The running text of a merged Word file: the visible words of the body's
paragraphs in reading order, table rows left out (tables list documents by
number, a notice a row: the first-citation rule holds for running text)."""

from __future__ import annotations

import unicodedata

from drafter.ooxml.blocks import iter_blocks
from drafter.ooxml.document import WordDocument
from drafter.ooxml.inline import paragraph_text
from drafter.ooxml.ns import W_P
from drafter.ooxml.styles import ParagraphContext


def prose_words(docx: bytes) -> list[str]:
    """The body's words outside tables, NFC, in reading order."""
    words: list[str] = []
    with WordDocument(docx, "trusted") as doc:
        body = doc.body
        if body is None:
            return words
        ctx = ParagraphContext()
        for block in iter_blocks(body):
            if block.tag == W_P:
                text = paragraph_text(block, doc.styles, ctx)
                words += unicodedata.normalize("NFC", text).split()
    return words
