"""Quyết định thành lập Ban soạn thảo và Tổ biên tập: the Decision, its members
(Phụ lục I) and each member's tasks (Phụ lục II)."""

from __future__ import annotations

from drafter.content.board_models import (
    BOARD_PLACEHOLDERS,
    BoardDecisionContent,
    board_decision_rules,
)
from drafter.content.document_rules import decision_rules, header_rules
from drafter.content.load import SourceMap
from drafter.content.refs import Registries
from drafter.context.board import board_decision_context
from drafter.errors import Problem
from drafter.kinds.base import DECISION_LABELS, DocumentKind, TemplateDrawing, header_metadata


def rules(content: BoardDecisionContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return (
        header_rules(content, reg, src)
        + decision_rules(content, BOARD_PLACEHOLDERS, reg, src)
        + board_decision_rules(content, reg, src)
    )


KIND = DocumentKind(
    name="board_decision",
    label="Quyết định thành lập Ban soạn thảo và Tổ biên tập",
    model=BoardDecisionContent,
    context=board_decision_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=BOARD_PLACEHOLDERS,
    changelog_labels={
        **DECISION_LABELS,
        "appendix.label": "Phụ lục I",
        "appendix.title": "Tên Phụ lục I",
        "appendix.attached": "Dòng kèm theo Phụ lục I",
        "assignment_appendix.label": "Phụ lục II",
        "assignment_appendix.title": "Tên Phụ lục II",
        "assignment_appendix.attached": "Dòng kèm theo Phụ lục II",
        "groups": "Ban, Tổ",
        "groups.rows": "Thành viên",
        "position": "Chức vụ",
        "role": "Vai trò",
        "members": "Phân công nhiệm vụ",
        "members.tasks": "Nhiệm vụ",
        "task": "Nhiệm vụ được phân công",
        "parts": "Phần của Đề án",
        "deadline": "Thời hạn hoàn thành",
    },
    template=TemplateDrawing("qd-ban-soan-thao.docx", "drawings.board:board_decision"),
)
