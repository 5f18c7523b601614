"""Word's formatting properties (``w:rPr``, ``w:pPr``, ``w:tblPr``) as flat dicts.

Each parser returns only what the element sets; styles and direct formatting
are layered by the ``merge_*`` functions and :mod:`drafter.ooxml.styles`.
Values are normalised to what the HTML writer needs: alignment as CSS
``text-align`` values, borders as (CSS style, width pt, space pt, colour),
highlight names as colours.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from drafter.ooxml.ns import W_NS, W_VAL, w

_BORDER_STYLES = {
    "single": "solid",
    "thick": "solid",
    "double": "double",
    "dotted": "dotted",
    "dashed": "dashed",
    "dotDash": "dashed",
    "dashSmallGap": "dashed",
}
_HIGHLIGHTS = {
    "yellow": "#ffff00",
    "green": "#00ff00",
    "cyan": "#00ffff",
    "magenta": "#ff00ff",
    "blue": "#0000ff",
    "red": "#ff0000",
    "darkBlue": "#000080",
    "darkCyan": "#008080",
    "darkGreen": "#008000",
    "darkMagenta": "#800080",
    "darkRed": "#800000",
    "darkYellow": "#808000",
    "darkGray": "#808080",
    "lightGray": "#c0c0c0",
    "black": "#000000",
}
_JUSTIFY = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
}

Props = dict[str, Any]
Border = tuple[str, float, float, str] | None  # (css style, width pt, space pt, colour)


def to_int(value: str | None, default: int = 0) -> int:
    """An integer attribute (Word writes some as decimals), ``default`` if absent or bad."""
    if value is None:
        return default
    try:
        return int(float(value))
    except ValueError:
        return default


def is_on(el: etree._Element) -> bool:
    """A Word toggle (``<w:b/>``, ``<w:b w:val="0"/>``): on unless its value says off."""
    value = el.get(W_VAL)
    return value is None or value.lower() not in ("0", "false", "off", "none")


def to_color(value: str | None) -> str | None:
    """``#rrggbb`` of a Word colour, None for ``auto`` or nothing."""
    if not value or value.lower() == "auto" or len(value) != 6:
        return None
    return f"#{value.lower()}"


def w_children(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(local name, element) of each child in the WordprocessingML namespace."""
    prefix = f"{{{W_NS}}}"
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(prefix):
            yield tag[len(prefix) :], child


def parse_rpr(rpr: etree._Element | None, theme_fonts: dict[str, str]) -> Props:
    """Run properties of one ``w:rPr`` as a flat dict (only what is set)."""
    out: Props = {}
    if rpr is None:
        return out
    for name, child in w_children(rpr):
        if name in ("b", "i", "caps", "smallCaps", "vanish"):
            out[name] = is_on(child)
        elif name in ("strike", "dstrike"):
            out["strike"] = is_on(child)
        elif name == "u":
            value = child.get(W_VAL, "single")
            out["u"] = None if value == "none" else value
        elif name == "sz":
            out["sz"] = to_int(child.get(W_VAL), 24)
        elif name == "color":
            out["color"] = to_color(child.get(W_VAL))
        elif name == "rFonts":
            font = child.get(w("ascii")) or child.get(w("hAnsi"))
            if not font:
                theme = child.get(w("asciiTheme")) or child.get(w("hAnsiTheme")) or ""
                if theme:
                    font = theme_fonts.get("major" if theme.startswith("major") else "minor")
            if font:
                out["font"] = font
        elif name == "vertAlign":
            out["vert"] = child.get(W_VAL)
        elif name == "highlight":
            out["bg"] = _HIGHLIGHTS.get(child.get(W_VAL, ""))
        elif name == "shd":
            fill = to_color(child.get(w("fill")))
            if fill:
                out["bg"] = fill
        elif name == "rStyle":
            out["rstyle"] = child.get(W_VAL)
    return out


def parse_border(el: etree._Element) -> Border:
    """One border element as (CSS style, width pt, space pt, colour); None for none."""
    value = el.get(W_VAL, "none")
    if value in ("nil", "none"):
        return None
    width = max(to_int(el.get(w("sz")), 4) / 8, 0.25)
    if value == "thick":
        width = max(width, 1.5)
    style = _BORDER_STYLES.get(value, "solid")
    if style == "double":
        width = max(width * 3, 1.5)
    return (style, width, to_int(el.get(w("space"))), to_color(el.get(w("color"))) or "#000")


SIDE_ALIASES = {"start": "left", "end": "right"}


def side_of(el: etree._Element) -> str:
    """The side a border or margin element names (``start`` is ``left``)."""
    name = str(el.tag)[len(W_NS) + 2 :]
    return SIDE_ALIASES.get(name, name)


def parse_borders(el: etree._Element | None) -> dict[str, Border]:
    """Side -> border of a ``w:pBdr``, ``w:tblBorders`` or ``w:tcBorders``."""
    out: dict[str, Border] = {}
    if el is None:
        return out
    for side, child in w_children(el):
        out[SIDE_ALIASES.get(side, side)] = parse_border(child)
    return out


def parse_ppr(ppr: etree._Element | None) -> Props:
    """Paragraph properties of one ``w:pPr`` as a flat dict (only what is set)."""
    out: Props = {}
    if ppr is None:
        return out
    for name, child in w_children(ppr):
        if name == "jc":
            out["jc"] = _JUSTIFY.get(child.get(W_VAL, "left"), "left")
        elif name == "ind":
            left = child.get(w("left")) or child.get(w("start"))
            right = child.get(w("right")) or child.get(w("end"))
            if left is not None:
                out["ind_left"] = to_int(left)
            if right is not None:
                out["ind_right"] = to_int(right)
            if child.get(w("hanging")) is not None:
                out["ind_first"] = -to_int(child.get(w("hanging")))
            elif child.get(w("firstLine")) is not None:
                out["ind_first"] = to_int(child.get(w("firstLine")))
        elif name == "spacing":
            for attr, key in (("before", "before"), ("after", "after"), ("line", "line")):
                if child.get(w(attr)) is not None:
                    out[key] = to_int(child.get(w(attr)))
            if child.get(w("lineRule")) is not None:
                out["line_rule"] = child.get(w("lineRule"))
        elif name in ("keepNext", "keepLines", "pageBreakBefore", "contextualSpacing"):
            out[name] = is_on(child)
        elif name == "pBdr":
            out["borders"] = parse_borders(child)
        elif name == "shd":
            out["shd"] = to_color(child.get(w("fill")))
        elif name == "pStyle":
            out["pstyle"] = child.get(W_VAL)
        elif name == "numPr":
            num_id = child.find(w("numId"))
            if num_id is not None:
                out["num_id"] = to_int(num_id.get(W_VAL))
    return out


def merge_ppr(base: Props, over: Props) -> Props:
    """``over`` wins; paragraph borders merge side by side as in Word."""
    merged = {**base, **over}
    if "borders" in base and "borders" in over:
        merged["borders"] = {**base["borders"], **over["borders"]}
    return merged


def parse_tblpr(tblpr: etree._Element | None) -> Props:
    """Table properties of one ``w:tblPr`` as a flat dict (only what is set)."""
    out: Props = {}
    if tblpr is None:
        return out
    for name, child in w_children(tblpr):
        if name == "tblBorders":
            out["borders"] = parse_borders(child)
        elif name == "tblCellMar":
            out["cell_mar"] = {
                side_of(m): to_int(m.get(w("w"))) for m in child if isinstance(m.tag, str)
            }
        elif name == "jc":
            out["jc"] = _JUSTIFY.get(child.get(W_VAL, "left"), "left")
        elif name == "tblInd":
            out["ind"] = to_int(child.get(w("w")))
        elif name == "tblW":
            out["width"] = (to_int(child.get(w("w"))), child.get(w("type"), "dxa"))
        elif name == "tblStyle":
            out["style"] = child.get(W_VAL)
    return out


def merge_tblpr(base: Props, over: Props) -> Props:
    """``over`` wins; borders and cell margins merge side by side."""
    merged = {**base, **over}
    for key in ("borders", "cell_mar"):
        if key in base and key in over:
            merged[key] = {**base[key], **over[key]}
    return merged
