"""docProps/app.xml, the extended properties Word shows as page and word counts."""

from __future__ import annotations

from lxml import etree

from drafter.ooxml.xml import parse_xml

EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

#: Counts a template carries from the last time an office suite saved it; a
#: merged document has other counts, which only a layout engine knows.
COUNTS = (
    "Pages",
    "Words",
    "Characters",
    "CharactersWithSpaces",
    "Lines",
    "Paragraphs",
    "TotalTime",
)


def without_counts(app_xml: bytes) -> bytes:
    """``app_xml`` with the page, word, line and paragraph counts left out
    (the schema makes each optional), so no reader trusts a stale figure."""
    root = parse_xml(app_xml)
    removed = False
    for name in COUNTS:
        for element in root.findall(f"{{{EXTENDED_PROPERTIES_NS}}}{name}"):
            root.remove(element)
            removed = True
    if not removed:
        return app_xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
