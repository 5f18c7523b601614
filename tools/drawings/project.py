"""The Project (Đề án)."""

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
    rule,
    setup_section,
    table,
    tag,
    valign,
)

from drafter import decree30 as d30
from drawings.blocks import (
    BODY,
    CENTRED_KEYS,
    LANDSCAPE_WIDTH_CM,
    PORTRAIT_WIDTH_CM,
    appendix_heading,
    draft_marker,
    register_table,
    title_block,
)

PROJECT_TARGET_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Chỉ tiêu", 6.2, "indicator"),
    ("Hiện trạng", 3.0, "baseline"),
    ("Mục tiêu", 3.0, "target"),
    ("Năm đạt", 1.6, "year"),
]

PROJECT_TASK_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Tên nhiệm vụ", 4.4, "name"),
    ("Đơn vị chủ trì", 2.6, "lead"),
    ("Đơn vị phối hợp", 3.6, "coordinating"),
    ("Thời gian thực hiện", 2.2, "phase"),
    ("Sản phẩm", 4.4, "outputs"),
    ("Hệ thống thông tin, cơ sở dữ liệu xây dựng, kết nối", 5.6, "databases"),
]

PROJECT_MILESTONE_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Nội dung công việc", 5.4, "name"),
    ("Đơn vị chủ trì", 3.0, "lead"),
    ("Thời gian", 3.2, "time"),
    ("Sản phẩm", 3.7, "output"),
]


def _project_lines(doc, expr: str) -> None:
    """Numbered lines typed by the context: a bold, an italic and a plain run each.
    A heading (a line with no plain text) or a lead-in ("- Nội dung:") is kept
    with the line under it, so it never ends a page."""
    runs = [
        Run("{{ line.bold }}", bold=True),
        Run("{{ line.italic }}", italic=True),
        Run("{{ line.text }}"),
    ]
    tag(doc, "{%p for line in " + expr + " %}")
    tag(doc, '{%p if line.text and not line.text.endswith(":") %}')
    paragraph(doc, runs, **BODY)
    tag(doc, "{%p else %}")
    paragraph(doc, runs, **BODY, keep_next=True)
    tag(doc, "{%p endif %}")
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


def _cost_cells(
    row, prefix: str, *, bold: bool, label_key: str | None, phase: bool, keep_next: bool = False
) -> None:
    from template_kit import RIGHT

    size = d30.TABLE_SIZE
    cells = row.cells
    cant_split(row)
    kept = {"size": size, "keep_next": keep_next}
    stt = "{{ " + prefix + ".stt }}"
    paragraph(clear(cells[0]), [Run(stt, bold=bold)], align=CENTER, **kept)
    label = "{{ " + prefix + "." + label_key + " }}" if label_key else ""
    paragraph(clear(cells[1]), [Run(label, bold=bold)], align=LEFT, **kept)
    phase_text = "{{ " + prefix + ".phase }}" if phase else ""
    paragraph(clear(cells[2]), [Run(phase_text, bold=bold)], align=CENTER, **kept)
    for n in range(3):
        text = "{{ " + prefix + f".cells[{n}] }}}}"
        paragraph(clear(cells[3 + n]), [Run(text, bold=bold)], align=RIGHT, **kept)
    total = "{{ " + prefix + ".total }}"
    paragraph(clear(cells[6]), [Run(total, bold=True)], align=RIGHT, **kept)


def _cost_table(doc, width_cm: float) -> None:
    """Appendix II: task rows (bold) with a row per phase, then the phase totals
    and the grand total; the source columns are labelled from the context."""
    widths = [1.0, 6.6, 3.6, 2.4, 2.4, 2.4, 2.4]
    scale = width_cm / sum(widths)
    size = d30.TABLE_SIZE
    tbl = table(doc, [round(w * scale, 2) for w in widths], borders=True, rows=15)
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
        # the last task's last phase is drawn with w:keepNext (Word has no "keep
        # with previous"), so the totals under it never part from it
        4: "{%tr if loop.last and task == costs.tasks|last %}",
        6: "{%tr else %}",
        8: "{%tr endif %}",
        9: "{%tr endfor %}",
        10: "{%tr endfor %}",
        11: "{%tr for row in costs.summary %}",
        13: "{%tr endfor %}",
    }
    for index, text in loops.items():
        paragraph(clear(rows[index].cells[0]), text, align=LEFT, size=size)
    # a task's row stays with its first phase; the last data row stays with the
    # phase totals, which stay together and with the grand total, so the totals
    # never stand alone on a page
    _cost_cells(rows[2], "task", bold=True, label_key="label", phase=False, keep_next=True)
    _cost_cells(rows[5], "row", bold=False, label_key=None, phase=True, keep_next=True)
    _cost_cells(rows[7], "row", bold=False, label_key=None, phase=True)
    _cost_cells(rows[12], "row", bold=False, label_key="total_label", phase=False, keep_next=True)
    _cost_cells(rows[14], "costs.total", bold=True, label_key="label", phase=False)
    merged = rows[14].cells[1].merge(rows[14].cells[2])
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
    # one row per phase, then the total: short, kept together with the total
    for row, prefix, bold in ((item, "row", False), (total, "costs.total", True)):
        cells = row.cells
        cant_split(row)
        kept = {"size": size, "keep_next": not bold}
        label = [Run("{{ " + prefix + ".label }}", bold=bold)]
        paragraph(clear(cells[0]), label, **kept)
        for n in range(3):
            text = "{{ " + prefix + f".cells[{n}] }}}}"
            paragraph(clear(cells[1 + n]), [Run(text, bold=bold)], align=RIGHT, **kept)
        total_text = "{{ " + prefix + ".total }}"
        paragraph(clear(cells[4]), [Run(total_text, bold=True)], align=RIGHT, **kept)


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


def _field_char(para, kind: str, instr: str = "") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = para.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)
    if instr:
        run = para.add_run()
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instr
        run._r.append(text)
        _field_char(para, "separate")


def _table_of_contents(doc) -> None:
    """``MỤC LỤC``: a Word TOC field whose result (a borderless table of headings
    and the page numbers of our own PDF, filled by drafter) Word shows as is."""
    from template_kit import RIGHT

    paragraph(doc, [Run("MỤC LỤC", bold=True)], align=CENTER, before=12, after=12)
    _field_char(paragraph(doc, "", align=LEFT), "begin", ' TOC \\o "1-1" \\h \\z ')
    size = d30.BODY_SIZE
    tbl = table(doc, [PORTRAIT_WIDTH_CM - 1.5, 1.5], borders=False, rows=3)
    start, item, end = tbl.rows
    paragraph(clear(start.cells[0]), "{%tr for entry in toc %}", align=LEFT, size=size)
    cant_split(item)
    paragraph(clear(item.cells[0]), "{{ entry.title }}", align=LEFT, size=size, after=4)
    paragraph(clear(item.cells[1]), "{{ entry.page }}", align=RIGHT, size=size, after=4)
    paragraph(clear(end.cells[0]), "{%tr endfor %}", align=LEFT, size=size)
    _field_char(paragraph(doc, "", align=LEFT), "end")


ABBREVIATION_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Từ viết tắt", 3.0, "term"),
    ("Nghĩa đầy đủ", 11.8, "meaning"),
]


def project_doc():
    """The Project (Đề án): a cover page (its own section, no page number), the
    table of contents and the terms and abbreviations, the body (Parts I–VII
    with the targets, cost and milestone tables and two charts; no number line
    and no signature: it travels with the Tờ trình), then two landscape
    appendices."""
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
    # it travels as the Tờ trình's attachment: no number line, no signature of its own
    draft_marker(doc)
    _table_of_contents(doc)
    terms = paragraph(
        doc,
        [Run("CÁC THUẬT NGỮ VÀ TỪ VIẾT TẮT", bold=True)],
        align=CENTER,
        size=d30.BODY_SIZE,
        before=12,
        after=12,
    )
    terms.paragraph_format.page_break_before = True
    _project_table(doc, ABBREVIATION_COLUMNS, "abbreviations", PORTRAIT_WIDTH_CM)
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
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc, "appendix_tasks")
    _project_table(doc, PROJECT_TASK_COLUMNS, "appendix_tasks.rows", LANDSCAPE_WIDTH_CM)
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc, "appendix_costs")
    _unit_line(doc)
    _cost_table(doc, LANDSCAPE_WIDTH_CM)
    return doc
