"""The table grid: rows, cells with their grid columns, merged cells, borders.

:func:`read_grid` reads a ``w:tbl`` into a :class:`Grid`: each cell knows its
first grid column and how many it spans (``w:gridSpan``, after the row's
``w:gridBefore``); vertical merges (``w:vMerge`` restart/continue) become a
``rowspan`` on the first cell, the continued cells marked ``merged_away``.
:func:`cell_edges` settles which border each side of a cell shows, as Word
does when a cell, its neighbour and the table disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from drafter.ooxml.ns import W_NS, W_SDT, W_SDTCONTENT, W_TC, W_TCPR, W_TR, W_TRPR, W_VAL, w
from drafter.ooxml.props import (
    SIDE_ALIASES,
    Border,
    Props,
    is_on,
    parse_borders,
    to_color,
    to_int,
)


@dataclass
class Cell:
    """One ``w:tc``: its element, first grid column, span and own properties."""

    el: etree._Element
    col: int
    span: int
    vmerge: str | None
    valign: str
    fill: str | None
    margins: dict[str, int]
    borders: dict[str, Border]
    rowspan: int = 1
    merged_away: bool = False


@dataclass
class Row:
    """One ``w:tr``: its cells and row properties (heights in twips)."""

    cells: list[Cell]
    header: bool
    cant_split: bool
    height: int
    before: int
    after: int
    #: Every paragraph of the row is kept with the next (w:keepNext): Word keeps
    #: the row on the page of the row under it (a group row with its first item).
    keep_with_next: bool = False


@dataclass
class Grid:
    """A table as a grid: rows (vertical merges resolved), column widths in
    twips (every column given a width), and how many leading rows repeat as
    a header on each page (0 when every row is a header row)."""

    rows: list[Row]
    columns: list[int]
    header_rows: int

    @property
    def ncols(self) -> int:
        return len(self.columns)


def read_grid(tbl: etree._Element, tblpr: Props) -> Grid:
    """The grid of ``tbl``; ``tblpr`` is its resolved table properties (for the
    width of a table whose ``w:tblGrid`` gives none)."""
    grid = [to_int(col.get(w("w"))) for col in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
    rows = read_rows(tbl)
    ncols = max([len(grid)] + [sum(c.span for c in row.cells) + row.before for row in rows])
    grid += [0] * (ncols - len(grid))
    if not any(grid):
        width = tblpr.get("width", (9000, "dxa"))[0] or 9000
        grid = [width // max(ncols, 1)] * ncols
    grid = [g or min(x for x in grid if x) for g in grid]
    resolve_vmerge(rows)
    header_rows = 0
    for row in rows:
        if not row.header:
            break
        header_rows += 1
    if header_rows == len(rows):
        header_rows = 0  # a table that is all header has nothing to repeat under
    return Grid(rows, grid, header_rows)


def table_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's own ``w:tr`` elements (nested tables excluded), through content controls."""
    for child in tbl:
        if child.tag == W_TR:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from (tr for tr in content if tr.tag == W_TR)


def table_cells(tbl: etree._Element) -> Iterator[list[etree._Element]]:
    """Each row's ``w:tc`` elements, row by row (nested tables excluded)."""
    for tr in table_rows(tbl):
        yield tr.findall(W_TC)


def is_header_row(tr: etree._Element) -> bool:
    """Whether ``tr`` is marked to repeat as a header row (``w:tblHeader``)."""
    flag = tr.find(f"{W_TRPR}/{w('tblHeader')}")
    return flag is not None and flag.get(W_VAL, "1").lower() not in ("0", "false", "off")


def read_rows(tbl: etree._Element) -> list[Row]:
    """The rows of ``tbl`` with each cell's grid column, span and properties."""
    rows: list[Row] = []
    for tr in table_rows(tbl):
        trpr = tr.find(W_TRPR)
        header = cant_split = False
        height = before = after = 0
        if trpr is not None:
            for child in trpr:
                if child.tag == w("tblHeader"):
                    header = is_on(child)
                elif child.tag == w("cantSplit"):
                    cant_split = is_on(child)
                elif child.tag == w("trHeight"):
                    height = to_int(child.get(W_VAL))
                elif child.tag == w("gridBefore"):
                    before = to_int(child.get(W_VAL))
                elif child.tag == w("gridAfter"):
                    after = to_int(child.get(W_VAL))
        cells: list[Cell] = []
        col = before
        for tc in tr.findall(W_TC):
            cells.append(_read_cell(tc, col))
            col += cells[-1].span
        rows.append(Row(cells, header, cant_split, height, before, after, _keeps_with_next(tr)))
    return rows


def _keeps_with_next(tr: etree._Element) -> bool:
    """Whether every paragraph directly in the row's cells has w:keepNext on."""
    paragraphs = [p for tc in tr.findall(W_TC) for p in tc.findall(w("p"))]
    if not paragraphs:
        return False
    for p in paragraphs:
        keep = p.find(f"{w('pPr')}/{w('keepNext')}")
        if keep is None or not is_on(keep):
            return False
    return True


def _read_cell(tc: etree._Element, col: int) -> Cell:
    tcpr = tc.find(W_TCPR)
    span, vmerge, valign, fill = 1, None, "top", None
    margins: dict[str, int] = {}
    borders: dict[str, Border] = {}
    if tcpr is not None:
        for child in tcpr:
            if child.tag == w("gridSpan"):
                span = max(to_int(child.get(W_VAL), 1), 1)
            elif child.tag == w("vMerge"):
                vmerge = child.get(W_VAL) or "continue"
            elif child.tag == w("vAlign"):
                valign = {"center": "middle", "bottom": "bottom"}.get(
                    child.get(W_VAL, "top"), "top"
                )
            elif child.tag == w("shd"):
                fill = to_color(child.get(w("fill")))
            elif child.tag == w("tcMar"):
                for m in child:
                    if isinstance(m.tag, str):
                        side = m.tag[len(W_NS) + 2 :]
                        margins[SIDE_ALIASES.get(side, side)] = to_int(m.get(w("w")))
            elif child.tag == w("tcBorders"):
                borders = parse_borders(child)
    return Cell(tc, col, span, vmerge, valign, fill, margins, borders)


def resolve_vmerge(rows: list[Row]) -> None:
    """Turn vMerge restart/continue into rowspans; continued cells disappear."""
    open_cells: dict[int, Cell] = {}
    for row in rows:
        for cell in row.cells:
            if cell.vmerge == "continue" and cell.col in open_cells:
                owner = open_cells[cell.col]
                owner.rowspan += 1
                cell.merged_away = True
            elif cell.vmerge == "restart":
                open_cells[cell.col] = cell
            else:
                open_cells.pop(cell.col, None)


def cell_at(row: Row, col: int) -> Cell | None:
    """The cell of ``row`` that covers grid column ``col``, if any."""
    for cell in row.cells:
        if cell.col <= col < cell.col + cell.span:
            return cell
    return None


def cell_edges(
    grid: Grid, r_index: int, cell: Cell, borders: dict[str, Border]
) -> dict[str, Border]:
    """The border each side (top, bottom, left, right) of ``cell`` in row
    ``r_index`` shows, given the table's resolved ``borders``.

    A cell's own border wins over the neighbour's, which wins over the
    table's; the same value ends up on both cells, so that collapsing borders
    cannot disagree.
    """
    rows, nrows, ncols = grid.rows, len(grid.rows), grid.ncols
    last_row = r_index + cell.rowspan - 1
    above = cell_at(rows[r_index - 1], cell.col) if r_index >= 1 else None
    below = cell_at(rows[last_row + 1], cell.col) if last_row + 1 < nrows else None
    return {
        "top": _edge(
            cell, "top", borders.get("top" if r_index == 0 else "insideH"), above, "bottom"
        ),
        "bottom": _edge(
            cell,
            "bottom",
            borders.get("bottom" if last_row == nrows - 1 else "insideH"),
            below,
            "top",
        ),
        "left": _edge(
            cell,
            "left",
            borders.get("left" if cell.col == 0 else "insideV"),
            cell_at(rows[r_index], cell.col - 1),
            "right",
        ),
        "right": _edge(
            cell,
            "right",
            borders.get("right" if cell.col + cell.span >= ncols else "insideV"),
            cell_at(rows[r_index], cell.col + cell.span),
            "left",
        ),
    }


def _edge(
    cell: Cell, side: str, table_border: Border, other: Cell | None, other_side: str
) -> Border:
    if side in cell.borders:
        return cell.borders[side]
    if other is not None and other_side in other.borders:
        return other.borders[other_side]
    return table_border
