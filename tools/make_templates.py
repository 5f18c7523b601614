"""Generate the first version of each Word template under templates/.

Run ``python tools/make_templates.py`` to (re)create them.  Once the drafting
team edits a template in Word, that .docx is the source: do not regenerate it
over their changes (``--only NAME`` regenerates one file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from template_kit import (
    CENTER,
    JUSTIFY,
    LEFT,
    Run,
    boxed,
    cant_split,
    clear,
    header_row,
    merge_row,
    new_document,
    new_section,
    paragraph,
    rule,
    setup_section,
    table,
    tag,
    valign,
)

from drafter import decree30 as d30

PORTRAIT_WIDTH_CM = (d30.PAGE_WIDTH_MM - d30.MARGINS_MM["left"] - d30.MARGINS_MM["right"]) / 10
LANDSCAPE_WIDTH_CM = (
    d30.PAGE_HEIGHT_MM - d30.LANDSCAPE_MARGINS_MM["left"] - d30.LANDSCAPE_MARGINS_MM["right"]
) / 10
LEFT_COL_CM = 6.0
RIGHT_COL_CM = PORTRAIT_WIDTH_CM - LEFT_COL_CM
BODY = {
    "align": JUSTIFY,
    "first_line": d30.FIRST_LINE_INDENT,
    "after": d30.SPACE_AFTER_PT,
    "size": d30.BODY_SIZE,
}


def header_block(doc) -> None:
    """Draft marker, agency / national title, number / date (Decree 30 header)."""
    tag(doc, "{%p if draft_marker %}")
    boxed(
        doc,
        "{{ draft_marker }}",
        width_cm=4.0,
        available_cm=PORTRAIT_WIDTH_CM,
        size=d30.DRAFT_MARKER_SIZE,
        corner=d30.DRAFT_MARKER_CORNER,
    )
    tag(doc, "{%p endif %}")
    tbl = table(doc, [LEFT_COL_CM, RIGHT_COL_CM], borders=False, rows=2)
    left, right = (clear(c) for c in tbl.rows[0].cells)
    tag(left, "{%p if agency_parent %}")
    paragraph(left, "{{ agency_parent }}", align=CENTER, size=d30.AGENCY_SIZE)
    tag(left, "{%p endif %}")
    paragraph(left, [Run("{{ agency_name }}", bold=True)], align=CENTER, size=d30.AGENCY_SIZE)
    rule(left, LEFT_COL_CM * 0.4, LEFT_COL_CM, before=3)
    paragraph(
        right, [Run(d30.NATIONAL_TITLE, bold=True)], align=CENTER, size=d30.NATIONAL_TITLE_SIZE
    )
    paragraph(right, [Run(d30.MOTTO, bold=True)], align=CENTER, size=d30.MOTTO_SIZE)
    rule(right, 6.3, RIGHT_COL_CM, before=3)
    number, date = (clear(c) for c in tbl.rows[1].cells)
    paragraph(number, "{{ number_line }}", align=CENTER, size=d30.NUMBER_SIZE, before=4)
    paragraph(
        date, [Run("{{ date_line }}", italic=True)], align=CENTER, size=d30.DATE_SIZE, before=4
    )


def title_block(doc, doc_type: str) -> None:
    paragraph(doc, [Run(doc_type, bold=True)], align=CENTER, size=d30.DOC_TYPE_SIZE, before=24)
    paragraph(doc, [Run("{{ title }}", bold=True)], align=CENTER, size=d30.SUMMARY_SIZE)
    rule(doc, 5.0, PORTRAIT_WIDTH_CM, before=4, after=6)


def decision_preamble(doc) -> None:
    paragraph(
        doc,
        [Run("{{ competence }}", bold=True)],
        align=CENTER,
        size=d30.BODY_SIZE,
        before=6,
        after=12,
    )
    tag(doc, "{%p for basis in legal_bases %}")
    paragraph(doc, [Run("{{ basis }};", italic=True)], **BODY)
    tag(doc, "{%p endfor %}")
    paragraph(doc, [Run("{{ proposal }}.", italic=True)], **BODY)
    paragraph(
        doc, [Run("QUYẾT ĐỊNH:", bold=True)], align=CENTER, size=d30.BODY_SIZE, before=6, after=12
    )


def articles(doc) -> None:
    tag(doc, "{%p for article in articles %}")
    paragraph(doc, [Run("{{ article.heading }}", bold=True), Run("{{ article.lead }}")], **BODY)
    tag(doc, "{%p if article.text %}")
    paragraph(doc, "{{ article.text }}", **BODY)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for clause in article.clauses %}")
    paragraph(doc, "{{ clause.text }}", **BODY)
    tag(doc, "{%p for point in clause.points %}")
    paragraph(doc, "{{ point }}", **BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def signature_block(doc) -> None:
    tbl = table(doc, [LEFT_COL_CM + 2.0, RIGHT_COL_CM - 2.0], borders=False)
    cant_split(tbl.rows[0])
    left, right = (clear(c) for c in tbl.rows[0].cells)
    paragraph(
        left,
        [Run("Nơi nhận:", bold=True, italic=True)],
        align=LEFT,
        size=d30.RECIPIENTS_HEAD_SIZE,
        before=12,
    )
    tag(left, "{%p for recipient in recipients %}")
    paragraph(left, "- {{ recipient }};", align=LEFT, size=d30.RECIPIENTS_SIZE)
    tag(left, "{%p endfor %}")
    paragraph(left, "- {{ archive_line }}.", align=LEFT, size=d30.RECIPIENTS_SIZE)
    tag(right, "{%p if signature.form_line %}")
    paragraph(
        right,
        [Run("{{ signature.form_line }}", bold=True)],
        align=CENTER,
        size=d30.SIGNATURE_SIZE,
        before=12,
    )
    tag(right, "{%p endif %}")
    paragraph(
        right,
        [Run("{{ signature.title }}", bold=True)],
        align=CENTER,
        size=d30.SIGNATURE_SIZE,
        before=0,
    )
    for _ in range(4):
        paragraph(right, "", align=CENTER, size=d30.SIGNATURE_SIZE)
    paragraph(
        right,
        [Run("{{ signature.name }}", bold=True)],
        align=CENTER,
        size=d30.SIGNATURE_SIZE,
        before=24,
    )


def appendix_heading(doc) -> None:
    paragraph(doc, [Run("{{ appendix.label }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(doc, [Run("{{ appendix.title }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(doc, [Run("{{ appendix.attached }}", italic=True)], align=CENTER, size=d30.BODY_SIZE)
    rule(doc, 5.0, LANDSCAPE_WIDTH_CM, before=2, after=8)


#: Columns whose short values read best centred.
CENTRED_KEYS = {"stt", "priority", "phase", "update_cycle", "update_frequency", "formats"}


def register_table(doc, columns: list[tuple[str, float, str]], *, grouped: bool) -> None:
    """A landscape register table: a header row repeated on each page, then one
    row per item (``{%tr for row in rows %}``), or, grouped, a group row (I, II,
    …) followed by its items (``{%tr for group in groups %}``)."""
    widths = [w for _, w, _ in columns]
    scale = LANDSCAPE_WIDTH_CM / sum(widths)
    size = d30.TABLE_SIZE
    opening = (
        ["{%tr for group in groups %}", "{%tr for row in group.rows %}"]
        if grouped
        else ["{%tr for row in rows %}"]
    )
    rows = 1 + len(opening) * 2 + 1 + (1 if grouped else 0)
    tbl = table(doc, [round(w * scale, 2) for w in widths], borders=True, rows=rows)
    it = iter(tbl.rows)
    head = next(it)
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, columns, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    for n, text in enumerate(opening):
        paragraph(clear(next(it).cells[0]), text, align=LEFT, size=size)
        if grouped and n == 0:
            group = next(it)
            cant_split(group)
            first = clear(group.cells[0])
            paragraph(first, [Run("{{ group.numeral }}", bold=True)], align=CENTER, size=size)
            title = clear(merge_row(group))
            paragraph(title, [Run("{{ group.name }}", bold=True)], align=LEFT, size=size)
    item = next(it)
    for cell, (_, _, key) in zip(item.cells, columns, strict=True):
        align = CENTER if key in CENTRED_KEYS else LEFT
        paragraph(clear(cell), "{{ row." + key + " }}", align=align, size=size)
    for _ in opening:
        paragraph(clear(next(it).cells[0]), "{%tr endfor %}", align=LEFT, size=size)


DATABASE_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Tên hệ thống thông tin, cơ sở dữ liệu", 4.2, "name"),
    ("Đơn vị quản lý", 2.4, "unit"),
    ("Nguồn dữ liệu", 3.4, "data_source"),
    ("Phương thức thu thập", 2.4, "collection_mode"),
    ("Cơ chế thu thập, cập nhật", 4.2, "mechanism"),
    ("Chu kỳ cập nhật", 1.8, "update_cycle"),
    ("Hình thức chia sẻ", 2.3, "sharing"),
    ("Mức ưu tiên", 1.3, "priority"),
    ("Giai đoạn", 1.9, "phase"),
]

OPEN_DATA_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Tên dữ liệu mở", 3.6, "name"),
    ("Mô tả", 4.4, "description"),
    ("Đơn vị công bố", 2.4, "unit"),
    ("Các trường dữ liệu chính", 4.4, "fields"),
    ("Định dạng", 1.8, "formats"),
    ("Giấy phép", 2.8, "licence"),
    ("Tần suất cập nhật", 1.8, "update_frequency"),
    ("Thời gian công bố", 1.9, "phase"),
    ("Cơ sở dữ liệu nguồn", 2.7, "source"),
]


def decision(columns: list[tuple[str, float, str]], *, grouped: bool = True):
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH")
    decision_preamble(doc)
    articles(doc)
    signature_block(doc)
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc)
    register_table(doc, columns, grouped=grouped)
    return doc


TEMPLATES = {
    "qd-danh-muc-csdl.docx": lambda: decision(DATABASE_COLUMNS),
    "qd-danh-muc-du-lieu-mo.docx": lambda: decision(OPEN_DATA_COLUMNS, grouped=False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "templates"
    )
    parser.add_argument("--only", choices=sorted(TEMPLATES))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in TEMPLATES.items():
        if args.only and name != args.only:
            continue
        make().save(args.out / name)
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
