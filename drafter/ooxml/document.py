"""A Word document read for rendering: its body, relationships, theme fonts,
styles, header and footer parts, and images."""

from __future__ import annotations

from types import TracebackType

from lxml import etree

from drafter.ooxml.limits import Limits, Mode
from drafter.ooxml.ns import A_NS, W_BODY
from drafter.ooxml.package import DOCUMENT_PART, Package, Source
from drafter.ooxml.styles import StyleSheet


class WordDocument:
    """The parts of a DOCX that a reader of its content needs, parsed once.

    ``document`` is ``word/document.xml``'s root, ``rels`` its relationships
    (id -> part name), ``styles`` the resolved style sheet.  XML comments are
    dropped when parsing.  Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, source: Source, mode: Mode = "trusted", limits: Limits | None = None):
        self.package = Package(source, mode, limits)
        try:
            document = self.package.xml(DOCUMENT_PART, remove_comments=True)
            assert document is not None  # Package refuses a DOCX without it
            self.document: etree._Element = document
            self.rels = self.package.relationships(DOCUMENT_PART)
            self.theme_fonts = self._theme_fonts()
            self.styles = StyleSheet(self.xml("word/styles.xml"), self.theme_fonts)
        except BaseException:
            self.package.close()
            raise
        self._xml_cache: dict[str, etree._Element | None] = {}

    def __enter__(self) -> WordDocument:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the package."""
        self.package.close()

    @property
    def body(self) -> etree._Element | None:
        """``w:body``, or None for a document without one."""
        return self.document.find(W_BODY)

    def read(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None if there is no such part."""
        return self.package.read(name)

    def xml(self, name: str) -> etree._Element | None:
        """Part ``name`` parsed (comments dropped), or None if there is no such part."""
        return self.package.xml(name, remove_comments=True)

    def cached_xml(self, name: str) -> etree._Element | None:
        """:meth:`xml`, parsed once per part (headers are read once per section)."""
        if name not in self._xml_cache:
            self._xml_cache[name] = self.xml(name)
        return self._xml_cache[name]

    def image(self, part_rels: dict[str, str], rel_id: str) -> tuple[str, bytes] | None:
        """(part name, bytes) of the image ``rel_id`` points at, or None."""
        name = part_rels.get(rel_id)
        if not name:
            return None
        data = self.read(name)
        if data is None:
            return None
        return name, data

    def _theme_fonts(self) -> dict[str, str]:
        root = self.xml("word/theme/theme1.xml")
        out: dict[str, str] = {}
        if root is None:
            return out
        for key in ("major", "minor"):
            latin = root.find(f".//{{{A_NS}}}{key}Font/{{{A_NS}}}latin")
            if latin is not None and latin.get("typeface"):
                out[key] = latin.get("typeface", "")
        return out
