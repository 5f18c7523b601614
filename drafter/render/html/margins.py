"""Sections' page rules: size, margins, and headers and footers as CSS
margin boxes whose ``content`` holds their text and page counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.ooxml.inline import LineBreak, PageField, Tab, Text, inline_events, visible_text
from drafter.ooxml.ns import W_P
from drafter.ooxml.props import Props
from drafter.ooxml.sections import SectionProps
from drafter.ooxml.styles import ParagraphContext, paragraph_props
from drafter.render.fonts import pdf_family
from drafter.render.html.css import css_string, css_text, mm_from_twips, num, pt, rpr_css

if TYPE_CHECKING:
    from drafter.render.html.writer import Writer


def margin_box(writer: Writer, part: str | None) -> tuple[str, str, bool]:
    """(CSS content value, extra declarations, uses NUMPAGES) of a header part."""
    root = writer.doc.cached_xml(part) if part else None
    if root is None:
        return "none", "", False
    declarations = ""
    uses_numpages = False
    lines: list[str] = []
    for p in root.iter(W_P):
        ppr, base_rpr, _mark = paragraph_props(p, writer.styles, ParagraphContext())
        line: list[str] = []
        first_rpr: Props | None = None
        for event in inline_events(p, base_rpr, writer.styles, counters=True):
            if isinstance(event, Text):
                line.append(css_string(visible_text(event.rpr, event.text)))
                first_rpr = first_rpr or event.rpr
            elif isinstance(event, Tab):
                line.append(css_string(" "))
            elif isinstance(event, LineBreak):
                line.append(css_string("\n"))
            elif isinstance(event, PageField):
                line.append("counter(pages)" if event.name == "NUMPAGES" else "counter(page)")
                uses_numpages = uses_numpages or event.name == "NUMPAGES"
                first_rpr = first_rpr or event.rpr
        if line:
            lines.append(" ".join(line))
            if not declarations and first_rpr is not None:
                css = rpr_css(first_rpr)
                writer.families.add(pdf_family(first_rpr.get("font")))
                css["text-align"] = ppr.get("jc", "left")
                declarations = css_text(css)
    if not lines:
        return "none", "", False
    pieces = [lines[0]]
    for text_line in lines[1:]:
        pieces.extend([css_string("\n"), text_line])
    return " ".join(pieces), declarations, uses_numpages


def page_rules(writer: Writer, props: SectionProps) -> tuple[list[str], list[str], bool]:
    """(the ``@page`` rule's lines, the lines of its ``:first`` rule, uses NUMPAGES)."""
    m = props.margins
    width_mm, height_mm = mm_from_twips(props.width_tw), mm_from_twips(props.height_tw)
    rules = [
        "@page {",
        f"  size: {num(width_mm)}mm {num(height_mm)}mm;",
        f"  margin: {num(mm_from_twips(m['top']))}mm {num(mm_from_twips(m['right']))}mm "
        f"{num(mm_from_twips(m['bottom']))}mm {num(mm_from_twips(m['left']))}mm;",
    ]
    uses_numpages = False
    first_rules: list[str] = []
    for kind, parts, box, align in (
        ("header", props.headers, "top-center", "top"),
        ("footer", props.footers, "bottom-center", "bottom"),
    ):
        distance = pt(m[kind] / 20)
        padding = f"padding-{align}: {distance}; vertical-align: {align}"
        content, decl, numpages = margin_box(writer, parts.get("default"))
        uses_numpages |= numpages
        if content != "none":
            rules.append(
                f"  @{box} {{ content: {content}; width: 100%; "
                f"white-space: pre; {padding}; {decl} }}"
            )
        if props.title_page:
            content, decl, numpages = margin_box(writer, parts.get("first"))
            uses_numpages |= numpages
            rule = f"content: {content}; width: 100%; white-space: pre; {padding}; {decl}"
            first_rules.append(
                f"  @{box} {{ {rule} }}" if content != "none" else f"  @{box} {{ content: none; }}"
            )
    rules.append("}")
    if props.start is not None:
        # The page counter is not incremented on a page whose rule touches it.
        first_rules.append(f"  counter-reset: page {props.start};")
    return rules, first_rules, uses_numpages
