"""No line break inside a number and symbol ("104/TB-UBDT") or "(để b/c)".

Word and LibreOffice break a line after a hyphen, so "Số: 12/QĐ-" could end
a line with "UBDT" on the next.  After the merge, each hyphen inside a number
and symbol (a token holding a "/" whose parts are joined by "-") becomes a
non-breaking hyphen (``w:noBreakHyphen``), and the space of "(để b/c)" a
no-break space.  Neither Word nor LibreOffice breaks after the "/" of such a
token (checked with LibreOffice); the PDF's converter keeps the whole token on
one line (:mod:`drafter.render.html.paragraphs`).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from drafter.ooxml.ns import W_NOBREAKHYPHEN, W_R, W_T

#: A number and symbol: "104/TB-UBDT", "47/2020/NĐ-CP", "/QĐ-UBDT" (a draft's
#: blank number), "123/UBDT-TTCĐS": a "/" part and at least one "-" part.
SYMBOL = re.compile(r"(?<![^\W_])(?:[^\W_]+)?(?:/[^\W_]+)+(?:-[^\W_]+)+")
#: Short notes kept on one line: "(để b/c)", "(để t/h)".
NOTE = re.compile(r"\((để) ([^\W_]{1,3}/[^\W_]{1,3})\)")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def keep_whole(text: str) -> list[str]:
    """``text`` with its notes' spaces made no-break, cut at each hyphen that
    joins the parts of a number and symbol (the pieces, in order)."""
    text = NOTE.sub("(\\1\u00a0\\2)", text)
    cuts = [
        match.start() + offset
        for match in SYMBOL.finditer(text)
        for offset, char in enumerate(match.group())
        if char == "-"
    ]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def keep_symbols_whole(root: Any) -> None:
    """Rewrite the ``w:t`` of the merged body ``root`` as :func:`keep_whole` says:
    each cut becomes a ``w:noBreakHyphen`` between two ``w:t`` of the same run."""
    for t in list(root.iter(W_T)):
        if not t.text or t.getparent() is None or t.getparent().tag != W_R:
            continue
        pieces = keep_whole(t.text)
        if len(pieces) == 1:
            if pieces[0] != t.text:
                t.text = pieces[0]
            continue
        t.text = pieces[0]
        t.set(_XML_SPACE, "preserve")
        anchor = t
        for piece in pieces[1:]:
            hyphen = etree.Element(W_NOBREAKHYPHEN)
            anchor.addnext(hyphen)
            anchor = hyphen
            if piece:
                more = etree.Element(W_T)
                more.set(_XML_SPACE, "preserve")
                more.text = piece
                anchor.addnext(more)
                anchor = more
