"""DOCX -> HTML with CSS paged media, one HTML document per Word section.

Only the subset of WordprocessingML that our templates use is converted (see
:mod:`drafter.render.support` for what is rejected).  Properties are resolved
the way Word does: document defaults, then the table style (inside tables),
the paragraph style's ``basedOn`` chain, the character style, then direct
formatting.  The output is deterministic: the same DOCX bytes always give the
same strings, so the PDF made from it is reproducible.
"""

from __future__ import annotations

import base64
import functools
import html as html_lib
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from itertools import pairwise
from typing import Any

from lxml import etree

from drafter.render.fonts import font_face_css, pdf_family

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = _w("val")
W_P, W_R, W_T, W_TBL, W_TR, W_TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
W_PPR, W_RPR, W_TBLPR, W_TRPR, W_TCPR = _w("pPr"), _w("rPr"), _w("tblPr"), _w("trPr"), _w("tcPr")
W_SECTPR, W_SDT, W_SDTCONTENT = _w("sectPr"), _w("sdt"), _w("sdtContent")
W_TAB, W_BR, W_CR, W_DRAWING = _w("tab"), _w("br"), _w("cr"), _w("drawing")
W_FLDCHAR, W_INSTRTEXT, W_FLDSIMPLE = _w("fldChar"), _w("instrText"), _w("fldSimple")
W_NOBREAKHYPHEN, W_SOFTHYPHEN, W_SYM = _w("noBreakHyphen"), _w("softHyphen"), _w("sym")
W_HYPERLINK, W_INS, W_SMARTTAG, W_CUSTOMXML = (
    _w("hyperlink"),
    _w("ins"),
    _w("smartTag"),
    _w("customXml"),
)
W_BODY, W_TBLHEADER, W_VAL = _w("body"), _w("tblHeader"), _w("val")
WP_INLINE, WP_EXTENT = f"{{{WP_NS}}}inline", f"{{{WP_NS}}}extent"
A_BLIP = f"{{{A_NS}}}blip"
R_EMBED, R_ID = f"{{{R_NS}}}embed", f"{{{R_NS}}}id"

#: Parts bigger than this are refused: a guard against zip bombs.
MAX_PART_BYTES = 256 * 1024 * 1024

#: Word's "single" line spacing for Times New Roman/Liberation Serif, in ems.
SINGLE_LINE_EM = 1.15

_IMAGE_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "svg": "image/svg+xml",
    "tif": "image/tiff",
    "tiff": "image/tiff",
}
_BORDER_STYLES = {
    "single": "solid",
    "thick": "solid",
    "double": "double",
    "dotted": "dotted",
    "dashed": "dashed",
    "dotDash": "dashed",
    "dashSmallGap": "dashed",
}
_UNDERLINE_STYLES = {
    "single": "solid",
    "words": "solid",
    "thick": "solid",
    "double": "double",
    "dotted": "dotted",
    "dash": "dashed",
    "wave": "wavy",
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


# --------------------------------------------------------------------------- output types


@dataclass(frozen=True)
class HtmlSection:
    """One Word section as a complete HTML document with its own ``@page`` rules.

    ``page_number_start`` is the section's ``w:pgNumType w:start`` (None: continue
    from the previous section); ``uses_numpages`` tells that the margin boxes
    contain ``counter(pages)`` standing for Word's NUMPAGES (the whole document's
    page count, which :mod:`drafter.render.pdf` substitutes).
    """

    html: str
    page_width_mm: float
    page_height_mm: float
    page_number_start: int | None = None
    title_page: bool = False
    uses_numpages: bool = False
    long_table: LongTable | None = None


@dataclass(frozen=True)
class LongTable:
    """A section's longest body-level table, cut into pieces so that
    :mod:`drafter.render.pdf` can lay it out a chunk of rows at a time.

    ``head`` is the section's HTML up to ``<body>``; ``continued_head`` the same
    with the first-page rules (title page, page-number restart) left out, for a
    chunk that starts on a later page of the section.  ``before`` is the body
    before the table, ``table_open`` the table up to and including ``<tbody>``
    (colgroup and the repeated header rows), ``rows`` each body row's
    ``<tr>…</tr>``, ``table_close`` ``</tbody></table>`` and ``after`` the rest of
    the document.  Joined in order (with newlines), the pieces give the section's
    ``html``.
    """

    head: str
    continued_head: str
    before: str
    table_open: str
    rows: tuple[str, ...]
    table_close: str
    after: str

    def html(self, first: int, end: int, *, continued: bool, last: bool) -> str:
        """A document holding rows ``first``..``end-1`` (with the header rows).

        The section's opening blocks come only when not ``continued`` and its
        closing blocks only with the ``last`` chunk.  Each row carries its index
        in ``data-row`` so the caller can find which rows each page holds.
        """
        rows = [
            row.replace("<tr", f'<tr data-row="{n}"', 1)
            for n, row in enumerate(self.rows[first:end], start=first)
        ]
        parts = [
            self.continued_head if continued else self.head,
            "" if continued else self.before,
            self.table_open,
            *rows,
            self.table_close,
            self.after if last else "\n</body></html>\n",
        ]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class HtmlDocument:
    sections: list[HtmlSection]


# --------------------------------------------------------------------------- small helpers


@functools.lru_cache(maxsize=4096)
def _num(value: float) -> str:
    """``value`` to two decimals, without trailing zeros (cached: a long table
    formats the same few sizes a million times)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pt(value: float) -> str:
    return f"{_num(value)}pt"


def _mm_from_twips(twips: float) -> float:
    return round(twips / 1440 * 25.4, 1)


def _int(value: str | None, default: int = 0) -> int:
    if value is None:
        return default
    try:
        return int(float(value))
    except ValueError:
        return default


def _on(el: etree._Element) -> bool:
    value = el.get(W_VAL)
    return value is None or value.lower() not in ("0", "false", "off", "none")


def _color(value: str | None) -> str | None:
    if not value or value.lower() == "auto" or len(value) != 6:
        return None
    return f"#{value.lower()}"


def _safe_parser() -> etree.XMLParser:
    # No entity expansion, no network, no huge trees: returned Word files are untrusted.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )


# --------------------------------------------------------------------------- the package


class DocxPackage:
    """The parts of a DOCX that the converter needs, parsed once."""

    def __init__(self, docx: bytes) -> None:
        self._zip = zipfile.ZipFile(BytesIO(docx))
        self._names = set(self._zip.namelist())
        self.document = self.xml("word/document.xml")
        if self.document is None:
            raise ValueError("not a Word document: word/document.xml is missing")
        self.rels = self.relationships("word/document.xml")
        self.theme_fonts = self._theme_fonts()
        styles_root = self.xml("word/styles.xml")
        self.styles = StyleSheet(styles_root, self.theme_fonts)
        self._xml_cache: dict[str, etree._Element | None] = {}

    def read(self, name: str) -> bytes | None:
        if name not in self._names:
            return None
        info = self._zip.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise ValueError(f"{name} is too large ({info.file_size} bytes)")
        return self._zip.read(name)

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        if data is None:
            return None
        return etree.fromstring(data, _safe_parser())

    def cached_xml(self, name: str) -> etree._Element | None:
        if name not in self._xml_cache:
            self._xml_cache[name] = self.xml(name)
        return self._xml_cache[name]

    def relationships(self, part: str) -> dict[str, str]:
        """Relationship id -> target part name for ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root:
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[rel.get("Id", "")] = name
        return out

    def _theme_fonts(self) -> dict[str, str]:
        root = self.xml("word/theme/theme1.xml")
        out: dict[str, str] = {}
        if root is None:
            return out
        for key in ("major", "minor"):
            latin = root.find(f".//{{{A_NS}}}{key}Font/{{{A_NS}}}latin")
            if latin is not None and latin.get("typeface"):
                out[key] = latin.get("typeface", "")
        return out

    def image_data_uri(self, part_rels: dict[str, str], rel_id: str) -> str | None:
        name = part_rels.get(rel_id)
        if not name:
            return None
        data = self.read(name)
        if data is None:
            return None
        mime = _IMAGE_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# --------------------------------------------------------------------------- properties


def _w_children(el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
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
    for name, child in _w_children(rpr):
        if name in ("b", "i", "caps", "smallCaps", "vanish"):
            out[name] = _on(child)
        elif name in ("strike", "dstrike"):
            out["strike"] = _on(child)
        elif name == "u":
            value = child.get(W_VAL, "single")
            out["u"] = None if value == "none" else value
        elif name == "sz":
            out["sz"] = _int(child.get(W_VAL), 24)
        elif name == "color":
            out["color"] = _color(child.get(W_VAL))
        elif name == "rFonts":
            font = child.get(_w("ascii")) or child.get(_w("hAnsi"))
            if not font:
                theme = child.get(_w("asciiTheme")) or child.get(_w("hAnsiTheme")) or ""
                if theme:
                    font = theme_fonts.get("major" if theme.startswith("major") else "minor")
            if font:
                out["font"] = font
        elif name == "vertAlign":
            out["vert"] = child.get(W_VAL)
        elif name == "highlight":
            out["bg"] = _HIGHLIGHTS.get(child.get(W_VAL, ""))
        elif name == "shd":
            fill = _color(child.get(_w("fill")))
            if fill:
                out["bg"] = fill
        elif name == "rStyle":
            out["rstyle"] = child.get(W_VAL)
    return out


def _parse_border(el: etree._Element) -> Border:
    value = el.get(W_VAL, "none")
    if value in ("nil", "none"):
        return None
    width = max(_int(el.get(_w("sz")), 4) / 8, 0.25)
    if value == "thick":
        width = max(width, 1.5)
    style = _BORDER_STYLES.get(value, "solid")
    if style == "double":
        width = max(width * 3, 1.5)
    return (style, width, _int(el.get(_w("space"))), _color(el.get(_w("color"))) or "#000")


_SIDE_ALIASES = {"start": "left", "end": "right"}


def _side(el: etree._Element) -> str:
    name = str(el.tag)[len(W_NS) + 2 :]
    return _SIDE_ALIASES.get(name, name)


def _parse_borders(el: etree._Element | None) -> dict[str, Border]:
    out: dict[str, Border] = {}
    if el is None:
        return out
    for side, child in _w_children(el):
        out[_SIDE_ALIASES.get(side, side)] = _parse_border(child)
    return out


def parse_ppr(ppr: etree._Element | None) -> Props:
    """Paragraph properties of one ``w:pPr`` as a flat dict (only what is set)."""
    out: Props = {}
    if ppr is None:
        return out
    for name, child in _w_children(ppr):
        if name == "jc":
            out["jc"] = _JUSTIFY.get(child.get(W_VAL, "left"), "left")
        elif name == "ind":
            left = child.get(_w("left")) or child.get(_w("start"))
            right = child.get(_w("right")) or child.get(_w("end"))
            if left is not None:
                out["ind_left"] = _int(left)
            if right is not None:
                out["ind_right"] = _int(right)
            if child.get(_w("hanging")) is not None:
                out["ind_first"] = -_int(child.get(_w("hanging")))
            elif child.get(_w("firstLine")) is not None:
                out["ind_first"] = _int(child.get(_w("firstLine")))
        elif name == "spacing":
            for attr, key in (("before", "before"), ("after", "after"), ("line", "line")):
                if child.get(_w(attr)) is not None:
                    out[key] = _int(child.get(_w(attr)))
            if child.get(_w("lineRule")) is not None:
                out["line_rule"] = child.get(_w("lineRule"))
        elif name in ("keepNext", "keepLines", "pageBreakBefore", "contextualSpacing"):
            out[name] = _on(child)
        elif name == "pBdr":
            out["borders"] = _parse_borders(child)
        elif name == "shd":
            out["shd"] = _color(child.get(_w("fill")))
        elif name == "pStyle":
            out["pstyle"] = child.get(W_VAL)
        elif name == "numPr":
            num_id = child.find(_w("numId"))
            if num_id is not None:
                out["num_id"] = _int(num_id.get(W_VAL))
    return out


def merge_ppr(base: Props, over: Props) -> Props:
    """``over`` wins; paragraph borders merge side by side as in Word."""
    merged = {**base, **over}
    if "borders" in base and "borders" in over:
        merged["borders"] = {**base["borders"], **over["borders"]}
    return merged


def _parse_tblpr(tblpr: etree._Element | None) -> Props:
    out: Props = {}
    if tblpr is None:
        return out
    for name, child in _w_children(tblpr):
        if name == "tblBorders":
            out["borders"] = _parse_borders(child)
        elif name == "tblCellMar":
            out["cell_mar"] = {
                _side(m): _int(m.get(_w("w"))) for m in child if isinstance(m.tag, str)
            }
        elif name == "jc":
            out["jc"] = _JUSTIFY.get(child.get(W_VAL, "left"), "left")
        elif name == "tblInd":
            out["ind"] = _int(child.get(_w("w")))
        elif name == "tblW":
            out["width"] = (_int(child.get(_w("w"))), child.get(_w("type"), "dxa"))
        elif name == "tblStyle":
            out["style"] = child.get(W_VAL)
    return out


def _merge_tblpr(base: Props, over: Props) -> Props:
    merged = {**base, **over}
    for key in ("borders", "cell_mar"):
        if key in base and key in over:
            merged[key] = {**base[key], **over[key]}
    return merged


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
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.default_ppr = parse_ppr(defaults.find(f"{_w('pPrDefault')}/{W_PPR}"))
            self.default_rpr = parse_rpr(defaults.find(f"{_w('rPrDefault')}/{W_RPR}"), theme_fonts)
        for style in root.iter(_w("style")):
            style_id = style.get(_w("styleId"), "")
            self._styles[style_id] = style
            if style.get(_w("default")) in ("1", "true"):
                kind = style.get(_w("type"))
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
            based = style.find(_w("basedOn"))
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
                out = _merge_tblpr(out, _parse_tblpr(style.find(W_TBLPR)))
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


# --------------------------------------------------------------------------- inline events


@dataclass(frozen=True)
class Text:
    text: str
    rpr: Props


@dataclass(frozen=True)
class Tab:
    rpr: Props


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Image:
    rel_id: str
    width_pt: float
    height_pt: float


@dataclass(frozen=True)
class PageField:
    """A PAGE or NUMPAGES field in a header or footer (a page counter)."""

    name: str
    rpr: Props


Inline = Text | Tab | LineBreak | PageBreak | Image | PageField
_COUNTER_FIELDS = ("PAGE", "NUMPAGES")


def _field_name(instr: str) -> str:
    parts = instr.split()
    return parts[0].upper() if parts else ""


class _FieldState:
    """Word's complex fields span runs: begin, instruction, separate, result, end."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []  # [instr text, phase ('instr'|'result'), emitted]

    @property
    def hiding(self) -> bool:
        # Instruction text is never shown; a counter field's cached result is replaced.
        return any(f[1] == "instr" or (f[2] and f[1] == "result") for f in self.stack)


def inline_events(
    p: etree._Element, base_rpr: Props, styles: StyleSheet, *, counters: bool
) -> Iterator[Inline]:
    """The visible content of a paragraph, in order, with each run's resolved rPr.

    With ``counters`` (headers and footers), PAGE and NUMPAGES fields become
    :class:`PageField`; otherwise every field shows its cached result.
    Hidden (``w:vanish``) runs and deleted text are left out.
    """
    fields = _FieldState()
    yield from _walk_inline(p, base_rpr, styles, counters, fields)


def _walk_inline(
    parent: etree._Element, base_rpr: Props, styles: StyleSheet, counters: bool, fields: _FieldState
) -> Iterator[Inline]:
    for child in parent:
        tag = child.tag
        if tag == W_R:
            yield from _run_events(child, base_rpr, styles, counters, fields)
        elif tag in (W_HYPERLINK, W_INS, W_SMARTTAG, W_CUSTOMXML):
            yield from _walk_inline(child, base_rpr, styles, counters, fields)
        elif tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _walk_inline(content, base_rpr, styles, counters, fields)
        elif tag == W_FLDSIMPLE:
            name = _field_name(child.get(_w("instr"), ""))
            if counters and name in _COUNTER_FIELDS:
                first_run = child.find(W_R)
                rpr = _run_rpr(first_run, base_rpr, styles) if first_run is not None else base_rpr
                yield PageField(name, rpr)
            else:
                yield from _walk_inline(child, base_rpr, styles, counters, fields)


def _run_rpr(run: etree._Element, base_rpr: Props, styles: StyleSheet) -> Props:
    direct = parse_rpr(run.find(W_RPR), styles.theme_fonts)
    char_style = styles.character_style(direct.pop("rstyle", None))
    return {**base_rpr, **char_style, **direct} if (char_style or direct) else base_rpr


def _run_events(
    run: etree._Element, base_rpr: Props, styles: StyleSheet, counters: bool, fields: _FieldState
) -> Iterator[Inline]:
    rpr = _run_rpr(run, base_rpr, styles)
    hidden = bool(rpr.get("vanish"))
    for child in run:
        tag = child.tag
        if tag == W_FLDCHAR:
            kind = child.get(_w("fldCharType"))
            if kind == "begin":
                fields.stack.append(["", "instr", False])
            elif kind == "separate" and fields.stack:
                fields.stack[-1][1] = "result"
                name = _field_name(fields.stack[-1][0])
                if counters and name in _COUNTER_FIELDS and not fields.hiding:
                    fields.stack[-1][2] = True
                    yield PageField(name, rpr)
            elif kind == "end" and fields.stack:
                top = fields.stack.pop()
                name = _field_name(top[0])
                if counters and name in _COUNTER_FIELDS and not top[2] and not fields.hiding:
                    yield PageField(name, rpr)
            continue
        if tag == W_INSTRTEXT:
            if fields.stack:
                fields.stack[-1][0] += child.text or ""
            continue
        if hidden or fields.hiding:
            continue
        if tag == W_T:
            if child.text:
                yield Text(child.text, rpr)
        elif tag == W_TAB:
            yield Tab(rpr)
        elif tag == W_BR:
            yield PageBreak() if child.get(_w("type")) == "page" else LineBreak()
        elif tag == W_CR:
            yield LineBreak()
        elif tag == W_NOBREAKHYPHEN:
            yield Text("\u2011", rpr)
        elif tag == W_SYM:
            code = child.get(_w("char"), "")
            try:
                char = chr(int(code, 16))
            except ValueError:
                continue
            # Symbol fonts map their glyphs into the private-use area at F000.
            if 0xF000 <= ord(char) <= 0xF0FF:
                char = chr(ord(char) - 0xF000)
            yield Text(char, rpr)
        elif tag == W_DRAWING:
            inline = child.find(WP_INLINE)
            if inline is None:
                continue  # anchored drawings are rejected by the template check
            extent = inline.find(WP_EXTENT)
            blip = inline.find(f".//{A_BLIP}")
            if blip is None or extent is None:
                continue
            yield Image(
                blip.get(R_EMBED, ""),
                _int(extent.get("cx")) / 12700,
                _int(extent.get("cy")) / 12700,
            )


def visible_text(rpr: Props, text: str) -> str:
    """Text as a reader sees it (``w:caps`` shows capitals)."""
    return text.upper() if rpr.get("caps") else text


# --------------------------------------------------------------------------- CSS builders


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


def _font_size_pt(rpr: Props) -> float:
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
    size = _font_size_pt(rpr)
    css: dict[str, str] = {
        "font-family": f'"{pdf_family(rpr.get("font"))}"',
        "font-size": _pt(size),
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
        css["font-size"] = _pt(size * 0.65)
    if rpr.get("bg"):
        css["background-color"] = rpr["bg"]
    return css


#: Paragraph CSS that means the same on a ``<td>`` holding the text directly.
_FOLDABLE_CSS = frozenset(
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


def _line_rpr(events: list[Inline], style_rpr: Props) -> Props:
    """The rPr a paragraph's lines are measured with.

    Word makes each line as tall as the runs on it; CSS makes it at least as tall
    as the paragraph's own font (its strut).  So the paragraph takes the font of
    its smallest plain run (one that is neither raised nor shaded), and runs
    differing from it become spans.  A paragraph without text keeps its style's.
    """
    best: Props | None = None
    for event in events:
        if not isinstance(event, Text | Tab):
            continue
        rpr = event.rpr
        if rpr.get("vert") in ("superscript", "subscript") or rpr.get("bg"):
            continue
        if best is None or _font_size_pt(rpr) < _font_size_pt(best):
            best = rpr
    return style_rpr if best is None else best


def _css_text(props: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in props.items())


def _border_css(border: Border) -> str:
    if border is None:
        return "none"
    style, width, _space, color = border
    return f"{_pt(width)} {style} {color}"


def _line_height(ppr: Props, size_pt: float) -> str:
    line = ppr.get("line")
    rule = ppr.get("line_rule", "auto")
    if line is None:
        return _num(SINGLE_LINE_EM)
    if rule == "exact":
        return _pt(abs(line) / 20)
    if rule == "atLeast":
        return _pt(max(line / 20, size_pt * SINGLE_LINE_EM))
    return _num(SINGLE_LINE_EM * line / 240)


# --------------------------------------------------------------------------- sections


@dataclass
class _SectionProps:
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


def _parse_sectpr(
    sect: etree._Element | None, rels: dict[str, str], previous: _SectionProps | None
) -> _SectionProps:
    props = _SectionProps()
    if previous is not None:
        # Header and footer references are inherited from the previous section.
        props.headers = dict(previous.headers)
        props.footers = dict(previous.footers)
    if sect is None:
        return props
    size = sect.find(_w("pgSz"))
    if size is not None:
        props.width_tw = _int(size.get(_w("w")), props.width_tw)
        props.height_tw = _int(size.get(_w("h")), props.height_tw)
        landscape = size.get(_w("orient")) == "landscape"
        if landscape != (props.width_tw > props.height_tw):
            props.width_tw, props.height_tw = props.height_tw, props.width_tw
    margins = sect.find(_w("pgMar"))
    if margins is not None:
        for key in props.margins:
            if margins.get(_w(key)) is not None:
                props.margins[key] = abs(_int(margins.get(_w(key))))
    title = sect.find(_w("titlePg"))
    props.title_page = title is not None and _on(title)
    numbering = sect.find(_w("pgNumType"))
    if numbering is not None and numbering.get(_w("start")) is not None:
        props.start = _int(numbering.get(_w("start")), 1)
    for ref_tag, target in (("headerReference", props.headers), ("footerReference", props.footers)):
        for ref in sect.findall(_w(ref_tag)):
            target[ref.get(_w("type"), "default")] = rels.get(ref.get(R_ID, ""))
    return props


def _iter_blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Body-level paragraphs and tables, looking through block content controls."""
    for child in parent:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _iter_blocks(content)
        elif child.tag in (W_INS, W_CUSTOMXML):
            yield from _iter_blocks(child)


_Section = tuple[list[etree._Element], etree._Element | None]


def split_sections(body: etree._Element) -> list[_Section]:
    """The body's blocks grouped by section, each with the sectPr that ends it."""
    sections: list[_Section] = []
    current: list[etree._Element] = []
    for block in _iter_blocks(body):
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


# --------------------------------------------------------------------------- the writer

_BASE_CSS = """
html { hyphens: none; -webkit-hyphens: none; }
body { margin: 0; padding: 0; }
p { margin: 0; padding: 0; orphans: 2; widows: 2; }
td { orphans: 2; widows: 2; }
table { border-collapse: collapse; table-layout: fixed; border-spacing: 0; }
img { display: inline-block; }
"""


#: The order of a cell's borders in its class, and of its padding.
_EDGES = ("top", "bottom", "left", "right")
_SIDES = ("top", "right", "bottom", "left")


@functools.lru_cache(maxsize=1024)
def _cell_css(
    edges: tuple[Border, ...], padding: tuple[int, ...], valign: str, fill: str | None
) -> str:
    """A cell's class declarations (cached: a long table repeats a few cells'
    borders, padding, alignment and fill a hundred thousand times)."""
    css = [f"border-{side}: {_border_css(b)}" for side, b in zip(_EDGES, edges, strict=True)]
    css.append("padding: " + " ".join(_pt(twips / 20) for twips in padding))
    css.append(f"vertical-align: {valign}")
    if fill:
        css.append(f"background-color: {fill}")
    return "; ".join(css)


class _Writer:
    def __init__(self, pkg: DocxPackage) -> None:
        self.pkg = pkg
        self.styles = pkg.styles
        self.p_classes = ClassRegistry("p")
        self.r_classes = ClassRegistry("r")
        self.c_classes = ClassRegistry("c")
        self.families: set[str] = set()
        #: paragraph_props by the paragraph's pPr (as XML) and its context
        self._props: dict[tuple[bytes | None, ParagraphContext], PropsTriple] = {}

    def paragraph_props(self, p: etree._Element, ctx: ParagraphContext) -> PropsTriple:
        """:func:`paragraph_props`, remembered: it depends on the paragraph's pPr
        alone, and a long table repeats a few of them a hundred thousand times."""
        ppr = p.find(W_PPR)
        key = (None if ppr is None else etree.tostring(ppr), ctx)
        known = self._props.get(key)
        if known is None:
            known = self._props[key] = paragraph_props(p, self.styles, ctx)
        own, base, mark = known
        return dict(own), dict(base), dict(mark)

    # -- paragraphs ------------------------------------------------------
    def paragraphs_html(
        self,
        blocks: list[etree._Element],
        ctx: ParagraphContext,
        rels: dict[str, str],
        out: list[str],
    ) -> None:
        previous_after = 0
        previous_key: tuple[Any, ...] | None = None
        count = len(blocks)
        for index, block in enumerate(blocks):
            if block.tag == W_TBL:
                self.table_html(block, rels, out)
                previous_after, previous_key = 0, None
                continue
            ppr, base_rpr, mark_rpr = self.paragraph_props(block, ctx)
            style_key = (ppr.get("pstyle"),)
            before = ppr.get("before", 0)
            after = ppr.get("after", 0)
            if ppr.get("contextualSpacing") and previous_key == style_key:
                before = 0
            # Word adds the previous paragraph's space after to this one's space before
            # (CSS would collapse them), so the sum goes on this paragraph's top margin.
            top = before + previous_after
            next_is_paragraph = index + 1 < count and blocks[index + 1].tag == W_P
            contextual_next = (
                next_is_paragraph
                and ppr.get("contextualSpacing")
                and parse_ppr(blocks[index + 1].find(W_PPR)).get("pstyle") == ppr.get("pstyle")
            )
            bottom = 0 if next_is_paragraph else after
            pieces = self.paragraph_pieces(block, ppr, base_rpr, mark_rpr, top, bottom, rels)
            for css, content in pieces:
                out.append(f'<p class="{self.p_classes.name(_css_text(css))}">{content}</p>')
            previous_after = 0 if contextual_next else after
            previous_key = style_key if ppr.get("contextualSpacing") else None

    def paragraph_css(
        self, ppr: Props, rpr: Props, top: int, bottom: int, page_break: bool
    ) -> dict[str, str]:
        size = _font_size_pt(rpr)
        css = rpr_css(rpr)
        self.families.add(pdf_family(rpr.get("font")))
        css["text-align"] = ppr.get("jc", "left")
        if ppr.get("ind_left"):
            css["margin-left"] = _pt(ppr["ind_left"] / 20)
        if ppr.get("ind_right"):
            css["margin-right"] = _pt(ppr["ind_right"] / 20)
        if ppr.get("ind_first"):
            css["text-indent"] = _pt(ppr["ind_first"] / 20)
        if top:
            css["margin-top"] = _pt(top / 20)
        if bottom:
            css["margin-bottom"] = _pt(bottom / 20)
        css["line-height"] = _line_height(ppr, size)
        if ppr.get("keepNext"):
            css["break-after"] = "avoid"
        if ppr.get("keepLines"):
            css["break-inside"] = "avoid"
        if page_break or ppr.get("pageBreakBefore"):
            css["break-before"] = "page"
        for side, border in sorted(ppr.get("borders", {}).items()):
            if side not in ("top", "bottom", "left", "right") or border is None:
                continue
            css[f"border-{side}"] = _border_css(border)
            css[f"padding-{side}"] = _pt(border[2])
        if ppr.get("shd"):
            css["background-color"] = ppr["shd"]
        return css

    def paragraph_pieces(
        self,
        p: etree._Element,
        ppr: Props,
        base_rpr: Props,
        mark_rpr: Props,
        top: int,
        bottom: int,
        rels: dict[str, str],
    ) -> list[tuple[dict[str, str], str]]:
        """(block CSS, inline HTML) of each piece of a paragraph between page breaks."""
        events = list(inline_events(p, base_rpr, self.styles, counters=False))
        base_rpr = _line_rpr(events, base_rpr)
        base_css = rpr_css(base_rpr)
        segments: list[list[str]] = [[]]
        for event in events:
            if isinstance(event, PageBreak):
                segments.append([])
            else:
                self.inline_html(event, base_css, rels, segments[-1])
        pieces: list[tuple[dict[str, str], str]] = []
        for number, segment in enumerate(segments):
            if number == 0 and not segment and len(segments) > 1:
                continue  # nothing before the page break: no empty line there
            empty = not segment
            rpr = mark_rpr if empty else base_rpr
            seg_top = top if number == 0 else 0
            seg_bottom = bottom if number == len(segments) - 1 else 0
            css = self.paragraph_css(ppr, rpr, seg_top, seg_bottom, page_break=number > 0)
            pieces.append((css, "<br>" if empty else _merge_spans(segment)))
        return pieces

    def folded_cell_paragraph(
        self, block: etree._Element, ctx: ParagraphContext, rels: dict[str, str]
    ) -> tuple[str, str] | None:
        """(class, inline HTML) of a cell's only paragraph when it can be written
        straight into the ``<td>``, or None.

        A cell of one plain paragraph (no spacing, indents, borders, shading or
        breaks) lays out the same with the paragraph's text directly in the
        cell, and WeasyPrint then builds, styles and lays out one box where it
        would build three: most of a long table's cells are like that.
        """
        if block.tag != W_P:
            return None
        ppr, base_rpr, mark_rpr = self.paragraph_props(block, ctx)
        pieces = self.paragraph_pieces(
            block, ppr, base_rpr, mark_rpr, ppr.get("before", 0), ppr.get("after", 0), rels
        )
        if len(pieces) != 1 or not _FOLDABLE_CSS.issuperset(pieces[0][0]):
            return None
        css, content = pieces[0]
        return self.p_classes.name(_css_text(css)), content

    def inline_html(
        self, event: Inline, base_css: dict[str, str], rels: dict[str, str], out: list[str]
    ) -> None:
        if isinstance(event, Text):
            out.append(self.span(event.rpr, base_css, _escape_spaces(event.text)))
        elif isinstance(event, Tab):
            out.append(self.span(event.rpr, base_css, "\u2003"))
        elif isinstance(event, LineBreak):
            out.append("<br>")
        elif isinstance(event, Image):
            uri = self.pkg.image_data_uri(rels, event.rel_id)
            if uri:
                out.append(
                    f'<img src="{uri}" style="width: {_pt(event.width_pt)}; '
                    f'height: {_pt(event.height_pt)}" alt="">'
                )
        elif isinstance(event, PageField):
            pass  # only reached in headers, which are written as margin boxes

    def span(self, rpr: Props, base_css: dict[str, str], escaped: str) -> str:
        css = rpr_css(rpr)
        diff = {k: v for k, v in css.items() if base_css.get(k) != v}
        if not diff:
            return escaped
        self.families.add(pdf_family(rpr.get("font")))
        return f"\x00{self.r_classes.name(_css_text(diff))}\x01{escaped}"

    # -- tables ----------------------------------------------------------
    def table_html(
        self,
        tbl: etree._Element,
        rels: dict[str, str],
        out: list[str],
        marks: _TableMarks | None = None,
    ) -> None:
        """Write one table; with ``marks``, note where each body row starts in ``out``."""
        tblpr, ctx = table_props(tbl, self.styles)
        grid = [_int(col.get(_w("w"))) for col in tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}")]
        rows = _table_rows(tbl)
        ncols = max([len(grid)] + [sum(c.span for c in row.cells) + row.before for row in rows])
        grid += [0] * (ncols - len(grid))
        if not any(grid):
            width = tblpr.get("width", (9000, "dxa"))[0] or 9000
            grid = [width // max(ncols, 1)] * ncols
        grid = [g or min(x for x in grid if x) for g in grid]
        total = sum(grid)
        table_css = [f"width: {_pt(total / 20)}"]
        jc = tblpr.get("jc")
        if jc == "center":
            table_css.append("margin-left: auto; margin-right: auto")
        elif jc == "right":
            table_css.append("margin-left: auto; margin-right: 0")
        elif tblpr.get("ind"):
            table_css.append(f"margin-left: {_pt(tblpr['ind'] / 20)}")
        out.append(f'<table style="{"; ".join(table_css)}"><colgroup>')
        out.extend(f'<col style="width: {_pt(g / 20)}">' for g in grid)
        out.append("</colgroup>")
        _resolve_vmerge(rows)
        borders: dict[str, Border] = tblpr.get("borders", {})
        cell_mar = {"top": 0, "bottom": 0, "left": 108, "right": 108, **tblpr.get("cell_mar", {})}
        header_rows = 0
        for row in rows:
            if not row.header:
                break
            header_rows += 1
        if header_rows == len(rows):
            header_rows = 0  # a table that is all header has nothing to repeat under
        nrows = len(rows)
        for r_index, row in enumerate(rows):
            if r_index == 0 and header_rows:
                out.append("<thead>")
            if r_index == header_rows:
                out.append("<tbody>")
            if marks is not None and r_index >= header_rows:
                marks.rows.append(len(out))
            row_css = []
            if row.cant_split:
                row_css.append("break-inside: avoid")
            if row.height:
                row_css.append(f"height: {_pt(row.height / 20)}")
            out.append(f'<tr style="{"; ".join(row_css)}">' if row_css else "<tr>")
            if row.before:
                out.append(f'<td colspan="{row.before}" style="border: none"></td>')
            for cell in row.cells:
                if cell.merged_away:
                    continue
                cls = self.cell_class(cell, r_index, nrows, ncols, borders, cell_mar, rows)
                spans = ""
                if cell.span > 1:
                    spans += f' colspan="{cell.span}"'
                if cell.rowspan > 1:
                    spans += f' rowspan="{cell.rowspan}"'
                blocks = list(_iter_blocks(cell.el))
                folded = (
                    self.folded_cell_paragraph(blocks[0], ctx, rels) if len(blocks) == 1 else None
                )
                if folded is not None:
                    p_cls, content = folded
                    out.append(f'<td class="{cls} {p_cls}"{spans}>{content}</td>')
                    continue
                out.append(f'<td class="{cls}"{spans}>')
                self.paragraphs_html(blocks, ctx, rels, out)
                out.append("</td>")
            if row.after:
                out.append(f'<td colspan="{row.after}" style="border: none"></td>')
            out.append("</tr>")
            if header_rows and r_index == header_rows - 1:
                out.append("</thead>")
        if marks is not None:
            marks.end = len(out)
        if nrows > header_rows:
            out.append("</tbody>")
        out.append("</table>")

    def cell_class(
        self,
        cell: _Cell,
        r_index: int,
        nrows: int,
        ncols: int,
        borders: dict[str, Border],
        cell_mar: dict[str, int],
        rows: list[_Row],
    ) -> str:
        last_row = r_index + cell.rowspan - 1
        edges = {
            "top": _edge(
                cell,
                "top",
                borders.get("top" if r_index == 0 else "insideH"),
                _neighbour(rows, r_index - 1, cell.col),
                "bottom",
            ),
            "bottom": _edge(
                cell,
                "bottom",
                borders.get("bottom" if last_row == nrows - 1 else "insideH"),
                _neighbour(rows, last_row + 1, cell.col),
                "top",
            ),
            "left": _edge(
                cell,
                "left",
                borders.get("left" if cell.col == 0 else "insideV"),
                _neighbour_in_row(rows[r_index], cell.col - 1),
                "right",
            ),
            "right": _edge(
                cell,
                "right",
                borders.get("right" if cell.col + cell.span >= ncols else "insideV"),
                _neighbour_in_row(rows[r_index], cell.col + cell.span),
                "left",
            ),
        }
        mar = {**cell_mar, **cell.margins}
        borders_in_order = tuple(edges[side] for side in _EDGES)
        padding = tuple(mar.get(side, 0) for side in _SIDES)
        return self.c_classes.name(_cell_css(borders_in_order, padding, cell.valign, cell.fill))

    # -- headers and footers ---------------------------------------------
    def margin_box(self, part: str | None) -> tuple[str, str, bool]:
        """(CSS content value, extra declarations, uses NUMPAGES) of a header part."""
        root = self.pkg.cached_xml(part) if part else None
        if root is None:
            return "none", "", False
        declarations = ""
        uses_numpages = False
        lines: list[str] = []
        for p in root.iter(W_P):
            ppr, base_rpr, _mark = paragraph_props(p, self.styles, ParagraphContext())
            line: list[str] = []
            first_rpr: Props | None = None
            for event in inline_events(p, base_rpr, self.styles, counters=True):
                if isinstance(event, Text):
                    line.append(_css_string(visible_text(event.rpr, event.text)))
                    first_rpr = first_rpr or event.rpr
                elif isinstance(event, Tab):
                    line.append(_css_string(" "))
                elif isinstance(event, LineBreak):
                    line.append(_css_string("\n"))
                elif isinstance(event, PageField):
                    line.append("counter(pages)" if event.name == "NUMPAGES" else "counter(page)")
                    uses_numpages = uses_numpages or event.name == "NUMPAGES"
                    first_rpr = first_rpr or event.rpr
            if line:
                lines.append(" ".join(line))
                if not declarations and first_rpr is not None:
                    css = rpr_css(first_rpr)
                    self.families.add(pdf_family(first_rpr.get("font")))
                    css["text-align"] = ppr.get("jc", "left")
                    declarations = _css_text(css)
        if not lines:
            return "none", "", False
        pieces = [lines[0]]
        for text_line in lines[1:]:
            pieces.extend([_css_string("\n"), text_line])
        return " ".join(pieces), declarations, uses_numpages


@dataclass
class _TableMarks:
    """Where a table's body rows start in the writer's output list, and where they end."""

    rows: list[int] = field(default_factory=list)
    end: int = 0


#: A body-level table with more rows than this is cut into pieces for chunked layout.
LONG_TABLE_ROWS = 60


def _long_table_index(blocks: list[etree._Element]) -> int | None:
    """Index of the body-level table with the most rows, if it is long."""
    best, best_rows = None, LONG_TABLE_ROWS
    for index, block in enumerate(blocks):
        if block.tag == W_TBL:
            count = sum(1 for _ in _direct_rows(block))
            if count > best_rows:
                best, best_rows = index, count
    return best


@dataclass
class _Cell:
    el: etree._Element
    col: int
    span: int
    vmerge: str | None
    valign: str
    fill: str | None
    margins: dict[str, int]
    borders: dict[str, Border]
    rowspan: int = 1
    merged_away: bool = False


@dataclass
class _Row:
    cells: list[_Cell]
    header: bool
    cant_split: bool
    height: int
    before: int
    after: int


def table_props(tbl: etree._Element, styles: StyleSheet) -> tuple[Props, ParagraphContext]:
    """A table's resolved tblPr and what its paragraphs inherit from the table style."""
    direct = _parse_tblpr(tbl.find(W_TBLPR))
    style_tbl, style_ppr, style_rpr = styles.table_style(direct.get("style"))
    return _merge_tblpr(style_tbl, direct), ParagraphContext(style_ppr, style_rpr)


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's own ``w:tr`` elements (nested tables excluded)."""
    return _direct_rows(tbl)


def table_cells(tbl: etree._Element) -> Iterator[list[etree._Element]]:
    """Each row's ``w:tc`` elements, row by row (nested tables excluded)."""
    for tr in _direct_rows(tbl):
        yield tr.findall(W_TC)


def iter_blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables directly in a body or cell, through content controls."""
    return _iter_blocks(parent)


def _direct_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == W_TR:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from (tr for tr in content if tr.tag == W_TR)


def _table_rows(tbl: etree._Element) -> list[_Row]:
    rows: list[_Row] = []
    for tr in _direct_rows(tbl):
        trpr = tr.find(W_TRPR)
        header = cant_split = False
        height = before = after = 0
        if trpr is not None:
            for child in trpr:
                if child.tag == _w("tblHeader"):
                    header = _on(child)
                elif child.tag == _w("cantSplit"):
                    cant_split = _on(child)
                elif child.tag == _w("trHeight"):
                    height = _int(child.get(W_VAL))
                elif child.tag == _w("gridBefore"):
                    before = _int(child.get(W_VAL))
                elif child.tag == _w("gridAfter"):
                    after = _int(child.get(W_VAL))
        cells: list[_Cell] = []
        col = before
        for tc in tr.findall(W_TC):
            tcpr = tc.find(W_TCPR)
            span, vmerge, valign, fill = 1, None, "top", None
            margins: dict[str, int] = {}
            borders: dict[str, Border] = {}
            if tcpr is not None:
                for child in tcpr:
                    if child.tag == _w("gridSpan"):
                        span = max(_int(child.get(W_VAL), 1), 1)
                    elif child.tag == _w("vMerge"):
                        vmerge = child.get(W_VAL) or "continue"
                    elif child.tag == _w("vAlign"):
                        valign = {"center": "middle", "bottom": "bottom"}.get(
                            child.get(W_VAL, "top"), "top"
                        )
                    elif child.tag == _w("shd"):
                        fill = _color(child.get(_w("fill")))
                    elif child.tag == _w("tcMar"):
                        for m in child:
                            if isinstance(m.tag, str):
                                side = m.tag[len(W_NS) + 2 :]
                                margins[_SIDE_ALIASES.get(side, side)] = _int(m.get(_w("w")))
                    elif child.tag == _w("tcBorders"):
                        borders = _parse_borders(child)
            cells.append(_Cell(tc, col, span, vmerge, valign, fill, margins, borders))
            col += span
        rows.append(_Row(cells, header, cant_split, height, before, after))
    return rows


def _resolve_vmerge(rows: list[_Row]) -> None:
    """Turn vMerge restart/continue into rowspans; continued cells disappear."""
    open_cells: dict[int, _Cell] = {}
    for row in rows:
        for cell in row.cells:
            if cell.vmerge == "continue" and cell.col in open_cells:
                owner = open_cells[cell.col]
                owner.rowspan += 1
                cell.merged_away = True
            elif cell.vmerge == "restart":
                open_cells[cell.col] = cell
            else:
                open_cells.pop(cell.col, None)


def _neighbour(rows: list[_Row], r_index: int, col: int) -> _Cell | None:
    if not 0 <= r_index < len(rows):
        return None
    for cell in rows[r_index].cells:
        if cell.col <= col < cell.col + cell.span:
            return cell
    return None


def _neighbour_in_row(row: _Row, col: int) -> _Cell | None:
    for cell in row.cells:
        if cell.col <= col < cell.col + cell.span:
            return cell
    return None


def _edge(
    cell: _Cell, side: str, table_border: Border, other: _Cell | None, other_side: str
) -> Border:
    # A cell's own border wins over the neighbour's, which wins over the table's; the
    # same value ends up on both cells so that collapsing borders cannot disagree.
    if side in cell.borders:
        return cell.borders[side]
    if other is not None and other_side in other.borders:
        return other.borders[other_side]
    return table_border


# --------------------------------------------------------------------------- text helpers


def _escape_spaces(text: str) -> str:
    """HTML-escape, keeping Word's runs of spaces (HTML would collapse them)."""
    escaped = html_lib.escape(text, quote=True)
    if "  " not in escaped and not escaped.startswith(" "):
        return escaped
    chars = list(escaped)
    for index, char in enumerate(chars):
        if char == " " and (index == 0 or chars[index - 1] in (" ", "\u00a0")):
            chars[index] = "\u00a0"
    return "".join(chars)


def _merge_spans(items: list[str]) -> str:
    """Join inline pieces, wrapping neighbouring pieces of one class in one span."""
    out: list[str] = []
    current: str | None = None
    for item in items:
        if item.startswith("\x00"):
            cls, _, text = item[1:].partition("\x01")
        else:
            cls, text = None, item
        if cls != current:
            if current is not None:
                out.append("</span>")
            if cls is not None:
                out.append(f'<span class="{cls}">')
            current = cls
        out.append(text)
    if current is not None:
        out.append("</span>")
    return "".join(out)


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


# --------------------------------------------------------------------------- entry point


def docx_to_html(docx: bytes) -> HtmlDocument:
    """Convert a DOCX to one HTML document per Word section.

    Each :class:`HtmlSection` holds a complete HTML string with a ``<style>``
    (fonts, ``@page`` size, margins and header/footer margin boxes with page
    counters, the paragraph/run/cell classes) and the section's numbering facts.
    Pure and deterministic: the same bytes give the same strings.
    """
    pkg = DocxPackage(docx)
    assert pkg.document is not None
    body = pkg.document.find(_w("body"))
    if body is None:
        return HtmlDocument([])
    sections: list[HtmlSection] = []
    previous: _SectionProps | None = None
    for blocks, sect in split_sections(body):
        props = _parse_sectpr(sect, pkg.rels, previous)
        sections.append(_section_html(pkg, blocks, props))
        previous = props
    return HtmlDocument(sections)


def _section_html(
    pkg: DocxPackage, blocks: list[etree._Element], props: _SectionProps
) -> HtmlSection:
    writer = _Writer(pkg)
    body: list[str] = []
    long_index = _long_table_index(blocks)
    marks: _TableMarks | None = None
    if long_index is None:
        writer.paragraphs_html(blocks, ParagraphContext(), pkg.rels, body)
    else:
        # Written in three calls, which give the same HTML as one: the spacing
        # carried from a paragraph stops at a table anyway.
        marks = _TableMarks()
        writer.paragraphs_html(blocks[:long_index], ParagraphContext(), pkg.rels, body)
        table_start = len(body)
        writer.table_html(blocks[long_index], pkg.rels, body, marks)
        table_end = len(body)
        writer.paragraphs_html(blocks[long_index + 1 :], ParagraphContext(), pkg.rels, body)
    m = props.margins
    width_mm, height_mm = _mm_from_twips(props.width_tw), _mm_from_twips(props.height_tw)
    page_rules = [
        "@page {",
        f"  size: {_num(width_mm)}mm {_num(height_mm)}mm;",
        f"  margin: {_num(_mm_from_twips(m['top']))}mm {_num(_mm_from_twips(m['right']))}mm "
        f"{_num(_mm_from_twips(m['bottom']))}mm {_num(_mm_from_twips(m['left']))}mm;",
    ]
    uses_numpages = False
    first_rules: list[str] = []
    for kind, parts, box, align in (
        ("header", props.headers, "top-center", "top"),
        ("footer", props.footers, "bottom-center", "bottom"),
    ):
        distance = _pt(m[kind] / 20)
        padding = f"padding-{align}: {distance}; vertical-align: {align}"
        content, decl, numpages = writer.margin_box(parts.get("default"))
        uses_numpages |= numpages
        if content != "none":
            page_rules.append(
                f"  @{box} {{ content: {content}; width: 100%; "
                f"white-space: pre; {padding}; {decl} }}"
            )
        if props.title_page:
            content, decl, numpages = writer.margin_box(parts.get("first"))
            uses_numpages |= numpages
            rule = f"content: {content}; width: 100%; white-space: pre; {padding}; {decl}"
            first_rules.append(
                f"  @{box} {{ {rule} }}" if content != "none" else f"  @{box} {{ content: none; }}"
            )
    page_rules.append("}")
    if props.start is not None:
        # The page counter is not incremented on a page whose rule touches it.
        first_rules.append(f"  counter-reset: page {props.start};")
    writer.families.add(pdf_family(None))

    def head(first_page_rules: list[str]) -> str:
        style = "\n".join(
            [
                font_face_css(writer.families),
                _BASE_CSS.strip(),
                *page_rules,
                *first_page_rules,
                writer.p_classes.css("."),
                writer.r_classes.css("span."),
                writer.c_classes.css("td."),
            ]
        )
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<style>\n{style}\n</style></head><body>"
        )

    first = ["@page :first {", *first_rules, "}"] if first_rules else []
    document = head(first) + "\n" + "\n".join(body) + "\n</body></html>\n"
    long_table = None
    if marks is not None and len(marks.rows) > LONG_TABLE_ROWS:
        starts = [*marks.rows, marks.end]
        long_table = LongTable(
            head=head(first),
            continued_head=head([]),
            before="\n".join(body[:table_start]),
            table_open="\n".join(body[table_start : marks.rows[0]]),
            rows=tuple("\n".join(body[a:b]) for a, b in pairwise(starts)),
            table_close="\n".join(body[marks.end : table_end]),
            after="\n".join([*body[table_end:], "</body></html>\n"]),
        )
    return HtmlSection(
        html=document,
        page_width_mm=width_mm,
        page_height_mm=height_mm,
        page_number_start=props.start,
        title_page=props.title_page,
        uses_numpages=uses_numpages,
        long_table=long_table,
    )
