"""Rules shared by document kinds: the Decree 30 header, a Decision's
articles and legal bases, and ``{name}`` placeholders in text.

Each kind (:mod:`drafter.kinds`) composes the rules that apply to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import DecisionContent, DocumentHeader, Signature
from drafter.content.refs import Registries, check_ref, check_refs
from drafter.errors import Problem, Severity

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholder_problems(
    text: str | None, allowed: frozenset[str], source: SourceMap, path: PathKey
) -> list[Problem]:
    """Unknown ``{name}`` placeholders in ``text`` (``{{`` and ``}}`` are literal braces)."""
    if not text:
        return []
    problems = []
    stripped = text.replace("{{", "").replace("}}", "")
    for match in _PLACEHOLDER.finditer(stripped):
        name = match.group(1)
        if name.startswith("vb:"):  # a citation: the id is checked by citation_ref_problems
            continue
        if name not in allowed:
            names = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
            problems.append(
                source.problem(
                    path,
                    f"unknown computed value '{{{name}}}' (this document offers: {names}; "
                    "write {{ and }} for literal braces)",
                )
            )
    if re.search(r"(?<!\{)\{(?!\{)[^}]*$", stripped) or re.search(r"^[^{]*\}(?!\})", stripped):
        problems.append(source.problem(path, "unbalanced '{' or '}' (write {{ and }} for braces)"))
    return problems


def header_rules(content: DocumentHeader, reg: Registries, src: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    if content.date is None and content.year is None:
        problems.append(
            src.problem(
                ("date",), "give the date, or the year when the date is left blank in a draft"
            )
        )
    if content.date is not None and content.year is not None and content.date.year != content.year:
        problems.append(
            src.problem(
                ("year",), f"year {content.year} disagrees with the date {content.date.isoformat()}"
            )
        )
    # the Project travels under the Tờ trình's signature and may carry none
    sig: Signature | None = content.signature
    if sig is not None:
        problems += check_ref(sig.signer, dict(reg.people), "person", src, ("signature", "signer"))
        if sig.form != "none" and sig.authority is None:
            problems.append(
                src.problem(
                    ("signature", "authority"),
                    f"a {sig.form}. signature needs the authority signed for",
                )
            )
    for i, line in enumerate(content.recipients):
        if line.rstrip().endswith((";", ".")):
            problems.append(
                src.problem(
                    ("recipients", i),
                    "drop the final ';' or '.': drafter adds the punctuation",
                    severity=Severity.WARNING,
                )
            )
    return problems


def decision_rules(
    content: DecisionContent, placeholders: frozenset[str], reg: Registries, src: SourceMap
) -> list[Problem]:
    """Legal bases exist; each article has text; its text uses only ``placeholders``."""
    problems = check_refs(
        content.legal_bases, dict(reg.legal_documents), "legal document", src, ("legal_bases",)
    )
    for i, article in enumerate(content.articles):
        at: PathKey = ("articles", i)
        if article.text is None and not article.clauses:
            problems.append(src.problem(at, "an article needs text or clauses"))
        problems += placeholder_problems(article.title, placeholders, src, (*at, "title"))
        problems += placeholder_problems(article.text, placeholders, src, (*at, "text"))
        for j, clause in enumerate(article.clauses):
            problems += placeholder_problems(
                clause.text, placeholders, src, (*at, "clauses", j, "text")
            )
            for k, point in enumerate(clause.points):
                problems += placeholder_problems(
                    point, placeholders, src, (*at, "clauses", j, "points", k)
                )
    return problems


def texts_placeholder_problems(
    texts: Iterable[tuple[PathKey, str | None]], placeholders: frozenset[str], src: SourceMap
) -> list[Problem]:
    """Unknown placeholders in each ``(path, text)`` of a document's prose."""
    problems: list[Problem] = []
    for path, text in texts:
        problems += placeholder_problems(text, placeholders, src, path)
    return problems
