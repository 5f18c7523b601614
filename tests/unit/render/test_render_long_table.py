"""Long tables are laid out in chunks of rows: the pages must be those of one pass."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from parity import parity_problems
from pypdf import PdfReader
from render_docx_helpers import (
    add_header_table,
    new_document,
    set_page_header,
    to_bytes,
)

import drafter.render.pdf as pdf_module
from drafter.render.html import docx_to_html
from drafter.render.pdf import PdfMetadata, render_pdf


def _long_table(rows: int, *, tall_every: int = 0) -> bytes:
    """A landscape list with a repeated header row, page numbers from page 2, and
    (every ``tall_every`` rows) a row too tall for one page, which must split."""
    document = new_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    set_page_header(section)
    document.add_paragraph("DANH MỤC CƠ SỞ DỮ LIỆU")
    table = add_header_table(document, ("STT", "Tên", "Ghi chú"))
    for index in range(1, rows + 1):
        cells = table.add_row().cells
        cells[0].text = f"{index}."
        cells[1].text = f"Cơ sở dữ liệu dân tộc số {index}"
        tall = tall_every and index % tall_every == 0
        cells[2].text = "\n".join(f"dòng {n} của mục {index}" for n in range(40)) if tall else "có"
    document.add_paragraph("Hết danh mục.")
    return to_bytes(document)


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def split_rows_docx() -> bytes:
    return _long_table(160, tall_every=37)


def test_long_table_is_cut_into_rows(split_rows_docx: bytes) -> None:
    section = docx_to_html(split_rows_docx).sections[0]
    assert section.long_table is not None
    assert len(section.long_table.rows) == 160
    whole = section.long_table.html(0, 160, continued=False, last=True)
    assert re.sub(r' data-row="\d+"', "", whole) == section.html


def _page_images(pdf: bytes, tmp_path: Path, name: str) -> list[bytes]:
    """Each page as a greyscale bitmap (pdftoppm), to compare what a reader sees."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(source), str(tmp_path / name)], check=True)
    return [image.read_bytes() for image in sorted(tmp_path.glob(f"{name}-*.pgm"))]


@pytest.fixture(scope="module")
def one_pass_pdf(split_rows_docx: bytes) -> bytes:
    return render_pdf(split_rows_docx, chunk_rows=None)


def test_chunked_pdf_shows_the_pages_of_one_pass(
    split_rows_docx: bytes, one_pass_pdf: bytes, tmp_path: Path
) -> None:
    chunked = render_pdf(split_rows_docx, chunk_rows=30)
    assert chunked != one_pass_pdf  # written as several files and joined
    expected = _page_images(one_pass_pdf, tmp_path, "one-pass")
    assert len(expected) > 10
    assert _page_images(chunked, tmp_path, "chunked") == expected
    assert _page_texts(chunked) == _page_texts(one_pass_pdf)


def test_chunks_laid_out_in_children_or_here_give_the_same_bytes(split_rows_docx: bytes) -> None:
    forked = render_pdf(split_rows_docx, chunk_rows=30, fork=True)
    assert render_pdf(split_rows_docx, chunk_rows=30, fork=False) == forked
    assert render_pdf(split_rows_docx, chunk_rows=30, fork=True) == forked


def test_a_child_that_dies_is_replaced_by_work_in_this_process(
    split_rows_docx: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = render_pdf(split_rows_docx, chunk_rows=30, fork=False)
    me = os.getpid()
    real_write, real_cut = pdf_module._write, pdf_module._clean_cut
    calls = {"write": 0}

    def dying_cut(pages: list[Any], first: int) -> tuple[int, int] | None:
        if os.getpid() != me and first == 0:
            os._exit(3)  # the first child dies while laying out
        return real_cut(pages, first)

    def dying_write(document: Any, meta: PdfMetadata) -> bytes:
        if os.getpid() != me:
            os._exit(4)  # every child dies while writing
        calls["write"] += 1
        return real_write(document, meta)

    monkeypatch.setattr(pdf_module, "_clean_cut", dying_cut)
    monkeypatch.setattr(pdf_module, "_write", dying_write)
    assert render_pdf(split_rows_docx, chunk_rows=30, fork=True) == expected
    assert calls["write"] >= 3  # every part was written here instead


def test_chunk_boundaries_keep_every_row_once_header_and_page_numbers(
    split_rows_docx: bytes,
) -> None:
    pages = _page_texts(render_pdf(split_rows_docx, chunk_rows=30))
    assert len(pages) > 10
    numbers = [int(n) for text in pages for n in re.findall(r"^(\d+)\.", text, re.M)]
    assert numbers == list(range(1, 161))
    for number, text in enumerate(pages[1:], start=2):
        lines = text.splitlines()
        assert lines[0].startswith("STT"), text[:80]  # the header row, repeated
        assert lines[-1].strip() == str(number), text[-80:]  # the margin box comes last
    assert "Hết danh mục." in pages[-1]


def test_thousand_row_table_keeps_parity() -> None:
    docx = _long_table(1000)
    assert parity_problems(docx, render_pdf(docx), "list.docx") == []


@pytest.mark.parametrize("fork", [True, False])
def test_progress_follows_the_layout_page_by_page_and_changes_no_byte(
    split_rows_docx: bytes, fork: bool
) -> None:
    seen: list[pdf_module.LayoutProgress] = []
    with_progress = render_pdf(split_rows_docx, chunk_rows=30, fork=fork, progress=seen.append)
    assert with_progress == render_pdf(split_rows_docx, chunk_rows=30, fork=fork)
    pages = len(PdfReader(io.BytesIO(with_progress)).pages)
    # reported as pages are laid out (chunk children relay theirs), not only at the end
    assert len(seen) >= pages
    assert seen[0].pages == 1 and max(p.pages for p in seen) >= pages
    fractions = [p.fraction for p in seen if p.fraction is not None]
    assert fractions and fractions == sorted(fractions) and 0 < fractions[0] < 1
    last = seen[-1]
    assert (last.pages, last.fraction, last.rows, last.rows_total) == (pages, 1.0, 160, 160)
