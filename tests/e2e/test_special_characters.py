"""Text with XML's special characters renders exactly, in every kind of field."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from helpers import docx_lines
from pypdf import PdfReader

from drafter.cli import main

TRICKY = "A&B <C> \"D\" 'E'"

EDITS = {
    "registries/databases.yaml": [
        (
            "name: Hệ thống quản lý văn bản và điều hành",
            f"name: 'Hệ thống {TRICKY.replace(chr(39), chr(39) * 2)} văn bản'",
        ),
        (
            "mechanism: Văn thư các đơn vị cập nhật hằng ngày trên hệ thống.",
            f"mechanism: 'Cơ chế {TRICKY.replace(chr(39), chr(39) * 2)}'",
        ),
        (
            "name: Nhóm hệ thống thông tin quản lý nội bộ",
            f"name: 'Nhóm {TRICKY.replace(chr(39), chr(39) * 2)}'",
        ),
    ],
    "registries/organisation.yaml": [
        ("name: Văn phòng Ủy ban", f"name: 'Văn phòng {TRICKY.replace(chr(39), chr(39) * 2)}'"),
        ("name: Hoàng Văn An", f"name: 'Hoàng {TRICKY.replace(chr(39), chr(39) * 2)}'"),
    ],
    "registries/legal.yaml": [
        (
            "title: Công nghệ thông tin",
            f"title: 'Công nghệ {TRICKY.replace(chr(39), chr(39) * 2)}'",
        ),
    ],
    "documents/qd-csdl.yaml": [
        (
            "  - text: Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            f"  - text: 'Điều khoản {TRICKY.replace(chr(39), chr(39) * 2)}'",
        ),
        ("  - Như Điều 3", f"  - 'Nơi {TRICKY.replace(chr(39), chr(39) * 2)}'"),
        ("title: Tổ chức thực hiện", f"title: 'Tiêu đề {TRICKY.replace(chr(39), chr(39) * 2)}'"),
    ],
}

EXPECTED_IN_DOCX = [
    f"Hệ thống {TRICKY} văn bản",
    f"Cơ chế {TRICKY}",
    f"Nhóm {TRICKY}",
    f"Văn phòng {TRICKY}",
    f"Hoàng {TRICKY}",
    f"Căn cứ Luật Công nghệ {TRICKY} ngày 29 tháng 6 năm 2006;",
    f"Điều 3. Điều khoản {TRICKY}",
    f"- Nơi {TRICKY};",
    f"Điều 2. Tiêu đề {TRICKY}",
]


def test_special_characters_render_exactly_in_docx_and_pdf(mini: Path) -> None:
    for name, edits in EDITS.items():
        path = mini / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--project", str(mini)])
    assert result.exit_code == 0, result.output
    out = mini.parent / "output" / "qd-csdl"
    lines = docx_lines((out / "QD-CSDL.docx").read_bytes())
    for expected in EXPECTED_IN_DOCX:
        assert expected in lines, f"{expected!r} missing from the DOCX"
    pdf_text = " ".join(
        (p.extract_text() or "")
        for p in PdfReader(io.BytesIO((out / "QD-CSDL.pdf").read_bytes())).pages
    )
    assert pdf_text.count(TRICKY) >= len(EXPECTED_IN_DOCX) - 3  # table cells may wrap
    assert "&amp;" not in pdf_text and "&lt;" not in pdf_text
