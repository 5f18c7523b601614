"""DOCX -> HTML: what a reader would see, checked on the HTML and its CSS."""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from render_docx_helpers import (
    add_landscape_section,
    add_paragraph_border,
    mark_header_row,
    new_document,
    set_grid_span,
    set_page_header,
    set_vmerge,
    to_bytes,
)

from drafter.render.html import docx_to_html


def _class_css(html: str, tag: str, cls: str) -> str:
    """The declarations of ``tag.cls`` (``tag`` empty: a bare ``.cls`` rule)."""
    match = re.search(rf"^{tag}\.{cls} \{{ (.*?) \}}", html, re.MULTILINE)
    assert match, f"no CSS for {tag}.{cls}"
    return match.group(1)


def _paragraph_css(html: str, text: str) -> str:
    match = re.search(rf'<p class="(p\d+)">{re.escape(text)}', html)
    assert match, f"no paragraph {text!r}"
    return _class_css(html, "", match.group(1))


def test_justified_paragraph_is_text_align_justify() -> None:
    document = new_document()
    document.add_paragraph("Căn đều hai bên").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert "text-align: justify" in _paragraph_css(html, "Căn đều hai bên")


def test_indents_and_spacing_become_margins_and_text_indent() -> None:
    document = new_document()
    paragraph = document.add_paragraph("Thụt đầu dòng")
    paragraph.paragraph_format.first_line_indent = Pt(36)
    paragraph.paragraph_format.left_indent = Pt(10)
    paragraph.paragraph_format.space_before = Pt(6)
    css = _paragraph_css(docx_to_html(to_bytes(document)).sections[0].html, "Thụt đầu dòng")
    assert "text-indent: 36pt" in css
    assert "margin-left: 10pt" in css
    assert "margin-top: 6pt" in css


def test_space_after_adds_to_next_space_before_as_in_word() -> None:
    document = new_document()
    first = document.add_paragraph("một")
    first.paragraph_format.space_after = Pt(6)
    second = document.add_paragraph("hai")
    second.paragraph_format.space_before = Pt(4)
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert "margin-top: 10pt" in _paragraph_css(html, "hai")


def test_vietnamese_and_html_specials_are_escaped_exactly() -> None:
    document = new_document()
    document.add_paragraph("Ủy ban Dân tộc & <b>\"trích\" 'dẫn'</b>")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert "Ủy ban Dân tộc &amp; &lt;b&gt;&quot;trích&quot; &#x27;dẫn&#x27;&lt;/b&gt;" in html


def test_runs_of_spaces_survive() -> None:
    document = new_document()
    document.add_paragraph("Số:      /QĐ-UBDT")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-UBDT" in html


def test_bold_run_gets_a_class_and_plain_run_none() -> None:
    document = new_document()
    paragraph = document.add_paragraph("thường ")
    paragraph.add_run("đậm").bold = True
    html = docx_to_html(to_bytes(document)).sections[0].html
    match = re.search(r'thường <span class="(r\d+)">đậm</span>', html)
    assert match
    assert _class_css(html, "span", match.group(1)) == "font-weight: bold"


def test_times_new_roman_is_rendered_with_liberation_serif() -> None:
    document = new_document()
    document.add_paragraph("chữ")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert 'font-family: "Liberation Serif"' in _paragraph_css(html, "chữ")
    assert "LiberationSerif-Regular.ttf" in html
    assert "hyphens: none" in html


def test_paragraph_top_border_is_a_css_border_within_the_indents() -> None:
    document = new_document()
    rule = document.add_paragraph()
    add_paragraph_border(rule, ("top",), size=8)
    rule.paragraph_format.left_indent = Pt(100)
    rule.paragraph_format.right_indent = Pt(120)
    html = docx_to_html(to_bytes(document)).sections[0].html
    css = _paragraph_css(html, "<br>")
    assert "border-top: 1pt solid #000" in css
    assert "margin-left: 100pt" in css and "margin-right: 120pt" in css


def test_grid_span_becomes_colspan_and_vmerge_rowspan() -> None:
    document = new_document()
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    first_row = table.rows[0]._tr
    # Replace the first row's cells by one cell spanning all three columns.
    cells = first_row.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")
    for extra in cells[1:]:
        first_row.remove(extra)
    set_grid_span(table.rows[0].cells[0], 3)
    table.rows[0].cells[0].text = "tiêu đề"
    set_vmerge(table.rows[1].cells[0], "restart")
    set_vmerge(table.rows[2].cells[0], None)
    table.rows[1].cells[0].text = "gộp"
    html = docx_to_html(to_bytes(document)).sections[0].html
    # One plain paragraph is written straight into its cell.
    assert re.search(r'<td class="c\d+ p\d+" colspan="3">tiêu đề</td>', html)
    assert re.search(r'<td class="c\d+ p\d+" rowspan="2">gộp</td>', html)
    assert html.count("<td") == 1 + 3 + 2


def test_table_header_row_is_thead_and_grid_gives_fixed_widths() -> None:
    document = new_document()
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    mark_header_row(table.rows[0])
    table.rows[0].cells[0].text = "STT"
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert re.search(r"<thead>\s*<tr>\s*<td[^>]*>STT</td>", html)
    assert html.count("<tr") == 3 and "<tbody>" in html
    assert "table-layout: fixed" in html and "border-collapse: collapse" in html
    assert html.count('<col style="width:') == 2


def test_table_grid_borders_and_nil_cell_border() -> None:
    document = new_document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table.rows[0].cells[1]._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:tcBorders {nsdecls("w")}><w:right w:val="nil"/></w:tcBorders>')
    )
    html = docx_to_html(to_bytes(document)).sections[0].html
    classes = re.findall(r'<td class="(c\d+)[ "]', html)
    assert "border-right: 0.5pt solid #000" in _class_css(html, "td", classes[0])
    assert "border-right: none" in _class_css(html, "td", classes[1])


def test_landscape_section_has_its_own_page_size() -> None:
    document = new_document()
    document.add_paragraph("dọc")
    add_landscape_section(document)
    document.add_paragraph("ngang")
    sections = docx_to_html(to_bytes(document)).sections
    assert len(sections) == 2
    assert "size: 210mm 297mm" in sections[0].html
    assert "size: 297mm 210mm" in sections[1].html
    assert "ngang" in sections[1].html and "ngang" not in sections[0].html


def test_header_page_field_is_a_page_counter_hidden_on_the_title_page() -> None:
    document = new_document()
    set_page_header(document.sections[0])
    document.add_paragraph("nội dung")
    section = docx_to_html(to_bytes(document)).sections[0]
    assert re.search(
        r"@page \{[^}]*@top-center \{ content: counter\(page\);[^}]*font-size: 13pt", section.html
    )
    assert re.search(r"@page :first \{\s*@top-center \{ content: none; \}", section.html)
    assert section.title_page


def test_page_break_run_starts_a_new_page() -> None:
    document = new_document()
    paragraph = document.add_paragraph("trước")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("sau")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert "break-before: page" in _paragraph_css(html, "sau")
    assert "break-before" not in _paragraph_css(html, "trước")


def test_same_docx_gives_same_html() -> None:
    document = new_document()
    document.add_paragraph("lặp lại")
    data = to_bytes(document)
    assert docx_to_html(data) == docx_to_html(data)


def test_paragraph_lines_take_the_size_of_its_runs_not_its_style() -> None:
    # Word sizes a line by the runs on it; a CSS line is at least as tall as its
    # block's font, so 11 pt text in a 14 pt style must not get 14 pt lines.
    document = new_document()
    paragraph = document.add_paragraph()
    paragraph.add_run("chữ nhỏ").font.size = Pt(11)
    html = docx_to_html(to_bytes(document)).sections[0].html
    css = _paragraph_css(html, "chữ nhỏ")
    assert "font-size: 11pt" in css
    assert "<span" not in html.split("<body>")[1]


def test_mixed_paragraph_is_measured_by_its_smallest_run() -> None:
    document = new_document()
    paragraph = document.add_paragraph()
    paragraph.add_run("lớn ").font.size = Pt(16)
    paragraph.add_run("nhỏ").font.size = Pt(11)
    html = docx_to_html(to_bytes(document)).sections[0].html
    match = re.search(r'<p class="(p\d+)"><span class="(r\d+)">lớn </span>nhỏ</p>', html)
    assert match, html.split("<body>")[1]
    assert "font-size: 11pt" in _class_css(html, "", match.group(1))
    assert "font-size: 16pt" in _class_css(html, "span", match.group(2))


def test_cell_with_spacing_or_two_paragraphs_keeps_its_paragraphs() -> None:
    document = new_document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    spaced = table.rows[0].cells[0].paragraphs[0]
    spaced.add_run("giãn dòng")
    spaced.paragraph_format.space_after = Pt(6)
    table.rows[0].cells[1].paragraphs[0].add_run("một")
    table.rows[0].cells[1].add_paragraph("hai")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert re.search(r'<td class="c\d+">\s*<p class="p\d+">giãn dòng</p>\s*</td>', html)
    assert re.search(r'<p class="p\d+">một</p>\s*<p class="p\d+">hai</p>\s*</td>', html)


def _text_positions(html: str) -> list[tuple[int, str, float, float, float]]:
    """(page, text, x, y, width) of every piece of text WeasyPrint lays out."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    from drafter.render.compat import page_box

    found: list[tuple[int, str, float, float, float]] = []
    for number, page in enumerate(HTML(string=html, base_url="/").render().pages):
        stack = [page_box(page)]
        while stack:
            box = stack.pop()
            if isinstance(box, TextBox):
                found.append((number, box.text, box.position_x, box.position_y, box.width))
            stack.extend(getattr(box, "children", ()))
    return sorted(found)


def test_folded_cells_lay_out_exactly_like_cells_with_a_paragraph() -> None:
    document = new_document()
    table = document.add_table(rows=40, cols=3)
    table.style = "Table Grid"
    mark_header_row(table.rows[0])
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if c == 0 else None
            run = paragraph.add_run(f"Ô {r}.{c} " + "nội dung dài để xuống dòng " * (c * 3))
            run.font.size = Pt(11)
            run.bold = r == 0
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert html.count("<p ") < 3, "the plain cells were not folded"
    # The same cells with the paragraph put back inside each <td>.
    unfolded = re.sub(
        r'<td class="(c\d+) (p\d+)">(.*?)</td>',
        r'<td class="\1">\n<p class="\2">\3</p>\n</td>',
        html,
    )
    assert unfolded.count("<p ") > 100
    positions = _text_positions(html)
    assert positions[-1][0] >= 1, "the table should run over a page break"
    assert positions == _text_positions(unfolded)


def test_header_text_cannot_close_the_style_element() -> None:
    document = new_document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = 'Ủy ban </style><script>alert("x")</script>'
    document.add_paragraph("nội dung")
    html = docx_to_html(to_bytes(document)).sections[0].html
    assert html.count("</style>") == 1
    assert "<script>" not in html
    style = html[html.index("<style>") : html.index("</style>")]
    assert '"Ủy ban \\3C /style>\\3C script>alert(\\"x\\")\\3C /script>"' in style


def test_a_space_at_a_run_edge_stays_breakable() -> None:
    """Word splits a heading into runs anywhere: a space at a run's edge is an
    ordinary space (a break opportunity), kept as a no-break space only where
    HTML would collapse it (a second space, the start of a line)."""
    document = new_document()
    paragraph = document.add_paragraph()
    for index, text in enumerate(("TĂNG CƯỜNG", " CHUYỂN ĐỔI ", "SỐ", "  TRONG", " ")):
        paragraph.add_run(text).italic = bool(index % 2)  # runs that cannot be joined
    document.add_paragraph().add_run(" thụt")
    html = docx_to_html(to_bytes(document)).sections[0].html
    text = re.sub(r"<[^>]*>", "", html)
    assert "TĂNG CƯỜNG CHUYỂN ĐỔI SỐ \u00a0TRONG " in text
    assert "\u00a0thụt" in html
