"""Pages that read well: the synthesis table's signature block never stands
alone on a page, and no page of it holds only a line or two."""

from __future__ import annotations

import io

import pytest
from helpers import SAMPLE, copy_project
from pypdf import PdfReader

from drafter.build import BuildOptions, build


@pytest.fixture(scope="module")
def synthesis_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    content = copy_project(SAMPLE, tmp_path_factory.mktemp("synthesis"))
    report = build(content, BuildOptions(only=["bang-tong-hop-y-kien"]))
    pdf = (report.output / "bang-tong-hop-y-kien" / "Bang-tong-hop-y-kien.pdf").read_bytes()
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_synthesis_signature_shares_its_page_with_the_last_comment(
    synthesis_pages: list[str],
) -> None:
    pages = synthesis_pages
    signature = next(n for n, text in enumerate(pages) if "Nơi nhận" in text)
    # the comment table's last row (its answer column) is on the signature's page
    assert "Chưa xử lý" in pages[signature].split("Nơi nhận")[0], pages[signature]


def test_no_synthesis_page_holds_only_a_line_or_two(synthesis_pages: list[str]) -> None:
    """The last open comment once made a portrait page of two lines before the
    landscape pages."""
    for number, text in enumerate(synthesis_pages, 1):
        lines = [line for line in text.splitlines() if line.strip() and not line.strip().isdigit()]
        assert len(lines) > 5, (number, lines)
