"""The block level of a body or a table cell: paragraphs and tables."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from drafter.ooxml.ns import W_CUSTOMXML, W_INS, W_P, W_SDT, W_SDTCONTENT, W_TBL


def iter_blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables directly in a body or cell, through content controls."""
    for child in parent:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from iter_blocks(content)
        elif child.tag in (W_INS, W_CUSTOMXML):
            yield from iter_blocks(child)


SectionBlocks = tuple[list[etree._Element], etree._Element | None]
