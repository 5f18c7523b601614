"""Collecting returned Word files into the feedback register.

The returned files are real: the mini project's Decision is built with the
CLI, then Word comments (python-docx's ``add_comment``) and tracked changes
(w:ins / w:del, as Word writes them) are added to it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph
from helpers import MINI, copy_project
from unit.review.test_reader import comment, to_bytes, track

from drafter.cli import main
from drafter.errors import DrafterError
from drafter.ooxml import MIB
from drafter.ooxml import Limits as DocxLimits
from drafter.project import load_project
from drafter.review.collect import collect, unit_from_file_name

LEADER = "Hoàng Văn An"  # in the mini people registry, no unit
TTCDS_PERSON = "Lê Thị Bình"  # in the mini people registry, unit ttcds
STRANGER = "Nguyễn Văn Lạ"  # not in the registry
DATE = "2024-05-01T08:30:00Z"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The mini Decision as built by the CLI (no PDF)."""
    root = tmp_path_factory.mktemp("mini-draft")
    content = copy_project(MINI, root)
    result = CliRunner().invoke(
        main, ["build", "--project", str(content), "-d", "qd-csdl", "--no-pdf"]
    )
    assert result.exit_code == 0, result.output
    built = sorted((root / "output" / "qd-csdl").glob("*.docx"))
    return built[0].read_bytes()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(MINI, tmp_path)


Edit = Callable[[DocumentObject], None]


def returned(draft: bytes, *edits: Edit, version: str | None = None) -> bytes:
    """The draft with a reviewer's edits; ``version`` overrides cp:version."""
    document = docx.Document(io.BytesIO(draft))
    if version is not None:
        document.core_properties.version = version
    for edit in edits:
        edit(document)
    return to_bytes(document)


def starting(document: DocumentObject, prefix: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(prefix))


def comment_on_article_1(author: str, text: str = "Đề nghị nêu rõ số lượng.") -> Edit:
    def edit(document: DocumentObject) -> None:
        comment(document, starting(document, "Điều 1.").runs, text, author, None, DATE)

    return edit


def insert_in_point_b(author: str) -> Edit:
    def edit(document: DocumentObject) -> None:
        track(starting(document, "b) ").add_run(" hằng quý"), "ins", author, DATE)

    return edit


def delete_in_article_3(author: str) -> Edit:
    def edit(document: DocumentObject) -> None:
        paragraph = starting(document, "Điều 3.")
        track(paragraph.add_run(" thi hành"), "del", author, DATE)

    return edit


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def register(content: Path) -> dict[str, object]:
    data = yaml.safe_load((content / "feedback" / "qd-csdl.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def entries(content: Path) -> list[dict[str, object]]:
    found = register(content)["entries"]
    assert isinstance(found, list)
    return found


# --- what becomes an entry -----------------------------------------------------


def test_comment_becomes_an_entry_with_its_place_and_author(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "gop-y.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    collect(project, [path])
    [entry] = entries(project)
    assert entry["kind"] == "comment"
    assert entry["document"] == "qd-csdl"
    assert entry["author"] == TTCDS_PERSON
    assert entry["text"] == "Đề nghị nêu rõ số lượng."
    assert entry["location"] == "Điều 1"
    assert str(entry["anchor"]).startswith("Điều 1. Ban hành kèm theo Quyết định này")
    assert str(entry["date"]).startswith("2024-05-01 08:30:00")
    assert entry["response"] is None and entry["explanation"] is None
    assert entry["file"] == "gop-y.docx"


def test_insertion_and_deletion_become_entries(draft: bytes, project: Path, tmp_path: Path) -> None:
    data = returned(draft, insert_in_point_b(TTCDS_PERSON), delete_in_article_3(TTCDS_PERSON))
    collect(project, [write(tmp_path, "gop-y.docx", data)])
    found = {(e["kind"], e["text"], e["location"]) for e in entries(project)}
    assert found == {
        ("insertion", " hằng quý", "Điều 2, khoản 1, điểm b"),
        ("deletion", " thi hành", "Điều 3"),
    }


def test_version_comes_from_the_core_properties(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    data = returned(draft, comment_on_article_1(TTCDS_PERSON), version="3")
    report = collect(project, [write(tmp_path, "QD-CSDL_du-thao-02.docx", data)])
    assert report.files[0].version == 3
    assert entries(project)[0]["version"] == 3


@pytest.mark.parametrize(
    ("version", "status", "name", "expected"),
    [
        ("", "Dự thảo lần 5", "QD-CSDL_du-thao-02_VP.docx", 5),
        ("", "", "QD-CSDL_du-thao-02_VP.docx", 2),
        ("", "", "gop-y.docx", None),
        ("bản cuối", "", "QD-CSDL_du-thao-07.docx", 7),
    ],
)
def test_empty_version_falls_back_to_content_status_then_file_name(
    draft: bytes,
    project: Path,
    tmp_path: Path,
    version: str,
    status: str,
    name: str,
    expected: int | None,
) -> None:
    document = docx.Document(io.BytesIO(draft))
    document.core_properties.version = version
    document.core_properties.content_status = status
    comment_on_article_1(TTCDS_PERSON)(document)
    report = collect(project, [write(tmp_path, name, to_bytes(document))])
    assert (report.files[0].document, report.files[0].version) == ("qd-csdl", expected)
    assert entries(project)[0]["version"] == expected


def test_file_without_identity_is_named_from_its_output_name(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    document = docx.Document(io.BytesIO(draft))
    properties = document.core_properties
    properties.identifier = ""
    properties.version = ""
    properties.content_status = ""
    comment_on_article_1(TTCDS_PERSON)(document)
    path = write(tmp_path, "QD-CSDL_du-thao-04_Vu-Dan-toc-thieu-so.docx", to_bytes(document))
    report = collect(project, [path])
    assert (report.files[0].document, report.files[0].version) == ("qd-csdl", 4)


# --- who commented -------------------------------------------------------------


def test_unit_comes_from_the_people_registry(draft: bytes, project: Path, tmp_path: Path) -> None:
    # The file name names another unit: the person's own unit wins.
    data = returned(draft, comment_on_article_1(TTCDS_PERSON))
    report = collect(project, [write(tmp_path, "QD-CSDL_du-thao-01_Van-phong.docx", data)])
    assert entries(project)[0]["unit"] == "ttcds"
    assert report.unknown_authors == []


def test_unknown_author_takes_the_unit_from_the_file_name(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    data = returned(draft, comment_on_article_1(STRANGER))
    name = "QD-CSDL_du-thao-01_Vu-Dan-toc-thieu-so.docx"
    report = collect(project, [write(tmp_path, name, data)])
    assert entries(project)[0]["unit"] == "vu-dtts"
    assert [(a.author, a.unit) for a in report.unknown_authors] == [(STRANGER, "vu-dtts")]


def test_unknown_author_and_unknown_unit_leave_the_unit_empty_and_are_listed(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    data = returned(draft, comment_on_article_1(STRANGER))
    path = write(tmp_path, "QD-CSDL_du-thao-01_gop-y.docx", data)
    result = CliRunner().invoke(main, ["comments", "collect", "-p", str(project), str(path)])
    assert result.exit_code == 0, result.output
    assert entries(project)[0]["unit"] is None
    assert f"unknown author '{STRANGER}'" in result.output
    assert "unit left empty" in result.output


def test_leader_is_known_but_has_no_unit(draft: bytes, project: Path, tmp_path: Path) -> None:
    report = collect(
        project, [write(tmp_path, "a.docx", returned(draft, comment_on_article_1(LEADER)))]
    )
    assert entries(project)[0]["unit"] is None
    assert report.unknown_authors == []


@pytest.mark.parametrize(
    ("stem", "unit"),
    [
        ("QD-CSDL_du-thao-02_Vu-Dan-toc-thieu-so", "vu-dtts"),
        ("QD-CSDL_du-thao-02_vu dân tộc thiểu số", "vu-dtts"),
        ("QD-CSDL_du-thao-02_TTCDS", "ttcds"),
        ("QD-CSDL_du-thao-02_Van-phong-Uy-ban", "vp"),
        ("QD-CSDL_du-thao-02_gop-y", None),
        # "CSDL" belongs to the output name, not to a unit
        ("QD-CSDL_du-thao-02", None),
    ],
)
def test_unit_from_file_name(project: Path, stem: str, unit: str | None) -> None:
    assert unit_from_file_name(load_project(project), stem, "qd-csdl") == unit


# --- idempotence and the team's answers ------------------------------------------


def test_collecting_the_same_file_twice_adds_nothing(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    data = returned(draft, comment_on_article_1(TTCDS_PERSON), insert_in_point_b(TTCDS_PERSON))
    path = write(tmp_path, "gop-y.docx", data)
    runner = CliRunner()
    first = runner.invoke(main, ["comments", "collect", "-p", str(project), str(path)])
    before = (project / "feedback" / "qd-csdl.yaml").read_bytes()
    second = runner.invoke(main, ["comments", "collect", "-p", str(project), str(path)])
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert "gop-y.docx: qd-csdl, dự thảo lần 1: 2 new, 0 already present" in first.output
    assert "gop-y.docx: qd-csdl, dự thảo lần 1: 0 new, 2 already present" in second.output
    assert (project / "feedback" / "qd-csdl.yaml").read_bytes() == before


def test_existing_responses_are_never_overwritten(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    first = write(tmp_path, "a.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    collect(project, [first])
    path = project / "feedback" / "qd-csdl.yaml"
    answered = (
        path.read_text(encoding="utf-8")
        .replace("response: null", "response: tiếp thu")
        .replace("explanation: null", "explanation: Đã bổ sung số lượng.  # tổ soạn thảo")
    )
    path.write_text(answered, encoding="utf-8")
    second = write(tmp_path, "b.docx", returned(draft, delete_in_article_3(STRANGER)))
    report = collect(project, [first, second])
    assert [(f.new, f.present) for f in report.files] == [(0, 1), (1, 0)]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(answered.rstrip("\n"))  # the team's text, byte for byte
    by_kind = {e["kind"]: e for e in entries(project)}
    assert by_kind["comment"]["response"] == "tiếp thu"
    assert by_kind["comment"]["explanation"] == "Đã bổ sung số lượng."
    assert by_kind["deletion"]["response"] is None


def test_same_comment_twice_in_one_file_stays_two_entries(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    twice = comment_on_article_1(TTCDS_PERSON, "Đồng ý.")
    path = write(tmp_path, "a.docx", returned(draft, twice, twice))
    collect(project, [path])
    report = collect(project, [path])
    assert len(entries(project)) == 2
    assert (report.files[0].new, report.files[0].present) == (0, 2)


# --- bad files -------------------------------------------------------------------


def zip_bomb(path: Path) -> Path:
    """A DOCX-like zip whose comments part inflates to 300 MiB of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/comments.xml", "w") as entry:
            for _ in range(300):
                entry.write(bytes(MIB))
    return path


def test_bad_files_are_reported_and_good_ones_still_collected(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    not_zip = write(tmp_path, "a-khong-phai-docx.docx", b"%PDF-1.7 not a Word file")
    bomb = zip_bomb(tmp_path / "b-bom.docx")
    good = write(tmp_path, "c-tot.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    args = ["comments", "collect", "-p", str(project), str(not_zip), str(bomb), str(good)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{not_zip}: cannot collect: tệp không phải là tệp Word (DOCX)" in result.output
    assert f"{bomb}: cannot collect:" in result.output and "bom zip" in result.output
    assert "c-tot.docx: qd-csdl, dự thảo lần 1: 1 new, 0 already present" in result.output
    assert len(entries(project)) == 1


def test_too_large_file_is_refused(draft: bytes, project: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "lon.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    report = collect(project, [path], limits=DocxLimits(max_file_bytes=1000))
    assert report.failed
    assert "quá lớn" in str(report.files[0].error)
    assert not (project / "feedback").exists()


def test_file_of_another_document_is_refused_with_document_option(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "a.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    report = collect(project, [path], document="qd-dlm")
    assert "not of 'qd-dlm'" in str(report.files[0].error)


def test_invalid_register_stops_collection_with_a_located_error(
    draft: bytes, project: Path, tmp_path: Path
) -> None:
    (project / "feedback").mkdir()
    (project / "feedback" / "qd-csdl.yaml").write_text(
        "document: qd-csdl\nentries:\n  - id: abc\n    document: qd-csdl\n    unit: vu-xyz\n"
        "    author: A\n    kind: comment\n    text: B\n",
        encoding="utf-8",
    )
    path = write(tmp_path, "a.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    with pytest.raises(DrafterError) as raised:
        collect(project, [path])
    [problem] = raised.value.problems
    assert (problem.line, problem.path) == (5, "entries[0].unit")
    assert "unknown unit 'vu-xyz'" in problem.message


# --- the register's one path, and its lock -----------------------------------


def test_a_hand_edit_made_during_a_collection_is_kept(
    draft: bytes, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafter.review.collect as collect_module

    first = write(tmp_path, "a.docx", returned(draft, comment_on_article_1(TTCDS_PERSON)))
    collect(project, [first])
    path = project / "feedback" / "qd-csdl.yaml"
    original_merge = collect_module.merge
    edited: list[bool] = []

    def merge_while_the_team_answers(*args: object) -> object:
        # the register was read; the team saves an answer before it is rewritten
        if not edited:
            text = path.read_text(encoding="utf-8").replace("response: null", "response: tiếp thu")
            path.write_text(text, encoding="utf-8")
            edited.append(True)
        return original_merge(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(collect_module, "merge", merge_while_the_team_answers)
    second = write(tmp_path, "b.docx", returned(draft, delete_in_article_3(STRANGER)))
    report = collect(project, [second])
    assert [f.new for f in report.files] == [1] and edited
    by_kind = {e["kind"]: e for e in entries(project)}
    assert by_kind["comment"]["response"] == "tiếp thu"
    assert by_kind["deletion"]["response"] is None
