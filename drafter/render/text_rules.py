"""The solid rules under the header block's lines, sized from their text.

Decree 30 draws a rule under the issuing agency's name, under the summary
line and under an appendix's heading, "from a third to a half of the line's
length", and one under the national motto "as long as the line".  The text
is content (an agency's name, a title), so a template cannot fix the length:
after the merge, each rule (an empty paragraph with only a top border) that
follows a paragraph of text is set, by its indents, to
:data:`~drafter.decree30.RULE_SHARE_DRAWN` of that paragraph's longest line
(the whole line under the motto), centred where it stands; when that paragraph
takes more than one line (a long title), its last two words are joined by a
no-break space, so that its last line never holds one word alone.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from drafter import decree30 as d30
from drafter.ooxml.ns import W_P, W_PPR, W_R, W_RPR, W_SECTPR, W_T, W_TBL, W_TBLPR, W_TC, w
from drafter.ooxml.order import get_or_add
from drafter.render.measure import longest_line_pt, text_width_pt

#: Word's left and right cell margins when a table sets none (twips).
_DEFAULT_CELL_MARGIN = 108
_TWIPS_PER_PT = 20


def _on(rpr: etree._Element | None, name: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(w(name))
    return el is not None and el.get(w("val"), "true") not in ("false", "0", "off")


def _int(el: etree._Element | None, attr: str, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(float(el.get(w(attr), default)))
    except ValueError:
        return default


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W_T))


def is_rule(p: etree._Element) -> bool:
    """An empty paragraph bordered on top only: a drawn rule."""
    borders = p.find(f"{W_PPR}/{w('pBdr')}")
    if borders is None or _text(p).strip():
        return False
    sides = {
        local
        for el in borders
        if (local := etree.QName(el).localname) and el.get(w("val")) not in (None, "nil", "none")
    }
    return sides == {"top"}


def _font(p: etree._Element) -> tuple[float, bool, bool]:
    """(size in pt, bold, italic) of a paragraph's first run that sets text."""
    for run in p.iter(W_R):
        if not _text(run).strip():
            continue
        rpr = run.find(W_RPR)
        if rpr is None:
            rpr = p.find(f"{W_PPR}/{W_RPR}")
        size = _int(rpr.find(w("sz")) if rpr is not None else None, "val", 0)
        return (size / 2 or d30.BODY_SIZE), _on(rpr, "b"), _on(rpr, "i")
    return d30.BODY_SIZE, False, False


def _indents(p: etree._Element) -> tuple[int, int]:
    ind = p.find(f"{W_PPR}/{w('ind')}")
    left = _int(ind, "left", _int(ind, "start"))
    right = _int(ind, "right", _int(ind, "end"))
    return left, right


def _section_width(p: etree._Element) -> int | None:
    """The text width (twips) of the section holding a body paragraph."""
    body = p
    while (parent := body.getparent()) is not None and parent.tag != w("body"):
        body = parent
    sect = None
    for block in [body, *body.itersiblings()]:
        found = block.find(f"{W_PPR}/{W_SECTPR}") if block.tag == W_P else None
        if found is None and block.tag == W_SECTPR:
            found = block
        if found is not None:
            sect = found
            break
    if sect is None:
        return None
    margins = sect.find(w("pgMar"))
    return _int(sect.find(w("pgSz")), "w") - _int(margins, "left") - _int(margins, "right")


def cell_text_width(cell: etree._Element) -> int | None:
    """The text width (twips) of a table cell: its width less its margins."""
    width = cell.find(f"{w('tcPr')}/{w('tcW')}")
    if width is None or width.get(w("type"), "dxa") != "dxa":
        return None
    table = next((a for a in cell.iterancestors(W_TBL)), None)
    margins = None if table is None else table.find(f"{W_TBLPR}/{w('tblCellMar')}")

    def side(*names: str) -> int:
        for name in names:
            el = None if margins is None else margins.find(w(name))
            if el is not None:
                return _int(el, "w")
        return _DEFAULT_CELL_MARGIN

    return _int(width, "w") - side("left", "start") - side("right", "end")


def _available(p: etree._Element) -> int | None:
    cell = next(iter(p.iterancestors(W_TC)), None)
    return cell_text_width(cell) if cell is not None else _section_width(p)


def bind_last_words(p: etree._Element) -> None:
    """Join the last two words of paragraph ``p`` with a no-break space, so that
    its last line never holds one word alone (a title's "… Dân / tộc")."""
    for t in reversed(list(p.iter(W_T))):
        text = t.text or ""
        if " " in text.rstrip(" "):
            cut = text.rstrip(" ").rindex(" ")
            t.text = text[:cut] + "\u00a0" + text[cut + 1 :]
            return
        if text.strip():
            return  # the last word ends a run that holds no space: leave it


def rule_length_pt(text: str, size: float, bold: bool, italic: bool, width_pt: float) -> float:
    """How long the rule under ``text`` is drawn (pt): as long as the motto,
    :data:`~drafter.decree30.RULE_SHARE_DRAWN` of any other line."""
    longest = longest_line_pt(text, size, width_pt, bold=bold, italic=italic)
    share = 1.0 if " ".join(text.split()) == d30.MOTTO else d30.RULE_SHARE_DRAWN
    return longest * share


def fit_rules(root: Any) -> None:
    """Size every rule of the merged document body ``root`` from the text above it."""
    for p in list(root.iter(W_P)):
        if not is_rule(p):
            continue
        above = p.getprevious()
        if above is None or above.tag != W_P or not _text(above).strip():
            continue
        available = _available(p)
        if not available or available <= 0:
            continue
        left, right = _indents(above)
        size, bold, italic = _font(above)
        text_width = (available - left - right) / _TWIPS_PER_PT
        if text_width_pt(_text(above), size, bold=bold, italic=italic) > text_width:
            bind_last_words(above)  # a title of several lines: never one word on the last
        length = rule_length_pt(_text(above), size, bold, italic, text_width)
        # centred under the text: the text's own indents shift its centre
        centre = (available + left - right) / 2
        half = length * _TWIPS_PER_PT / 2
        ind = get_or_add(p.find(W_PPR), w("ind"))
        for name in ("start", "end", "firstLine", "hanging"):
            if w(name) in ind.attrib:
                del ind.attrib[w(name)]
        ind.set(w("left"), str(max(0, round(centre - half))))
        ind.set(w("right"), str(max(0, round(available - centre - half))))
