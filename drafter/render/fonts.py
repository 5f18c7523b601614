"""Which font files the PDF uses in place of the fonts a Word file names.

The DOCX names Microsoft fonts (Times New Roman); the PDF embeds their
metric-compatible Liberation equivalents so that line breaks match Word and
Vietnamese text is fully covered.  The mapping is data: one edit changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError, Problem

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
INSTALL_HINT = "apt-get install fonts-liberation2"

#: Word font name (lower case) -> the family embedded in the PDF.
FONT_SUBSTITUTES: dict[str, str] = {
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "courier new": "Liberation Mono",
    "courier": "Liberation Mono",
    "liberation serif": "Liberation Serif",
    "liberation sans": "Liberation Sans",
    "liberation mono": "Liberation Mono",
}

#: Used where a document names no font or one we do not know.
DEFAULT_FAMILY = "Liberation Serif"

#: PDF family -> file name stem in FONT_DIR.
FAMILY_FILES: dict[str, str] = {
    "Liberation Serif": "LiberationSerif",
    "Liberation Sans": "LiberationSans",
    "Liberation Mono": "LiberationMono",
}

#: (CSS font-weight, CSS font-style, file suffix)
_FACES: tuple[tuple[str, str, str], ...] = (
    ("normal", "normal", "Regular"),
    ("bold", "normal", "Bold"),
    ("normal", "italic", "Italic"),
    ("bold", "italic", "BoldItalic"),
)


class FontsMissingError(DrafterError):
    """The Liberation font files are not installed: the PDF cannot match Word.

    Exit code 2, as every failed build (the scheduled jobs alert on it)."""


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: str
    style: str
    path: Path


def pdf_family(word_font: str | None) -> str:
    """The family the PDF uses for a font named in the DOCX (None: the default)."""
    if not word_font:
        return DEFAULT_FAMILY
    return FONT_SUBSTITUTES.get(word_font.strip().lower(), DEFAULT_FAMILY)


def css_font_family(word_font: str | None) -> str:
    """A CSS ``font-family`` value for a DOCX font name."""
    return f'"{pdf_family(word_font)}"'


def font_faces(families: set[str] | None = None) -> list[FontFace]:
    """The font files of the given PDF families (all known families if None)."""
    wanted = sorted(FAMILY_FILES if families is None else families & FAMILY_FILES.keys())
    return [
        FontFace(family, weight, style, FONT_DIR / f"{FAMILY_FILES[family]}-{suffix}.ttf")
        for family in wanted
        for weight, style, suffix in _FACES
    ]


def font_face_css(families: set[str] | None = None) -> str:
    """``@font-face`` rules pointing at the Liberation files by file URL."""
    rules = []
    for face in font_faces(families):
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
        )
    return "\n".join(rules)


def missing_fonts(families: set[str] | None = None) -> list[Problem]:
    """One Problem per font file that is not installed (empty when all are there)."""
    return [
        Problem(
            file=str(face.path),
            message=(
                f"font file for {face.family} ({face.weight} {face.style}) is missing; "
                f"the PDF needs it to match Word's line breaks: {INSTALL_HINT}"
            ),
        )
        for face in font_faces(families)
        if not face.path.is_file()
    ]


def ensure_fonts(families: set[str] | None = None) -> None:
    """Raise :class:`FontsMissingError` (with the install hint) if a file is missing."""
    problems = missing_fonts(families)
    if problems:
        raise FontsMissingError(problems)
