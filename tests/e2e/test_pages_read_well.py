"""Pages that read well: the signature block never stands alone on a page."""

from __future__ import annotations

import io
from pathlib import Path

from helpers import SAMPLE, copy_project
from pypdf import PdfReader

from drafter.build import BuildOptions, build


def test_synthesis_signature_shares_its_page_with_the_last_comment(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    report = build(content, BuildOptions(only=["bang-tong-hop-y-kien"]))
    pdf = (report.output / "bang-tong-hop-y-kien" / "Bang-tong-hop-y-kien.pdf").read_bytes()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    signature = next(n for n, text in enumerate(pages) if "Nơi nhận" in text)
    # the comment table's last row (its answer column) is on the signature's page
    assert "Chưa xử lý" in pages[signature].split("Nơi nhận")[0], pages[signature]
