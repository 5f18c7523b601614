"""The state of one section's HTML writer, and its block loop.

A :class:`Writer` holds what the pieces of one section share: the document,
the three CSS class registries (paragraphs, runs, cells), the font families
used, and a memo of resolved paragraph properties.  :meth:`Writer.blocks`
writes a sequence of paragraphs and tables, carrying Word's spacing between
paragraphs; :mod:`~drafter.render.html.paragraphs` and
:mod:`~drafter.render.html.tables` write each kind of block.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from drafter.ooxml.document import WordDocument
from drafter.ooxml.ns import W_P, W_PPR, W_TBL
from drafter.ooxml.props import parse_ppr
from drafter.ooxml.styles import ParagraphContext, PropsTriple, paragraph_props
from drafter.render.html import paragraphs, tables
from drafter.render.html.css import ClassRegistry, css_text


class Writer:
    """Writes one section's blocks into a list of HTML strings."""

    def __init__(self, doc: WordDocument) -> None:
        self.doc = doc
        self.styles = doc.styles
        self.p_classes = ClassRegistry("p")
        self.r_classes = ClassRegistry("r")
        self.c_classes = ClassRegistry("c")
        self.families: set[str] = set()
        #: paragraph_props by the paragraph's pPr (as XML) and its context
        self._props: dict[tuple[bytes | None, ParagraphContext], PropsTriple] = {}

    def paragraph_props(self, p: etree._Element, ctx: ParagraphContext) -> PropsTriple:
        """:func:`~drafter.ooxml.styles.paragraph_props`, remembered: it depends on
        the paragraph's pPr alone, and a long table repeats a few of them a
        hundred thousand times.  The caller gets copies it may change."""
        ppr = p.find(W_PPR)
        key = (None if ppr is None else etree.tostring(ppr), ctx)
        known = self._props.get(key)
        if known is None:
            known = self._props[key] = paragraph_props(p, self.styles, ctx)
        own, base, mark = known
        return dict(own), dict(base), dict(mark)

    def blocks(
        self,
        blocks: list[etree._Element],
        ctx: ParagraphContext,
        rels: dict[str, str],
        out: list[str],
    ) -> None:
        """Write ``blocks`` (paragraphs and tables) in order into ``out``.

        Word adds a paragraph's space after to the next one's space before
        (CSS would collapse them), and contextual spacing drops both between
        paragraphs of one style; the spacing stops at a table.
        """
        previous_after = 0
        previous_key: tuple[Any, ...] | None = None
        count = len(blocks)
        for index, block in enumerate(blocks):
            if block.tag == W_TBL:
                tables.write_table(self, block, rels, out)
                previous_after, previous_key = 0, None
                continue
            ppr, base_rpr, mark_rpr = self.paragraph_props(block, ctx)
            style_key = (ppr.get("pstyle"),)
            before = ppr.get("before", 0)
            after = ppr.get("after", 0)
            if ppr.get("contextualSpacing") and previous_key == style_key:
                before = 0
            top = before + previous_after
            next_is_paragraph = index + 1 < count and blocks[index + 1].tag == W_P
            contextual_next = (
                next_is_paragraph
                and ppr.get("contextualSpacing")
                and parse_ppr(blocks[index + 1].find(W_PPR)).get("pstyle") == ppr.get("pstyle")
            )
            bottom = 0 if next_is_paragraph else after
            pieces = paragraphs.paragraph_pieces(
                self, block, ppr, base_rpr, mark_rpr, top, bottom, rels
            )
            for css, content in pieces:
                out.append(f'<p class="{self.p_classes.name(css_text(css))}">{content}</p>')
            previous_after = 0 if contextual_next else after
            previous_key = style_key if ppr.get("contextualSpacing") else None
