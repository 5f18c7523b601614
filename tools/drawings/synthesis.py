"""The comment synthesis table."""

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
    LANDSCAPE_WIDTH_CM,
    header_block,
    register_table,
    signature_block,
    title_block,
)

SYNTHESIS_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Đơn vị góp ý", 3.4, "unit"),
    ("Nội dung (điều khoản) góp ý", 6.2, "provision"),
    ("Ý kiến góp ý", 6.6, "comment"),
    ("Ý kiến tiếp thu, giải trình", 6.6, "answer"),
]

SYNTHESIS_COUNT_COLUMNS = [
    ("STT", 1.2, "stt"),
    ("Đơn vị góp ý", 5.9, "unit"),
    ("Tổng số ý kiến", 1.8, "total"),
    ("Tiếp thu", 1.8, "accepted"),
    ("Tiếp thu một phần", 2.0, "partly"),
    ("Giải trình", 1.9, "explained"),
    ("Chưa xử lý", 1.9, "open"),
]


def comment_synthesis():
    """The comment synthesis table (Bảng tổng hợp, tiếp thu, giải trình ý kiến
    góp ý): a portrait first section with the header and the figures per unit
    and response; then a landscape section with the open comments, the table of
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
    cant_split(item)
    for cell, (_, _, key) in zip(item.cells, SYNTHESIS_COUNT_COLUMNS, strict=True):
        align = LEFT if key == "unit" else CENTER
        paragraph(clear(cell), "{{ row." + key + " }}", align=align, size=size)
    cant_split(total)
    for cell, (_, _, key) in zip(total.cells, SYNTHESIS_COUNT_COLUMNS, strict=True):
        align = LEFT if key == "unit" else CENTER
        text = "{{ counts_total." + key + " }}"
        paragraph(clear(cell), [Run(text, bold=True)], align=align, size=size)
    # The open comments start the landscape part: left at the foot of the portrait
    # part, the last of them made a page of two lines before the landscape pages.
    new_section(doc, landscape=True, restart_numbering=False, title_page=False)
    paragraph(doc, [Run("II. Ý KIẾN CHƯA XỬ LÝ", bold=True)], **heading, keep_next=True)
    tag(doc, "{%p for text in open %}")
    paragraph(doc, "- {{ text }}", **BODY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not open %}")
    paragraph(doc, "Tất cả ý kiến góp ý đã được tiếp thu, giải trình.", **BODY)
    tag(doc, "{%p endif %}")
    paragraph(
        doc,
        [Run("III. NỘI DUNG TIẾP THU, GIẢI TRÌNH", bold=True)],
        **{**heading, "after": 8},
        keep_next=True,
    )
    # the last comment's row is kept with the signature block under the table
    register_table(doc, SYNTHESIS_COLUMNS, grouped=True, keep_last_with_next=True)
    # A comment read across a page break loses its answer: keep each row whole.
    for row in doc.tables[-1].rows:
        if not row._tr.xpath("./w:trPr/w:cantSplit"):
            cant_split(row)
    # a paragraph between the two tables: LibreOffice joins adjacent tables into
    # one, and the comment table took the signature table's borders (none)
    paragraph(doc, "", size=d30.TABLE_SIZE, keep_next=True)
    signature_block(doc, page_width_cm=LANDSCAPE_WIDTH_CM, signature_cm=11.0)
    return doc
