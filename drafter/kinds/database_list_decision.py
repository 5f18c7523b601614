"""Quyết định ban hành Danh mục cơ sở dữ liệu: the Decision and its appendix of
databases grouped by sector, drawn from the database register."""

from __future__ import annotations

from drafter.content.document_rules import decision_rules, header_rules
from drafter.content.load import SourceMap
from drafter.content.models import DecisionContent
from drafter.content.refs import Registries
from drafter.context.decisions import database_list_context
from drafter.errors import Problem
from drafter.kinds.base import DECISION_LABELS, DocumentKind, TemplateDrawing, header_metadata

PLACEHOLDERS = frozenset({"so_luong", "so_nhom"})


def rules(content: DecisionContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return header_rules(content, reg, src) + decision_rules(content, PLACEHOLDERS, reg, src)


KIND = DocumentKind(
    name="database_list_decision",
    label="Quyết định ban hành Danh mục cơ sở dữ liệu",
    model=DecisionContent,
    context=database_list_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=PLACEHOLDERS,
    changelog_labels={
        **DECISION_LABELS,
        "total": "Tổng số mục",
        "groups": "Nhóm",
        "groups.rows": "Danh mục cơ sở dữ liệu",
        "data_source": "Nguồn dữ liệu",
        "collection_mode": "Hình thức thu thập",
        "mechanism": "Cơ chế thu thập, cập nhật",
        "update_cycle": "Chu kỳ cập nhật",
        "sharing": "Hình thức chia sẻ",
        "priority": "Mức ưu tiên",
        "phase": "Giai đoạn",
    },
    template=TemplateDrawing("qd-danh-muc-csdl.docx", "drawings.decisions:database_list"),
)
