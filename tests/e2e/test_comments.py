"""End to end: reviewers' comments back in, and the comment synthesis table.

A draft built by the CLI gets real Word comments and tracked changes, is
collected with ``drafter comments collect``, answered in the register, and
the synthesis table is built from it, DOCX and PDF, with text parity.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from helpers import MINI, SAMPLE, copy_project, docx_lines, libreoffice_convert
from parity import parity_problems
from unit.review.test_collect import (
    STRANGER,
    TTCDS_PERSON,
    comment_on_article_1,
    delete_in_article_3,
    insert_in_point_b,
    returned,
)

from drafter.cli import main
from drafter.content.feedback_models import CommentSynthesisContent
from drafter.context.synthesis import synthesis_context
from drafter.project import load_project

SYNTHESIS_ENTRY = """\
  - id: bang-tong-hop
    kind: comment_synthesis
    template: bang-tong-hop-y-kien.docx
    content: documents/bang-tong-hop.yaml
    output: Bang-tong-hop
"""

SYNTHESIS_CONTENT = """\
symbol: BTH-TTCĐS
year: 2024
title: đối với dự thảo Quyết định ban hành Danh mục cơ sở dữ liệu
document: qd-csdl
register_file: feedback/qd-csdl.yaml
signature:
  title: GIÁM ĐỐC
  signer: le-thi-binh
recipients: [Các đơn vị góp ý]
archive: [VT, TTCĐS]
"""


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def built_files(output: Path, doc: str, stem: str) -> tuple[bytes, bytes]:
    # The newest numbered draft when drafts are numbered, else the plain name.
    folder = output / doc
    docx_path = sorted(folder.glob(f"{stem}*.docx"))[-1]
    return docx_path.read_bytes(), docx_path.with_suffix(".pdf").read_bytes()


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = tmp_path_factory.mktemp("draft")
    content = copy_project(MINI, root)
    invoke("build", "--project", str(content), "-d", "qd-csdl", "--no-pdf")
    return sorted((root / "output" / "qd-csdl").glob("*.docx"))[0].read_bytes()


def test_returned_files_are_collected_answered_and_tabled(draft: bytes, tmp_path: Path) -> None:
    content = copy_project(MINI, tmp_path)
    first = tmp_path / "QD-CSDL_du-thao-01_TTCDS.docx"
    first.write_bytes(
        returned(draft, comment_on_article_1(TTCDS_PERSON), insert_in_point_b(TTCDS_PERSON))
    )
    second = tmp_path / "QD-CSDL_du-thao-01_Vu-Dan-toc-thieu-so.docx"
    second.write_bytes(returned(draft, delete_in_article_3(STRANGER)))
    invoke("comments", "collect", "-p", str(content), str(first), str(second))

    register = content / "feedback" / "qd-csdl.yaml"
    text = register.read_text(encoding="utf-8")
    # The team answers the comment; the insertion and the deletion stay open.
    register.write_text(
        text.replace("response: null", "response: tiếp thu", 1).replace(
            "explanation: null", "explanation: Đã nêu rõ số lượng.", 1
        ),
        encoding="utf-8",
    )
    with (content / "drafter.yaml").open("a", encoding="utf-8") as project_file:
        project_file.write(SYNTHESIS_ENTRY)
    (content / "documents" / "bang-tong-hop.yaml").write_text(SYNTHESIS_CONTENT, "utf-8")
    invoke("build", "--project", str(content), "-d", "bang-tong-hop")

    docx_bytes, pdf_bytes = built_files(tmp_path / "output", "bang-tong-hop", "Bang-tong-hop")
    assert parity_problems(docx_bytes, pdf_bytes, "bang-tong-hop") == []
    lines = docx_lines(docx_bytes)
    assert "Tiếp thu: Đã nêu rõ số lượng." in lines
    assert "Đề nghị bổ sung: “hằng quý”" in lines
    assert "Đề nghị bỏ: “thi hành”" in lines
    assert "Điều 2, khoản 1, điểm b: “b) Hướng dẫn các đơn vị cập nhật dữ liệu.”" in lines
    # the two open entries, and the counts table's column of the same name
    assert lines.count("Chưa xử lý") == 3
    open_items = [line for line in lines if line.startswith("- Ý kiến số")]
    assert open_items == [
        "- Ý kiến số 2 (Trung tâm Chuyển đổi số, Điều 2, khoản 1, điểm b): "
        "Đề nghị bổ sung: “hằng quý”",
        "- Ý kiến số 3 (Vụ Dân tộc thiểu số, Điều 3): Đề nghị bỏ: “thi hành”",
    ]


# --- the sample synthesis table ----------------------------------------------------


@pytest.fixture(scope="module")
def sample_register() -> list[dict[str, object]]:
    data = yaml.safe_load((SAMPLE / "feedback" / "qd-danh-muc-csdl.yaml").read_text("utf-8"))
    entries = data["entries"]
    assert isinstance(entries, list)
    return entries


@pytest.fixture(scope="module")
def sample_context() -> dict[str, object]:
    project = load_project(SAMPLE)
    doc = project.document("bang-tong-hop-y-kien")
    assert isinstance(doc.content, CommentSynthesisContent)
    return synthesis_context(doc.content, project.registries, draft_marker="")


def test_sample_register_has_answered_and_open_comments_from_several_units(
    sample_register: list[dict[str, object]],
) -> None:
    assert 12 <= len(sample_register) <= 20
    assert len({e["unit"] for e in sample_register}) >= 5
    open_count = sum(e["response"] is None for e in sample_register)
    assert 0 < open_count < len(sample_register) / 2


def test_counts_per_unit_and_response_add_up_to_the_register(
    sample_context: dict[str, object], sample_register: list[dict[str, object]]
) -> None:
    counts = sample_context["counts"]
    total = sample_context["counts_total"]
    assert isinstance(counts, list) and isinstance(total, dict)
    by_response = Counter(e["response"] for e in sample_register)
    assert total["total"] == str(len(sample_register))
    assert total["accepted"] == str(by_response["tiếp thu"])
    assert total["partly"] == str(by_response["tiếp thu một phần"])
    assert total["explained"] == str(by_response["giải trình"])
    assert total["open"] == str(by_response[None])
    pc = next(row for row in counts if row["unit"] == "Vụ Pháp chế")
    pc_entries = [e for e in sample_register if e["unit"] == "vu-pc"]
    assert pc["total"] == str(len(pc_entries))
    assert pc["open"] == str(sum(e["response"] is None for e in pc_entries))
    for row in counts:
        parts = sum(int(row[key]) for key in ("accepted", "partly", "explained", "open"))
        assert parts == int(row["total"]), row


def test_open_list_holds_exactly_the_unanswered_comments(
    sample_context: dict[str, object], sample_register: list[dict[str, object]]
) -> None:
    open_items = sample_context["open"]
    assert isinstance(open_items, list)
    unanswered = [str(e["text"]) for e in sample_register if e["response"] is None]
    assert len(open_items) == len(unanswered)
    for text in unanswered:
        assert sum(item.endswith(text) for item in open_items) == 1, text


def test_rows_are_grouped_by_provision_in_draft_order(sample_context: dict[str, object]) -> None:
    groups = sample_context["groups"]
    assert isinstance(groups, list)
    assert [g["name"] for g in groups] == ["Ý kiến chung", "Điều 1", "Điều 2", "Điều 3", "Phụ lục"]
    assert [g["numeral"] for g in groups] == ["I", "II", "III", "IV", "V"]
    numbers = [int(row["stt"]) for g in groups for row in g["rows"]]
    assert numbers == list(range(1, len(numbers) + 1))
    appendix = [row["provision"].split(":")[0] for row in groups[-1]["rows"]]
    assert appendix == [
        "Phụ lục",
        "Phụ lục, STT 1",
        "Phụ lục, STT 2",
        "Phụ lục, STT 3",
        "Phụ lục, STT 5",
        "Phụ lục, STT 17",
    ]


def test_sample_synthesis_builds_with_parity(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    invoke("build", "--project", str(content), "-d", "bang-tong-hop-y-kien")
    docx_bytes, pdf_bytes = built_files(
        tmp_path / "output", "bang-tong-hop-y-kien", "Bang-tong-hop-y-kien"
    )
    assert parity_problems(docx_bytes, pdf_bytes, "bang-tong-hop-y-kien") == []
    document = docx.Document(io.BytesIO(docx_bytes))
    main_table = document.tables[-2]  # the last is the signature block
    header = [cell.text for cell in main_table.rows[0].cells]
    assert header == [
        "STT",
        "Đơn vị góp ý",
        "Nội dung (điều khoản) góp ý",
        "Ý kiến góp ý",
        "Ý kiến tiếp thu, giải trình",
    ]
    assert document.sections[-1].page_width > document.sections[-1].page_height
    lines = docx_lines(docx_bytes)
    assert "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý" in lines


def test_missing_register_is_a_warning_and_an_empty_table(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    (content / "feedback" / "qd-danh-muc-csdl.yaml").unlink()
    only = ["-d", "bang-tong-hop-y-kien"]
    result = CliRunner().invoke(main, ["check", "--project", str(content), *only])
    assert result.exit_code == 0, result.output
    assert "documents/bang-tong-hop-y-kien.yaml" in result.output
    assert "no register at content/feedback/qd-danh-muc-csdl.yaml yet" in result.output
    strict = CliRunner().invoke(main, ["check", "--project", str(content), *only, "--strict"])
    assert strict.exit_code == 2


def test_unknown_unit_in_the_register_is_located(tmp_path: Path) -> None:
    content = copy_project(SAMPLE, tmp_path)
    path = content / "feedback" / "qd-danh-muc-csdl.yaml"
    text = path.read_text("utf-8")
    line = text.splitlines().index("    unit: vu-pc") + 1
    path.write_text(text.replace("    unit: vu-pc", "    unit: vu-phap-che", 1), "utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(content)])
    assert result.exit_code == 2
    assert (
        f"content/feedback/qd-danh-muc-csdl.yaml:{line}:11: entries[0].unit: "
        "unknown unit 'vu-phap-che'"
    ) in result.output


# --- LibreOffice ---------------------------------------------------------------------


def test_file_saved_by_libreoffice_is_collected(draft: bytes, tmp_path: Path) -> None:
    content = copy_project(MINI, tmp_path)
    source = tmp_path / "in" / "QD-CSDL_du-thao-01_Vu-Dan-toc-thieu-so.docx"
    source.parent.mkdir()
    source.write_bytes(
        returned(draft, comment_on_article_1(TTCDS_PERSON), insert_in_point_b(STRANGER))
    )
    converted = libreoffice_convert(source, "docx:MS Word 2007 XML", tmp_path / "out")
    output = invoke("comments", "collect", "-p", str(content), str(converted))
    assert "2 new, 0 already present" in output
    data = yaml.safe_load((content / "feedback" / "qd-csdl.yaml").read_text("utf-8"))
    found = {(e["kind"], e["author"], e["unit"], e["location"]) for e in data["entries"]}
    assert found == {
        ("comment", TTCDS_PERSON, "ttcds", "Điều 1"),
        ("insertion", STRANGER, "vu-dtts", "Điều 2, khoản 1, điểm b"),
    }


def test_collect_writes_the_register_the_synthesis_table_reads(
    draft: bytes, tmp_path: Path
) -> None:
    content = copy_project(MINI, tmp_path)
    project_file = content / "drafter.yaml"
    project_file.write_text(project_file.read_text(encoding="utf-8") + SYNTHESIS_ENTRY, "utf-8")
    (content / "documents" / "bang-tong-hop.yaml").write_text(
        SYNTHESIS_CONTENT.replace("feedback/qd-csdl.yaml", "y-kien/so-tong-hop.yaml"), "utf-8"
    )
    path = tmp_path / "gop-y.docx"
    path.write_bytes(returned(draft, comment_on_article_1(TTCDS_PERSON)))
    output = invoke("comments", "collect", "-p", str(content), str(path))
    register = (content / "y-kien" / "so-tong-hop.yaml").resolve()
    assert f"wrote {register}" in output
    assert not (content / "feedback").exists()
    synthesis = load_project(content).document("bang-tong-hop").content
    assert isinstance(synthesis, CommentSynthesisContent)
    assert len(synthesis.feedback.entries) == 1
