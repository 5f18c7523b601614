"""Version file names and the leftovers of an interrupted build."""

from __future__ import annotations

from pathlib import Path

from drafter.publish.versions import find_leftovers, parse_version_name, version_name


def test_version_names_are_zero_padded() -> None:
    assert version_name("QD-CSDL", 3, "docx") == "QD-CSDL_du-thao-03.docx"
    assert version_name("QD-CSDL", 3, "redline") == "QD-CSDL_du-thao-03_redline.docx"
    assert version_name("QD-CSDL", 12, "changelog") == "QD-CSDL_du-thao-12.changelog.md"


def test_parse_reads_number_and_role_and_refuses_other_names() -> None:
    assert parse_version_name("QD-CSDL", "QD-CSDL_du-thao-03_redline.docx") == (3, "redline")
    assert parse_version_name("QD-CSDL", "QD-CSDL_du-thao-03.pdf") == (3, "pdf")
    assert parse_version_name("QD-CSDL", "QD-CSDL_du-thao-01-03_redline.docx") is None
    assert parse_version_name("QD-CSDL", "QD-CSDL.docx") is None


def test_leftovers_are_uncommitted_numbers_and_temp_files(tmp_path: Path) -> None:
    for name in (
        "QD_du-thao-01.docx",
        "QD_du-thao-02.docx",
        "QD_du-thao-03.pdf",
        ".QD_du-thao-03.docx.abc123.part",
        "QD.docx",
    ):
        (tmp_path / name).write_bytes(b"x")
    leftovers = find_leftovers(tmp_path, "QD", latest=2)
    assert [p.name for p in leftovers.uncommitted] == ["QD_du-thao-03.pdf"]
    assert [p.name for p in leftovers.temporary] == [".QD_du-thao-03.docx.abc123.part"]
