"""Tờ trình: the Committee's submission asking the Prime Minister to approve
the Project; its figures come from the Project, the Board decision and the
feedback registers of the synthesis tables it names."""

from __future__ import annotations

from drafter.content.document_rules import header_rules, texts_placeholder_problems
from drafter.content.load import SourceMap
from drafter.content.refs import Registries
from drafter.content.submission_models import SUBMISSION_PLACEHOLDERS, SubmissionContent
from drafter.context.submission import submission_context
from drafter.errors import Problem
from drafter.kinds.base import (
    HEADER_LABELS,
    DocumentKind,
    TemplateDrawing,
    header_metadata,
    link_documents,
)


def rules(content: SubmissionContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return header_rules(content, reg, src) + texts_placeholder_problems(
        content.texts(), SUBMISSION_PLACEHOLDERS, src
    )


KIND = DocumentKind(
    name="submission",
    label="Tờ trình đề nghị phê duyệt Đề án",
    model=SubmissionContent,
    context=submission_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=SUBMISSION_PLACEHOLDERS,
    link=link_documents,
    changelog_labels={
        **HEADER_LABELS,
        "addressee": "Kính gửi",
        "lines": "Nội dung",
        "text": "Nội dung",
        "bold": "Chữ đậm",
        "italic": "Chữ nghiêng",
        "attachments": "Hồ sơ kèm theo",
        "citations": "Trích dẫn văn bản",
    },
    template=TemplateDrawing("to-trinh.docx", "drawings.package:submission"),
)
