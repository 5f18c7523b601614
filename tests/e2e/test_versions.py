"""Numbered drafts on the mini project: a version is cut only when what a
document is made of changed, with its changelog, redline and metadata."""

from __future__ import annotations

import fcntl
import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from helpers import copy_project, tree_snapshot
from lxml import etree

from drafter.build import BuildOptions, build
from drafter.cli import EXIT_NEW_VERSIONS, main
from drafter.commands.history import history
from drafter.plan import plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NO_PDF = BuildOptions(pdf=False, jobs=1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def numbers(content: Path, doc: str) -> list[int]:
    return [v.number for v in history(content, doc)]


@pytest.fixture
def built(mini: Path) -> Path:
    """The mini project with version 1 of each document (Word files only)."""
    report = build(mini, NO_PDF)
    assert [v.number for v in report.cut] == [1, 1]
    return mini


def test_first_build_writes_numbered_files_and_latest_copies(built: Path) -> None:
    folder = built.parent / "output" / "qd-csdl"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["QD-CSDL.docx", "QD-CSDL_du-thao-01.changelog.md", "QD-CSDL_du-thao-01.docx"]
    assert (folder / "QD-CSDL.docx").read_bytes() == (
        folder / "QD-CSDL_du-thao-01.docx"
    ).read_bytes()


def test_unchanged_inputs_cut_nothing_and_touch_nothing(built: Path) -> None:
    before = tree_snapshot(built.parent / "output")
    report = build(built, NO_PDF)
    assert report.cut == [] and report.written == []
    assert tree_snapshot(built.parent / "output") == before


def test_changed_content_cuts_a_version_of_that_document_only(built: Path) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    report = build(built, NO_PDF)
    assert [(v.document, v.number) for v in report.cut] == [("qd-csdl", 2)]
    assert numbers(built, "qd-dlm") == [1]


def test_registry_entry_used_by_one_document_cuts_only_that_one(built: Path) -> None:
    edit(built / "registries/databases.yaml", "update_cycle: 5 năm", "update_cycle: hàng năm")
    report = build(built, NO_PDF)
    assert [v.document for v in report.cut] == ["qd-csdl"]


def test_unrelated_registry_change_cuts_nothing(built: Path) -> None:
    # Lê Thị Bình signs neither document
    edit(built / "registries/organisation.yaml", "name: Lê Thị Bình", "name: Lê Thị Bích")
    assert build(built, NO_PDF).cut == []


def test_template_only_change_cuts_a_version_and_says_why(built: Path) -> None:
    template = built.parent / "templates" / "qd-danh-muc-du-lieu-mo.docx"
    document = Document(str(template))
    document.core_properties.comments = "edited in Word"
    document.save(str(template))
    assert [i.reasons for i in plan(built, NO_PDF).stale] == [["template changed"]]
    report = build(built, NO_PDF)
    assert [(v.document, v.number) for v in report.cut] == [("qd-dlm", 2)]
    changelog = (built.parent / "output/qd-dlm/QD-DLM_du-thao-02.changelog.md").read_text()
    assert (
        "Nội dung không thay đổi." in changelog and "Mẫu văn bản (template) thay đổi." in changelog
    )


def test_new_version_has_changelog_and_redline_against_the_previous(built: Path) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    build(built, NO_PDF)
    folder = built.parent / "output" / "qd-csdl"
    changelog = (folder / "QD-CSDL_du-thao-02.changelog.md").read_text(encoding="utf-8")
    assert "- So với: Dự thảo lần 1" in changelog
    assert (
        "- Điều 3: “…hiệu lực thi hành kể từ ngày ký.” → "
        "“…hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2023.”\n"
    ) in changelog
    redline = Document(str(folder / "QD-CSDL_du-thao-02_redline.docx"))
    body = redline.element.body
    deleted = "".join(t.text or "" for d in body.iter(f"{W}del") for t in d.iter(f"{W}delText"))
    inserted = "".join(t.text or "" for i in body.iter(f"{W}ins") for t in i.iter(f"{W}t"))
    assert "ký" in deleted and "01 tháng 7 năm 2023" in inserted
    assert "01 tháng 7" not in deleted
    # the marker moved from "lần 1" to "lần 2" as a tracked change too
    assert "1" in deleted and "2" in inserted


def test_marker_and_core_properties_carry_version_and_input_hash(built: Path) -> None:
    (item,) = [i for i in plan(built, NO_PDF).documents if i.doc_id == "qd-csdl"]
    docx = built.parent / "output/qd-csdl/QD-CSDL_du-thao-01.docx"
    document = Document(str(docx))
    assert "Dự thảo lần 1" in [p.text for p in document.paragraphs][:3]
    core = document.core_properties
    assert core.version == "1"
    assert core.keywords == item.inputs.input_hash  # plain hex, no prefix
    assert core.content_status == "Dự thảo lần 1"


def test_numbered_document_has_no_marker(built: Path) -> None:
    document = Document(str(built.parent / "output/qd-dlm/QD-DLM_du-thao-01.docx"))
    assert not any(p.text.startswith("Dự thảo") for p in document.paragraphs)


def test_missing_file_is_reported_and_restored_identically(built: Path) -> None:
    target = built.parent / "output/qd-csdl/QD-CSDL_du-thao-01.docx"
    original = target.read_bytes()
    target.unlink()
    result = CliRunner().invoke(main, ["status", "--project", str(built)])
    assert "qd-csdl: out of date (Dự thảo lần 1): files missing or changed" in result.output
    report = build(built, NO_PDF)
    assert report.cut == [] and report.repaired == ["qd-csdl"]
    assert target.read_bytes() == original


def test_status_and_history_describe_the_versions(built: Path) -> None:
    runner = CliRunner()
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    status = runner.invoke(main, ["status", "--project", str(built), "--no-pdf"])
    assert status.exit_code == 0
    assert status.output.splitlines() == [
        "qd-csdl: out of date (Dự thảo lần 1): content changed",
        "qd-dlm: up to date (Dự thảo lần 1)",
        "1 of 2 documents out of date",
    ]
    build(built, NO_PDF)
    status = runner.invoke(main, ["status", "--project", str(built), "--no-pdf"])
    assert status.output.endswith("clean\n")
    lines = runner.invoke(main, ["history", "--project", str(built), "qd-csdl"]).output.splitlines()
    assert [line.split()[0] for line in lines] == ["1", "2"]
    assert "QD-CSDL_du-thao-02_redline.docx" in lines[1] and "no git" in lines[1]


def test_detailed_exit_code_says_whether_versions_were_cut(mini: Path) -> None:
    runner = CliRunner()
    args = ["build", "--project", str(mini), "--no-pdf", "--detailed-exit-code"]
    assert runner.invoke(main, args).exit_code == EXIT_NEW_VERSIONS
    second = runner.invoke(main, args)
    assert second.exit_code == 0, second.output
    assert "nothing to do" in second.output
    assert runner.invoke(main, args[:-1]).exit_code == 0


def test_preview_cuts_no_version(mini: Path) -> None:
    report = build(mini, BuildOptions(pdf=False, preview=True, only=["qd-csdl"]))
    assert report.cut == []
    preview = mini.parent / "output/qd-csdl/preview/QD-CSDL.docx"
    assert "Bản xem trước" in [p.text for p in Document(str(preview)).paragraphs][:3]
    assert not (mini.parent / "output/.drafter").exists()
    assert not (mini / ".drafter-state").exists()
    assert history(mini, "qd-csdl") == []


def test_diff_writes_a_redline_between_chosen_versions(built: Path) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    build(built, NO_PDF)
    result = CliRunner().invoke(main, ["diff", "--project", str(built), "qd-csdl", "1", "2"])
    assert result.exit_code == 0, result.output
    path = built.parent / "output/qd-csdl/QD-CSDL_du-thao-01-02_redline.docx"
    xml = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml")
    assert etree.fromstring(xml).find(f".//{W}del") is not None
    missing = CliRunner().invoke(main, ["diff", "--project", str(built), "qd-csdl", "1", "9"])
    assert missing.exit_code == 2 and "no version 9" in missing.output


def test_no_wait_build_fails_clearly_while_the_lock_is_held(built: Path) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    lock = built / ".drafter-state/lock"
    before = tree_snapshot(built.parent / "output/qd-csdl")
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result = CliRunner().invoke(
            main, ["build", "--project", str(built), "--no-pdf", "--no-wait"]
        )
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert "another drafter build is running" in result.output
    assert "Traceback" not in result.output
    assert tree_snapshot(built.parent / "output/qd-csdl") == before
    assert numbers(built, "qd-csdl") == [1]


def test_failed_build_creates_no_registry_or_lock(mini: Path) -> None:
    edit(mini / "registries/databases.yaml", "update_cycle: 5 năm", "update_cycle: thỉnh thoảng")
    result = CliRunner().invoke(main, ["build", "--project", str(mini)])
    assert result.exit_code == 2
    assert not (mini.parent / "output").exists()
    assert not (mini / ".drafter-state").exists()


def test_two_builds_in_two_folders_give_identical_docx_and_pdf(tmp_path: Path) -> None:
    from helpers import MINI

    outputs = []
    for name in ("one", "two"):
        content = copy_project(MINI, tmp_path / name)
        build(content, BuildOptions(only=["qd-dlm"]))
        folder = tmp_path / name / "output" / "qd-dlm"
        outputs.append({p.name: p.read_bytes() for p in folder.glob("*_du-thao-01.*[fx]")})
    assert sorted(outputs[0]) == ["QD-DLM_du-thao-01.docx", "QD-DLM_du-thao-01.pdf"]
    assert outputs[0] == outputs[1]


def test_pdf_metadata_carries_version_and_input_hash(mini: Path) -> None:
    from pypdf import PdfReader

    build(mini, BuildOptions(jobs=1, only=["qd-dlm"]))
    (item,) = [i for i in plan(mini, NO_PDF).documents if i.doc_id == "qd-dlm"]
    reader = PdfReader(str(mini.parent / "output/qd-dlm/QD-DLM_du-thao-01.pdf"))
    info = reader.metadata
    assert info is not None
    assert info.get("/DraftVersion") == "1"
    assert info.get("/InputHash") == item.inputs.input_hash
    assert info.get("/DocumentId") == "qd-dlm"
    assert item.inputs.input_hash in str(info.get("/Keywords"))
