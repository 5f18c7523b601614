"""The rules of one source for every fact, for a document of any kind: leaders
named in its text are real people of the registry, ``{vb:<id>}`` citations
name legal documents, typed figures agree with the registers, and no legal
basis is cited before it takes effect.  Project loading applies them to every
document after the kind's own rules."""

from __future__ import annotations

import re

from drafter.content.figures import figure_problems, in_force_problems
from drafter.content.load import SourceMap
from drafter.content.models import DocumentHeader, Model
from drafter.content.people_rules import mention_problems, texts
from drafter.content.refs import Registries, check_ref
from drafter.errors import Problem

_CITATION = re.compile(r"(?<!\{)\{vb:([^{}]*)\}")


def citation_ref_problems(content: Model, reg: Registries, src: SourceMap) -> list[Problem]:
    """``{vb:<id>}`` citations that name no document of the legal registry."""
    problems: list[Problem] = []
    for path, text in texts(content):
        for match in _CITATION.finditer(text):
            problems += check_ref(
                match.group(1), dict(reg.legal_documents), "legal document", src, path
            )
    return problems


def fact_rules(content: Model, reg: Registries, src: SourceMap) -> list[Problem]:
    """Every cross-cutting fact rule for one document's content."""
    problems = mention_problems(content, reg, src)
    problems += citation_ref_problems(content, reg, src)
    problems += figure_problems(content, reg, src)
    bases = getattr(content, "legal_bases", None)
    if isinstance(content, DocumentHeader) and isinstance(bases, list):
        problems += in_force_problems(content, bases, reg, src)
    return problems
