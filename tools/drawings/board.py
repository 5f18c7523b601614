"""The Decision establishing the Drafting Board and Editorial Team."""

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
    valign,
)

from drafter import decree30 as d30
from drawings.blocks import (
    PORTRAIT_WIDTH_CM,
    appendix_heading,
    articles,
    decision_preamble,
    header_block,
    register_table,
    signature_block,
    title_block,
)

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
