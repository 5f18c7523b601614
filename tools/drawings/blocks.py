"""The Decree 30 blocks every template is drawn from: header, title,
preamble, articles, signature block, appendix heading and register tables."""

from __future__ import annotations

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
    paragraph,
    rule,
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


def draft_marker(doc) -> None:
    """The boxed "Dự thảo lần N" in the top corner, when the context sets one."""
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


def header_block(doc) -> None:
    """Draft marker, agency / national title, number / date (Decree 30 header)."""
    draft_marker(doc)
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

    def signature_line(text: str, before: float = 0) -> None:
        bold = [Run(text, bold=True)] if text else ""
        paragraph(right, bold, align=CENTER, size=d30.SIGNATURE_SIZE, before=before)

    tag(right, "{%p if signature.form_line %}")
    signature_line("{{ signature.form_line }}", before=12)
    tag(right, "{%p endif %}")
    signature_line("{{ signature.title }}")
    for _ in range(4):  # room for the signature and the seal
        signature_line("")
    signature_line("{{ signature.name }}", before=24)


def appendix_heading(doc, name: str = "appendix", width_cm: float = LANDSCAPE_WIDTH_CM) -> None:
    """Label, title and attached line of the appendix held in context as ``name``."""
    paragraph(doc, [Run("{{ " + name + ".label }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(doc, [Run("{{ " + name + ".title }}", bold=True)], align=CENTER, size=d30.BODY_SIZE)
    paragraph(
        doc, [Run("{{ " + name + ".attached }}", italic=True)], align=CENTER, size=d30.BODY_SIZE
    )
    # room under the italic line, so the rule clears its descenders (g, y, p)
    rule(doc, 5.0, width_cm, before=6, after=8)


#: Columns whose short values read best centred.
CENTRED_KEYS = {"stt", "priority", "phase", "update_cycle", "update_frequency", "formats"}


def register_table(
    doc,
    columns: list[tuple[str, float, str]],
    *,
    grouped: bool,
    width_cm: float = LANDSCAPE_WIDTH_CM,
    keep_last_with_next: bool = False,
) -> None:
    """A landscape register table: a header row repeated on each page, then one
    row per item (``{%tr for row in rows %}``), or, grouped, a group row (I, II,
    …) followed by its items (``{%tr for group in groups %}``).

    ``keep_last_with_next``: the table's last row is kept with what follows
    (the signature block, so it never stands alone on a page): the item row is
    drawn twice, the copy for the last item with w:keepNext, chosen by
    ``{%tr if %}``, since Word has no "keep with previous"."""
    widths = [w for _, w, _ in columns]
    scale = width_cm / sum(widths)
    size = d30.TABLE_SIZE
    opening = (
        ["{%tr for group in groups %}", "{%tr for row in group.rows %}"]
        if grouped
        else ["{%tr for row in rows %}"]
    )
    rows = 1 + len(opening) * 2 + 1 + (1 if grouped else 0) + (4 if keep_last_with_next else 0)
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
            # kept with the next row: a group's title never ends a page
            paragraph(
                first,
                [Run("{{ group.numeral }}", bold=True)],
                align=CENTER,
                size=size,
                keep_next=True,
            )
            title = clear(merge_row(group))
            paragraph(
                title,
                [Run("{{ group.name }}", bold=True)],
                align=LEFT,
                size=size,
                keep_next=True,
            )

    def item_row(row, keep_next: bool) -> None:
        # a row is never split across pages (unless taller than a page)
        cant_split(row)
        for cell, (_, _, key) in zip(row.cells, columns, strict=True):
            align = CENTER if key in CENTRED_KEYS else LEFT
            text = "{{ row." + key + " }}"
            paragraph(clear(cell), text, align=align, size=size, keep_next=keep_next)

    if keep_last_with_next:
        last = "loop.last and group == groups|last" if grouped else "loop.last"
        paragraph(clear(next(it).cells[0]), "{%tr if " + last + " %}", align=LEFT, size=size)
        item_row(next(it), True)
        paragraph(clear(next(it).cells[0]), "{%tr else %}", align=LEFT, size=size)
        item_row(next(it), False)
        paragraph(clear(next(it).cells[0]), "{%tr endif %}", align=LEFT, size=size)
    else:
        item_row(next(it), False)
    for _ in opening:
        paragraph(clear(next(it).cells[0]), "{%tr endfor %}", align=LEFT, size=size)
