"""End to end: the progress report on the Concluding Notices' tasks.

The sample report is built with the CLI and read back as a reviewer would
(python-docx, pypdf); its figures are checked against counts made by hand
from registries/concluding-notices.yaml as of 31 July 2023.  Then mistakes
are made in copies of the sample and must be reported at their place.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.table import Table
from helpers import MINI, REPO, SAMPLE, copy_project, docx_lines
from parity import parity_problems
from pypdf import PdfReader

from drafter.cli import main
from drafter.project import load_project
from drafter.render.template_check import check_template

DOC_ID = "bao-cao-tien-do"
STEM = "Bao-cao-tien-do-TBKL"
CONTENT = "documents/bao-cao-tien-do.yaml"
REGISTER = "registries/concluding-notices.yaml"
#: Hand count of the sample register on 2023-07-31: total, on time, late,
#: in progress, overdue, not started.
EXPECTED_TOTALS = ["34", "13", "4", "10", "4", "3"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("progress")
    content = copy_project(SAMPLE, root)
    result = CliRunner().invoke(main, ["build", "--project", str(content), "--only", DOC_ID])
    assert result.exit_code == 0, result.output
    return root / "output" / DOC_ID


def docx_bytes(built: Path) -> bytes:
    return (built / f"{STEM}.docx").read_bytes()


def table_after_header(built: Path, first_header: str) -> Table:
    document = Document(io.BytesIO(docx_bytes(built)))
    return next(t for t in document.tables if t.rows[0].cells[1].text == first_header)


def cells(row: object) -> list[str]:
    """The texts of a row's cells, a merged cell once."""
    seen: set[int] = set()
    out: list[str] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text)
    return out


def test_pdf_words_equal_docx_words(built: Path) -> None:
    pdf = (built / f"{STEM}.pdf").read_bytes()
    assert parity_problems(docx_bytes(built), pdf, DOC_ID) == []


def test_template_passes_the_template_check() -> None:
    path = REPO / "templates" / "bao-cao-tien-do.docx"
    assert check_template(path, "templates/bao-cao-tien-do.docx") == []


def test_header_names_the_centre_under_the_committee_with_a_draft_number(built: Path) -> None:
    head = docx_lines(docx_bytes(built))[:14]
    assert head[0].startswith("Dự thảo")
    for expected in (
        "ỦY BAN DÂN TỘC",
        "TRUNG TÂM CHUYỂN ĐỔI SỐ",
        "Số:      /BC-TTCĐS",
        "Hà Nội, ngày      tháng      năm 2023",
        "BÁO CÁO",
    ):
        assert expected in head, f"{expected!r} not in {head}"


def test_table_by_notice_holds_the_hand_counted_totals(built: Path) -> None:
    table = table_after_header(built, "Thông báo kết luận")
    rows = [cells(r) for r in table.rows]
    assert rows[0][2:] == [
        "Tổng số",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện trong hạn",
        "Quá hạn",
        "Chưa triển khai",
    ]
    assert [r[0] for r in rows[1:6]] == ["1", "2", "3", "4", "5"]
    assert rows[1][1].startswith("Thông báo số 12/TB-UBDT ngày 31/01/2023")
    assert rows[6] == ["Tổng cộng", *EXPECTED_TOTALS]
    assert rows[7] == ["Tỷ lệ", "100,0%", "38,2%", "11,8%", "29,4%", "11,8%", "8,8%"]


def test_table_by_unit_ends_with_the_same_totals(built: Path) -> None:
    rows = [cells(r) for r in table_after_header(built, "Đơn vị chủ trì").rows]
    assert rows[-2] == ["Tổng cộng", *EXPECTED_TOTALS]
    centre = next(r for r in rows if r[1] == "Trung tâm Chuyển đổi số")
    assert centre[2:] == ["18", "6", "2", "6", "2", "2"]


def test_summary_paragraphs_carry_the_computed_figures(built: Path) -> None:
    text = "\n".join(docx_lines(docx_bytes(built)))
    assert "đã ban hành 05 Thông báo kết luận giao 34 nhiệm vụ" in text
    assert "đã hoàn thành 17 nhiệm vụ (chiếm 50,0%)" in text
    assert "04 nhiệm vụ quá hạn (11,8%), trong đó 01 nhiệm vụ chưa triển khai" in text
    assert "{" not in text and "}" not in text


def test_overdue_tasks_are_listed_with_days_overdue(built: Path) -> None:
    rows = [cells(r) for r in table_after_header(built, "Nhiệm vụ").rows][1:]
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("1", "30/06/2023", "31"),
        ("2", "30/06/2023", "31"),
        ("3", "15/07/2023", "16"),
        ("4", "20/07/2023", "11"),
    ]
    assert rows[2][6] == "Chưa triển khai"


def test_appendix_lists_every_task_by_notice_on_landscape_pages(built: Path) -> None:
    table = table_after_header(built, "Nội dung nhiệm vụ")
    firsts = [r.cells[0].text for r in table.rows[1:]]
    assert [x for x in firsts if not x.isdigit()] == ["I", "II", "III", "IV", "V"]
    assert [int(x) for x in firsts if x.isdigit()] == list(range(1, 35))
    statuses = [cells(r)[5] for r in table.rows[1:] if r.cells[0].text.isdigit()]
    assert "Đang thực hiện trong hạn" in statuses  # the task due on the report date
    assert "Quá hạn 16 ngày (chưa triển khai)" in statuses
    reader = PdfReader(io.BytesIO((built / f"{STEM}.pdf").read_bytes()))
    first, last = reader.pages[0].mediabox, reader.pages[-1].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)
    assert (round(float(last.width)), round(float(last.height))) == (842, 595)


def test_status_chart_is_an_inline_picture(built: Path) -> None:
    document = Document(io.BytesIO(docx_bytes(built)))
    assert len(document.inline_shapes) == 1
    image = document.inline_shapes[0]
    assert round(image.width.mm) == 150
    reader = PdfReader(io.BytesIO((built / f"{STEM}.pdf").read_bytes()))
    # WeasyPrint shares one resource dictionary between pages: count distinct images
    assert len({image.name for page in reader.pages for image in page.images}) == 1


# -- mistakes, located ----------------------------------------------------------


def check(content: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--project", str(content), "--only", DOC_ID])
    return result.exit_code, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_register_mistakes_are_all_located(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    register = content / REGISTER
    edit(register, "lead: vu-th\n", "lead: vu-thh\n")
    edit(register, "deadline: 2023-03-15", "deadline: 2023-01-15")
    edit(register, "deadline: 2023-08-31\n        started: false\n", "deadline: 2023-08-31\n")
    code, output = check(content)
    assert code == 2
    lines = output.splitlines()
    assert (
        f"content/{REGISTER}:29:19: concluding_notices[0].tasks[1].deadline: 2023-01-15 "
        "is before the notice's date 2023-01-31"
    ) in lines
    assert (
        f"content/{REGISTER}:47:15: concluding_notices[0].tasks[3].lead: unknown unit 'vu-thh'; "
        "did you mean 'vu-th'?"
    ) in lines
    assert any(
        line.startswith(f"content/{REGISTER}:150:9: concluding_notices[2].tasks[2]: ")
        and "started: true" in line
        for line in lines
    )


def test_a_typed_status_is_refused(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    edit(
        content / REGISTER,
        "deadline: 2023-10-31\n        started: false\n",
        "deadline: 2023-10-31\n        status: chưa triển khai\n",
    )
    code, output = check(content)
    assert code == 2
    assert "unknown key 'status'" in output


def test_a_draft_without_as_of_is_located(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    edit(content / CONTENT, "as_of: 2023-07-31", "")
    code, output = check(content)
    assert code == 2
    assert f"content/{CONTENT}:" in output and "as_of: give as_of" in output


def test_a_report_without_the_register_is_located(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    edit(content / "drafter.yaml", "  concluding_notices: registries/concluding-notices.yaml", "")
    code, output = check(content)
    assert code == 2
    assert f"content/{CONTENT}" in output and "concluding_notices:" in output


def test_a_project_without_the_register_still_loads(tmp_path: Path) -> None:
    project = load_project(copy_project(MINI, tmp_path))
    assert project.registries.concluding_notices is None
