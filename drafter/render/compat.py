"""Every use of a third-party library's internals, in one place.

drafter leans on a few things docxtpl, python-docx, WeasyPrint and pypdf do
not promise to keep:

- **docxtpl**: :class:`DocxTemplate` subclassed, overriding ``build_xml``,
  ``resolve_listing``, ``fix_tables``, ``fix_docpr_ids`` and ``map_tree``
  (three of its passes skipped or done in place, see :func:`template_class`),
  and its ``docx``, ``docx_ids_index`` and ``render_xml_part``;
- **python-docx**: the document element swapped under a ``Document``
  (``Document._element``, ``DocumentPart._element`` and the cached body
  proxy ``Document._Document__body``), and ``docx.oxml.parser.element_class_lookup``;
- **WeasyPrint**: a page's box tree (``Page._page_box``) to see which rows of a
  long table a page holds, and the table flags ``skip_cell_border_top`` /
  ``skip_cell_border_bottom`` that its drawing reads;
- **pypdf**: the writer's catalogue (``PdfWriter.root_object``, formerly
  ``_root_object``) to carry the document language over when joining files.

The versions drafter is tested with are bounded in ``pyproject.toml``.  Should
another version drop one of these, :func:`missing_internals` (run at the start
of ``drafter check``) names the library, its version and what is gone, and
the accessors below raise the same error at the point of use instead of an
``AttributeError`` deep in a render.  Nothing heavy is imported at module level:
a no-op build never loads this module's libraries.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from drafter.errors import DrafterError, Problem

#: Distribution name -> the import name of the libraries whose internals are used.
LIBRARIES = {
    "docxtpl": "docxtpl",
    "python-docx": "docx",
    "weasyprint": "weasyprint",
    "pypdf": "pypdf",
}


def library_version(library: str) -> str:
    """The installed version of a distribution ("not installed" if it is not)."""
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "not installed"


def internal_gone(library: str, what: str) -> Problem:
    """The located problem for one internal of ``library`` that is gone."""
    version = library_version(library)
    return Problem(
        f"{library} {version}",
        message=(
            f"{what}, which drafter relies on, is gone in {library} {version}; "
            f"install the version pyproject.toml allows (pip install -e .) "
            f"or adapt drafter/render/compat.py"
        ),
    )


class InternalsGone(DrafterError):
    """A library no longer has an internal drafter relies on (named with its version)."""


def _gone(library: str, what: str) -> InternalsGone:
    return InternalsGone([internal_gone(library, what)])


# --------------------------------------------------------------------------- docxtpl

#: The docxtpl methods :func:`template_class` overrides or calls, with their
#: parameters: an override of a renamed method would silently never run.
DOCXTPL_METHODS: dict[str, tuple[str, ...]] = {
    "build_xml": ("self", "context", "jinja_env"),
    "render_xml_part": ("self", "src_xml", "part", "context", "jinja_env"),
    "patch_xml": ("self", "src_xml"),
    "get_xml": ("self",),
    "resolve_listing": ("self", "xml"),
    "fix_tables": ("self", "xml"),
    "fix_docpr_ids": ("self", "tree"),
    "map_tree": ("self", "tree"),
}
#: ... and the order ``DocxTemplate.render`` calls them in (each override relies on it).
DOCXTPL_RENDER_CALLS = ("build_xml", "fix_tables", "fix_docpr_ids", "map_tree")


def _docxtpl_problems() -> list[str]:
    from docxtpl import DocxTemplate

    gone = []
    for name, parameters in DOCXTPL_METHODS.items():
        method = getattr(DocxTemplate, name, None)
        if method is None:
            gone.append(f"DocxTemplate.{name}")
            continue
        try:
            found = tuple(inspect.signature(method).parameters)
        except (TypeError, ValueError):  # pragma: no cover - not introspectable
            continue
        if found != parameters:
            gone.append(f"DocxTemplate.{name}({', '.join(parameters[1:])})")
    try:
        source = inspect.getsource(DocxTemplate.render)
    except (OSError, TypeError):  # pragma: no cover - installed without sources
        return gone
    calls = [m.group(1) for m in re.finditer(r"self\.(\w+)\(", source)]
    order = [name for name in calls if name in DOCXTPL_RENDER_CALLS]
    if order != list(DOCXTPL_RENDER_CALLS):
        gone.append("DocxTemplate.render calling " + ", ".join(DOCXTPL_RENDER_CALLS) + " in turn")
    return gone


@functools.cache
def require_docxtpl() -> None:
    """Raise :class:`InternalsGone` if the docxtpl methods overridden are gone
    (cheap: no merge; once per process)."""
    gone = _docxtpl_problems()
    if gone:
        raise InternalsGone([internal_gone("docxtpl", what) for what in gone])


#: Where a body paragraph starts in docxtpl's patched XML (not ``<w:pPr>``).
_XML_TAG = re.compile(r"<[^>]*>")
#: What docxtpl's ``resolve_listing`` turns into Word markup inside ``w:t`` text.
_LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
#: docxtpl's tags that change how many cells a row has ({%tc %}, colspan, hm):
#: only they need its pass over every row of every table (``fix_tables``).
_CELL_TAGS = re.compile(r"(?:\{%|\{\{|\{#)-?\s*(?:tc\s|colspan\s|hm\s*%)")
#: The namespace declarations on the start tag of the merged body.
_BODY_START = re.compile(r"<w:body((?:\s+xmlns:\w+=\"[^\"]*\")*)\s*>")
_XMLNS = re.compile(r"\s+xmlns:(\w+)=\"([^\"]*)\"")
_BODY_SLOT = "<!--drafter-merged-body-->"
_FEED_CHARS = 1 << 20


def replace_document_element(document: Any, element: Any) -> None:
    """Make ``element`` (a ``w:document``) the element of python-docx's ``document``."""
    for owner, name in ((document.part, "_element"), (document, "_element")):
        if not hasattr(owner, name):
            raise _gone("python-docx", f"{type(owner).__name__}.{name}")
        setattr(owner, name, element)
    if not hasattr(document, "_Document__body"):
        raise _gone("python-docx", "Document.__body (the cached body proxy)")
    document._Document__body = None  # rebuilt from the new element when next asked


@functools.cache
def template_class() -> Any:
    """docxtpl's :class:`DocxTemplate`, without three passes that cost most of
    a long table's merge (see the class's docstring)."""
    from docx.oxml.ns import nsmap
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        from docx.oxml.parser import element_class_lookup
    except ImportError:
        raise _gone("python-docx", "docx.oxml.parser.element_class_lookup") from None

    doc_pr = etree.XPath("//wp:docPr", namespaces=nsmap)

    class Template(DocxTemplate):  # type: ignore[misc]
        """docxtpl, without three passes that cost most of a long table's merge.

        The XML is docxtpl's own (tests compare canonical forms; an inline
        image may repeat a namespace declaration its document already makes):

        - ``resolve_listing`` rewrites tabs, ``\\a``, line and page breaks inside
          ``w:t`` with three nested regular-expression substitutions per
          paragraph; one search decides whether any text holds such a character.
        - ``fix_tables`` walks every row of every table to repair the column
          grid after ``{%tc %}``, ``colspan`` or ``hm`` tags; a template without
          them keeps its grid, so the walk is skipped.
        - ``map_tree`` moves the merged body, parsed as a document of its own,
          into the template's document: lxml re-homes every node (1.5 s at
          10,000 rows).  Here the body is parsed in place, inside a copy of the
          template's document element, which then replaces it.
        """

        reshapes_tables = True
        merged_source: str | None = None

        def build_xml(self, context: Any, jinja_env: Any = None) -> str:
            source = self.get_xml()
            self.reshapes_tables = _CELL_TAGS.search(_XML_TAG.sub("", source)) is not None
            xml = self.patch_xml(source)
            self.merged_source = xml  # what Jinja sees: to locate its errors
            merged: str = self.render_xml_part(xml, self.docx.part, context, jinja_env)
            return merged

        def resolve_listing(self, xml: str) -> str:
            # An XML parser reads CR LF and a lone CR as LF; done before docxtpl's
            # pass, a CR LF in a value makes one line break, not two (the pass
            # turned the LF into a break and left the CR for the parser).
            xml = xml.replace("\r\n", "\n").replace("\r", "\n")
            if _LISTING_TEXT.search(xml) is None:
                return xml
            resolved: str = super().resolve_listing(xml)
            return resolved

        def fix_tables(self, xml: str) -> Any:
            if self.reshapes_tables:
                return super().fix_tables(xml)
            return _parse_in_document(self.docx.element, xml).body

        def fix_docpr_ids(self, tree: Any) -> None:
            # docxtpl's own, with an XPath python-docx's element classes accept
            elements: list[Any] = doc_pr(tree)  # type: ignore[assignment]
            for element in elements:
                self.docx_ids_index += 1
                element.attrib["id"] = str(self.docx_ids_index)

        def map_tree(self, tree: Any) -> None:
            document = tree.getparent()
            if document is None:  # docxtpl's own parse (fix_tables ran)
                super().map_tree(tree)
                return
            replace_document_element(self.docx, document)

    def _parse_in_document(root: Any, body_xml: str) -> Any:
        """The template's document element with ``body_xml`` as its body, parsed
        as one document (docxtpl's parser options, python-docx's element classes)."""
        body = root.body
        slot = etree.Comment(_BODY_SLOT[4:-3])
        root.replace(body, slot)
        try:
            shell = etree.tostring(root, encoding="unicode")
        finally:
            root.replace(slot, body)
        before, after = shell.split(_BODY_SLOT)
        declared = root.nsmap
        start = _BODY_START.match(body_xml)
        opening, rest = "", 0
        if start is not None:
            # the body was serialised on its own: drop the declarations its
            # document element already makes, as docxtpl's re-homing does
            kept = "".join(
                m.group(0)
                for m in _XMLNS.finditer(start.group(1))
                if declared.get(m.group(1)) != m.group(2)
            )
            opening, rest = f"<w:body{kept}>", start.end()
        parser = etree.XMLParser(recover=True)
        parser.set_element_class_lookup(element_class_lookup)
        # fed in pieces: no copy of the whole merged XML (tens of MB for a long table)
        parser.feed(before + opening)
        for at in range(rest, len(body_xml), _FEED_CHARS):
            parser.feed(body_xml[at : at + _FEED_CHARS])
        parser.feed(after)
        return parser.close()

    return Template


# --------------------------------------------------------------------------- WeasyPrint

_SKIP_FLAGS = ("skip_cell_border_top", "skip_cell_border_bottom")


def page_box(page: Any) -> Any:
    """The root of a laid-out WeasyPrint page's box tree."""
    try:
        return page._page_box
    except AttributeError:
        raise _gone("weasyprint", "Page._page_box") from None


def draw_split_row_borders(table: Any) -> None:
    """Let WeasyPrint draw a table's row-boundary borders where the table is cut
    by a page break (it skips them there by default)."""
    if not all(hasattr(table, flag) for flag in _SKIP_FLAGS):
        raise _gone("weasyprint", "TableBox." + " and TableBox.".join(_SKIP_FLAGS))
    for flag in _SKIP_FLAGS:
        setattr(table, flag, False)


def _weasyprint_problems() -> list[str]:
    """Lay out a table row split across pages and look for what
    :mod:`drafter.render.pdf` uses."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableBox, TableRowBox

    cell = '<td style="border: 1px solid">' + "<p>x</p>" * 80 + "</td>"
    html = f'<table style="border-collapse: collapse"><tr data-row="0">{cell}</tr></table>'
    pages = HTML(string=html).render().pages
    boxes: list[Any] = []
    for page in pages:
        if not hasattr(page, "_page_box"):
            return ["Page._page_box"]
        boxes += list(_walk(page._page_box))
    gone = []
    tables = [box for box in boxes if isinstance(box, TableBox)]
    flags = [getattr(t, flag, None) for t in tables for flag in _SKIP_FLAGS]
    if len(tables) < 2 or None in flags or not flags[1] or not flags[2]:
        # the row's first piece skips its bottom border, the next piece its top one
        gone.append("TableBox." + " and TableBox.".join(_SKIP_FLAGS) + " (set by its layout)")
    if not any(
        isinstance(b, TableRowBox) and getattr(b, "element", None) is not None for b in boxes
    ):
        gone.append("TableRowBox.element")
    return gone


def _walk(box: Any) -> Iterator[Any]:
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))


# --------------------------------------------------------------------------- pypdf


def set_document_language(writer: Any, language: Any) -> None:
    """Set ``/Lang`` in the catalogue of a pypdf ``PdfWriter``."""
    from pypdf.generic import NameObject

    root = getattr(writer, "root_object", None)
    if root is None:
        root = getattr(writer, "_root_object", None)
    if root is None:
        raise _gone("pypdf", "PdfWriter.root_object")
    root[NameObject("/Lang")] = language


def _pypdf_problems() -> list[str]:
    from pypdf import PdfWriter

    writer = PdfWriter()
    root = getattr(writer, "root_object", None)
    if root is None:
        root = getattr(writer, "_root_object", None)
    return [] if hasattr(root, "get") else ["PdfWriter.root_object"]


# --------------------------------------------------------------------------- python-docx


def _python_docx_problems() -> list[str]:
    import docx

    gone = []
    try:
        from docx.oxml.parser import element_class_lookup  # noqa: F401
    except ImportError:
        gone.append("docx.oxml.parser.element_class_lookup")
    document = docx.Document()
    if not hasattr(document, "_element") or not hasattr(document.part, "_element"):
        gone.append("Document._element and DocumentPart._element")
    if not hasattr(document, "_Document__body"):
        gone.append("Document.__body (the cached body proxy)")
    return gone


# --------------------------------------------------------------------------- the check


@dataclass(frozen=True)
class _Probe:
    library: str
    probe: Callable[[], list[str]]


_PROBES = (
    _Probe("docxtpl", _docxtpl_problems),
    _Probe("python-docx", _python_docx_problems),
    _Probe("weasyprint", _weasyprint_problems),
    _Probe("pypdf", _pypdf_problems),
)


def missing_internals() -> list[Problem]:
    """One problem per internal that is gone, naming its library and version.

    Imports the four libraries and lays out one small table: meant for
    ``drafter check``, not for a build's every start.
    """
    problems = []
    for probe in _PROBES:
        try:
            gone = probe.probe()
        except ImportError as exc:
            gone = [f"the module {exc.name or exc}"]
        except Exception as exc:  # a probe that breaks is itself the finding
            gone = [f"the API it was probed with ({type(exc).__name__}: {exc})"]
        problems += [internal_gone(probe.library, what) for what in gone]
    return problems


def check_internals() -> None:
    """Raise :class:`InternalsGone` naming each library, its version and what is gone."""
    problems = missing_internals()
    if problems:
        raise InternalsGone(problems)
