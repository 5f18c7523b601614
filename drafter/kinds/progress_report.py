"""Báo cáo tình hình, tiến độ thực hiện nhiệm vụ tại các Thông báo kết luận:
each task's status on the report date, counted by notice and by unit."""

from __future__ import annotations

from drafter.content.document_rules import header_rules, texts_placeholder_problems
from drafter.content.load import SourceMap
from drafter.content.progress_models import (
    PROGRESS_PLACEHOLDERS,
    ProgressReportContent,
    progress_report_rules,
)
from drafter.content.refs import Registries
from drafter.context.progress import progress_report_context
from drafter.errors import Problem
from drafter.kinds.base import HEADER_LABELS, DocumentKind, TemplateDrawing, header_metadata


def rules(content: ProgressReportContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return (
        header_rules(content, reg, src)
        + progress_report_rules(content, reg, src)
        + texts_placeholder_problems(content.texts(), PROGRESS_PLACEHOLDERS, src)
    )


_COUNTS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn",
    "not_started": "Chưa triển khai",
    "total": "Tổng số",
}
#: "overdue" is both a count column and the list of overdue tasks: the counts
#: are named by their full path so the list keeps its own name.
_COUNT_PATHS = {
    f"{table}.{part}.{key}": name
    for table in ("by_notice", "by_unit")
    for part in ("rows", "total", "percent")
    for key, name in _COUNTS.items()
}

KIND = DocumentKind(
    name="progress_report",
    label="Báo cáo tình hình, tiến độ thực hiện nhiệm vụ tại các Thông báo kết luận",
    model=ProgressReportContent,
    context=progress_report_context,
    rules=rules,
    metadata=header_metadata,
    placeholders=PROGRESS_PLACEHOLDERS,
    changelog_labels={
        **HEADER_LABELS,
        **_COUNTS,
        **_COUNT_PATHS,
        "report_date": "Ngày báo cáo",
        "intro": "Mở đầu",
        "summary": "Kết quả thực hiện nhiệm vụ",
        "causes": "Tồn tại, hạn chế và nguyên nhân",
        "proposals": "Kiến nghị, đề xuất",
        "by_notice": "Kết quả theo Thông báo kết luận",
        "by_unit": "Kết quả theo đơn vị chủ trì",
        "percent": "Tỷ lệ (%)",
        "chart_caption": "Chú thích biểu đồ",
        "overdue": "Các nhiệm vụ quá hạn",
        "overdue.days": "Số ngày quá hạn",
        "notice": "Thông báo kết luận",
        "note": "Ghi chú",
        "appendix.label": "Phụ lục",
        "appendix.title": "Tên phụ lục",
        "appendix.attached": "Dòng kèm theo phụ lục",
        "groups": "Thông báo kết luận",
        "groups.rows": "Nhiệm vụ",
        "content": "Nội dung nhiệm vụ",
        "lead": "Đơn vị chủ trì",
        "coordinating": "Đơn vị phối hợp",
        "deadline": "Thời hạn",
        "status": "Tình trạng",
        "result": "Kết quả thực hiện",
        "completed": "Ngày hoàn thành",
    },
    template=TemplateDrawing("bao-cao-tien-do.docx", "drawings.progress:progress_report"),
)
