"""The document kinds drafter knows: each kind's content model and the
computed values (``{name}`` placeholders) its text may use.

Adding a kind: a content model here, a context builder in
:mod:`drafter.context.builders`, a Word template, an entry in drafter.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.content.board_models import BOARD_PLACEHOLDERS, BoardDecisionContent
from drafter.content.feedback_models import CommentSynthesisContent
from drafter.content.models import DecisionContent, Model
from drafter.content.progress_models import PROGRESS_PLACEHOLDERS, ProgressReportContent
from drafter.content.project_models import PROJECT_PLACEHOLDERS, ProjectContent


@dataclass(frozen=True)
class KindSpec:
    model: type[Model]
    #: names usable as ``{name}`` in article text, filled by the context builder
    placeholders: frozenset[str] = frozenset()
    #: what the document is, for messages and the changelog
    label: str = ""


KINDS: dict[str, KindSpec] = {
    "database_list_decision": KindSpec(
        DecisionContent,
        frozenset({"so_luong", "so_nhom"}),
        "Quyết định ban hành Danh mục cơ sở dữ liệu",
    ),
    "open_data_list_decision": KindSpec(
        DecisionContent, frozenset({"so_luong"}), "Quyết định ban hành Danh mục dữ liệu mở"
    ),
    "board_decision": KindSpec(
        BoardDecisionContent,
        BOARD_PLACEHOLDERS,
        "Quyết định thành lập Ban soạn thảo và Tổ biên tập",
    ),
    "comment_synthesis": KindSpec(
        CommentSynthesisContent,
        frozenset(),
        "Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý",
    ),
    "project": KindSpec(ProjectContent, PROJECT_PLACEHOLDERS, "Đề án"),
    "progress_report": KindSpec(
        ProgressReportContent,
        PROGRESS_PLACEHOLDERS,
        "Báo cáo tình hình, tiến độ thực hiện nhiệm vụ tại các Thông báo kết luận",
    ),
}
