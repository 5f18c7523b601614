"""Dự thảo Quyết định của Thủ tướng Chính phủ phê duyệt Đề án: laid out as the
published Decision 414/QĐ-TTg, Điều 1's sections I–V drawn from the Project."""

from __future__ import annotations

from drafter.content.approval_models import APPROVAL_PLACEHOLDERS, ApprovalDecisionContent
from drafter.content.document_rules import header_rules, texts_placeholder_problems
from drafter.content.load import SourceMap
from drafter.content.refs import Registries, check_refs
from drafter.context.approval import approval_context
from drafter.errors import Problem
from drafter.kinds.base import (
    DECISION_LABELS,
    DocumentKind,
    TemplateDrawing,
    header_metadata,
    link_documents,
)


def rules(content: ApprovalDecisionContent, reg: Registries, src: SourceMap) -> list[Problem]:
    legal = dict(reg.legal_documents)
    return (
        header_rules(content, reg, src)
        + check_refs(content.legal_bases, legal, "legal document", src, ("legal_bases",))
        + texts_placeholder_problems(content.texts(), APPROVAL_PLACEHOLDERS, src)
    )


KIND = DocumentKind(
    name="approval_decision",
    label="Dự thảo Quyết định phê duyệt Đề án",
    model=ApprovalDecisionContent,
    context=approval_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=APPROVAL_PLACEHOLDERS,
    link=link_documents,
    changelog_labels={
        **DECISION_LABELS,
        "lines": "Nội dung",
        "text": "Nội dung",
        "bold": "Chữ đậm",
        "italic": "Chữ nghiêng",
    },
    template=TemplateDrawing("qd-ttg-phe-duyet.docx", "drawings.package:approval_decision"),
)
