"""How wide a line of text is set, from the PDF font's own metrics.

Liberation Serif is metric-compatible with Times New Roman (the font the DOCX
names): each glyph has the same advance width, so a width measured here is
the width Word, LibreOffice and our PDF give the text.  Word applies no
kerning by default, so the width is the sum of the advances.  fontTools comes
with WeasyPrint; it is imported here, in the render stage, only.
"""

from __future__ import annotations

import functools

from drafter.render.fonts import DEFAULT_FAMILY, font_faces


@functools.cache
def _advances(bold: bool, italic: bool) -> tuple[dict[int, int], int, int]:
    """(code point → advance in font units, units per em, the advance of a
    character the face lacks) of one face of the default family."""
    from fontTools.ttLib import TTFont

    weight, style = ("bold" if bold else "normal"), ("italic" if italic else "normal")
    face = next(f for f in font_faces({DEFAULT_FAMILY}) if (f.weight, f.style) == (weight, style))
    with TTFont(str(face.path), lazy=True) as font:
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        advances = {code: metrics[glyph][0] for code, glyph in cmap.items()}
        return advances, int(font["head"].unitsPerEm), int(metrics[".notdef"][0])


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width in points of ``text`` set on one line at ``size_pt``."""
    advances, per_em, missing = _advances(bold, italic)
    units = sum(advances.get(ord(char), missing) for char in text)
    return units * size_pt / per_em


def longest_line_pt(
    text: str, size_pt: float, width_pt: float, *, bold: bool = False, italic: bool = False
) -> float:
    """The width of the longest line ``text`` makes when broken at its spaces
    into lines of at most ``width_pt`` (a word longer than a line is a line;
    a no-break space joins two words into one)."""
    space = text_width_pt(" ", size_pt, bold=bold, italic=italic)
    longest = line = 0.0
    for word in text.split(" "):
        if not word:
            continue
        word_pt = text_width_pt(word, size_pt, bold=bold, italic=italic)
        if line and line + space + word_pt > width_pt:
            longest, line = max(longest, line), word_pt
        else:
            line = line + space + word_pt if line else word_pt
    return max(longest, line)
