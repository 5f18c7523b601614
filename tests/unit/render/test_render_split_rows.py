"""A table row split across pages is closed at the page foot (and, without
repeated header rows, at the next page's head), as Word and LibreOffice draw it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from render_docx_helpers import add_header_table, new_document, to_bytes

from drafter.render.pdf import render_pdf

DARK = 160  # greyscale below this is ink (thin rules are anti-aliased)


def _split_row_docx(with_header: bool) -> bytes:
    """A three-column "Table Grid" table whose second row is too tall for the page."""
    document = new_document()
    if with_header:
        table = add_header_table(document, ("STT", "Tên", "Ghi chú"))
    else:
        table = document.add_table(rows=0, cols=3)
        table.style = "Table Grid"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "1", "Dòng đầu", "ngắn"
    cells = table.add_row().cells
    cells[0].text, cells[1].text = "2", "Dòng dài"
    cells[2].text = "Nội dung dòng 1"
    for line in range(2, 60):
        cells[2].add_paragraph(f"Nội dung dòng {line}")
    return to_bytes(document)


def _pages(pdf: bytes, tmp_path: Path) -> list[Image.Image]:
    source = tmp_path / "split.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(source), str(tmp_path / "p")], check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("p-*.pgm"))]


def _ruled_rows(image: Image.Image) -> list[int]:
    """The pixel rows inked across more than half the page: the table's horizontal rules."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    return [
        y for y in range(height) if sum(1 for x in range(width) if pixels[x, y] < DARK) > width // 2
    ]


def _left_rule_extent(image: Image.Image, at_y: int) -> tuple[int, int]:
    """(top, bottom) of the vertical rule at the table's left edge (found on row ``at_y``)."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    left = next(x for x in range(width) if pixels[x, at_y] < DARK)
    inked = [y for y in range(height) if min(pixels[x, y] for x in (left, left + 1)) < DARK]
    return inked[0], inked[-1]


@pytest.mark.parametrize("with_header", [True, False], ids=["repeated header", "no header"])
def test_a_split_row_is_closed_at_the_page_foot(with_header: bool, tmp_path: Path) -> None:
    first, second, *_ = _pages(render_pdf(_split_row_docx(with_header)), tmp_path)
    rules = _ruled_rows(first)
    _top, bottom = _left_rule_extent(first, rules[0])
    assert bottom - rules[-1] <= 2, "the table is open at the foot of the page"
    rules = _ruled_rows(second)
    top, _bottom = _left_rule_extent(second, rules[0])
    assert rules[0] - top <= 2, "the table is open at the head of the next page"
