"""Reading comments and tracked changes from returned Word files.

The returned files are made here: python-docx writes the draft and real Word
comment markup (comments.xml, commentRangeStart/End, commentReference); lxml
adds tracked changes and Word's commentsExtended reply part.  One test sends
such a file through LibreOffice and reads what comes back.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from helpers import libreoffice_convert
from lxml import etree

from drafter.ooxml import PackageError as UnsafeDocxError
from drafter.review.reader import DocumentInfo, Feedback, read_feedback

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
COMMENTS_EXTENDED_CT = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
COMMENTS_EXTENDED_RT = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"

AN = "Nguyễn Văn An"
BINH = "Trần Thị Bình"
CUONG = "Lê Văn Cường"
DUNG = "Phạm Thị Dung"

DATE_A = "2024-05-01T08:30:00Z"
DATE_B = "2024-05-02T09:00:00Z"
DATE_C = "2024-05-03T10:15:00Z"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


# --- building returned files ---------------------------------------------------


_change_ids = iter(range(1000, 100000))


def track(run: Run, kind: str, author: str, date: str) -> None:
    """Wrap ``run`` in a w:ins or w:del, as Word does when tracking changes."""
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(next(_change_ids)))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), date)
    element = run._r
    element.addprevious(wrapper)
    wrapper.append(element)
    if kind == "del":
        for text in element.iter(qn("w:t")):
            text.tag = qn("w:delText")


def mark_paragraph_mark(paragraph: Paragraph, author: str) -> None:
    """Track an inserted paragraph mark: pPr/rPr/w:ins, with no text."""
    properties = paragraph._p.get_or_add_pPr()
    run_properties = OxmlElement("w:rPr")
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), str(next(_change_ids)))
    insertion.set(qn("w:author"), author)
    insertion.set(qn("w:date"), DATE_C)
    run_properties.append(insertion)
    properties.append(run_properties)


def comment(
    document: DocumentObject,
    runs: Sequence[Run],
    text: str,
    author: str,
    initials: str | None,
    date: str,
    para_id: str | None = None,
) -> docx.comments.Comment:
    added = document.add_comment(list(runs), text=text, author=author, initials=initials)
    added._comment_elm.set(qn("w:date"), date)
    if para_id is not None:
        set_para_id(added, para_id)
    return added


def set_para_id(added: docx.comments.Comment, para_id: str) -> None:
    """Word ties commentsExtended records to a comment's last paragraph's paraId."""
    added._comment_elm.findall(qn("w:p"))[-1].set(f"{{{W14}}}paraId", para_id)


def add_comments_extended(document: DocumentObject, records: str) -> None:
    """Add Word's commentsExtended part (reply threads) with its relationship."""
    blob = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w15:commentsEx xmlns:w15="{W15}">{records}</w15:commentsEx>'
    ).encode()
    part = Part(
        PackURI("/word/commentsExtended.xml"),
        COMMENTS_EXTENDED_CT,
        blob,
        document.part.package,
    )
    document.part.relate_to(part, COMMENTS_EXTENDED_RT)


def to_bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_returned_decision() -> bytes:
    """A draft Decision as a reviewer returns it: comments and tracked changes."""
    document = docx.Document()
    properties = document.core_properties
    properties.identifier = "qd-danh-muc-csdl"
    properties.version = "2"
    properties.title = "Quyết định ban hành Danh mục cơ sở dữ liệu"
    properties.content_status = "Dự thảo lần 2"
    properties.keywords = "sha256:4f2a9c"

    document.add_paragraph("QUYẾT ĐỊNH:")
    document.add_paragraph("Điều 1. Ban hành Danh mục cơ sở dữ liệu của Ủy ban Dân tộc.")

    clause_1 = document.add_paragraph("1. Danh mục gồm ")
    target = clause_1.add_run("các cơ sở dữ liệu")
    clause_1.add_run(" tại Phụ lục kèm theo.")
    first = comment(document, [target], "Đề nghị nêu rõ số lượng.", AN, "NVA", DATE_A)
    first.add_paragraph("Xem thêm Điều 2.")
    set_para_id(first, "0A000001")
    comment(document, [target], "Đồng ý với ý kiến trên.", BINH, "TTB", DATE_B, "0A000002")

    clause_2 = document.add_paragraph("2. Các đơn vị cập nhật dữ liệu ")
    track(clause_2.add_run("hàng năm"), "del", BINH, DATE_B)
    track(clause_2.add_run("hàng "), "ins", BINH, DATE_B)
    track(clause_2.add_run("quý"), "ins", BINH, DATE_B)
    clause_2.add_run(".")

    article_2 = document.add_paragraph("Điều 2. ")
    effect = article_2.add_run("Quyết định này có hiệu lực kể từ ngày ký.")
    execution = document.add_paragraph("Chánh Văn phòng")
    track(execution.add_run(", Vụ trưởng Vụ Pháp chế"), "ins", CUONG, DATE_C)
    track(execution.add_run(" và các đơn vị liên quan"), "ins", BINH, DATE_B)
    execution.add_run(" chịu trách nhiệm thi hành Quyết định này.")
    mark_paragraph_mark(execution, CUONG)
    comment(
        document,
        [effect, execution.runs[0]],
        "Bổ sung ngày có hiệu lực cụ thể.",
        CUONG,
        "LVC",
        DATE_C,
    )

    document.add_paragraph("Phụ lục")
    document.add_paragraph("DANH MỤC CƠ SỞ DỮ LIỆU")
    table = document.add_table(rows=13, cols=3)
    for cell, text in zip(table.rows[0].cells, ["STT", "Tên cơ sở dữ liệu", "Đơn vị"], strict=True):
        cell.text = text
    for number in range(1, 13):
        cells = table.rows[number].cells
        cells[0].text = str(number)
        cells[1].text = f"Cơ sở dữ liệu số {number}"
        cells[2].text = "Trung tâm Chuyển đổi số"
    comment(document, table.cell(12, 1).paragraphs[0].runs, "Tên chưa đúng.", DUNG, None, DATE_A)
    delete_row(table.rows[5], BINH, DATE_B)

    add_comments_extended(
        document,
        '<w15:commentEx w15:paraId="0A000001" w15:done="0"/>'
        '<w15:commentEx w15:paraId="0A000002" w15:paraIdParent="0A000001" w15:done="1"/>',
    )
    return to_bytes(document)


def delete_row(row: docx.table._Row, author: str, date: str) -> None:
    """Track a deleted table row: trPr/w:del, and every run in a w:del."""
    row_properties = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), str(next(_change_ids)))
    mark.set(qn("w:author"), author)
    mark.set(qn("w:date"), date)
    row_properties.append(mark)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                track(run, "del", author, date)


@pytest.fixture(scope="module")
def returned() -> bytes:
    return build_returned_decision()


@pytest.fixture(scope="module")
def feedback(returned: bytes) -> list[Feedback]:
    return read_feedback(returned)[1]


def only(items: list[Feedback], **wanted: object) -> Feedback:
    found = [f for f in items if all(getattr(f, k) == v for k, v in wanted.items())]
    assert len(found) == 1, f"{wanted}: {found}"
    return found[0]


def replace_parts(data: bytes, replacements: dict[str, bytes]) -> bytes:
    """The same DOCX with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, replacements.get(info.filename, source.read(info)))
    return out.getvalue()


def comment_locations(paragraphs: Sequence[str]) -> list[str]:
    """The location of a comment put on each paragraph of a fresh document."""
    document = docx.Document()
    for text in paragraphs:
        added = document.add_paragraph(text)
        comment(document, added.runs, "ý kiến", AN, "NVA", DATE_A)
    return [f.location for f in read_feedback(to_bytes(document))[1]]


# --- document properties ------------------------------------------------------


def test_document_info_comes_from_core_properties(returned: bytes) -> None:
    info, _ = read_feedback(returned)
    assert info == DocumentInfo(
        identifier="qd-danh-muc-csdl",
        version="2",
        title="Quyết định ban hành Danh mục cơ sở dữ liệu",
        content_status="Dự thảo lần 2",
        keywords="sha256:4f2a9c",
    )


def test_missing_core_properties_are_none() -> None:
    document = docx.Document()
    document.add_paragraph("Điều 1. Nội dung.")
    info, feedback = read_feedback(to_bytes(document))
    assert (info.identifier, info.version, info.content_status, info.keywords) == (None,) * 4
    assert feedback == []


# --- comments -----------------------------------------------------------------


def test_comment_carries_author_initials_date_and_text(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="comment", author=AN)
    assert found.initials == "NVA"
    assert found.date == utc(DATE_A)
    assert found.text == "Đề nghị nêu rõ số lượng.\nXem thêm Điều 2."


def test_comment_anchor_is_the_commented_text(feedback: list[Feedback]) -> None:
    assert only(feedback, kind="comment", author=AN).anchor == "các cơ sở dữ liệu"


def test_comment_on_clause_is_located_by_article_and_clause(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="comment", author=AN)
    assert found.location == "Điều 1, khoản 1"
    assert found.paragraph_index == 2


def test_comment_spanning_paragraphs_anchors_both(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="comment", author=CUONG)
    assert found.anchor == "Quyết định này có hiệu lực kể từ ngày ký.\nChánh Văn phòng"
    assert found.location == "Điều 2"


def test_comment_in_appendix_table_is_located_by_running_number(
    feedback: list[Feedback],
) -> None:
    found = only(feedback, kind="comment", author=DUNG)
    assert found.location == "Phụ lục, STT 12"
    assert found.anchor == "Cơ sở dữ liệu số 12"


def test_comment_without_initials_has_none(feedback: list[Feedback]) -> None:
    assert only(feedback, kind="comment", author=DUNG).initials is None


def test_reply_points_at_its_parent_comment(feedback: list[Feedback]) -> None:
    parent = only(feedback, kind="comment", author=AN)
    reply = only(feedback, kind="comment", author=BINH)
    assert reply.reply_to == parent.comment_id
    assert parent.reply_to is None
    assert reply.resolved and not parent.resolved


def test_point_comment_anchors_its_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Điều 3. Trách nhiệm thi hành.")
    comment(document, paragraph.runs, "Thiếu đơn vị.", AN, "NVA", DATE_A)
    data = to_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    # Collapse the range to a point, as LibreOffice writes a comment on no selection.
    root = etree.fromstring(xml)
    end = root.find(f".//{qn('w:commentRangeEnd')}")
    start = root.find(f".//{qn('w:commentRangeStart')}")
    assert end is not None and start is not None
    start.addnext(end)
    found = read_feedback(replace_parts(data, {"word/document.xml": etree.tostring(root)}))[1]
    assert [(f.anchor, f.location) for f in found] == [("Điều 3. Trách nhiệm thi hành.", "Điều 3")]


def test_file_without_comments_part_reads_changes_only() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Điều 1. Nội dung ")
    track(paragraph.add_run("mới"), "ins", AN, DATE_A)
    found = read_feedback(to_bytes(document))[1]
    assert [(f.kind, f.text) for f in found] == [("insertion", "mới")]


# --- tracked changes ----------------------------------------------------------


def test_adjacent_insertions_by_one_author_merge(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="insertion", author=BINH, location="Điều 1, khoản 2")
    assert found.text == "hàng quý"
    assert found.date == utc(DATE_B)


def test_replacement_gives_one_deletion_with_the_old_text(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="deletion", author=BINH, location="Điều 1, khoản 2")
    assert found.text == "hàng năm"


def test_change_anchor_is_the_paragraph_as_sent(feedback: list[Feedback]) -> None:
    found = only(feedback, kind="deletion", author=BINH, location="Điều 1, khoản 2")
    assert found.anchor == "2. Các đơn vị cập nhật dữ liệu hàng năm."


def test_adjacent_changes_by_different_authors_stay_apart(feedback: list[Feedback]) -> None:
    in_article_2 = [
        (f.author, f.text) for f in feedback if f.kind == "insertion" and f.location == "Điều 2"
    ]
    assert in_article_2 == [(CUONG, ", Vụ trưởng Vụ Pháp chế"), (BINH, " và các đơn vị liên quan")]


def test_changes_separated_by_unchanged_text_stay_apart() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Điều 1. ")
    track(paragraph.add_run("Ban hành"), "del", AN, DATE_A)
    paragraph.add_run(" Danh mục ")
    track(paragraph.add_run("kèm theo"), "del", AN, DATE_A)
    found = read_feedback(to_bytes(document))[1]
    assert [f.text for f in found] == ["Ban hành", "kèm theo"]


def test_paragraph_mark_change_without_text_is_ignored(feedback: list[Feedback]) -> None:
    assert all(f.text for f in feedback if f.kind != "comment")
    assert not [
        f
        for f in feedback
        if f.author == CUONG and f.kind == "insertion" and f.text != ", Vụ trưởng Vụ Pháp chế"
    ]


def test_deleted_table_row_is_one_entry_with_the_row_text(feedback: list[Feedback]) -> None:
    in_appendix = [f for f in feedback if f.kind == "deletion" and f.location.startswith("Phụ lục")]
    assert len(in_appendix) == 1
    row = in_appendix[0]
    assert (row.author, row.date) == (BINH, utc(DATE_B))
    assert row.text == "5 | Cơ sở dữ liệu số 5 | Trung tâm Chuyển đổi số"
    assert row.location == "Phụ lục, STT 5"


def test_feedback_comes_in_document_order(feedback: list[Feedback]) -> None:
    assert [(f.kind, f.author) for f in feedback] == [
        ("comment", AN),
        ("comment", BINH),
        ("deletion", BINH),
        ("insertion", BINH),
        ("comment", CUONG),
        ("insertion", CUONG),
        ("insertion", BINH),
        ("deletion", BINH),
        ("comment", DUNG),
    ]


def test_text_box_fallback_is_not_read_twice() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Điều 1. Nội dung.")
    run = paragraph.add_run()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:txbxContent xmlns:w="{w}"><w:p><w:ins w:id="9" w:author="{AN}" '
        f'w:date="{DATE_A}"><w:r><w:t>lần 2</w:t></w:r></w:ins></w:p></w:txbxContent>'
    )
    alternate = etree.fromstring(
        f'<mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps">{box}</mc:Choice>'
        f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent>"
    )
    run._r.append(alternate)
    found = read_feedback(to_bytes(document))[1]
    assert [(f.kind, f.text, f.location) for f in found] == [("insertion", "lần 2", "Điều 1")]


# --- locations ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Chương II", "QUY ĐỊNH CHUNG"], "Chương II"),
        (["Chương I", "Điều 5. Phạm vi", "1. Khoản", "a) Điểm"], "Điều 5, khoản 1, điểm a"),
        (["Điều 1. Một", "2. Hai", "Điều 2. Ba"], "Điều 2"),
        (["Phần I", "Mục 3", "Nội dung"], "Mục 3"),
        (["I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN", "Nội dung"], "I. SỰ CẦN THIẾT XÂY…"),
        (["II. MỤC TIÊU", "1. Mục tiêu chung"], "II. MỤC TIÊU, mục 1"),
        (["Điều 9. Hiệu lực", "Phụ lục II", "DANH MỤC"], "Phụ lục II"),
        (["Căn cứ Luật Công nghệ thông tin;"], ""),
    ],
)
def test_location_follows_the_nearest_headings(paragraphs: list[str], expected: str) -> None:
    assert comment_locations(paragraphs)[-1] == expected


def test_row_without_running_number_is_located_by_table_and_row() -> None:
    document = docx.Document()
    document.add_table(rows=1, cols=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nội dung"
    table.cell(1, 0).text = "Kinh phí"
    comment(document, table.cell(1, 0).paragraphs[0].runs, "Thiếu số liệu.", AN, "NVA", DATE_A)
    found = read_feedback(to_bytes(document))[1]
    assert [f.location for f in found] == ["bảng 2, dòng 2"]


# --- other writers ------------------------------------------------------------


def test_namespace_prefixes_do_not_matter(returned: bytes) -> None:
    def reprefix(xml: bytes) -> bytes:
        for old, new in [
            (b"<w:", b"<ns9:"),
            (b"</w:", b"</ns9:"),
            (b" w:", b" ns9:"),
            (b"xmlns:w=", b"xmlns:ns9="),
        ]:
            xml = xml.replace(old, new)
        return xml

    with zipfile.ZipFile(io.BytesIO(returned)) as archive:
        parts = {
            name: reprefix(archive.read(name))
            for name in ("word/document.xml", "word/comments.xml")
        }
    assert read_feedback(replace_parts(returned, parts))[1] == read_feedback(returned)[1]


def test_unsafe_comments_part_is_refused(returned: bytes) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    with pytest.raises(UnsafeDocxError, match="DOCTYPE"):
        read_feedback(replace_parts(returned, {"word/comments.xml": bomb}))


def test_libreoffice_round_trip_keeps_comments_and_changes(returned: bytes, tmp_path: Path) -> None:
    source = tmp_path / "gop-y.docx"
    source.write_bytes(returned)
    info, found = read_feedback(
        libreoffice_convert(source, "docx:MS Word 2007 XML", tmp_path / "out")
    )
    assert info.identifier == "qd-danh-muc-csdl"
    summary = {(f.kind, f.author, f.text, f.location) for f in found}
    first_comment = "Đề nghị nêu rõ số lượng.\nXem thêm Điều 2."
    assert ("comment", AN, first_comment, "Điều 1, khoản 1") in summary
    assert ("comment", DUNG, "Tên chưa đúng.", "Phụ lục, STT 12") in summary
    assert ("deletion", BINH, "hàng năm", "Điều 1, khoản 2") in summary
    assert ("insertion", BINH, "hàng quý", "Điều 1, khoản 2") in summary
    assert ("insertion", CUONG, ", Vụ trưởng Vụ Pháp chế", "Điều 2") in summary
    anchors = {f.author: f.anchor for f in found if f.kind == "comment"}
    assert anchors[AN] == "các cơ sở dữ liệu"
    dates = {f.author: f.date for f in found if f.kind == "comment"}
    date = dates[AN]
    assert date is not None
    assert date.replace(tzinfo=None) == datetime(2024, 5, 1, 8, 30)
