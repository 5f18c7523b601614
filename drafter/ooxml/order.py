"""Schema order of WordprocessingML property elements, and insertion that keeps it.

The ECMA-376 schema fixes the order of the children of ``w:pPr``, ``w:rPr``,
``w:tblPr``, ``w:tblCellMar``, ``w:trPr``, ``w:tcPr`` and ``w:sectPr``; Word
repairs (or refuses) a file whose children are out of order or repeated.
Writers never ``append`` such a child: they call :func:`get_or_add` (the
child, created at its place if missing) or :func:`replace` (a fresh child at
its place, any old one dropped), so the order is a property of this module,
not of each writer's care (python-docx's ``ZeroOrOne(successors=...)`` idea).
"""

from __future__ import annotations

from lxml import etree

from drafter.ooxml.ns import w


def _seq(names: str) -> list[str]:
    return names.split()


_RPR_BASE = _seq(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)

_PPR_BASE = _seq(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle"
)

_SEQUENCES: dict[str, list[str]] = {
    "pPr": [*_PPR_BASE, "rPr", "sectPr", "pPrChange"],
    # CT_RPr of a run; a paragraph mark's rPr (CT_ParaRPr) leads with revision marks.
    "rPr": ["ins", "del", "moveFrom", "moveTo", *_RPR_BASE, "rPrChange"],
    "docDefaults": ["rPrDefault", "pPrDefault"],
    "rPrDefault": ["rPr"],
    "pPrDefault": ["pPr"],
    "tblPr": _seq(
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription tblPrChange"
    ),
    "tblBorders": _seq("top left start bottom right end insideH insideV"),
    "tcBorders": _seq("top left start bottom right end insideH insideV tl2br tr2bl"),
    "pBdr": _seq("top left bottom right between bar"),
    "tblCellMar": _seq("top left start bottom right end"),
    "tcMar": _seq("top left start bottom right end"),
    # CT_TrPrBase is a repeated choice; Word writes this order and never repeats one.
    "trPr": _seq(
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
        "tblCellSpacing jc hidden ins del trPrChange"
    ),
    "tcPr": _seq(
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
        "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
    ),
    "sectPr": _seq(
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
        "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
        "bidi rtlGutter docGrid printerSettings sectPrChange"
    ),
}

#: Clark name of a parent -> Clark names of its children in schema order.
SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    w(parent): tuple(w(child) for child in children) for parent, children in _SEQUENCES.items()
}

#: Children that may legitimately occur more than once.
_REPEATABLE = frozenset({w("headerReference"), w("footerReference")})


def _rank(parent: etree._Element, tag: str) -> int:
    order = SCHEMA_ORDER.get(str(parent.tag))
    if order is None:
        raise KeyError(f"no schema order known for children of {parent.tag}")
    try:
        return order.index(tag)
    except ValueError:
        raise KeyError(f"{tag} is not a child of {parent.tag} in the schema") from None


def insert_in_order(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Insert ``child`` into ``parent`` where the schema puts it and return it.

    It goes after every sibling that the schema places before it or at the same
    rank (so repeated children keep their order), before the first that comes
    after it.  Children the schema does not name (extensions) are left where
    they are.
    """
    rank = _rank(parent, str(child.tag))
    order = SCHEMA_ORDER[str(parent.tag)]
    for index, sibling in enumerate(parent):
        tag = str(sibling.tag)
        if tag in order and order.index(tag) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` (Clark name) of ``parent``, created at its schema place if missing."""
    _rank(parent, tag)
    found = parent.find(tag)
    if found is not None:
        return found
    return insert_in_order(parent, parent.makeelement(tag, {}))


def replace(parent: etree._Element, tag: str) -> etree._Element:
    """A new, empty child ``tag`` of ``parent`` at its schema place; any old one is dropped."""
    _rank(parent, tag)
    if tag not in _REPEATABLE:
        for old in parent.findall(tag):
            parent.remove(old)
    return insert_in_order(parent, parent.makeelement(tag, {}))


def sort_children(parent: etree._Element) -> None:
    """Put ``parent``'s known children in schema order (a stable sort; unknown ones last)."""
    order = SCHEMA_ORDER[str(parent.tag)]
    children = list(parent)
    ranked = sorted(
        children,
        key=lambda c: order.index(str(c.tag)) if str(c.tag) in order else len(order),
    )
    for child in children:
        parent.remove(child)
    for child in ranked:
        parent.append(child)
