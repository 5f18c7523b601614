"""End to end: the submission package built from the sample content: the Tờ
trình and the Prime Minister's draft Decision, read as a reviewer would."""

from __future__ import annotations

import pytest
from helpers import SAMPLE, copy_project, docx_lines
from parity import parity_problems

from drafter.build import BuildOptions, build
from drafter.vietnamese import money_in_words

DOCS = {"to-trinh": "To-trinh-phe-duyet-De-an", "qd-ttg-phe-duyet": "QD-TTg-phe-duyet-De-an"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    content = copy_project(SAMPLE, tmp_path_factory.mktemp("package"))
    report = build(content, BuildOptions(only=list(DOCS)))
    return {
        doc: (
            (report.output / doc / f"{stem}.docx").read_bytes(),
            (report.output / doc / f"{stem}.pdf").read_bytes(),
        )
        for doc, stem in DOCS.items()
    }


@pytest.mark.parametrize("doc", DOCS)
def test_pdf_words_equal_docx_words(built: dict[str, tuple[bytes, bytes]], doc: str) -> None:
    docx, pdf = built[doc]
    assert parity_problems(docx, pdf, doc) == []


def test_submission_reads_as_a_to_trinh(built: dict[str, tuple[bytes, bytes]]) -> None:
    lines = docx_lines(built["to-trinh"][0])
    for expected in (
        "ỦY BAN DÂN TỘC",
        "Số:      /TTr-UBDT",
        "TỜ TRÌNH",
        "Kính gửi: Thủ tướng Chính phủ.",
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        "- Như trên;",
    ):
        assert expected in lines, expected
    text = "\n".join(lines)
    assert "Về việc phê duyệt Đề án “Tăng cường chuyển đổi số" in text
    # the total and its words are computed from the Project's cost lines
    words = money_in_words(98_202_500_000).removesuffix(".")
    assert f"98.202,5 triệu đồng ({words})" in text
    # the Board's size and the rounds of comments come from the other documents
    assert "Ban soạn thảo gồm 09 thành viên" in text
    assert "16 ý kiến của" in text and "chưa xử lý 4" in text
    assert "1. Dự thảo Quyết định của Thủ tướng Chính phủ phê duyệt Đề án;" in lines
    # the Project's targets with their figures filled in, as the Project shows them
    assert "{" not in text, [line for line in lines if "{" in line]
    assert "được đưa vào vận hành: 10/10 (năm 2025);" in text


def test_approval_decision_reads_as_a_decision_of_the_prime_minister(
    built: dict[str, tuple[bytes, bytes]],
) -> None:
    lines = docx_lines(built["qd-ttg-phe-duyet"][0])
    assert not [line for line in lines if "{" in line]  # the Project's figures filled in
    for expected in (
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số:      /QĐ-TTg",
        "QUYẾT ĐỊNH",
        "QUYẾT ĐỊNH:",
        "I. QUAN ĐIỂM",
        "II. MỤC TIÊU",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
        "KT. THỦ TƯỚNG",
        "PHÓ THỦ TƯỚNG",
    ):
        assert expected in lines, expected
    assert lines.index("THỦ TƯỚNG CHÍNH PHỦ") < lines.index("QUYẾT ĐỊNH")
    assert any(line == "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;" for line in lines)
    assert any(line == "Theo đề nghị của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc." for line in lines)
    assert any(line.startswith("Điều 1. Phê duyệt Đề án “") for line in lines)
    assert any(line.startswith("Điều 3. Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc") for line in lines)
