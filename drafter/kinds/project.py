"""Đề án: the Project document (its seven parts, targets, tasks tied to the
database list, costs by content, phase and source, schedule and charts)."""

from __future__ import annotations

from drafter.content.document_rules import header_rules, texts_placeholder_problems
from drafter.content.load import SourceMap
from drafter.content.project_models import PROJECT_PLACEHOLDERS, ProjectContent
from drafter.content.project_rules import project_rules
from drafter.content.refs import Registries
from drafter.context.project_doc import project_context
from drafter.errors import Problem
from drafter.kinds.base import HEADER_LABELS, DocumentKind, TemplateDrawing, header_metadata


def rules(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return (
        header_rules(content, reg, src)
        + project_rules(content, reg, src)
        + texts_placeholder_problems(content.prose(), PROJECT_PLACEHOLDERS, src)
    )


_PARTS = {
    f"part{n}.{key}": name
    for n in range(1, 8)
    for key, name in (("title", f"Tên Phần {n}"), ("label", f"Số Phần {n}"), ("lines", f"Phần {n}"))
}

KIND = DocumentKind(
    name="project",
    label="Đề án",
    model=ProjectContent,
    context=project_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=PROJECT_PLACEHOLDERS,
    changelog_labels={
        **HEADER_LABELS,
        **_PARTS,
        "text": "Nội dung",
        "bold": "Chữ đậm",
        "italic": "Chữ nghiêng",
        "cover": "Trang bìa",
        "doc_type": "Loại văn bản",
        "part5.after": "Phần 5 (sau bảng kinh phí)",
        "groups": "Nhóm chỉ tiêu",
        "groups.rows": "Chỉ tiêu",
        "part3.targets": "Nhóm chỉ tiêu",
        "part3.targets.rows": "Chỉ tiêu",
        "indicator": "Chỉ tiêu",
        "baseline": "Hiện trạng",
        "target": "Mục tiêu",
        "year": "Năm đạt",
        "appendix_tasks": "Phụ lục nhiệm vụ",
        "appendix_tasks.rows": "Nhiệm vụ",
        "appendix_costs": "Phụ lục kinh phí",
        "label": "Tên",
        "appendix_tasks.title": "Tên phụ lục nhiệm vụ",
        "appendix_costs.title": "Tên phụ lục kinh phí",
        "attached": "Dòng kèm theo phụ lục",
        "lead": "Đơn vị chủ trì",
        "coordinating": "Đơn vị phối hợp",
        "phase": "Thời gian thực hiện",
        "outputs": "Sản phẩm",
        "output": "Sản phẩm",
        "databases": "Hệ thống thông tin, cơ sở dữ liệu xây dựng, kết nối",
        "part7.milestones": "Tiến độ thực hiện",
        "time": "Thời gian",
        "costs": "Kinh phí",
        "costs.words": "Tổng kinh phí bằng chữ",
        "costs.grand": "Tổng kinh phí",
        "costs.grand_vnd": "Tổng kinh phí (đồng)",
        "costs.sources": "Nguồn kinh phí",
        "costs.by_source": "Kinh phí theo nguồn",
        "costs.summary": "Kinh phí theo giai đoạn",
        "costs.tasks": "Kinh phí theo nhiệm vụ",
        "costs.tasks.phases": "Kinh phí theo giai đoạn",
        "costs.total": "Tổng cộng",
        "costs.unit": "Đơn vị tính",
        "cells": "Kinh phí theo nguồn",
        "total": "Tổng cộng",
        "total_label": "Tên dòng tổng",
        "charts": "Biểu đồ",
        "toc": "Mục lục",
        "heading": "Đề mục",
        "page": "Trang",
        "abbreviations": "Các thuật ngữ và từ viết tắt",
        "term": "Từ viết tắt",
        "meaning": "Nghĩa đầy đủ",
        "citations": "Trích dẫn văn bản",
        "chart_captions": "Chú thích biểu đồ",
    },
    template=TemplateDrawing("de-an.docx", "drawings.project:project_doc"),
)
