"""Context of the Tờ trình to the Prime Minister: every figure (tasks, cost in
figures and words, members of the Board, rounds and counts of comments) is
computed from the documents it draws on, never typed."""

from __future__ import annotations

from typing import Any

from drafter.content.approval_models import ApprovalDecisionContent
from drafter.content.board_models import BoardDecisionContent
from drafter.content.feedback_models import CommentSynthesisContent, FeedbackEntry
from drafter.content.models import Model
from drafter.content.project_models import PROJECT_PARTS, ProjectContent
from drafter.content.refs import Registries
from drafter.content.submission_models import SubmissionContent
from drafter.context.board import board_values
from drafter.context.common import fill, header_context
from drafter.context.costs import cost_context, phase_label
from drafter.context.project_doc import Line, body, dashes, heading, project_values
from drafter.context.schedule import project_schedule
from drafter.vietnamese import date_words, point_letter


def linked_project(content: SubmissionContent | ApprovalDecisionContent) -> ProjectContent:
    project = content.related(content.project)
    if not isinstance(project, ProjectContent):  # loading checked the link
        raise TypeError(f"'{content.project}' is not an attached Project")
    return project


def _entries(synthesis: list[Model]) -> list[FeedbackEntry]:
    return [
        e for s in synthesis if isinstance(s, CommentSynthesisContent) for e in s.feedback.entries
    ]


def comment_rounds(
    content: SubmissionContent, reg: Registries, labels: dict[str, str]
) -> list[str]:
    """One line per round of comments (a document and the draft commented on),
    with its counts from the feedback register."""
    rounds: dict[tuple[str, int | None], list[FeedbackEntry]] = {}
    for entry in _entries([content.related(d) for d in content.comments]):  # type: ignore[misc]
        rounds.setdefault((entry.document, entry.version), []).append(entry)
    lines = []
    for (doc_id, version), entries in rounds.items():
        units = {e.unit or e.author for e in entries}
        counts = {
            r: sum(1 for e in entries if e.response == r)
            for r in ("tiếp thu", "tiếp thu một phần", "giải trình")
        }
        open_count = sum(1 for e in entries if e.response is None)
        draft = f"dự thảo lần {version}" if version else "dự thảo"
        lines.append(
            f"Lấy ý kiến các Vụ, đơn vị đối với {draft} {labels.get(doc_id, doc_id)}: "
            f"{len(entries)} ý kiến của {len(units)} đơn vị, cá nhân; đã tiếp thu "
            f"{counts['tiếp thu']}, tiếp thu một phần {counts['tiếp thu một phần']}, "
            f"giải trình {counts['giải trình']}, chưa xử lý {open_count}"
        )
    return lines


def document_label(doc_id: str, content: Model | None, project_title: str) -> str:
    """How the Tờ trình names a linked document in running text and in its attachments."""
    if isinstance(content, ApprovalDecisionContent):
        return f"Dự thảo Quyết định của {content.issuer} phê duyệt Đề án"
    if isinstance(content, ProjectContent):
        return f"Đề án “{content.title}”"
    if isinstance(content, CommentSynthesisContent):
        return f"Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý {content.title}"
    if isinstance(content, BoardDecisionContent):
        return f"Quyết định {content.title[:1].lower()}{content.title[1:]}"
    return doc_id


def submission_values(content: SubmissionContent, reg: Registries) -> dict[str, object]:
    project = linked_project(content)
    values = dict(project_values(project, reg))
    entries = _entries([content.related(d) for d in content.comments])  # type: ignore[misc]
    values.update(
        {
            "ten_de_an": f"“{project.title}”",
            "so_thanh_vien_ban": "",
            "so_thanh_vien_to": "",
            "so_y_kien": str(len(entries)),
            "so_don_vi_gop_y": str(len({e.unit or e.author for e in entries})),
            "so_vong_gop_y": f"{len({(e.document, e.version) for e in entries}):02d}",
            "han_trinh": date_words(project_schedule(project, reg).deadline),
        }
    )
    board = content.related(content.board) if content.board else None
    if isinstance(board, BoardDecisionContent):
        bv = board_values(board, reg)
        values["so_thanh_vien_ban"] = bv["so_thanh_vien_ban"]
        values["so_thanh_vien_to"] = bv["so_thanh_vien_to"]
    return values


def target_line(indicator: str, target: str, year: int, values: dict[str, object]) -> str:
    """A Project target as the Tờ trình lists it, its figures filled in as the
    Project fills them ("{so_csdl_uu_tien_1}/{so_csdl_uu_tien_1}" → "10/10")."""
    target = fill(target, values)
    return f"{fill(indicator, values)}: {target[:1].lower()}{target[1:]} (năm {year})"


def submission_context(
    content: SubmissionContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """Header, "Kính gửi", the body as numbered lines, the request and the attachments."""
    project = linked_project(content)
    values = submission_values(content, reg)
    costs = cost_context(project, reg)
    labels = {
        d: document_label(d, content.related(d), project.title)
        for d in {
            *content.attachments,
            *[
                e.document
                for e in _entries(
                    [content.related(c) for c in content.comments]  # type: ignore[misc]
                )
            ],
        }
    }
    # the synthesis registers name the document commented on, not the synthesis
    for c in content.comments:
        synthesis = content.related(c)
        if isinstance(synthesis, CommentSynthesisContent):
            labels[synthesis.document] = synthesis.title.removeprefix("đối với ").removeprefix(
                "dự thảo "
            )

    def prose(items: list[str]) -> list[str]:
        return [fill(text, values) for text in items]

    in_words = costs["words"].removeprefix("Bằng chữ: ").removesuffix(".")
    lines: list[Line] = [heading("I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN")]
    lines += [body(t) for t in prose(content.necessity)]
    lines.append(heading("II. MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG ĐỀ ÁN"))
    lines += [body(t) for t in prose(content.purpose)]
    lines += dashes(prose(list(project.goals.viewpoints)))
    lines.append(heading("III. QUÁ TRÌNH XÂY DỰNG ĐỀ ÁN"))
    lines += [body(t) for t in prose(content.process)]
    lines += dashes(comment_rounds(content, reg, labels))
    lines.append(heading("IV. BỐ CỤC VÀ NỘI DUNG CHỦ YẾU CỦA ĐỀ ÁN"))
    lines.append(heading("1. Bố cục"))
    parts = [p for p in PROJECT_PARTS if not p.numeral.startswith("Phụ lục")]
    annexes = [p for p in PROJECT_PARTS if p.numeral.startswith("Phụ lục")]
    lines.append(body(f"Đề án gồm {len(parts):02d} phần và {len(annexes):02d} phụ lục kèm theo:"))
    lines += dashes([p.label for p in parts] + [f"{p.numeral}. {p.title}" for p in annexes])
    lines.append(heading("2. Nội dung chủ yếu"))
    lines.append(body(f"{point_letter(0)}) Mục tiêu tổng quát:"))
    lines += [body(t) for t in prose(list(project.goals.general))]
    lines.append(body(f"{point_letter(1)}) Mục tiêu cụ thể theo giai đoạn:"))
    for phase in project.phases:
        targets = [t for t in project.goals.targets if t.phase == phase]
        if targets:
            lines.append(body(f"{phase_label(reg, phase)}:"))
            lines += dashes([target_line(t.indicator, t.target, t.year, values) for t in targets])
    lines.append(
        body(
            f"{point_letter(2)}) Nhiệm vụ, giải pháp: Đề án đề ra {values['so_nhiem_vu']} "
            f"nhiệm vụ gắn với {values['so_csdl']} hệ thống thông tin, cơ sở dữ liệu trong "
            "Danh mục cơ sở dữ liệu của Ủy ban Dân tộc:"
        )
    )
    lines += dashes([task.name for task in project.tasks])
    lines.append(
        body(
            f"{point_letter(3)}) Kinh phí thực hiện: tổng kinh phí thực hiện Đề án dự kiến là "
            f"{costs['grand']} triệu đồng ({in_words}), trong đó:"
        )
    )
    lines += dashes([f"{s['name']}: {s['amount']} triệu đồng" for s in costs["by_source"]])
    lines.append(heading("V. KIẾN NGHỊ"))
    lines.append(body(fill(content.request, values)))

    context = header_context(content, reg, draft_marker=draft_marker)
    context.update(
        {
            "title": fill(content.title, values),
            "addressee": f"Kính gửi: {content.addressee}.",
            "lines": lines,
            "attachments": [
                f"{n}. {labels[d]}{'.' if n == len(content.attachments) else ';'}"
                for n, d in enumerate(content.attachments, start=1)
            ],
        }
    )
    return context
