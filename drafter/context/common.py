"""Context pieces every Decree 30 document shares: the header block, the
signature block, legal citations, articles with computed values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drafter import decree30 as d30
from drafter.content.models import Article, DocumentHeader, LegalDocument, Signature
from drafter.content.refs import Registries
from drafter.vietnamese import date_line, date_words, document_number, point_letter


def cite(doc: LegalDocument) -> str:
    """The full citation of a legal document, as at its first mention.

    A law is cited by name and date; any other kind by kind, number, date,
    issuer and summary.
    """
    if doc.kind == "Luật":
        return f"Luật {doc.title} {date_words(doc.date)}"
    return f"{doc.kind} số {doc.number} {date_words(doc.date)} của {doc.issuer} {doc.title}"


def cite_short(doc: LegalDocument) -> str:
    """A later mention: kind and number only."""
    if doc.kind == "Luật":
        return f"Luật {doc.title}"
    return f"{doc.kind} số {doc.number}"


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(vb:[a-z0-9-]+|[a-z_][a-z0-9_]*)\}")

#: ``{vb:<legal id>}`` in running text becomes this marker; the merged Word file
#: gets the full citation at the first marker of a document in reading order and
#: the short form after (:mod:`drafter.render.citations`).
CITATION_MARKER = "\u27e6{}\u27e7"
#: A citation marker in merged text: group 1 is the legal document's id.
MARKER = re.compile("\u27e6vb:([a-z0-9-]+)\u27e7")


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace ``{name}`` with computed values; ``{{`` and ``}}`` are literal braces.

    Names were checked during validation; an unknown one here is a bug.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name.startswith("vb:"):
            return CITATION_MARKER.format(name)
        return str(values[name])

    return _PLACEHOLDER.sub(replace, text)


def articles_context(articles: list[Article], values: Mapping[str, object]) -> list[dict[str, Any]]:
    """Number articles, clauses and points the way Decree 30 writes them."""
    out = []
    for n, article in enumerate(articles, start=1):
        title = fill(article.title, values) if article.title else ""
        text = fill(article.text, values) if article.text else ""
        out.append(
            {
                "number": n,
                "heading": f"Điều {n}." + (f" {title}" if title else ""),
                # with no title, the text runs on after "Điều N." in the same paragraph
                "lead": f" {text}" if text and not title else "",
                "text": text if title else "",
                "clauses": [
                    {
                        "text": f"{j}. {fill(clause.text, values)}",
                        "points": [
                            f"{point_letter(k)}) {fill(point, values)}"
                            for k, point in enumerate(clause.points)
                        ],
                    }
                    for j, clause in enumerate(article.clauses, start=1)
                ],
            }
        )
    return out


def header_context(
    content: DocumentHeader, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """Header block, signature block and recipients of a document."""
    agency = reg.organisation.agency
    sig: Signature | None = content.signature
    signature = {"form_line": "", "title": "", "name": ""}
    if sig is not None:
        prefix = d30.SIGNATURE_PREFIX[sig.form]
        signer = reg.people.get(sig.signer) if sig.signer else None
        signature = {
            "form_line": f"{prefix}{sig.authority.upper()}" if prefix and sig.authority else "",
            "title": sig.title.upper(),
            "name": signer.name if signer else "",
        }
    return {
        "draft_marker": draft_marker,
        "agency_parent": agency.parent.upper() if agency.parent else "",
        "agency_name": agency.name.upper(),
        "number_line": document_number(content.number, content.symbol),
        "date_line": date_line(agency.place, content.date, year=content.year),
        "title": content.title,
        "signature": signature,
        "recipients": list(content.recipients),
        "archive_line": "Lưu: " + ", ".join(content.archive),
    }


def attached_line(content: DocumentHeader, reg: Registries, doc_type: str) -> str:
    """ "(Kèm theo Quyết định số …/QĐ-UBDT ngày … của …)" under an appendix title."""
    agency = reg.organisation.agency
    # blanks as in Decree 30's own example: 6 spaces for the number, 4 for day and month
    number = f" {content.number:02d}" if content.number else " " * 6
    if content.date is not None:
        when = date_words(content.date)
    else:
        when = f"ngày{' ' * 4}tháng{' ' * 4}năm {content.year}"
    issuer = f"{agency.head_title} {agency.name}" if agency.head_title else agency.name
    return f"(Kèm theo {doc_type} số{number}/{content.symbol} {when} của {issuer})"
