"""The table grid: grid columns, gridSpan, vMerge, header rows and borders."""

from __future__ import annotations

from lxml import etree

from drafter.ooxml.props import parse_tblpr
from drafter.ooxml.tables import cell_edges, read_grid

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def table(body: str, grid: str = "") -> etree._Element:
    return etree.fromstring(f'<w:tbl xmlns:w="{W}"><w:tblPr/>{grid}{body}</w:tbl>')


def cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def texts(el: etree._Element) -> str:
    return "".join(el.itertext())


def test_grid_span_and_vertical_merges_become_columns_and_rowspans() -> None:
    # | A (2 cols)      | B (restart) |
    # | C     | D       | (continue)  |
    # | E     | F       | (continue)  |
    tbl = table(
        "<w:tr>"
        + cell("A", '<w:gridSpan w:val="2"/>')
        + cell("B", '<w:vMerge w:val="restart"/>')
        + "</w:tr><w:tr>"
        + cell("C")
        + cell("D")
        + cell("", "<w:vMerge/>")
        + "</w:tr><w:tr>"
        + cell("E")
        + cell("F")
        + cell("", '<w:vMerge w:val="continue"/>')
        + "</w:tr>",
        '<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/>'
        '<w:gridCol w:w="3000"/></w:tblGrid>',
    )
    grid = read_grid(tbl, {})
    assert grid.columns == [1000, 2000, 3000]
    first, second, third = grid.rows
    assert [(texts(c.el), c.col, c.span) for c in first.cells] == [("A", 0, 2), ("B", 2, 1)]
    assert first.cells[1].rowspan == 3
    assert [c.merged_away for c in second.cells] == [False, False, True]
    assert [c.merged_away for c in third.cells] == [False, False, True]
    assert [(texts(c.el), c.col) for c in third.cells[:2]] == [("E", 0), ("F", 1)]


def test_a_new_restart_ends_the_previous_merge() -> None:
    tbl = table(
        "".join(
            f"<w:tr>{cell(str(n), props)}</w:tr>"
            for n, props in enumerate(
                [
                    '<w:vMerge w:val="restart"/>',
                    "<w:vMerge/>",
                    '<w:vMerge w:val="restart"/>',
                    "<w:vMerge/>",
                    "",
                ]
            )
        )
    )
    rows = read_grid(tbl, {}).rows
    assert [r.cells[0].rowspan for r in rows] == [2, 1, 2, 1, 1]
    assert [r.cells[0].merged_away for r in rows] == [False, True, False, True, False]


def test_grid_before_shifts_the_cells_and_missing_widths_share_the_table_width() -> None:
    tbl = table(
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell("x") + "</w:tr>"
        "<w:tr>" + cell("a") + cell("b") + "</w:tr>"
    )
    grid = read_grid(tbl, {"width": (6000, "dxa")})
    assert grid.rows[0].before == 1
    assert grid.rows[0].cells[0].col == 1
    assert grid.columns == [3000, 3000]


def test_leading_header_rows_repeat_unless_every_row_is_a_header() -> None:
    header = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("STT") + "</w:tr>"
    body = "<w:tr>" + cell("1") + "</w:tr>"
    assert read_grid(table(header + header + body), {}).header_rows == 2
    assert read_grid(table(header + header), {}).header_rows == 0


def test_a_cells_own_border_wins_over_its_neighbours_and_the_tables() -> None:
    tbl = table(
        "<w:tr>"
        + cell("a", '<w:tcBorders><w:right w:val="double" w:sz="4"/></w:tcBorders>')
        + cell("b", '<w:tcBorders><w:left w:val="nil"/></w:tcBorders>')
        + cell("c")
        + "</w:tr>"
    )
    tblpr = parse_tblpr(
        etree.fromstring(
            f'<w:tblPr xmlns:w="{W}"><w:tblBorders><w:top w:val="single" w:sz="8"/>'
            '<w:insideV w:val="dotted" w:sz="4"/></w:tblBorders></w:tblPr>'
        )
    )
    grid = read_grid(tbl, tblpr)
    a, b, c = grid.rows[0].cells
    borders = tblpr["borders"]
    assert cell_edges(grid, 0, a, borders)["right"] == ("double", 1.5, 0, "#000")
    # b's left is its own (nil), not a's right; b's right is c's side: the table's insideV.
    assert cell_edges(grid, 0, b, borders)["left"] is None
    assert cell_edges(grid, 0, b, borders)["right"] == ("dotted", 0.5, 0, "#000")
    assert cell_edges(grid, 0, c, borders)["top"] == ("solid", 1.0, 0, "#000")
    assert cell_edges(grid, 0, c, borders)["left"] == ("dotted", 0.5, 0, "#000")
