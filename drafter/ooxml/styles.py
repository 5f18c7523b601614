"""Style resolution: document defaults, ``basedOn`` chains, table styles.

Properties are resolved the way Word does: document defaults, then the table
style (inside tables), the paragraph style's ``basedOn`` chain, the character
style, then direct formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from drafter.ooxml.ns import W_PPR, W_RPR, W_TBLPR, W_VAL, w
from drafter.ooxml.props import (
    Props,
    merge_ppr,
    merge_tblpr,
    parse_ppr,
    parse_rpr,
    parse_tblpr,
)


class StyleSheet:
    """``styles.xml`` with resolved ``basedOn`` chains (cached per style id)."""

    def __init__(self, root: etree._Element | None, theme_fonts: dict[str, str]) -> None:
        self.theme_fonts = theme_fonts
        self._styles: dict[str, etree._Element] = {}
        self.default_ppr: Props = {}
        self.default_rpr: Props = {}
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
        self._cache: dict[tuple[str, str], Props] = {}
        if root is None:
            return
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_ppr = parse_ppr(defaults.find(f"{w('pPrDefault')}/{W_PPR}"))
            self.default_rpr = parse_rpr(defaults.find(f"{w('rPrDefault')}/{W_RPR}"), theme_fonts)
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"), "")
            self._styles[style_id] = style
            if style.get(w("default")) in ("1", "true"):
                kind = style.get(w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "table":
                    self.default_table = style_id

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(W_VAL) if based is not None else None
        chain.reverse()
        return chain

    def _resolved(self, kind: str, style_id: str | None) -> Props:
        key = (kind, style_id or "")
        if key in self._cache:
            return self._cache[key]
        out: Props = {}
        for style in self._chain(style_id):
            if kind == "ppr":
                out = merge_ppr(out, parse_ppr(style.find(W_PPR)))
            elif kind == "rpr":
                out = {**out, **parse_rpr(style.find(W_RPR), self.theme_fonts)}
            else:
                out = merge_tblpr(out, parse_tblpr(style.find(W_TBLPR)))
        out.pop("pstyle", None)
        out.pop("rstyle", None)
        self._cache[key] = out
        return out

    def paragraph_style(self, style_id: str | None) -> tuple[Props, Props]:
        """(pPr, rPr) of a paragraph style, the default paragraph style when None."""
        style_id = style_id if style_id in self._styles else self.default_paragraph
        return self._resolved("ppr", style_id), self._resolved("rpr", style_id)

    def character_style(self, style_id: str | None) -> Props:
        return self._resolved("rpr", style_id) if style_id else {}

    def table_style(self, style_id: str | None) -> tuple[Props, Props, Props]:
        """(tblPr, pPr, rPr) of a table style, the default table style when None."""
        style_id = style_id if style_id in self._styles else self.default_table
        return (
            self._resolved("tbl", style_id),
            self._resolved("ppr", style_id),
            self._resolved("rpr", style_id),
        )


@dataclass(frozen=True, eq=False)
class ParagraphContext:
    """What a paragraph inherits from where it stands (a table style, or nothing).

    Compared and hashed by identity: each table makes its own.
    """

    table_ppr: Props = field(default_factory=dict)
    table_rpr: Props = field(default_factory=dict)


#: (pPr, base run rPr, paragraph-mark rPr) of a paragraph.
PropsTriple = tuple[Props, Props, Props]


def paragraph_props(p: etree._Element, styles: StyleSheet, ctx: ParagraphContext) -> PropsTriple:
    """(pPr, base run rPr, paragraph-mark rPr) of a paragraph, fully resolved."""
    ppr_el = p.find(W_PPR)
    direct = parse_ppr(ppr_el)
    style_ppr, style_rpr = styles.paragraph_style(direct.get("pstyle"))
    ppr = merge_ppr(merge_ppr(merge_ppr(styles.default_ppr, ctx.table_ppr), style_ppr), direct)
    base_rpr = {**styles.default_rpr, **ctx.table_rpr, **style_rpr}
    mark = parse_rpr(ppr_el.find(W_RPR) if ppr_el is not None else None, styles.theme_fonts)
    mark.pop("rstyle", None)
    return ppr, base_rpr, {**base_rpr, **mark}


def table_props(tbl: etree._Element, styles: StyleSheet) -> tuple[Props, ParagraphContext]:
    """A table's resolved tblPr and what its paragraphs inherit from the table style."""
    direct = parse_tblpr(tbl.find(W_TBLPR))
    style_tbl, style_ppr, style_rpr = styles.table_style(direct.get("style"))
    return merge_tblpr(style_tbl, direct), ParagraphContext(style_ppr, style_rpr)
