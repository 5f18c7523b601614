"""Text parity between a DOCX and the PDF made from it (a test helper).

It lives under ``tests/`` because only the tests use it: it needs pypdf, a
development dependency, and reads the DOCX through :mod:`drafter.ooxml` like
the renderer does, so it checks the PDF against the same model of the text.

The PDF must say exactly what the Word file says: the same words in the same
order.  Both sides are reduced to NFC words; whitespace differences (a line
break in the PDF, a space lost between table cells) do not count, any other
difference is reported once, at the first place it occurs, with context.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from typing import Any

from lxml import etree

from drafter.errors import Problem
from drafter.ooxml.blocks import iter_blocks
from drafter.ooxml.document import WordDocument
from drafter.ooxml.inline import paragraph_text
from drafter.ooxml.ns import W_P, W_TBL
from drafter.ooxml.styles import ParagraphContext, StyleSheet, table_props
from drafter.ooxml.tables import is_header_row, table_cells, table_rows

#: A line made only of these is a page number in a margin box ("2", "- 2 -", "2/5").
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:[-–]\s*)?\d{1,5}(?:\s*[-–]|\s*/\s*\d{1,5})?\s*$")
_CONTEXT_WORDS = 4


def _block_texts(
    parent: etree._Element,
    styles: StyleSheet,
    ctx: ParagraphContext,
    out: list[str],
    headers: list[list[str]],
) -> None:
    for block in iter_blocks(parent):
        if block.tag == W_P:
            out.append(paragraph_text(block, styles, ctx))
        elif block.tag == W_TBL:
            _tblpr, table_ctx = table_props(block, styles)
            header: list[str] = []
            in_header = True
            for row, cells in zip(table_rows(block), table_cells(block), strict=True):
                in_header = in_header and is_header_row(row)
                row_texts: list[str] = []
                for cell in cells:
                    _block_texts(cell, styles, table_ctx, row_texts, headers)
                out.append(_ROW_START)
                out.extend(row_texts)
                out.append(_ROW_END)
                if in_header:
                    header.extend(word for text in row_texts for word in _words(text))
            if header:
                headers.append(header)


_ROW_START = "\x00row-start"
_ROW_END = "\x00row-end"


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def _docx_segments(docx: bytes) -> tuple[list[tuple[bool, list[str]]], list[list[str]]]:
    """The body's words as segments: (is_table_row, words), plus repeated headers.

    A table row is one segment: in the PDF its cells stand side by side, so
    their lines interleave (and a row split across pages continues after the
    repeated header); the row is compared as a whole, not word by word.
    """
    texts: list[str] = []
    headers: list[list[str]] = []
    with WordDocument(docx, "trusted") as doc:
        body = doc.body
        if body is not None:
            _block_texts(body, doc.styles, ParagraphContext(), texts, headers)
    segments: list[tuple[bool, list[str]]] = [(False, [])]
    depth = 0
    for text in texts:
        if text == _ROW_START:
            depth += 1
            if depth == 1:
                segments.append((True, []))
            continue
        if text == _ROW_END:
            depth -= 1
            if depth == 0:
                segments.append((False, []))
            continue
        segments[-1][1].extend(_words(text))
    return [seg for seg in segments if seg[1]], headers


def _docx_text(docx: bytes) -> tuple[list[str], list[list[str]]]:
    segments, headers = _docx_segments(docx)
    return [word for _row, words in segments for word in words], headers


def docx_words(docx: bytes) -> list[str]:
    """The visible words of the body (paragraphs, then table cells row by row), NFC.

    Headers and footers are left out; hidden text and field instructions too;
    runs in ``w:caps`` count in capitals, as they are shown.
    """
    return _docx_text(docx)[0]


def _page_lines(page: Any) -> list[tuple[float, str]]:
    """(baseline y, text) of each line of a page, in drawing order.

    WeasyPrint draws a table cell by cell, so lines are kept in drawing order
    (a new line whenever the baseline moves) rather than merged by height:
    merging would interleave the lines of side-by-side cells.
    """
    lines: list[tuple[float, list[str]]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: Any) -> None:
        if not text.strip():
            if text and lines:
                lines[-1][1].append(text)
            return
        x, y = tm[4], tm[5]
        page_y = round(cm[1] * x + cm[3] * y + cm[5], 0)
        if lines and lines[-1][0] == page_y:
            lines[-1][1].append(text)
        else:
            lines.append((page_y, [text]))

    page.extract_text(visitor_text=visit)
    return [(y, "".join(parts)) for y, parts in lines]


def _drop_margin_lines(lines: list[tuple[float, str]]) -> list[tuple[float, str]]:
    # Margin boxes are drawn after the page body: a trailing page-number line lying
    # above every other line (header) or below every other line (footer) is dropped.
    lines = list(lines)
    dropped: set[str] = set()
    for _ in range(2):
        if len(lines) < 2:
            break
        y, text = lines[-1]
        others = [other_y for other_y, _t in lines[:-1]]
        side = "top" if y > max(others) else "bottom" if y < min(others) else ""
        if side and side not in dropped and _PAGE_NUMBER_LINE.match(text):
            dropped.add(side)
            lines.pop()
        else:
            break
    if len(lines) == 1 and _PAGE_NUMBER_LINE.match(lines[0][1]):
        return []  # a page showing only its number
    return lines


def pdf_words(pdf: bytes) -> list[str]:
    """The words of a PDF's pages in order (NFC), without page-number margin boxes."""
    from pypdf import PdfReader

    words: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for _y, text in _drop_margin_lines(_page_lines(page)):
            words.extend(_words(text))
    return words


def _skip_repeats(actual: list[str], j: int, repeats: list[list[str]]) -> int:
    while True:
        repeat = next((r for r in repeats if actual[j : j + len(r)] == r), None)
        if repeat is None:
            return j
        j += len(repeat)


def _sequence(
    expected: list[str], actual: list[str], j: int, repeats: list[list[str]]
) -> tuple[int | None, int]:
    """Match ``expected`` in order from ``actual[j]``: (index of the first
    difference or None, the position in ``actual`` after the match).

    Words may be split or joined differently on the two sides (a line break in a
    narrow cell); table header rows repeated on later PDF pages are skipped.
    """
    i = 0
    while i < len(expected):
        if j < len(actual) and expected[i] == actual[j]:
            i, j = i + 1, j + 1
            continue
        skipped = _skip_repeats(actual, j, repeats)
        if skipped != j:
            j = skipped
            continue
        if j >= len(actual):
            return i, j
        e, a, ni, nj = expected[i], actual[j], i + 1, j + 1
        while e != a and (e.startswith(a) or a.startswith(e)):
            if len(e) < len(a):
                if ni >= len(expected):
                    break
                e, ni = e + expected[ni], ni + 1
            else:
                if nj >= len(actual):
                    break
                a, nj = a + actual[nj], nj + 1
        if e != a:
            return i, j
        i, j = ni, nj
    return None, j


def _row(
    expected: list[str], actual: list[str], j: int, repeats: list[list[str]]
) -> tuple[int | None, int]:
    """Match a table row: the PDF words from ``actual[j]`` must hold exactly the
    row's characters (cells interleave line by line, words may break)."""
    need = Counter("".join(expected))
    # a page break may repeat the header before or inside this row (unless
    # this row is that header's first showing)
    others = [r for r in repeats if r != expected]
    while sum(need.values()) > 0:
        j = _skip_repeats(actual, j, others)
        if j >= len(actual):
            return 0, j
        have = Counter(actual[j])
        if have - need:
            skipped = _skip_repeats(actual, j, repeats)
            if skipped == j:
                return 0, j
            j = skipped
            continue
        need -= have
        j += 1
    return None, j


def _first_difference(
    segments: list[tuple[bool, list[str]]], actual: list[str], repeats: list[list[str]]
) -> tuple[int, int] | None:
    """Word indices (DOCX, PDF) of the first difference, or None when equal."""
    j = base = 0
    for is_row, words in segments:
        match = _row if is_row else _sequence
        difference, j = match(words, actual, j, repeats)
        if difference is not None:
            return base + difference, j
        base += len(words)
    j = _skip_repeats(actual, j, repeats)
    return None if j == len(actual) else (base, j)


def _context(words: list[str], index: int) -> str:
    start = max(index - _CONTEXT_WORDS, 0)
    before = " ".join(words[start:index])
    at = words[index] if index < len(words) else "<end>"
    after = " ".join(words[index + 1 : index + 1 + _CONTEXT_WORDS])
    return " ".join(part for part in (("…" if start else "") + before, f"[{at}]", after) if part)


def parity_problems(docx: bytes, pdf: bytes, label: str) -> list[Problem]:
    """[] when the PDF shows the DOCX body's words in order; else one Problem at the
    first difference, quoting a few words around it on both sides."""
    segments, repeats = _docx_segments(docx)
    expected = [word for _row, words in segments for word in words]
    actual = pdf_words(pdf)
    difference = _first_difference(segments, actual, repeats)
    if difference is None:
        return []
    e_index, a_index = difference
    return [
        Problem(
            file=label,
            path=f"word {e_index + 1}",
            message=(
                f"PDF text differs from the DOCX: DOCX has {_context(expected, e_index)}; "
                f"PDF has {_context(actual, a_index)}"
            ),
        )
    ]
