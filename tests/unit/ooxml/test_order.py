"""Schema-ordered insertion of property children."""

from __future__ import annotations

import pytest
from lxml import etree

from drafter.ooxml.ns import w
from drafter.ooxml.order import get_or_add, insert_in_order, replace, sort_children


def local_names(parent: etree._Element) -> list[str]:
    return [etree.QName(c).localname for c in parent]


def test_table_properties_land_in_schema_order_whatever_the_call_order() -> None:
    tblpr = etree.Element(w("tblPr"))
    for name in ("tblLook", "tblCellMar", "tblLayout", "tblBorders", "tblW", "tblStyle"):
        get_or_add(tblpr, w(name))
    assert local_names(tblpr) == [
        "tblStyle",
        "tblW",
        "tblBorders",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]


def test_get_or_add_never_writes_a_child_twice() -> None:
    tblpr = etree.Element(w("tblPr"))
    first = get_or_add(tblpr, w("tblLayout"))
    assert get_or_add(tblpr, w("tblLayout")) is first
    assert local_names(tblpr) == ["tblLayout"]


def test_cell_margins_go_top_left_bottom_right() -> None:
    margins = etree.Element(w("tblCellMar"))
    for side in ("left", "right", "top", "bottom"):
        get_or_add(margins, w(side))
    assert local_names(margins) == ["top", "left", "bottom", "right"]


def test_page_numbering_goes_before_the_document_grid() -> None:
    sect = etree.Element(w("sectPr"))
    for name in ("pgSz", "pgMar", "titlePg", "docGrid"):
        etree.SubElement(sect, w(name))
    get_or_add(sect, w("pgNumType"))
    assert local_names(sect) == ["pgSz", "pgMar", "pgNumType", "titlePg", "docGrid"]


def test_replace_drops_the_old_child() -> None:
    tblpr = etree.Element(w("tblPr"))
    old = get_or_add(tblpr, w("tblBorders"))
    new = replace(tblpr, w("tblBorders"))
    assert new is not old
    assert local_names(tblpr) == ["tblBorders"]


def test_revision_mark_leads_the_paragraph_mark_properties() -> None:
    rpr = etree.Element(w("rPr"))
    etree.SubElement(rpr, w("b"))
    etree.SubElement(rpr, w("sz"))
    insert_in_order(rpr, etree.Element(w("ins")))
    assert local_names(rpr) == ["ins", "b", "sz"]


def test_sort_children_repairs_an_appended_merge() -> None:
    tcpr = etree.Element(w("tcPr"))
    for name in ("tcW", "vAlign", "vMerge"):
        etree.SubElement(tcpr, w(name))
    sort_children(tcpr)
    assert local_names(tcpr) == ["tcW", "vMerge", "vAlign"]


def test_a_child_the_schema_does_not_allow_is_refused() -> None:
    with pytest.raises(KeyError):
        get_or_add(etree.Element(w("tblPr")), w("pStyle"))
