"""The redline: two versions of a DOCX → the new one with Word tracked changes."""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Mm
from helpers import libreoffice_convert
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.errors import DrafterError
from drafter.publish.redline import make_redline

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
AUTHOR = "Nguyễn Văn An"
DATE = datetime(2023, 10, 5, 9, 30, tzinfo=UTC)
DATE_TEXT = "2023-10-05T09:30:00Z"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# --------------------------------------------------------------------------- building inputs

Run = tuple[str, dict[str, Any]]
Block = tuple[str, Any]  # ("p", [Run, ...]) or ("table", [[cell text, ...], ...])


def para(*runs: str | Run) -> Block:
    return ("p", [r if isinstance(r, tuple) else (r, {}) for r in runs])


def table(*rows: Sequence[str]) -> Block:
    return ("table", [list(r) for r in rows])


def make_docx(blocks: Sequence[Block], *, left_margin_mm: int = 30) -> bytes:
    """A DOCX made with python-docx, as the templates' output would be."""
    doc = Document()
    doc.sections[0].left_margin = Mm(left_margin_mm)
    doc.sections[0].header.paragraphs[0].text = "Đầu trang"
    for kind, content in blocks:
        if kind == "p":
            p = doc.add_paragraph()
            for text, fmt in content:
                run = p.add_run()
                # "\t" and "\n" become w:tab and w:br, as in real templates.
                for i, line in enumerate(text.split("\n")):
                    if i:
                        run.add_break(WD_BREAK.LINE)
                    for j, part in enumerate(line.split("\t")):
                        if j:
                            run.add_tab()
                        if part:
                            run.add_text(part)
                run.bold = fmt.get("bold")
                run.italic = fmt.get("italic")
        else:
            t = doc.add_table(rows=0, cols=len(content[0]))
            for row in content:
                cells = t.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def redline(old: Sequence[Block], new: Sequence[Block]) -> bytes:
    return make_redline(make_docx(old), make_docx(new), author=AUTHOR, date=DATE)


# --------------------------------------------------------------------------- reading outputs


@dataclass(frozen=True)
class RedlineCounts:
    """What a redline holds: revision marks and the words in them."""

    insertions: int
    deletions: int
    words_inserted: int
    words_deleted: int


_WORD = re.compile(r"[\w\u0300-\u036f]+")


def redline_summary(docx: bytes) -> RedlineCounts:
    """Count the w:ins / w:del elements of the body (run groups, paragraph
    marks and table rows alike) and the words in their w:t / w:delText."""
    root = body(docx)

    def words(element: etree._Element, text_tag: str) -> int:
        return sum(len(_WORD.findall(t.text or "")) for t in element.iter(w(text_tag)))

    inserted, deleted = list(root.iter(w("ins"))), list(root.iter(w("del")))
    return RedlineCounts(
        len(inserted),
        len(deleted),
        sum(words(e, "t") for e in inserted),
        sum(words(e, "delText") for e in deleted),
    )


def document_xml(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def body(docx: bytes) -> etree._Element:
    found = document_xml(docx).find(w("body"))
    assert found is not None
    return found


def paragraph_text(p: etree._Element) -> str:
    parts = []
    for el in p.iter(w("t"), w("delText"), w("tab"), w("br")):
        if el.tag == w("tab"):
            parts.append("\t")
        elif el.tag == w("br"):
            parts.append("\n")
        else:
            parts.append(el.text or "")
    return "".join(parts)


def texts(root: etree._Element) -> list[str]:
    """The body's text, one paragraph a line; table cells' paragraphs in order."""
    lines: list[str] = []
    for block in root:
        if block.tag == w("p"):
            lines.append(paragraph_text(block))
        elif block.tag == w("tbl"):
            for tr in block.iter(w("tr")):
                for tc in tr.iterfind(w("tc")):
                    lines.extend(texts(tc))
    return lines


def _resolve(root: etree._Element, keep: str) -> etree._Element:
    """Accept (keep="ins") or reject (keep="del") every revision, as Word does."""
    drop = "del" if keep == "ins" else "ins"
    root = copy.deepcopy(root)
    for tr in list(root.iter(w("tr"))):
        if tr.find(f"w:trPr/w:{drop}", NS) is not None:
            tr.getparent().remove(tr)
    for el in list(root.iter(w(drop))):
        parent = el.getparent()
        if parent is not None and parent.tag in (w("rPr"), w("trPr")):
            continue  # paragraph and row marks: handled below
        parent.remove(el)
    for el in list(root.iter(w(keep))):
        parent = el.getparent()
        if parent.tag in (w("rPr"), w("trPr")):
            parent.remove(el)
            continue
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
    if keep == "del":
        for el in root.iter(w("delText")):
            el.tag = w("t")
    # A dropped paragraph mark joins what is left of its paragraph to the next one.
    for p in list(root.iter(w("p"))):
        mark = p.find(f"w:pPr/w:rPr/w:{drop}", NS)
        if mark is None:
            continue
        following = p.getnext()
        content = [c for c in p if c.tag != w("pPr")]
        if not content:
            p.getparent().remove(p)
        elif following is not None and following.tag == w("p"):
            anchor = following.find(w("pPr"))
            for c in reversed(content):
                if anchor is not None:
                    anchor.addnext(c)
                else:
                    following.insert(0, c)
            p.getparent().remove(p)
        else:
            mark.getparent().remove(mark)
    return root


def accept_all(docx: bytes) -> list[str]:
    return texts(_resolve(body(docx), keep="ins"))


def reject_all(docx: bytes) -> list[str]:
    return texts(_resolve(body(docx), keep="del"))


def revisions(docx: bytes) -> list[etree._Element]:
    return list(document_xml(docx).iter(w("ins"), w("del")))


# --------------------------------------------------------------------------- fixtures

OLD: list[Block] = [
    para(("Điều 1. ", {"bold": True}), "Ban hành kèm theo Quyết định này Danh mục cơ sở dữ liệu."),
    para("Căn cứ Nghị định số 47/2020/NĐ-CP;"),
    para(("Đoạn sẽ bị xóa hoàn toàn", {"italic": True})),
    table(["STT", "Tên cơ sở dữ liệu"], ["1", "Dân tộc thiểu số"], ["2", "Chính sách dân tộc"]),
    para("Ký hiệu: A & B < C > D \"E\" 'F'"),
]
NEW: list[Block] = [
    para(
        ("Điều 1. ", {"bold": True}),
        "Ban hành kèm theo Quyết định này ",
        ("bản sửa đổi", {"italic": True}),
        " Danh mục cơ sở dữ liệu.",
    ),
    para("Căn cứ Nghị định số 47/2020/NĐ-CP;"),
    table(
        ["STT", "Tên cơ sở dữ liệu"],
        ["1", "Dân tộc thiểu số"],
        ["2", "Chính sách dân tộc"],
        ["3", "Đất đai vùng đồng bào"],
    ),
    para("Ký hiệu: A & B < C > Đ \"E\" 'F' <G>"),
]


@pytest.fixture(scope="module")
def sample() -> bytes:
    return redline(OLD, NEW)


# --------------------------------------------------------------------------- tests


def test_deleted_text_is_deltext_inside_del_with_author_and_date(sample: bytes) -> None:
    deleted = [
        (d, "".join(t.text or "" for t in d.iter(w("delText"))))
        for d in body(sample).iter(w("del"))
    ]
    hits = [d for d, text in deleted if text == "Đoạn sẽ bị xóa hoàn toàn"]
    assert hits, deleted
    assert hits[0].get(w("author")) == AUTHOR
    assert hits[0].get(w("date")) == DATE_TEXT


def test_inserted_text_is_text_inside_ins_with_author_and_date(sample: bytes) -> None:
    inserted = {
        "".join(t.text or "" for t in i.iter(w("t"))): i for i in body(sample).iter(w("ins"))
    }
    assert "bản sửa đổi " in inserted or "bản sửa đổi" in inserted, sorted(inserted)
    mark = inserted.get("bản sửa đổi ", inserted.get("bản sửa đổi"))
    assert mark is not None
    assert mark.get(w("author")) == AUTHOR
    assert mark.get(w("date")) == DATE_TEXT


def test_accepting_all_changes_gives_the_new_text(sample: bytes) -> None:
    assert accept_all(sample) == texts(body(make_docx(NEW)))


def test_rejecting_all_changes_gives_the_old_text(sample: bytes) -> None:
    assert reject_all(sample) == texts(body(make_docx(OLD)))


def test_special_characters_are_diffed_as_text(sample: bytes) -> None:
    deleted = [
        "".join(t.text or "" for t in d.iter(w("delText"))) for d in body(sample).iter(w("del"))
    ]
    inserted = ["".join(t.text or "" for t in i.iter(w("t"))) for i in body(sample).iter(w("ins"))]
    assert "D" in deleted
    assert "Đ" in inserted
    assert any("<G>" in text for text in inserted)


def test_inserted_table_row_is_marked_in_its_row_properties(sample: bytes) -> None:
    rows = list(body(sample).iter(w("tr")))
    marked = [r for r in rows if r.find("w:trPr/w:ins", NS) is not None]
    assert len(marked) == 1
    assert [paragraph_text(p) for p in marked[0].iter(w("p"))] == ["3", "Đất đai vùng đồng bào"]
    for p in marked[0].iter(w("p")):
        assert p.find("w:pPr/w:rPr/w:ins", NS) is not None
        assert all(r.getparent().tag == w("ins") for r in p.iter(w("r")))


def test_deleted_table_row_is_marked_and_holds_old_text() -> None:
    out = redline(
        [table(["1", "Giữ"], ["2", "Bỏ đi"], ["3", "Giữ nữa"])],
        [table(["1", "Giữ"], ["3", "Giữ nữa"])],
    )
    rows = list(body(out).iter(w("tr")))
    assert len(rows) == 3
    assert rows[1].find("w:trPr/w:del", NS) is not None
    assert "".join(t.text or "" for t in rows[1].iter(w("delText"))) == "2Bỏ đi"
    assert not list(rows[1].iter(w("t")))


def test_deleted_paragraph_keeps_old_formatting_and_marks_its_paragraph_mark(
    sample: bytes,
) -> None:
    hits = [p for p in body(sample).iter(w("p")) if "Đoạn sẽ bị xóa" in paragraph_text(p)]
    assert len(hits) == 1
    p = hits[0]
    assert p.find("w:pPr/w:rPr/w:del", NS) is not None
    runs = list(p.iter(w("r")))
    assert runs and all(r.getparent().tag == w("del") for r in runs)
    assert all(r.find("w:rPr/w:i", NS) is not None for r in runs)
    assert not list(p.iter(w("t")))


def test_inserted_paragraph_marks_runs_and_paragraph_mark() -> None:
    out = redline([para("Một"), para("Ba")], [para("Một"), para("Hai mới"), para("Ba")])
    p = body(out).findall(w("p"))[1]
    assert paragraph_text(p) == "Hai mới"
    assert p.find("w:pPr/w:rPr/w:ins", NS) is not None
    assert all(r.getparent().tag == w("ins") for r in p.iter(w("r")))


def test_unchanged_runs_keep_their_formatting_outside_revisions(sample: bytes) -> None:
    first = body(sample).findall(w("p"))[0]
    bold = [r for r in first.iter(w("r")) if paragraph_text(r) == "Điều 1. "]
    assert len(bold) == 1
    assert bold[0].find("w:rPr/w:b", NS) is not None
    assert bold[0].getparent() is first


def test_inserted_words_take_the_formatting_of_their_new_run(sample: bytes) -> None:
    ins = [i for i in body(sample).iter(w("ins")) if "bản sửa đổi" in paragraph_text(i)]
    assert ins
    runs = [r for r in ins[0].iter(w("r")) if "bản" in paragraph_text(r)]
    assert runs[0].find("w:rPr/w:i", NS) is not None


def test_deleted_words_take_the_formatting_of_their_old_run() -> None:
    out = redline(
        [para("Giữ ", ("nghiêng cũ", {"italic": True}), " hết")],
        [para("Giữ ", "hết")],
    )
    dels = list(body(out).iter(w("del")))
    assert "".join(t.text or "" for d in dels for t in d.iter(w("delText"))).strip() == "nghiêng cũ"
    italic = [r for d in dels for r in d.iter(w("r")) if "nghiêng" in paragraph_text(r)]
    assert italic and italic[0].find("w:rPr/w:i", NS) is not None


def test_tabs_and_breaks_survive_a_change_in_their_paragraph() -> None:
    old = [para("Số:\t05/QĐ-UBDT\nHà Nội, ngày 05 tháng 02")]
    new = [para("Số:\t07/QĐ-UBDT\nHà Nội, ngày 05 tháng 03")]
    out = redline(old, new)
    assert accept_all(out) == ["Số:\t07/QĐ-UBDT\nHà Nội, ngày 05 tháng 03"]
    assert reject_all(out) == ["Số:\t05/QĐ-UBDT\nHà Nội, ngày 05 tháng 02"]
    p = body(out).find(w("p"))
    assert p is not None
    # One tab and one break, kept once, outside any revision.
    assert [t.getparent().getparent().tag for t in p.iter(w("tab"), w("br"))] == [w("p"), w("p")]


def test_a_rewritten_phrase_is_one_deletion_and_one_insertion() -> None:
    out = redline([para("Giữ đầu một hai ba giữ cuối")], [para("Giữ đầu bốn năm sáu giữ cuối")])
    counts = redline_summary(out)
    assert (counts.insertions, counts.deletions) == (1, 1)
    assert (counts.words_inserted, counts.words_deleted) == (3, 3)


def test_same_inputs_give_the_same_bytes() -> None:
    old, new = make_docx(OLD), make_docx(NEW)
    first = make_redline(old, new, author=AUTHOR, date=DATE)
    second = make_redline(old, new, author=AUTHOR, date=DATE)
    assert first == second


def test_zip_entries_have_fixed_timestamps_in_the_new_documents_order(sample: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(make_docx(NEW))) as zf:
        expected = zf.namelist()
    with zipfile.ZipFile(io.BytesIO(sample)) as zf:
        assert zf.namelist() == expected
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_identical_documents_give_no_revisions_and_the_new_body() -> None:
    new = make_docx(NEW)
    out = make_redline(make_docx(NEW), new, author=AUTHOR, date=DATE)
    assert revisions(out) == []
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")
    assert redline_summary(out) == RedlineCounts(0, 0, 0, 0)


def test_revision_ids_are_unique_and_sequential(sample: bytes) -> None:
    ids = [int(r.get(w("id"), "-1")) for r in revisions(sample)]
    assert len(ids) > 5
    assert ids == list(range(ids[0], ids[0] + len(ids)))


def test_headers_footers_and_sections_are_the_new_documents() -> None:
    old, new = make_docx(OLD, left_margin_mm=35), make_docx(NEW, left_margin_mm=30)
    out = make_redline(old, new, author=AUTHOR, date=DATE)
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        for name in a.namelist():
            if name not in ("word/document.xml", "word/settings.xml"):
                assert a.read(name) == b.read(name), name
    sect_new = body(new).find(w("sectPr"))
    sect_out = body(out).find(w("sectPr"))
    assert sect_new is not None and sect_out is not None
    assert etree.tostring(sect_out) == etree.tostring(sect_new)


def test_settings_turn_on_track_changes() -> None:
    out = redline(OLD, NEW)
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        settings_root = etree.fromstring(zf.read("word/settings.xml"))
    assert settings_root.find(w("trackRevisions")) is not None


def test_local_dates_are_written_in_utc() -> None:
    hanoi = timezone(timedelta(hours=7))
    out = make_redline(
        make_docx([para("Một")]),
        make_docx([para("Hai")]),
        author=AUTHOR,
        date=datetime(2023, 10, 5, 16, 30, tzinfo=hanoi),
    )
    assert {r.get(w("date")) for r in revisions(out)} == {DATE_TEXT}


def test_deleted_and_inserted_tables_are_marked_row_by_row() -> None:
    out = redline(
        [para("Trước"), table(["a", "b"], ["c", "d"]), para("Sau")],
        [para("Trước"), para("Sau"), table(["Hoàn toàn", "khác"])],
    )
    tables = body(out).findall(w("tbl"))
    assert len(tables) == 2
    kinds = [[tr.find("w:trPr", NS)[0].tag for tr in t.iter(w("tr"))] for t in tables]
    assert sorted(kinds) == sorted([[w("del"), w("del")], [w("ins")]])
    assert accept_all(out) == ["Trước", "Sau", "Hoàn toàn", "khác"]
    assert reject_all(out) == ["Trước", "a", "b", "c", "d", "Sau"]


def test_inserted_row_in_a_long_table_is_one_row_insertion() -> None:
    rows = [[f"CSDL số {i}", f"Đơn vị {i % 7}"] for i in range(1500)]
    new_rows = [*rows[:700], ["CSDL mới", "Vụ Pháp chế"], *rows[700:]]
    out = redline([table(*rows)], [table(*new_rows)])
    # The row mark, and per cell its paragraph mark and its runs.
    assert redline_summary(out) == RedlineCounts(5, 0, 5, 0)
    marked = [tr for tr in body(out).iter(w("tr")) if tr.find("w:trPr/w:ins", NS) is not None]
    assert len(marked) == 1


def test_summary_counts_revision_marks_and_words() -> None:
    out = redline([para("một hai ba")], [para("một bốn ba năm")])
    assert redline_summary(out) == RedlineCounts(
        insertions=2, deletions=1, words_inserted=2, words_deleted=1
    )


def test_a_file_that_is_not_a_docx_is_a_located_problem() -> None:
    with pytest.raises(DrafterError) as caught:
        make_redline(b"not a zip", make_docx(NEW), author=AUTHOR, date=DATE, old_name="v1.docx")
    assert caught.value.problems[0].file == "v1.docx"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_a_deleted_picture_keeps_its_image_in_the_package() -> None:
    doc = Document()
    doc.add_paragraph("Biểu đồ:")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png()), width=Mm(10))
    buffer = io.BytesIO()
    doc.save(buffer)
    out = make_redline(buffer.getvalue(), make_docx([para("Biểu đồ:")]), author=AUTHOR, date=DATE)
    a_ns = "http://schemas.openxmlformats.org/drawingml/2006/main"
    blips = list(document_xml(out).iter(f"{{{a_ns}}}blip"))
    assert len(blips) == 1
    drawing = next(document_xml(out).iter(w("drawing")))
    assert drawing.getparent().getparent().tag == w("del")
    rel_id = blips[0].get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    )
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}[rel_id]
        assert zf.read(f"word/{target}") == tiny_png()
        assert b'Extension="png"' in zf.read("[Content_Types].xml")


def with_link(link_text: str, tail: str) -> bytes:
    """A paragraph with a hyperlink and a bookmark, as python-docx cannot make them."""
    doc = Document()
    p = doc.add_paragraph("Xem tại ")
    rel = doc.part.relate_to(
        "https://ubdt.gov.vn",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    p._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W_NS}" xmlns:r="{r_ns}" r:id="{rel}"><w:r>'
            f'<w:rPr><w:u w:val="single"/></w:rPr><w:t>{link_text}</w:t></w:r></w:hyperlink>'
        )
    )
    p._p.append(parse_xml(f'<w:bookmarkStart xmlns:w="{W_NS}" w:id="0" w:name="muc"/>'))
    p.add_run(tail)
    p._p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W_NS}" w:id="0"/>'))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_words_inserted_in_a_hyperlink_stay_in_it_and_bookmarks_are_kept() -> None:
    old, new = (
        with_link("trang Ủy ban", " và hết"),
        with_link("trang Ủy ban Dân tộc", " và xong hết"),
    )
    out = make_redline(old, new, author=AUTHOR, date=DATE)
    link = next(document_xml(out).iter(w("hyperlink")))
    assert paragraph_text(link) == "trang Ủy ban Dân tộc"
    assert [paragraph_text(i) for i in link.iter(w("ins"))] == ["Dân tộc"]
    assert len(list(document_xml(out).iter(w("bookmarkStart")))) == 1
    assert len(list(document_xml(out).iter(w("bookmarkEnd")))) == 1
    assert accept_all(out) == texts(body(new))
    assert reject_all(out) == texts(body(old))


def replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, data if item.filename == name else src.read(item))
    return out.getvalue()


def test_an_entity_bomb_is_refused_as_a_problem() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    bad = replace_part(make_docx(OLD), "word/document.xml", bomb)
    with pytest.raises(DrafterError, match="DTD"):
        make_redline(bad, make_docx(NEW), author=AUTHOR, date=DATE)


def test_a_part_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import drafter.publish.redline as module
    from drafter.ooxml.limits import TRUSTED

    monkeypatch.setattr(module, "_LIMITS", dataclasses.replace(TRUSTED, max_entry_bytes=1000))
    with pytest.raises(DrafterError, match=r"quá lớn"):
        make_redline(make_docx(OLD), make_docx(NEW), author=AUTHOR, date=DATE)


words = st.sampled_from(
    ["Ủy", "ban", "Dân", "tộc", "cơ", "sở", "dữ", "liệu", "&", "<", ">", '"', "'", "năm", "2023"]
)
paragraphs = st.lists(st.lists(words, min_size=1, max_size=8).map(" ".join), max_size=5)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=paragraphs, new=paragraphs)
def test_accept_gives_new_and_reject_gives_old_for_any_paragraphs(
    old: list[str], new: list[str]
) -> None:
    out = redline([para(t) for t in old], [para(t) for t in new])
    assert accept_all(out) == new
    assert reject_all(out) == old


def test_libreoffice_reads_the_changes_as_tracked_changes(sample: bytes, tmp_path: Path) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(sample)
    libreoffice_convert(source, "odt", tmp_path)
    with zipfile.ZipFile(tmp_path / "redline.odt") as zf:
        content = zf.read("content.xml").decode("utf-8")
    assert "<text:tracked-changes" in content
    assert content.count("<text:changed-region") >= 5
    assert AUTHOR in content


pool = st.sampled_from(
    ["Điều 1.", "Quyết định", "này", "có", "hiệu lực", "kể từ", "ngày ký", "&", "<b>", "“Ủy ban”"]
)
runs = st.lists(st.tuples(pool, st.booleans()), min_size=1, max_size=4)
blocks = st.lists(
    st.one_of(
        runs.map(lambda rs: para(*[(t + " ", {"bold": b}) for t, b in rs])),
        st.lists(st.tuples(pool, pool), min_size=1, max_size=4).map(lambda rows: table(*rows)),
    ),
    max_size=5,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=blocks, new=blocks)
def test_accept_and_reject_round_trip_for_any_formatted_paragraphs_and_tables(
    old: list[Block], new: list[Block]
) -> None:
    out = redline(old, new)
    assert accept_all(out) == texts(body(make_docx(new)))
    assert reject_all(out) == texts(body(make_docx(old)))
    ids = [r.get(w("id")) for r in revisions(out)]
    assert len(ids) == len(set(ids))
