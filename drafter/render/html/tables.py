"""Tables: the grid of :mod:`drafter.ooxml.tables` written as an HTML table
with a colgroup, repeated header rows in ``<thead>``, merged cells as
``colspan``/``rowspan`` and each cell's borders, padding and fill as a class."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from drafter.ooxml.blocks import iter_blocks
from drafter.ooxml.props import Border
from drafter.ooxml.styles import table_props
from drafter.ooxml.tables import Cell, Grid, cell_edges, read_grid
from drafter.render.html import paragraphs
from drafter.render.html.css import EDGES, SIDES, cell_css, pt

if TYPE_CHECKING:
    from drafter.render.html.writer import Writer


@dataclass
class TableMarks:
    """Where a table's body rows start in the writer's output list, and where they end."""

    rows: list[int] = field(default_factory=list)
    end: int = 0


def write_table(
    writer: Writer,
    tbl: etree._Element,
    rels: dict[str, str],
    out: list[str],
    marks: TableMarks | None = None,
) -> None:
    """Write one table; with ``marks``, note where each body row starts in ``out``."""
    tblpr, ctx = table_props(tbl, writer.styles)
    grid = read_grid(tbl, tblpr)
    total = sum(grid.columns)
    table_css = [f"width: {pt(total / 20)}"]
    jc = tblpr.get("jc")
    if jc == "center":
        table_css.append("margin-left: auto; margin-right: auto")
    elif jc == "right":
        table_css.append("margin-left: auto; margin-right: 0")
    elif tblpr.get("ind"):
        table_css.append(f"margin-left: {pt(tblpr['ind'] / 20)}")
    out.append(f'<table style="{"; ".join(table_css)}"><colgroup>')
    out.extend(f'<col style="width: {pt(g / 20)}">' for g in grid.columns)
    out.append("</colgroup>")
    borders: dict[str, Border] = tblpr.get("borders", {})
    cell_mar = {"top": 0, "bottom": 0, "left": 108, "right": 108, **tblpr.get("cell_mar", {})}
    header_rows = grid.header_rows
    nrows = len(grid.rows)
    for r_index, row in enumerate(grid.rows):
        if r_index == 0 and header_rows:
            out.append("<thead>")
        if r_index == header_rows:
            out.append("<tbody>")
        if marks is not None and r_index >= header_rows:
            marks.rows.append(len(out))
        row_css = []
        if row.cant_split:
            row_css.append("break-inside: avoid")
        if row.keep_with_next:
            row_css.append("break-after: avoid")
        if row.height:
            row_css.append(f"height: {pt(row.height / 20)}")
        out.append(f'<tr style="{"; ".join(row_css)}">' if row_css else "<tr>")
        if row.before:
            out.append(f'<td colspan="{row.before}" style="border: none"></td>')
        for cell in row.cells:
            if cell.merged_away:
                continue
            cls = _cell_class(writer, grid, r_index, cell, borders, cell_mar)
            spans = ""
            if cell.span > 1:
                spans += f' colspan="{cell.span}"'
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            blocks = list(iter_blocks(cell.el))
            folded = (
                paragraphs.folded_cell_paragraph(writer, blocks[0], ctx, rels)
                if len(blocks) == 1
                else None
            )
            if folded is not None:
                p_cls, content = folded
                out.append(f'<td class="{cls} {p_cls}"{spans}>{content}</td>')
                continue
            out.append(f'<td class="{cls}"{spans}>')
            writer.blocks(blocks, ctx, rels, out)
            out.append("</td>")
        if row.after:
            out.append(f'<td colspan="{row.after}" style="border: none"></td>')
        out.append("</tr>")
        if header_rows and r_index == header_rows - 1:
            out.append("</thead>")
    if marks is not None:
        marks.end = len(out)
    if nrows > header_rows:
        out.append("</tbody>")
    out.append("</table>")


def _cell_class(
    writer: Writer,
    grid: Grid,
    r_index: int,
    cell: Cell,
    borders: dict[str, Border],
    cell_mar: dict[str, int],
) -> str:
    edges = cell_edges(grid, r_index, cell, borders)
    mar = {**cell_mar, **cell.margins}
    borders_in_order = tuple(edges[side] for side in EDGES)
    padding = tuple(mar.get(side, 0) for side in SIDES)
    return writer.c_classes.name(cell_css(borders_in_order, padding, cell.valign, cell.fill))
