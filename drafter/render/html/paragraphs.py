"""Paragraphs and their inline content: CSS of a paragraph, spans of runs,
pictures, and a cell's lone paragraph folded into its ``<td>``."""

from __future__ import annotations

import base64
import html as html_lib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lxml import etree

from drafter.ooxml.inline import (
    Image,
    Inline,
    LineBreak,
    PageBreak,
    PageField,
    Tab,
    Text,
    inline_events,
)
from drafter.ooxml.ns import W_P
from drafter.ooxml.props import Props
from drafter.ooxml.styles import ParagraphContext
from drafter.render.fonts import pdf_family
from drafter.render.html.css import (
    FOLDABLE_CSS,
    border_css,
    css_text,
    font_size_pt,
    line_height,
    pt,
    rpr_css,
)

if TYPE_CHECKING:
    from drafter.render.html.writer import Writer

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


def paragraph_css(
    writer: Writer, ppr: Props, rpr: Props, top: int, bottom: int, page_break: bool
) -> dict[str, str]:
    """The CSS of a paragraph (or of its piece after a page break)."""
    size = font_size_pt(rpr)
    css = rpr_css(rpr)
    writer.families.add(pdf_family(rpr.get("font")))
    css["text-align"] = ppr.get("jc", "left")
    if ppr.get("ind_left"):
        css["margin-left"] = pt(ppr["ind_left"] / 20)
    if ppr.get("ind_right"):
        css["margin-right"] = pt(ppr["ind_right"] / 20)
    if ppr.get("ind_first"):
        css["text-indent"] = pt(ppr["ind_first"] / 20)
    if top:
        css["margin-top"] = pt(top / 20)
    if bottom:
        css["margin-bottom"] = pt(bottom / 20)
    css["line-height"] = line_height(ppr, size)
    if ppr.get("keepNext"):
        css["break-after"] = "avoid"
    if ppr.get("keepLines"):
        css["break-inside"] = "avoid"
    if page_break or ppr.get("pageBreakBefore"):
        css["break-before"] = "page"
    for side, border in sorted(ppr.get("borders", {}).items()):
        if side not in ("top", "bottom", "left", "right") or border is None:
            continue
        css[f"border-{side}"] = border_css(border)
        css[f"padding-{side}"] = pt(border[2])
    if ppr.get("shd"):
        css["background-color"] = ppr["shd"]
    return css


def paragraph_pieces(
    writer: Writer,
    p: etree._Element,
    ppr: Props,
    base_rpr: Props,
    mark_rpr: Props,
    top: int,
    bottom: int,
    rels: dict[str, str],
) -> list[tuple[dict[str, str], str]]:
    """(block CSS, inline HTML) of each piece of a paragraph between page breaks."""
    events = _joined(inline_events(p, base_rpr, writer.styles, counters=False))
    base_rpr = _line_rpr(events, base_rpr)
    base_css = rpr_css(base_rpr)
    segments: list[list[str]] = [[]]
    # a space is kept as a no-break space only where HTML would collapse it (at the
    # start of a line, after another space): elsewhere it stays a break opportunity
    after_space = True
    for event in events:
        if isinstance(event, PageBreak):
            segments.append([])
            after_space = True
        else:
            inline_html(writer, event, base_css, rels, segments[-1], after_space)
            if isinstance(event, Text):
                after_space = event.text[-1:] in (" ", "\u00a0") if event.text else after_space
            else:
                after_space = isinstance(event, LineBreak)
    pieces: list[tuple[dict[str, str], str]] = []
    for number, segment in enumerate(segments):
        if number == 0 and not segment and len(segments) > 1:
            continue  # nothing before the page break: no empty line there
        empty = not segment
        rpr = mark_rpr if empty else base_rpr
        seg_top = top if number == 0 else 0
        seg_bottom = bottom if number == len(segments) - 1 else 0
        css = paragraph_css(writer, ppr, rpr, seg_top, seg_bottom, page_break=number > 0)
        pieces.append((css, "<br>" if empty else _merge_spans(segment)))
    return pieces


def folded_cell_paragraph(
    writer: Writer, block: etree._Element, ctx: ParagraphContext, rels: dict[str, str]
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
    ppr, base_rpr, mark_rpr = writer.paragraph_props(block, ctx)
    pieces = paragraph_pieces(
        writer, block, ppr, base_rpr, mark_rpr, ppr.get("before", 0), ppr.get("after", 0), rels
    )
    if len(pieces) != 1 or not FOLDABLE_CSS.issuperset(pieces[0][0]):
        return None
    css, content = pieces[0]
    return writer.p_classes.name(css_text(css)), content


def inline_html(
    writer: Writer,
    event: Inline,
    base_css: dict[str, str],
    rels: dict[str, str],
    out: list[str],
    after_space: bool = True,
) -> None:
    """Append the HTML of one inline event to ``out`` (``after_space``: the
    event starts a line or follows a space)."""
    if isinstance(event, Text):
        text = _escape_spaces(event.text, after_space)
        out.append(span(writer, event.rpr, base_css, _keep_symbols_whole(text)))
    elif isinstance(event, Tab):
        out.append(span(writer, event.rpr, base_css, "\u2003"))
    elif isinstance(event, LineBreak):
        out.append("<br>")
    elif isinstance(event, Image):
        uri = _image_data_uri(writer, rels, event.rel_id)
        if uri:
            out.append(
                f'<img src="{uri}" style="width: {pt(event.width_pt)}; '
                f'height: {pt(event.height_pt)}" alt="">'
            )
    elif isinstance(event, PageField):
        pass  # only reached in headers, which are written as margin boxes


def span(writer: Writer, rpr: Props, base_css: dict[str, str], escaped: str) -> str:
    """A run's text, marked with the class of its CSS that differs from the
    paragraph's (see :func:`_merge_spans`), or bare when nothing differs."""
    css = rpr_css(rpr)
    diff = {k: v for k, v in css.items() if base_css.get(k) != v}
    if not diff:
        return escaped
    writer.families.add(pdf_family(rpr.get("font")))
    return f"\x00{writer.r_classes.name(css_text(diff))}\x01{escaped}"


def _image_data_uri(writer: Writer, rels: dict[str, str], rel_id: str) -> str | None:
    image = writer.doc.image(rels, rel_id)
    if image is None:
        return None
    name, data = image
    mime = _IMAGE_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


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
        if best is None or font_size_pt(rpr) < font_size_pt(best):
            best = rpr
    return style_rpr if best is None else best


def _joined(events: Iterable[Inline]) -> list[Inline]:
    """The events with neighbouring texts of the same run properties joined (a run
    split by Word, a non-breaking hyphen between two texts), so that a word is
    seen whole."""
    out: list[Inline] = []
    for event in events:
        last = out[-1] if out else None
        if isinstance(event, Text) and isinstance(last, Text) and last.rpr == event.rpr:
            out[-1] = Text(last.text + event.text, last.rpr)
        else:
            out.append(event)
    return out


def _escape_spaces(text: str, after_space: bool = True) -> str:
    """HTML-escape, keeping Word's runs of spaces (HTML would collapse them):
    a space that starts the text (``after_space``: at a line's start or after
    a space) or follows a space becomes a no-break space; any other stays an
    ordinary, breakable space."""
    escaped = html_lib.escape(text, quote=True)
    if "  " not in escaped and not (after_space and escaped.startswith(" ")):
        return escaped
    chars = list(escaped)
    for index, char in enumerate(chars):
        if char != " ":
            continue
        if (index == 0 and after_space) or (index and chars[index - 1] in (" ", "\u00a0")):
            chars[index] = "\u00a0"
    return "".join(chars)


#: A "/" between letters or digits ("104/TB", "b/c", "24/05"): Word and
#: LibreOffice break no line after it, the PDF's line breaker would.
_JOINED_SLASH = re.compile(r"(?<=[^\W_])/(?=[^\W_])")
#: A word joiner: no line break on either side, drawn as nothing (WeasyPrint
#: leaves it out of the PDF's text too).  A ``nowrap`` span would do the same,
#: but WeasyPrint then mislays lines where a no-break space meets the span.
_WORD_JOINER = "\u2060"


def _keep_symbols_whole(escaped: str) -> str:
    """``escaped`` text with a word joiner after each "/" between letters and
    after each non-breaking hyphen (U+2011), which is drawn as "-" (the PDF's
    font has no U+2011 glyph): "104/TB-UBDT" is never broken."""
    if "/" not in escaped and "\u2011" not in escaped:
        return escaped
    joined = _JOINED_SLASH.sub("/" + _WORD_JOINER, escaped)
    return joined.replace("\u2011", "-" + _WORD_JOINER)


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
