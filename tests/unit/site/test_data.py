"""The review site's page data: counts, statuses, ordering, and text shown
exactly as written (escaped, never interpreted)."""

from __future__ import annotations

import datetime as dt
import html.parser
from pathlib import Path

import pytest

from drafter.build import BuildOptions, build
from drafter.content.models import ReviewState
from drafter.errors import DrafterError, Severity
from drafter.project import load_project
from drafter.site.changelog_view import parse_changelog
from drafter.site.data import (
    RESPONSES,
    Tally,
    display_title,
    file_size,
    site_view,
    status_of,
)
from drafter.site.pages import render_site

NO_PDF = BuildOptions(pdf=False, jobs=1)

#: A register for qd-csdl: drafts 1 and 2, three units and one unknown,
#: every response and an open comment; text with markup characters.
REGISTER = """\
document: qd-csdl
entries:
  - {id: a1, document: qd-csdl, version: 1, unit: vu-dtts, author: Lê Văn Ba, kind: comment,
     location: Điều 1, text: 'Đề nghị sửa <b>"tên"</b> & thêm ''mã''', response: tiếp thu,
     explanation: Đã sửa.}
  - {id: a2, document: qd-csdl, version: 1, unit: vp, author: Ngô Thị Hà, kind: deletion,
     text: ' thi hành', response: giải trình, explanation: Giữ như dự thảo.}
  - {id: a3, document: qd-csdl, version: 1, unit: vu-dtts, author: Lê Văn Ba, kind: insertion,
     text: ' hằng năm'}
  - {id: b1, document: qd-csdl, version: 2, unit: ttcds, author: Trần Văn Bình, kind: comment,
     text: Đồng ý., response: tiếp thu một phần, explanation: Một phần.}
  - {id: b2, document: qd-csdl, version: 2, author: Khách, kind: comment, text: Không rõ đơn vị.}
  - {id: c1, document: qd-csdl, author: Khách, kind: comment, text: Không rõ dự thảo.,
     date: 2023-05-08}
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built(mini: Path) -> Path:
    """The mini project with two drafts of qd-csdl, one of qd-dlm, and a register."""
    (mini / "feedback").mkdir()
    (mini / "feedback" / "qd-csdl.yaml").write_text(REGISTER, encoding="utf-8")
    build(mini, NO_PDF)
    edit(mini / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    build(mini, NO_PDF)
    return mini


def view_of(content: Path):  # type: ignore[no-untyped-def]
    project = load_project(content)
    view, problems = site_view(project, content.parent / "output", thumbnails=False)
    assert problems == []
    return view


def test_documents_follow_the_project_and_drafts_go_newest_first(built: Path) -> None:
    view = view_of(built)
    assert [d.id for d in view.documents] == ["qd-csdl", "qd-dlm"]
    csdl = view.documents[0]
    assert [d.number for d in csdl.drafts] == [2, 1]
    assert csdl.latest is not None and csdl.latest.name == "Dự thảo lần 2"
    assert view.documents[1].latest is not None and view.documents[1].latest.number == 1


def test_draft_reason_is_the_changelog_summary(built: Path) -> None:
    csdl = view_of(built).documents[0]
    assert csdl.drafts[1].summary == "Dự thảo đầu tiên."
    assert csdl.drafts[0].summary.startswith("Điều khoản: điều 3:")
    assert "01 tháng 7 năm 2023" in csdl.drafts[0].summary


def test_draft_links_only_files_that_are_on_disk(built: Path) -> None:
    csdl = view_of(built).documents[0]
    assert [f.role for f in csdl.drafts[0].files] == ["docx", "redline", "changelog"]
    assert [f.role for f in csdl.drafts[1].files] == ["docx", "changelog"]
    assert csdl.drafts[0].file("docx") is not None
    assert csdl.drafts[0].files[0].href == "qd-csdl/QD-CSDL_du-thao-02.docx"
    (built.parent / "output/qd-csdl/QD-CSDL_du-thao-02_redline.docx").unlink()
    assert [f.role for f in view_of(built).documents[0].drafts[0].files] == ["docx", "changelog"]


def test_comments_are_counted_per_draft_and_unit(built: Path) -> None:
    csdl = view_of(built).documents[0]
    assert [c.number for c in csdl.comments] == [2, 1, None]
    assert csdl.tally == Tally(received=6, open=3)
    first = next(c for c in csdl.comments if c.number == 1)
    # units in the organisation registry's order: vp before vu-dtts
    assert [(u.key, u.total, u.by_response) for u in first.units] == [
        ("vp", 1, (0, 0, 1, 0)),
        ("vu-dtts", 2, (1, 0, 0, 1)),
    ]
    assert first.totals == (1, 0, 1, 1)
    assert [c.id for c in first.comments] == ["a1", "a2", "a3"]  # register order


def test_unknown_unit_comes_last_and_is_named(built: Path) -> None:
    second = next(c for c in view_of(built).documents[0].comments if c.number == 2)
    assert [(u.key, u.name) for u in second.units] == [
        ("ttcds", "Trung tâm Chuyển đổi số"),
        ("chua-ro-don-vi", "Chưa xác định đơn vị"),
    ]


def test_draft_shows_its_comment_counts_and_page(built: Path) -> None:
    csdl = view_of(built).documents[0]
    assert csdl.drafts[1].comments == Tally(3, 1)
    assert csdl.drafts[1].comments_page == "qd-csdl/du-thao-01/gop-y.html"
    assert csdl.comments[-1].page == "qd-csdl/gop-y-chua-ro-du-thao.html"


def test_open_comment_reads_chua_xu_ly() -> None:
    assert RESPONSES[-1] == ("chưa xử lý", "chua-xu-ly")


def test_document_without_register_has_no_comments(built: Path) -> None:
    dlm = view_of(built).documents[1]
    assert dlm.comments == () and dlm.tally == Tally(0, 0)
    assert dlm.status == "Đang soạn thảo"


@pytest.mark.parametrize(
    ("review", "tally", "expected"),
    [
        (None, Tally(0, 0), ("Đang soạn thảo", "soan-thao")),
        (None, Tally(3, 1), ("Đang tổng hợp ý kiến", "tong-hop")),
        (
            ReviewState(stage="lấy ý kiến", comments_until=dt.date(2023, 6, 5)),
            Tally(3, 1),
            ("Đang lấy ý kiến đến hết ngày 05/06/2023", "lay-y-kien"),
        ),
        (ReviewState(stage="lấy ý kiến"), Tally(), ("Đang lấy ý kiến", "lay-y-kien")),
        (ReviewState(stage="tổng hợp ý kiến"), Tally(), ("Đang tổng hợp ý kiến", "tong-hop")),
        (
            ReviewState(stage="đã trình", submitted_on=dt.date(2023, 10, 31)),
            Tally(),
            ("Đã trình ngày 31/10/2023", "da-trinh"),
        ),
        (ReviewState(stage="soạn thảo"), Tally(5, 5), ("Đang soạn thảo", "soan-thao")),
    ],
)
def test_status(review: ReviewState | None, tally: Tally, expected: tuple[str, str]) -> None:
    assert status_of(review, tally) == expected


def test_review_stage_from_drafter_yaml_is_shown(built: Path) -> None:
    edit(
        built / "drafter.yaml",
        "    output: QD-DLM\n",
        "    output: QD-DLM\n    review: {stage: lấy ý kiến, comments_until: 2023-06-15}\n",
    )
    assert view_of(built).documents[1].status == "Đang lấy ý kiến đến hết ngày 15/06/2023"


def test_unknown_review_stage_is_located(built: Path) -> None:
    stage = "    output: QD-DLM\n    review: {stage: xong}\n"
    edit(built / "drafter.yaml", "    output: QD-DLM\n", stage)
    with pytest.raises(DrafterError) as caught:
        load_project(built)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("content/drafter.yaml", 18)
    assert problem.path == "documents[1].review.stage"


def test_unreadable_register_is_a_warning_and_the_site_still_shows(built: Path) -> None:
    (built / "feedback" / "qd-dlm.yaml").write_text("document: qd-dlm\nentries: 5\n", "utf-8")
    project = load_project(built)
    view, problems = site_view(project, built.parent / "output", thumbnails=False)
    assert problems and all(p.severity is Severity.WARNING for p in problems)
    assert problems[0].file.endswith("feedback/qd-dlm.yaml")
    assert view.documents[1].comments == ()


@pytest.mark.parametrize(
    ("title", "kind", "expected"),
    [
        (
            "Ban hành Danh mục cơ sở dữ liệu của Ủy ban Dân tộc",
            "Quyết định ban hành Danh mục cơ sở dữ liệu",
            "Quyết định ban hành Danh mục cơ sở dữ liệu của Ủy ban Dân tộc",
        ),
        ("Tăng cường chuyển đổi số", "Đề án", "Đề án Tăng cường chuyển đổi số"),
        (
            "đối với dự thảo Quyết định",
            "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý",
            "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với dự thảo Quyết định",
        ),
    ],
)
def test_display_title_reads_as_the_documents_name(title: str, kind: str, expected: str) -> None:
    assert display_title(title, kind) == expected


def test_file_sizes_read_the_vietnamese_way() -> None:
    assert [file_size(n) for n in (850, 46_000, 1_300_000)] == ["850 byte", "45 KB", "1,2 MB"]


def test_changelog_summary_names_the_first_change_and_counts_the_rest() -> None:
    log = parse_changelog(
        "# X: Dự thảo lần 2\n\nTiêu đề\n\n- Thời điểm tạo: 2023\n- So với: Dự thảo lần 1\n\n"
        "## Danh mục cơ sở dữ liệu\n\n- Thêm “A”.\n- Bỏ “B”.\n\n## Điều khoản\n\n- Điều 2: x.\n"
    )
    assert log.facts == ("Thời điểm tạo: 2023", "So với: Dự thảo lần 1")
    assert [s.title for s in log.sections] == ["Danh mục cơ sở dữ liệu", "Điều khoản"]
    assert log.summary() == "Danh mục cơ sở dữ liệu: thêm “A”. (và 2 thay đổi khác)"


# --------------------------------------------------------------------------- escaping


class _Text(html.parser.HTMLParser):
    """The text a browser shows (entities decoded), and every attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [v for _, v in attrs if v is not None]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: bytes) -> _Text:
    parser = _Text()
    parser.feed(page.decode("utf-8"))
    return parser


TRICKY = "Danh mục <script>alert(1)</script> & “dữ liệu” \"mở\" 'UBDT'"


def test_markup_characters_show_exactly_and_never_become_markup(built: Path) -> None:
    edit(
        built / "documents/qd-csdl.yaml",
        "title: Ban hành Danh mục cơ sở dữ liệu của Ủy ban Dân tộc",
        f"title: '{TRICKY.replace(chr(39), chr(39) * 2)}'",
    )
    build(built, NO_PDF)
    files = render_site(view_of(built))
    home, document = parsed(files["index.html"]), parsed(files["qd-csdl/index.html"])
    assert TRICKY in "".join(home.text)
    assert TRICKY in "".join(document.text)
    assert "script" not in home.tags and "b" not in document.tags
    comments = files["qd-csdl/du-thao-01/gop-y.html"]
    assert "Đề nghị sửa <b>\"tên\"</b> & thêm 'mã'" in "".join(parsed(comments).text)
    escaped = "&lt;b&gt;&#34;tên&#34;&lt;/b&gt; &amp; thêm &#39;mã&#39;"
    assert escaped.encode("utf-8") in comments
    assert "b" not in parsed(comments).tags


def test_comments_read_without_the_script(built: Path) -> None:
    page = render_site(view_of(built))["qd-csdl/du-thao-01/gop-y.html"].decode("utf-8")
    assert '<form class="filter" hidden>' in page  # shown by filter.js only
    assert page.count('<li class="comment"') == 3
    assert " hidden" not in page.split('<ol class="comments">')[1]
