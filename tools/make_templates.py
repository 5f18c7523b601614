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
# wide enough for a unit name such as "TRUNG TÂM CHUYỂN ĐỔI SỐ" on one line at 13 pt bold
LEFT_COL_CM = 7.0
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


#: The signature column holds "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM" on one line at 14 pt bold.
SIGNATURE_COL_CM = 8.5


def signature_block(
    doc, *, page_width_cm: float = PORTRAIT_WIDTH_CM, signature_cm: float = SIGNATURE_COL_CM
) -> None:
    widths = [page_width_cm - signature_cm, signature_cm]
    tbl = table(doc, widths, borders=False)
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


def appendix_heading(doc, name: str = "appendix", width_cm: float = LANDSCAPE_WIDTH_CM) -> None:
    """Label, title and attached line of the appendix held in context as ``name``."""
    paragraph(doc, [Run("{{ " + name + ".label }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(doc, [Run("{{ " + name + ".title }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(
        doc, [Run("{{ " + name + ".attached }}", italic=True)], align=CENTER, size=d30.BODY_SIZE
    )
    rule(doc, 5.0, width_cm, before=2, after=8)


#: Columns whose short values read best centred.
CENTRED_KEYS = {"stt", "priority", "phase", "update_cycle", "update_frequency", "formats"}


def register_table(
    doc,
    columns: list[tuple[str, float, str]],
    *,
    grouped: bool,
    width_cm: float = LANDSCAPE_WIDTH_CM,
) -> None:
    """A landscape register table: a header row repeated on each page, then one
    row per item (``{%tr for row in rows %}``), or, grouped, a group row (I, II,
    …) followed by its items (``{%tr for group in groups %}``)."""
    widths = [w for _, w, _ in columns]
    scale = width_cm / sum(widths)
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


BOARD_MEMBER_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Họ và tên", 3.6, "name"),
    ("Chức vụ", 3.6, "position"),
    ("Đơn vị", 4.2, "unit"),
    ("Vai trò", 2.6, "role"),
]

BOARD_TASK_COLUMNS = [
    ("STT", 1.0, "member.stt"),
    ("Thành viên", 3.8, "member.name"),
    ("Nhiệm vụ được phân công", 5.6, "task.task"),
    ("Phần của Đề án", 2.6, "task.parts"),
    ("Thời hạn hoàn thành", 2.4, "task.deadline"),
]


def board_decision():
    """The Drafting Board decision: portrait throughout (both appendices fit the
    width), Phụ lục I (members by body) and Phụ lục II (each member's tasks, the
    member's cells merged down their tasks with docxtpl's ``{% vm %}``), each
    appendix numbering its own pages."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH")
    decision_preamble(doc)
    articles(doc)
    signature_block(doc)
    new_section(doc, landscape=False, restart_numbering=True)
    appendix_heading(doc, width_cm=PORTRAIT_WIDTH_CM)
    register_table(doc, BOARD_MEMBER_COLUMNS, grouped=True, width_cm=PORTRAIT_WIDTH_CM)
    new_section(doc, landscape=False, restart_numbering=True)
    appendix_heading(doc, "assignment_appendix", width_cm=PORTRAIT_WIDTH_CM)
    widths = [w for _, w, _ in BOARD_TASK_COLUMNS]
    scale = PORTRAIT_WIDTH_CM / sum(widths)
    size = d30.TABLE_SIZE
    tbl = table(doc, [round(w * scale, 2) for w in widths], borders=True, rows=6)
    head, *loops, item, end_tasks, end_members = tbl.rows
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, BOARD_TASK_COLUMNS, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    for row, text in zip(
        [*loops, end_tasks, end_members],
        [
            "{%tr for member in members %}",
            "{%tr for task in member.tasks %}",
            "{%tr endfor %}",
            "{%tr endfor %}",
        ],
        strict=True,
    ):
        paragraph(clear(row.cells[0]), text, align=LEFT, size=size)
    cant_split(item)  # a task's row stays on one page, deadline beside its text
    for n, (cell, (_, _, key)) in enumerate(zip(item.cells, BOARD_TASK_COLUMNS, strict=True)):
        merge = "{% vm %}" if key.startswith("member.") else ""
        align = LEFT if n in (1, 2) else CENTER
        valign(clear(cell), "top")
        paragraph(cell, "{{ " + key + " }}" + merge, align=align, size=size)
    return doc


SYNTHESIS_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Đơn vị góp ý", 3.6, "unit"),
    ("Nội dung (điều khoản) góp ý", 6.2, "provision"),
    ("Ý kiến góp ý", 6.6, "comment"),
    ("Ý kiến tiếp thu, giải trình", 6.6, "answer"),
]

SYNTHESIS_COUNT_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Đơn vị góp ý", 6.1, "unit"),
    ("Tổng số ý kiến", 1.8, "total"),
    ("Tiếp thu", 1.8, "accepted"),
    ("Tiếp thu một phần", 2.0, "partly"),
    ("Giải trình", 1.9, "explained"),
    ("Chưa xử lý", 1.9, "open"),
]


def comment_synthesis():
    """The comment synthesis table (Bảng tổng hợp, tiếp thu, giải trình ý kiến
    góp ý): a portrait first section with the header, the figures per unit and
    response and the open comments; then a landscape section with the table of
    comments grouped by provision, and the signature."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý")
    tag(doc, "{%p for text in introduction %}")
    paragraph(doc, "{{ text }}", **BODY)
    tag(doc, "{%p endfor %}")
    paragraph(doc, "{{ summary }}", **BODY)
    heading = {**BODY, "before": 6}
    paragraph(doc, [Run("I. SỐ LIỆU TỔNG HỢP", bold=True)], **heading)
    size = d30.TABLE_SIZE
    widths = [w for _, w, _ in SYNTHESIS_COUNT_COLUMNS]
    tbl = table(doc, widths, borders=True, rows=5)
    head, opening, item, closing, total = tbl.rows
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, SYNTHESIS_COUNT_COLUMNS, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    paragraph(clear(opening.cells[0]), "{%tr for row in counts %}", align=LEFT, size=size)
    paragraph(clear(closing.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    for cell, (_, _, key) in zip(item.cells, SYNTHESIS_COUNT_COLUMNS, strict=True):
        align = LEFT if key == "unit" else CENTER
        paragraph(clear(cell), "{{ row." + key + " }}", align=align, size=size)
    cant_split(total)
    for cell, (_, _, key) in zip(total.cells, SYNTHESIS_COUNT_COLUMNS, strict=True):
        align = LEFT if key == "unit" else CENTER
        text = "{{ counts_total." + key + " }}"
        paragraph(clear(cell), [Run(text, bold=True)], align=align, size=size)
    paragraph(doc, [Run("II. Ý KIẾN CHƯA TIẾP THU, GIẢI TRÌNH", bold=True)], **heading)
    tag(doc, "{%p for text in open %}")
    paragraph(doc, "- {{ text }}", **BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not open %}")
    paragraph(doc, "Tất cả ý kiến góp ý đã được tiếp thu, giải trình.", **BODY)
    tag(doc, "{%p endif %}")
    new_section(doc, landscape=True, restart_numbering=False, title_page=False)
    paragraph(
        doc, [Run("III. NỘI DUNG TIẾP THU, GIẢI TRÌNH", bold=True)], **{**heading, "after": 8}
    )
    register_table(doc, SYNTHESIS_COLUMNS, grouped=True)
    # A comment read across a page break loses its answer: keep each row whole.
    for row in doc.tables[-1].rows:
        if not row._tr.xpath("./w:trPr/w:cantSplit"):
            cant_split(row)
    signature_block(doc, page_width_cm=LANDSCAPE_WIDTH_CM, signature_cm=11.0)
    return doc


# -- the Project (Đề án) ---------------------------------------------------------

PROJECT_TARGET_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Chỉ tiêu", 6.4, "indicator"),
    ("Hiện trạng", 3.0, "baseline"),
    ("Mục tiêu", 3.0, "target"),
    ("Năm đạt", 1.6, "year"),
]

PROJECT_TASK_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Tên nhiệm vụ", 4.6, "name"),
    ("Đơn vị chủ trì", 2.6, "lead"),
    ("Đơn vị phối hợp", 3.6, "coordinating"),
    ("Thời gian thực hiện", 2.2, "phase"),
    ("Sản phẩm", 4.4, "outputs"),
    ("Hệ thống thông tin, cơ sở dữ liệu xây dựng, kết nối", 5.6, "databases"),
]

PROJECT_MILESTONE_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Nội dung công việc", 5.6, "name"),
    ("Đơn vị chủ trì", 3.0, "lead"),
    ("Thời gian", 3.2, "time"),
    ("Sản phẩm", 3.7, "output"),
]


def _project_lines(doc, expr: str) -> None:
    """Numbered lines typed by the context: a bold, an italic and a plain run each."""
    tag(doc, "{%p for line in " + expr + " %}")
    paragraph(
        doc,
        [
            Run("{{ line.bold }}", bold=True),
            Run("{{ line.italic }}", italic=True),
            Run("{{ line.text }}"),
        ],
        **BODY,
    )
    tag(doc, "{%p endfor %}")


def _project_part(doc, name: str, *, page_break: bool = False) -> None:
    """``Phần I`` and the part's title, bold and centred, then its lines."""
    para = paragraph(
        doc, [Run("{{ " + name + ".label }}", bold=True)], align=CENTER, before=12, keep_next=True
    )
    para.paragraph_format.page_break_before = page_break
    paragraph(
        doc, [Run("{{ " + name + ".title }}", bold=True)], align=CENTER, after=6, keep_next=True
    )
    _project_lines(doc, name + ".lines")


def _project_table(doc, columns, loop: str, width_cm: float, *, keep_rows: bool = True):
    """A table with a repeated header row and one row per item of ``loop``
    (``keep_rows``: a row is never split across pages)."""
    widths = [w for _, w, _ in columns]
    scale = width_cm / sum(widths)
    size = d30.TABLE_SIZE
    tbl = table(doc, [round(w * scale, 2) for w in widths], borders=True, rows=4)
    head, start, item, end = tbl.rows
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, columns, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    paragraph(clear(start.cells[0]), "{%tr for row in " + loop + " %}", align=LEFT, size=size)
    if keep_rows:
        cant_split(item)
    for cell, (_, _, key) in zip(item.cells, columns, strict=True):
        align = CENTER if key in CENTRED_KEYS else LEFT
        paragraph(clear(cell), "{{ row." + key + " }}", align=align, size=size)
    paragraph(clear(end.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    return tbl


def _cost_cells(row, prefix: str, *, bold: bool, label_key: str | None, phase: bool) -> None:
    from template_kit import RIGHT

    size = d30.TABLE_SIZE
    cells = row.cells
    cant_split(row)
    stt = "{{ " + prefix + ".stt }}"
    paragraph(clear(cells[0]), [Run(stt, bold=bold)], align=CENTER, size=size)
    label = "{{ " + prefix + "." + label_key + " }}" if label_key else ""
    paragraph(clear(cells[1]), [Run(label, bold=bold)], align=LEFT, size=size)
    phase_text = "{{ " + prefix + ".phase }}" if phase else ""
    paragraph(clear(cells[2]), [Run(phase_text, bold=bold)], align=CENTER, size=size)
    for n in range(3):
        text = "{{ " + prefix + f".cells[{n}] }}}}"
        paragraph(clear(cells[3 + n]), [Run(text, bold=bold)], align=RIGHT, size=size)
    total = "{{ " + prefix + ".total }}"
    paragraph(clear(cells[6]), [Run(total, bold=True)], align=RIGHT, size=size)


def _cost_table(doc, width_cm: float) -> None:
    """Appendix II: task rows (bold) with a row per phase, then the phase totals
    and the grand total; the source columns are labelled from the context."""
    widths = [1.0, 6.6, 3.6, 2.4, 2.4, 2.4, 2.4]
    scale = width_cm / sum(widths)
    size = d30.TABLE_SIZE
    tbl = table(doc, [round(w * scale, 2) for w in widths], borders=True, rows=11)
    rows = list(tbl.rows)
    head = rows[0]
    header_row(head)
    labels = ["STT", "Nội dung nhiệm vụ", "Giai đoạn"]
    labels += ["{{ costs.sources[" + str(n) + "] }}" for n in range(3)] + ["Tổng cộng"]
    for cell, label in zip(head.cells, labels, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    loops = {
        1: "{%tr for task in costs.tasks %}",
        3: "{%tr for row in task.phases %}",
        5: "{%tr endfor %}",
        6: "{%tr endfor %}",
        7: "{%tr for row in costs.summary %}",
        9: "{%tr endfor %}",
    }
    for index, text in loops.items():
        paragraph(clear(rows[index].cells[0]), text, align=LEFT, size=size)
    _cost_cells(rows[2], "task", bold=True, label_key="label", phase=False)
    _cost_cells(rows[4], "row", bold=False, label_key=None, phase=True)
    _cost_cells(rows[8], "row", bold=False, label_key="total_label", phase=False)
    _cost_cells(rows[10], "costs.total", bold=True, label_key="label", phase=False)
    merged = rows[10].cells[1].merge(rows[10].cells[2])
    clear(merged)
    paragraph(merged, [Run("{{ costs.total.label }}", bold=True)], align=CENTER, size=size)


def _summary_cost_table(doc) -> None:
    """Part V: phases × sources with totals, in triệu đồng."""
    from template_kit import RIGHT

    widths = [4.3, 3.0, 3.0, 3.0, 3.2]
    size = d30.TABLE_SIZE
    tbl = table(doc, widths, borders=True, rows=5)
    head, start, item, end, total = tbl.rows
    header_row(head)
    # not "Giai đoạn" alone: that header would be a run of Appendix II's header words,
    # which the parity check would take for a header repeated on a new page
    labels = ["Giai đoạn thực hiện"] + ["{{ costs.sources[" + str(n) + "] }}" for n in range(3)]
    for cell, label in zip(head.cells, [*labels, "Tổng cộng"], strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    paragraph(clear(start.cells[0]), "{%tr for row in costs.summary %}", align=LEFT, size=size)
    paragraph(clear(end.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    for row, prefix, bold in ((item, "row", False), (total, "costs.total", True)):
        cells = row.cells
        paragraph(clear(cells[0]), [Run("{{ " + prefix + ".label }}", bold=bold)], size=size)
        for n in range(3):
            text = "{{ " + prefix + f".cells[{n}] }}}}"
            paragraph(clear(cells[1 + n]), [Run(text, bold=bold)], align=RIGHT, size=size)
        total_text = "{{ " + prefix + ".total }}"
        paragraph(clear(cells[4]), [Run(total_text, bold=True)], align=RIGHT, size=size)


def _unit_line(doc) -> None:
    from template_kit import RIGHT

    unit = [Run("{{ costs.unit }}", italic=True)]
    paragraph(doc, unit, align=RIGHT, size=d30.TABLE_SIZE, after=3, keep_next=True)


def _chart(doc, name: str) -> None:
    paragraph(doc, "{{ charts." + name + " }}", align=CENTER, before=6, keep_next=True)
    paragraph(
        doc,
        [Run("{{ chart_captions." + name + " }}", italic=True)],
        align=CENTER,
        size=d30.TABLE_SIZE + 1,
        after=6,
    )


def project_doc():
    """The Project (Đề án): a cover page (its own section, no page number), the
    body (header block, Parts I–VII with the targets, cost and milestone tables
    and two charts, signature), then two landscape appendices."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    tag(doc, "{%p if cover.agency_parent %}")
    paragraph(doc, "{{ cover.agency_parent }}", align=CENTER, size=d30.AGENCY_SIZE)
    tag(doc, "{%p endif %}")
    paragraph(doc, [Run("{{ cover.agency_name }}", bold=True)], align=CENTER, size=d30.AGENCY_SIZE)
    rule(doc, 3.0, PORTRAIT_WIDTH_CM, before=3)
    paragraph(doc, [Run("{{ cover.doc_type }}", bold=True)], align=CENTER, before=220, after=12)
    paragraph(doc, [Run("{{ cover.title }}", bold=True)], align=CENTER, left_cm=1.0, right_cm=1.0)
    rule(doc, 4.0, PORTRAIT_WIDTH_CM, before=6)
    paragraph(doc, [Run("{{ cover.date_line }}", italic=True)], align=CENTER, before=360)
    new_section(doc, landscape=False, restart_numbering=True)
    header_block(doc)
    title_block(doc, "ĐỀ ÁN")
    _project_part(doc, "part1")
    _project_part(doc, "part2")
    _project_part(doc, "part3")
    register_table(doc, PROJECT_TARGET_COLUMNS, grouped=True, width_cm=PORTRAIT_WIDTH_CM)
    _project_part(doc, "part4")
    _project_part(doc, "part5")
    _unit_line(doc)
    _summary_cost_table(doc)
    paragraph(doc, [Run("{{ costs.words }}", italic=True)], **{**BODY, "before": 6})
    _chart(doc, "costs")
    _project_lines(doc, "part5.after")
    _project_part(doc, "part6")
    _project_part(doc, "part7")
    _project_table(doc, PROJECT_MILESTONE_COLUMNS, "part7.milestones", PORTRAIT_WIDTH_CM)
    _chart(doc, "gantt")
    signature_block(doc)
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc, "appendix_tasks")
    # long rows (a task's databases) may run on to the next page
    _project_table(
        doc, PROJECT_TASK_COLUMNS, "appendix_tasks.rows", LANDSCAPE_WIDTH_CM, keep_rows=False
    )
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc, "appendix_costs")
    _unit_line(doc)
    _cost_table(doc, LANDSCAPE_WIDTH_CM)
    return doc


def status_count_table(doc, name_label: str, key: str) -> None:
    """A portrait table of task counts per status (context ``key``: rows, total,
    percent): numbered rows, then the total and percentage rows."""
    from drafter.context.progress import STATUSES

    columns = [("STT", 1.0, "stt"), (name_label, 5.0, "name"), ("Tổng số", 1.5, "total")]
    columns += [(s.value, 1.8, s.key) for s in STATUSES]
    size = d30.TABLE_SIZE
    tbl = table(doc, [w for _, w, _ in columns], borders=True, rows=6)
    head, opening, item, closing, total, share = tbl.rows
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, columns, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    paragraph(clear(opening.cells[0]), "{%tr for row in " + key + ".rows %}", align=LEFT, size=size)
    paragraph(clear(closing.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    cant_split(item)
    for cell, (_, _, name) in zip(item.cells, columns, strict=True):
        align = LEFT if name == "name" else CENTER
        paragraph(clear(cell), "{{ row." + name + " }}", align=align, size=size)
    for row, label, part in ((total, "Tổng cộng", "total"), (share, "Tỷ lệ", "percent")):
        cant_split(row)
        first = clear(row.cells[0].merge(row.cells[1]))
        paragraph(first, [Run(label, bold=True)], align=CENTER, size=size)
        for cell, (_, _, name) in zip(row.cells[2:], columns[2:], strict=True):
            text = "{{ " + key + "." + part + "." + name + " }}"
            paragraph(clear(cell), [Run(text, bold=True)], align=CENTER, size=size)


OVERDUE_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Nhiệm vụ", 5.4, "content"),
    ("Thông báo kết luận", 2.5, "notice"),
    ("Đơn vị chủ trì", 2.6, "unit"),
    ("Thời hạn", 1.9, "deadline"),
    ("Số ngày quá hạn", 1.3, "days"),
    ("Ghi chú", 1.8, "note"),
]

PROGRESS_TASK_COLUMNS = [
    ("STT", 1.0, "stt"),
    ("Nội dung nhiệm vụ", 6.0, "content"),
    ("Đơn vị chủ trì", 2.6, "lead"),
    ("Đơn vị phối hợp", 3.2, "coordinating"),
    ("Thời hạn", 1.9, "deadline"),
    ("Tình trạng", 2.6, "status"),
    ("Kết quả thực hiện", 5.0, "result"),
    ("Ngày hoàn thành", 1.9, "completed"),
]


def progress_report():
    """The progress report on the Concluding Notices' tasks (Báo cáo): summary
    figures, the tables by notice and by unit, the status chart, the overdue
    tasks, causes and proposals; then a landscape appendix of every task,
    grouped by notice."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "BÁO CÁO")
    heading = {**BODY, "before": 6, "keep_next": True}
    size = d30.TABLE_SIZE

    def texts(name: str) -> None:
        tag(doc, "{%p for text in " + name + " %}")
        paragraph(doc, "{{ text }}", **BODY)
        tag(doc, "{%p endfor %}")

    texts("intro")
    paragraph(doc, [Run("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", bold=True)], **heading)
    texts("summary")
    paragraph(doc, [Run("1. Kết quả theo Thông báo kết luận", bold=True)], **heading)
    status_count_table(doc, "Thông báo kết luận", "by_notice")
    paragraph(doc, [Run("2. Kết quả theo đơn vị chủ trì", bold=True)], **heading)
    status_count_table(doc, "Đơn vị chủ trì", "by_unit")
    paragraph(doc, "{{ chart }}", align=CENTER, before=12, keep_next=True)
    paragraph(doc, [Run("{{ chart_caption }}", italic=True)], align=CENTER, size=size, after=6)
    paragraph(doc, [Run("3. Các nhiệm vụ quá hạn", bold=True)], **heading)
    tag(doc, "{%p if overdue %}")
    tbl = table(doc, [w for _, w, _ in OVERDUE_COLUMNS], borders=True, rows=4)
    head, opening, item, closing = tbl.rows
    header_row(head)
    for cell, (label, _, _) in zip(head.cells, OVERDUE_COLUMNS, strict=True):
        valign(clear(cell))
        paragraph(cell, [Run(label, bold=True)], align=CENTER, size=size)
    paragraph(clear(opening.cells[0]), "{%tr for row in overdue %}", align=LEFT, size=size)
    paragraph(clear(closing.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    cant_split(item)
    for cell, (_, _, key) in zip(item.cells, OVERDUE_COLUMNS, strict=True):
        align = LEFT if key in ("content", "unit") else CENTER
        paragraph(clear(cell), "{{ row." + key + " }}", align=align, size=size)
    tag(doc, "{%p else %}")
    paragraph(doc, "Không có nhiệm vụ quá hạn.", **BODY)
    tag(doc, "{%p endif %}")
    paragraph(doc, [Run("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", bold=True)], **heading)
    texts("causes")
    paragraph(doc, [Run("III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True)], **heading)
    # kept with the signature, so the signature never stands alone on a page
    tag(doc, "{%p for text in proposals %}")
    paragraph(doc, "{{ text }}", **BODY, keep_next=True)
    tag(doc, "{%p endfor %}")
    signature_block(doc)
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc)
    register_table(doc, PROGRESS_TASK_COLUMNS, grouped=True)
    # a task's row stays whole on one page: number, deadline and status beside its text
    cant_split(doc.tables[-1].rows[4])
    return doc


TEMPLATES = {
    "qd-danh-muc-csdl.docx": lambda: decision(DATABASE_COLUMNS),
    "qd-danh-muc-du-lieu-mo.docx": lambda: decision(OPEN_DATA_COLUMNS, grouped=False),
    "qd-ban-soan-thao.docx": board_decision,
    "bang-tong-hop-y-kien.docx": comment_synthesis,
    "bao-cao-tien-do.docx": progress_report,
    "de-an.docx": project_doc,
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
