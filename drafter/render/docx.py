"""Merge a context into a Word template (docxtpl) in a Jinja sandbox, and
write the result reproducibly.

Templates run in :class:`jinja2.sandbox.SandboxedEnvironment` with autoescape
(content holding ``&``, ``<`` or quotes renders exactly instead of corrupting
the XML) and :class:`jinja2.StrictUndefined` (a misspelt name in a template is
an error, not an empty string).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Problem
from drafter.ooxml.package import BadZipFile, read_parts, write_package
from drafter.render.citations import resolve_citations
from drafter.render.compat import require_docxtpl, template_class
from drafter.render.nobreak import keep_symbols_whole
from drafter.render.text_rules import fit_rules


@dataclass(frozen=True)
class CoreProperties:
    """What goes into docProps/core.xml (and, later, the PDF metadata)."""

    title: str
    subject: str = ""
    author: str = ""
    identifier: str = ""
    version: str = ""
    content_status: str = ""
    keywords: str = ""
    language: str = "vi-VN"
    created: dt.datetime = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def jinja_environment() -> Any:
    """The sandboxed, autoescaping, strict environment every template runs in."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _template_problem(label: str, exc: Exception, where: str = "") -> Problem:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateSyntaxError):
        message = f"template syntax error: {exc.message}"
    elif isinstance(exc, UndefinedError):
        message = f"template uses an undefined name: {exc.message}"
    elif isinstance(exc, SecurityError):
        message = f"template does something the sandbox forbids: {exc}"
    else:
        message = f"template cannot be rendered: {exc}"
    return Problem(label, 0, 0, where, message)


#: Where a body paragraph starts in docxtpl's patched XML (not ``<w:pPr>``).
_PARAGRAPH_START = re.compile(r"(?=<w:p[ >])")
_EXCERPT_CHARS = 60


def locate_template_error(source: str, exc: Exception, context: Any, env: Any) -> str:
    """Which body paragraph of the template ``exc`` arose in, as
    'paragraph N ("its text")'; empty when it cannot be told (a header, say).

    The merged body is one line of XML, so Jinja's line numbers say nothing.
    Here the template is parsed (a syntax error) or rendered (an undefined
    name, the sandbox) again with a line break before every paragraph, so
    that the line Jinja reports is the paragraph's number.  Only on the error
    path: the merge itself is untouched.
    """
    import html
    import textwrap
    import traceback

    from jinja2 import TemplateSyntaxError

    annotated = _PARAGRAPH_START.sub("\n", source.replace("\n", " "))
    line: int | None = None
    try:
        if isinstance(exc, TemplateSyntaxError):
            env.parse(annotated)
        else:
            env.from_string(annotated).render(context)
    except TemplateSyntaxError as again:
        line = again.lineno
    except Exception as again:  # the same mistake, raised again with a usable line
        frames = traceback.extract_tb(again.__traceback__)
        line = next((f.lineno for f in reversed(frames) if f.filename == "<template>"), None)
    lines = annotated.split("\n")
    if line is None or not 2 <= line <= len(lines):  # line 1 holds what precedes paragraph 1
        return ""
    text = " ".join(html.unescape(_XML_TAG.sub("", lines[line - 1])).split())
    return f'paragraph {line - 1} ("{textwrap.shorten(text, _EXCERPT_CHARS, placeholder="…")}")'


def render_docx(
    template: Path,
    context: Mapping[str, Any],
    properties: CoreProperties,
    *,
    label: str | None = None,
) -> bytes:
    """Merge ``context`` into the Word template at ``template``.

    Returns the DOCX bytes, byte-identical for the same inputs.  A template
    mistake (syntax, undefined name, sandbox violation) raises
    :class:`DrafterError` naming the template.
    """
    from jinja2 import TemplateError

    require_docxtpl()
    label = label or template.as_posix()
    env = jinja_environment()
    doc: Any = None
    values: Any = context
    try:
        doc = template_class()(str(template))
        values = with_images(doc, context)
        doc.render(values, jinja_env=env, autoescape=True)
    except TemplateError as exc:
        source = getattr(doc, "merged_source", None)
        where = locate_template_error(source, exc, values, env) if source else ""
        raise DrafterError([_template_problem(label, exc, where)]) from None
    except (BadZipFile, KeyError) as exc:
        raise DrafterError([Problem(label, 0, 0, "", f"not a readable Word file: {exc}")]) from None
    line_breaks_to_word(doc.docx.element)
    resolve_citations(doc.docx.element, context.get("citations") or {})
    order_merged_cells(doc.docx.element)
    fit_rules(doc.docx.element)
    keep_symbols_whole(doc.docx.element)
    _set_core_properties(doc, properties)
    _drop_stale_counts(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


_XML_TAG = re.compile(r"<[^>]*>")


def line_breaks_to_word(root: Any) -> None:
    """Turn each line break inside merged text into a Word line break (``w:br``).

    A value such as "Hà Nội\\nngày 05" lands in one ``w:t``, where Word would
    show the line break as a space; split, it shows as a new line (and
    python-docx reads it back as "\\n").
    """
    from docx.oxml.ns import qn

    w_t, w_br = qn("w:t"), qn("w:br")
    for text in [t for t in root.iter(w_t) if t.text and ("\n" in t.text or "\r" in t.text)]:
        lines = text.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        text.text = lines[0]
        anchor = text
        for line in lines[1:]:
            br = text.makeelement(w_br, {})
            anchor.addnext(br)
            anchor = br
            if line:
                piece = text.makeelement(w_t, {})
                piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                piece.text = line
                anchor.addnext(piece)
                anchor = piece


def with_images(doc: Any, value: Any) -> Any:
    """``value`` with every :class:`~drafter.context.charts.Picture` in it (at any
    depth of dicts, lists and tuples) turned into an inline image of ``doc``.

    The context stays free of docxtpl objects; the images are made here, from the
    template that will hold them.
    """
    from docx.shared import Mm
    from docxtpl import InlineImage

    from drafter.context.charts import Picture

    def convert(item: Any) -> Any:
        if isinstance(item, str | int | float | bool) or item is None:
            return item
        if isinstance(item, Picture):
            return InlineImage(doc, io.BytesIO(item.png), width=Mm(item.width_mm))
        if isinstance(item, Mapping):
            return {key: convert(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return type(item)(convert(inner) for inner in item)
        return item

    return convert(value)


def order_merged_cells(root: Any) -> None:
    """Put each ``w:tcPr`` holding a ``w:vMerge`` in schema order: docxtpl's
    ``{% vm %}`` appends the merge after whatever the cell already has
    (``w:vAlign``, say), which the schema and Word refuse."""
    from drafter.ooxml.ns import w
    from drafter.ooxml.order import sort_children

    for merge in root.iter(w("vMerge")):
        parent = merge.getparent()
        if parent is not None and parent.tag == w("tcPr"):
            sort_children(parent)


def _drop_stale_counts(doc: Any) -> None:
    """The template's app.xml counts (pages, words) describe the template."""
    from drafter.ooxml.docprops import without_counts

    for rel in doc.docx.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            part = rel.target_part
            part._blob = without_counts(part.blob)


def _set_core_properties(doc: Any, props: CoreProperties) -> None:
    core = doc.core_properties
    core.title = props.title
    core.subject = props.subject
    core.author = props.author
    core.last_modified_by = props.author
    core.identifier = props.identifier
    core.version = props.version
    core.content_status = props.content_status
    core.keywords = props.keywords
    core.language = props.language
    core.created = props.created.replace(tzinfo=None)
    core.modified = props.created.replace(tzinfo=None)
    core.revision = 1
    core.comments = ""


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and a stable entry order.

    ``[Content_Types].xml`` stays first, as Office expects.
    """
    parts = read_parts(data, "trusted")
    ordered = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    return write_package(((name, parts[name]) for name in ordered), permissions=0o600)
