"""Characters the PDF's fonts cannot draw, found in the content before rendering.

The DOCX holds any character; the PDF draws text with the embedded fonts
(:mod:`drafter.render.fonts`), and a character none of their faces has
(an emoji, a script they lack) would become an empty box while the Word file
is right.  :func:`undrawable_problems` reads each content file's values again
(with their places) and names every value holding such a character, by file,
line, column and field.  fontTools comes with WeasyPrint; it is imported only
here, when ``drafter check`` or a build that makes PDFs asks.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from drafter.content.load import PathKey, format_path
from drafter.errors import Problem
from drafter.render.fonts import DEFAULT_FAMILY, font_faces

#: Characters that are not drawn: controls (line breaks, tabs) and format marks
#: (joiners, variation selectors are marks and follow their base character).
_NOT_DRAWN = ("Cc", "Cf", "Zl", "Zp")
#: How many undrawable characters a message lists before "…".
_SHOWN = 5
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def drawable(family: str = DEFAULT_FAMILY) -> frozenset[int]:
    """Code points every face (regular, bold, italic, bold italic) of ``family`` maps
    to a glyph: what the PDF can draw in any style."""
    from fontTools.ttLib import TTFont

    covered: frozenset[int] | None = None
    for face in font_faces({family}):
        with TTFont(str(face.path), lazy=True) as font:
            cmap = frozenset(font.getBestCmap() or {})
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


def undrawable(text: str, covered: frozenset[int]) -> list[str]:
    """The distinct characters of ``text`` the font cannot draw, in order."""
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) in covered or unicodedata.category(char) in _NOT_DRAWN:
            continue
        if unicodedata.category(char) == "Mn" and ord(char) >= 0xFE00:
            continue  # variation selectors: drawn, or not, with their base character
        seen.setdefault(char)
    return list(seen)


def _describe(chars: list[str]) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:_SHOWN])
    return shown + (", …" if len(chars) > _SHOWN else "")


def _scalars(node: yaml.Node, path: PathKey) -> Iterator[tuple[PathKey, yaml.ScalarNode]]:
    """Every scalar value of a composed file with its path (each node once:
    an alias is reported where its anchor is written)."""
    seen: set[int] = set()
    stack: list[tuple[PathKey, yaml.Node]] = [(path, node)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            yield path, node
        elif isinstance(node, yaml.SequenceNode):
            stack += [((*path, i), item) for i, item in reversed(list(enumerate(node.value)))]
        elif isinstance(node, yaml.MappingNode):
            stack += [
                ((*path, str(key.value)), value)
                for key, value in reversed(node.value)
                if isinstance(key, yaml.ScalarNode)
            ]


def file_problems(path: Path, label: str, covered: frozenset[int]) -> list[Problem]:
    """One problem per value of the YAML file at ``path`` holding a character
    outside ``covered`` (a file that does not parse has been reported already)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return []
    if root is None:
        return []
    problems = []
    for where, node in _scalars(root, ()):
        chars = undrawable(unicodedata.normalize("NFC", str(node.value)), covered)
        if chars:
            problems.append(
                Problem(
                    label,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    format_path(where),
                    f"{_describe(chars)} cannot be drawn by the PDF's font "
                    f"({DEFAULT_FAMILY}): it would show as an empty box; "
                    "remove it or write it out in words",
                )
            )
    return problems


def undrawable_problems(files: Iterable[tuple[Path, str]]) -> list[Problem]:
    """Every value of the given YAML files (path, label) the PDF cannot draw."""
    covered = drawable()
    problems: list[Problem] = []
    for path, label in files:
        problems += file_problems(path, label, covered)
    return problems


def project_problems(root: Path, inputs: Iterable[Path]) -> list[Problem]:
    """:func:`undrawable_problems` over a project's YAML inputs, labelled as the
    loader labels them (relative to the folder holding the project)."""
    base = root.resolve().parent

    def label(path: Path) -> str:
        try:
            return path.resolve().relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    yaml_files = [p for p in dict.fromkeys(inputs) if p.suffix in (".yaml", ".yml")]
    return undrawable_problems((p, label(p)) for p in yaml_files)
