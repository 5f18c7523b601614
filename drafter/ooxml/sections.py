"""Sections: page size, orientation, margins, title page, numbering, headers.

A Word section ends at a paragraph whose ``w:pPr`` holds a ``w:sectPr`` (or
at the body's own ``w:sectPr``); :func:`split_sections` groups the body's
blocks accordingly and :func:`parse_sectpr` reads what each section says,
inheriting header and footer references from the section before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from drafter.ooxml.blocks import iter_blocks
from drafter.ooxml.ns import R_ID, W_P, W_PPR, W_SECTPR, w
from drafter.ooxml.props import is_on, to_int


@dataclass
class SectionProps:
    """What one ``w:sectPr`` says; sizes and margins in twips (A4 portrait by default)."""

    width_tw: int = 11906
    height_tw: int = 16838
    margins: dict[str, int] = field(
        default_factory=lambda: {
            "top": 1134,
            "bottom": 1134,
            "left": 1701,
            "right": 850,
            "header": 720,
            "footer": 720,
        }
    )
    title_page: bool = False
    start: int | None = None
    headers: dict[str, str | None] = field(default_factory=dict)  # type -> part name
    footers: dict[str, str | None] = field(default_factory=dict)


def parse_sectpr(
    sect: etree._Element | None, rels: dict[str, str], previous: SectionProps | None
) -> SectionProps:
    """What ``sect`` says; ``rels`` maps relationship ids to part names."""
    props = SectionProps()
    if previous is not None:
        # Header and footer references are inherited from the previous section.
        props.headers = dict(previous.headers)
        props.footers = dict(previous.footers)
    if sect is None:
        return props
    size = sect.find(w("pgSz"))
    if size is not None:
        props.width_tw = to_int(size.get(w("w")), props.width_tw)
        props.height_tw = to_int(size.get(w("h")), props.height_tw)
        landscape = size.get(w("orient")) == "landscape"
        if landscape != (props.width_tw > props.height_tw):
            props.width_tw, props.height_tw = props.height_tw, props.width_tw
    margins = sect.find(w("pgMar"))
    if margins is not None:
        for key in props.margins:
            if margins.get(w(key)) is not None:
                props.margins[key] = abs(to_int(margins.get(w(key))))
    title = sect.find(w("titlePg"))
    props.title_page = title is not None and is_on(title)
    numbering = sect.find(w("pgNumType"))
    if numbering is not None and numbering.get(w("start")) is not None:
        props.start = to_int(numbering.get(w("start")), 1)
    for ref_tag, target in (("headerReference", props.headers), ("footerReference", props.footers)):
        for ref in sect.findall(w(ref_tag)):
            target[ref.get(w("type"), "default")] = rels.get(ref.get(R_ID, ""))
    return props


#: A section's blocks and the ``w:sectPr`` that ends it (None: none written).
SectionBlocks = tuple[list[etree._Element], etree._Element | None]


def split_sections(body: etree._Element) -> list[SectionBlocks]:
    """The body's blocks grouped by section, each with the sectPr that ends it."""
    sections: list[SectionBlocks] = []
    current: list[etree._Element] = []
    for block in iter_blocks(body):
        current.append(block)
        if block.tag == W_P:
            ppr = block.find(W_PPR)
            sect = ppr.find(W_SECTPR) if ppr is not None else None
            if sect is not None:
                sections.append((current, sect))
                current = []
    sections.append((current, body.find(W_SECTPR)))
    # A document whose last paragraph ends a section has an empty final section: drop
    # it only when it holds nothing at all.
    if len(sections) > 1 and not sections[-1][0]:
        last_blocks, _ = sections.pop()
        blocks, _ = sections[-1]
        sections[-1] = (blocks + last_blocks, body.find(W_SECTPR))
    return sections
