"""The paragraph/run/field event stream: what a paragraph shows, in order.

:func:`inline_events` walks a paragraph through hyperlinks, insertions, smart
tags and content controls, follows Word's complex fields across runs (begin,
instruction, separate, result, end) and yields each visible piece with its
run's resolved properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from drafter.ooxml.ns import (
    A_BLIP,
    R_EMBED,
    W_BR,
    W_CR,
    W_CUSTOMXML,
    W_DRAWING,
    W_FLDCHAR,
    W_FLDSIMPLE,
    W_HYPERLINK,
    W_INS,
    W_INSTRTEXT,
    W_NOBREAKHYPHEN,
    W_R,
    W_RPR,
    W_SDT,
    W_SDTCONTENT,
    W_SMARTTAG,
    W_SYM,
    W_T,
    W_TAB,
    WP_EXTENT,
    WP_INLINE,
    w,
)
from drafter.ooxml.props import Props, parse_rpr, to_int
from drafter.ooxml.styles import ParagraphContext, StyleSheet, paragraph_props


@dataclass(frozen=True)
class Text:
    """Visible text of one run, with the run's resolved rPr."""

    text: str
    rpr: Props


@dataclass(frozen=True)
class Tab:
    """A tab (``w:tab``)."""

    rpr: Props


@dataclass(frozen=True)
class LineBreak:
    """A line break (``w:br``, ``w:cr``)."""


@dataclass(frozen=True)
class PageBreak:
    """A page break (``w:br w:type="page"``)."""


@dataclass(frozen=True)
class Image:
    """An inline picture: its relationship id and size in points."""

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
            name = _field_name(child.get(w("instr"), ""))
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
            kind = child.get(w("fldCharType"))
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
            yield PageBreak() if child.get(w("type")) == "page" else LineBreak()
        elif tag == W_CR:
            yield LineBreak()
        elif tag == W_NOBREAKHYPHEN:
            yield Text("\u2011", rpr)
        elif tag == W_SYM:
            code = child.get(w("char"), "")
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
                to_int(extent.get("cx")) / 12700,
                to_int(extent.get("cy")) / 12700,
            )


def visible_text(rpr: Props, text: str) -> str:
    """Text as a reader sees it (``w:caps`` shows capitals; a non-breaking
    hyphen is a hyphen)."""
    text = text.replace("\u2011", "-")
    return text.upper() if rpr.get("caps") else text


def paragraph_text(p: etree._Element, styles: StyleSheet, ctx: ParagraphContext) -> str:
    """The words a reader sees in paragraph ``p``: its visible text, a tab or a
    line or page break read as a space."""
    _ppr, base_rpr, _mark = paragraph_props(p, styles, ctx)
    pieces: list[str] = []
    for event in inline_events(p, base_rpr, styles, counters=False):
        if isinstance(event, Text):
            pieces.append(visible_text(event.rpr, event.text))
        elif isinstance(event, Tab | LineBreak | PageBreak):
            pieces.append(" ")
    return "".join(pieces)
