"""Quyết định ban hành Danh mục dữ liệu mở: the Decision and its appendix of
open datasets, drawn from the open-data register."""

from __future__ import annotations

from drafter.content.document_rules import decision_rules, header_rules
from drafter.content.load import SourceMap
from drafter.content.models import DecisionContent
from drafter.content.refs import Registries
from drafter.context.decisions import open_data_list_context
from drafter.errors import Problem
from drafter.kinds.base import DECISION_LABELS, DocumentKind, TemplateDrawing, header_metadata

PLACEHOLDERS = frozenset({"so_luong"})


def rules(content: DecisionContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return header_rules(content, reg, src) + decision_rules(content, PLACEHOLDERS, reg, src)


KIND = DocumentKind(
    name="open_data_list_decision",
    label="Quyết định ban hành Danh mục dữ liệu mở",
    model=DecisionContent,
    context=open_data_list_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=PLACEHOLDERS,
    changelog_labels={
        **DECISION_LABELS,
        "total": "Tổng số mục",
        "rows": "Danh mục dữ liệu mở",
        "fields": "Các trường dữ liệu chính",
        "formats": "Định dạng",
        "licence": "Giấy phép",
        "update_frequency": "Tần suất cập nhật",
        "phase": "Thời gian công bố",
        "source": "Cơ sở dữ liệu nguồn",
    },
    template=TemplateDrawing("qd-danh-muc-du-lieu-mo.docx", "drawings.decisions:open_data_list"),
)
