"""CSS values from Word's properties, and the registry of CSS classes.

Everything here is a pure function of its arguments (several cached: a long
table formats the same few sizes and cells a hundred thousand times).
"""

from __future__ import annotations

import functools
from typing import Any

from drafter.ooxml.props import Border, Props
from drafter.render.fonts import pdf_family

#: Word's "single" line spacing for Times New Roman/Liberation Serif, in ems.
SINGLE_LINE_EM = 1.15

_UNDERLINE_STYLES = {
    "single": "solid",
    "words": "solid",
    "thick": "solid",
    "double": "double",
    "dotted": "dotted",
    "dash": "dashed",
    "wave": "wavy",
}

BASE_CSS = """
html { hyphens: none; -webkit-hyphens: none; overflow-wrap: break-word; }
body { margin: 0; padding: 0; }
p { margin: 0; padding: 0; orphans: 2; widows: 2; }
td { orphans: 2; widows: 2; }
table { border-collapse: collapse; table-layout: fixed; border-spacing: 0; }
img { display: inline-block; }
"""

#: The order of a cell's borders in its class, and of its padding.
EDGES = ("top", "bottom", "left", "right")
SIDES = ("top", "right", "bottom", "left")


class ClassRegistry:
    """Deduplicates CSS declaration blocks into short class names, in first-use order."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._names: dict[str, str] = {}

    def name(self, declarations: str) -> str:
        existing = self._names.get(declarations)
        if existing is None:
            existing = f"{self.prefix}{len(self._names) + 1}"
            self._names[declarations] = existing
        return existing

    def css(self, selector_prefix: str = ".") -> str:
        return "\n".join(
            f"{selector_prefix}{name} {{ {decl} }}" for decl, name in self._names.items()
        )


@functools.lru_cache(maxsize=4096)
def num(value: float) -> str:
    """``value`` to two decimals, without trailing zeros (cached: a long table
    formats the same few sizes a million times)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pt(value: float) -> str:
    return f"{num(value)}pt"


def mm_from_twips(twips: float) -> float:
    return round(twips / 1440 * 25.4, 1)


def font_size_pt(rpr: Props) -> float:
    size = rpr.get("sz")
    return size / 2 if isinstance(size, int) and size > 0 else 10.0


def rpr_css(rpr: Props) -> dict[str, str]:
    """CSS properties of a run's resolved rPr (complete, not a difference)."""
    try:
        key = frozenset(rpr.items())
    except TypeError:  # a value that cannot be hashed: work it out afresh
        return _rpr_css(rpr)
    return dict(_rpr_css_of(key))


@functools.lru_cache(maxsize=1024)
def _rpr_css_of(key: frozenset[tuple[str, Any]]) -> dict[str, str]:
    """:func:`rpr_css` of the rPr whose items are ``key`` (callers copy the result)."""
    return _rpr_css(dict(key))


def _rpr_css(rpr: Props) -> dict[str, str]:
    size = font_size_pt(rpr)
    css: dict[str, str] = {
        "font-family": f'"{pdf_family(rpr.get("font"))}"',
        "font-size": pt(size),
        "font-weight": "bold" if rpr.get("b") else "normal",
        "font-style": "italic" if rpr.get("i") else "normal",
        "color": rpr.get("color") or "#000",
    }
    decorations = []
    underline = rpr.get("u")
    if underline:
        decorations.append("underline")
    if rpr.get("strike"):
        decorations.append("line-through")
    css["text-decoration"] = " ".join(decorations) if decorations else "none"
    if underline and _UNDERLINE_STYLES.get(underline, "solid") != "solid":
        css["text-decoration-style"] = _UNDERLINE_STYLES[underline]
    css["text-transform"] = "uppercase" if rpr.get("caps") else "none"
    css["font-variant"] = "small-caps" if rpr.get("smallCaps") and not rpr.get("caps") else "normal"
    vert = rpr.get("vert")
    if vert in ("superscript", "subscript"):
        css["vertical-align"] = "super" if vert == "superscript" else "sub"
        css["font-size"] = pt(size * 0.65)
    if rpr.get("bg"):
        css["background-color"] = rpr["bg"]
    return css


#: Paragraph CSS that means the same on a ``<td>`` holding the text directly.
FOLDABLE_CSS = frozenset(
    {
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "color",
        "text-decoration",
        "text-decoration-style",
        "text-transform",
        "font-variant",
        "text-align",
        "text-indent",
        "line-height",
    }
)


def css_text(props: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in props.items())


def border_css(border: Border) -> str:
    if border is None:
        return "none"
    style, width, _space, color = border
    return f"{pt(width)} {style} {color}"


def line_height(ppr: Props, size_pt: float) -> str:
    line = ppr.get("line")
    rule = ppr.get("line_rule", "auto")
    if line is None:
        return num(SINGLE_LINE_EM)
    if rule == "exact":
        return pt(abs(line) / 20)
    if rule == "atLeast":
        return pt(max(line / 20, size_pt * SINGLE_LINE_EM))
    return num(SINGLE_LINE_EM * line / 240)


@functools.lru_cache(maxsize=1024)
def cell_css(
    edges: tuple[Border, ...], padding: tuple[int, ...], valign: str, fill: str | None
) -> str:
    """A cell's class declarations (cached: a long table repeats a few cells'
    borders, padding, alignment and fill a hundred thousand times)."""
    css = [f"border-{side}: {border_css(b)}" for side, b in zip(EDGES, edges, strict=True)]
    css.append("padding: " + " ".join(pt(twips / 20) for twips in padding))
    css.append(f"vertical-align: {valign}")
    if fill:
        css.append(f"background-color: {fill}")
    return "; ".join(css)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside an HTML ``<style>`` element.

    ``<`` is written as the CSS escape ``\\3C `` so that no text (a header
    saying ``</style>``, say) can close the style element early.
    """
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    )
    return f'"{escaped}"'
