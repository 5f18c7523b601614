"""The progress report on the Concluding Notices' tasks."""

from __future__ import annotations

from template_kit import (
    CENTER,
    LEFT,
    Run,
    cant_split,
    clear,
    header_row,
    new_document,
    new_section,
    paragraph,
    setup_section,
    table,
    tag,
    valign,
)

from drafter import decree30 as d30
from drawings.blocks import (
    BODY,
    appendix_heading,
    header_block,
    register_table,
    signature_block,
    title_block,
)


def status_count_table(doc, name_label: str, key: str) -> None:
    """A portrait table of task counts per status (context ``key``: rows, total,
    percent): numbered rows, then the total and percentage rows."""
    from drafter.context.progress import STATUSES

    # "100,0%" in bold fits the total's column inside the cell padding
    columns = [("STT", 1.2, "stt"), (name_label, 4.6, "name"), ("Tổng số", 1.7, "total")]
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
        # the total stays with the percentage under it
        kept = {"size": size, "keep_next": part == "total"}
        first = clear(row.cells[0].merge(row.cells[1]))
        paragraph(first, [Run(label, bold=True)], align=CENTER, **kept)
        for cell, (_, _, name) in zip(row.cells[2:], columns[2:], strict=True):
            text = "{{ " + key + "." + part + "." + name + " }}"
            paragraph(clear(cell), [Run(text, bold=True)], align=CENTER, **kept)


# "30/06/2023", "104/TB-UBDT" and "STT" fit their columns inside the cell
# padding, so no date touches a border and LibreOffice breaks none of them
OVERDUE_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Nhiệm vụ", 4.6, "content"),
    ("Thông báo kết luận", 2.8, "notice"),
    ("Đơn vị chủ trì", 2.4, "unit"),
    ("Thời hạn", 2.3, "deadline"),
    ("Số ngày quá hạn", 1.3, "days"),
    ("Ghi chú", 1.9, "note"),
]

PROGRESS_TASK_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Nội dung nhiệm vụ", 5.6, "content"),
    ("Đơn vị chủ trì", 2.6, "lead"),
    ("Đơn vị phối hợp", 3.2, "coordinating"),
    ("Thời hạn", 2.1, "deadline"),
    ("Tình trạng", 2.6, "status"),
    ("Kết quả thực hiện", 4.6, "result"),
    ("Ngày hoàn thành", 2.1, "completed"),
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
