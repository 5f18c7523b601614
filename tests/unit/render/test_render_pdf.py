"""DOCX -> PDF: pages, sizes, page numbers, images, text and reproducibility."""

from __future__ import annotations

import io
import time
from datetime import datetime
from typing import Any

import pytest
from docx.shared import Mm
from PIL import Image as PilImage
from pypdf import PdfReader
from render_docx_helpers import (
    add_header_table,
    add_landscape_section,
    new_document,
    restart_numbering,
    set_page_header,
    to_bytes,
)

from drafter.render.pdf import PdfMetadata, render_pdf

BODY_PARAGRAPHS = 70


def _png() -> bytes:
    buffer = io.BytesIO()
    PilImage.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _document() -> bytes:
    document = new_document()
    set_page_header(document.sections[0])
    document.add_paragraph("Ủy ban Dân tộc & <b> \"x\" 'y'")
    document.add_picture(io.BytesIO(_png()), width=Mm(40))
    for index in range(BODY_PARAGRAPHS):
        document.add_paragraph(f"Đoạn {index} về cơ sở dữ liệu của Ủy ban Dân tộc.")
    appendix = add_landscape_section(document)
    appendix.different_first_page_header_footer = False
    restart_numbering(appendix, 1)
    document.add_paragraph("PHỤ LỤC")
    table = add_header_table(document, ("STT", "Tên", "Ghi chú"))
    for index in range(60):
        for cell, text in zip(
            table.add_row().cells, (str(index + 1), f"Dòng {index + 1}", "x"), strict=True
        ):
            cell.text = text
    return to_bytes(document)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return _document()


@pytest.fixture(scope="module")
def pdf_bytes(docx_bytes: bytes) -> bytes:
    return render_pdf(docx_bytes)


@pytest.fixture(scope="module")
def reader(pdf_bytes: bytes) -> Any:
    return PdfReader(io.BytesIO(pdf_bytes))


def _lines(page: Any) -> list[str]:
    return [line.strip() for line in page.extract_text().splitlines() if line.strip()]


def _portrait_count(reader: Any) -> int:
    return sum(1 for page in reader.pages if page.mediabox.height > page.mediabox.width)


def test_body_is_a4_portrait_and_appendix_a4_landscape(reader: Any) -> None:
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    ]
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)
    portrait = _portrait_count(reader)
    assert 2 <= portrait < len(sizes) - 1
    assert sizes[:portrait] == [(595, 842)] * portrait


def test_no_page_number_on_the_first_page(reader: Any) -> None:
    lines = _lines(reader.pages[0])
    assert lines[0].startswith("Ủy ban Dân tộc")
    assert "1" not in lines


def test_page_two_shows_number_two(reader: Any) -> None:
    assert "2" in _lines(reader.pages[1])
    assert "3" not in _lines(reader.pages[1])


def test_appendix_numbering_restarts_at_one(reader: Any) -> None:
    portrait = _portrait_count(reader)
    first_appendix = _lines(reader.pages[portrait])
    second_appendix = _lines(reader.pages[portrait + 1])
    assert first_appendix[0] == "PHỤ LỤC"
    assert first_appendix[-1] == "1"
    assert second_appendix[-1] == "2"


def test_table_header_row_repeats_on_each_appendix_page(reader: Any) -> None:
    portrait = _portrait_count(reader)
    for page in reader.pages[portrait + 1 :]:
        assert _lines(page)[0] == "STT Tên Ghi chú"


def test_inline_image_is_in_the_pdf(reader: Any) -> None:
    images = reader.pages[0].images
    assert len(images) == 1
    assert images[0].image.size == (40, 20)


def test_vietnamese_and_special_characters_survive(reader: Any) -> None:
    assert _lines(reader.pages[0])[0] == "Ủy ban Dân tộc & <b> \"x\" 'y'"


def test_same_input_gives_byte_identical_pdf(
    docx_bytes: bytes, pdf_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A later clock must not leak into the PDF (fontTools stamps font subsets).
    later = time.time() + 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert render_pdf(docx_bytes) == pdf_bytes


def test_metadata_is_written_and_reproducible() -> None:
    document = new_document()
    document.add_paragraph("Báo cáo")
    data = to_bytes(document)
    metadata = PdfMetadata(
        title="Báo cáo thử",
        author="UBDT",
        subject="Thử",
        created=datetime(2023, 2, 5, 8, 0, 0),
        extra={"DraftVersion": "3", "InputHash": "abc123"},
    )
    first = render_pdf(data, metadata=metadata)
    assert render_pdf(data, metadata=metadata) == first
    info = PdfReader(io.BytesIO(first)).metadata
    assert info.title == "Báo cáo thử"
    assert info.author == "UBDT"
    assert info["/DraftVersion"] == "3"
    assert info["/InputHash"] == "abc123"
    assert info["/CreationDate"].startswith("D:20230205080000")


def test_numbering_continues_into_a_section_without_restart() -> None:
    document = new_document()
    set_page_header(document.sections[0], first_page_without_number=False)
    document.add_paragraph("một")
    add_landscape_section(document)
    document.add_paragraph("hai")
    pages = PdfReader(io.BytesIO(render_pdf(to_bytes(document)))).pages
    assert len(pages) == 2
    assert _lines(pages[1])[-1] == "2"
