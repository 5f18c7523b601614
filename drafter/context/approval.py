"""Context of the Prime Minister's draft Decision approving the Project: the
header block of the issuing authority, the preamble, and Điều 1's sections
I–V drawn from the Project (viewpoints, goals and targets by phase, tasks and
solutions, funding in figures and words, implementation)."""

from __future__ import annotations

from typing import Any

from drafter.content.approval_models import ApprovalDecisionContent
from drafter.content.refs import Registries
from drafter.context.common import cite, fill, header_context
from drafter.context.costs import cost_context, phase_label
from drafter.context.project_doc import Line, body, dashes, heading, lead, project_values
from drafter.context.submission import linked_project, target_line
from drafter.vietnamese import point_letter


def approval_values(content: ApprovalDecisionContent, reg: Registries) -> dict[str, object]:
    project = linked_project(content)
    values = dict(project_values(project, reg))
    values["ten_de_an"] = f"“{project.title}”"
    return values


def approval_context(
    content: ApprovalDecisionContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """Header (issuer's name in the agency line), preamble, Điều 1–3 as lines."""
    project = linked_project(content)
    values = approval_values(content, reg)
    costs = cost_context(project, reg)
    goals = project.goals

    lines: list[Line] = [
        lead(
            "Điều 1.",
            f"Phê duyệt Đề án “{project.title}” (sau đây gọi tắt là Đề án) với những nội "
            "dung chủ yếu sau đây:",
        ),
        heading("I. QUAN ĐIỂM"),
    ]
    viewpoints = [fill(text, values) for text in goals.viewpoints]
    lines += [body(f"{n}. {text}") for n, text in enumerate(viewpoints, start=1)]
    lines.append(heading("II. MỤC TIÊU"))
    lines.append(heading("1. Mục tiêu tổng quát"))
    lines += [body(fill(t, values)) for t in goals.general]
    lines.append(heading("2. Mục tiêu cụ thể"))
    k = 0
    for phase in project.phases:
        targets = [t for t in goals.targets if t.phase == phase]
        if not targets:
            continue
        lines.append(body(f"{point_letter(k)}) {phase_label(reg, phase)}:"))
        k += 1
        lines += dashes([target_line(t.indicator, t.target, t.year, values) for t in targets])
    lines.append(heading("III. NHIỆM VỤ, GIẢI PHÁP"))
    lines.append(heading("1. Nhiệm vụ"))
    for n, task in enumerate(project.tasks):
        lines.append(body(f"{point_letter(n)}) {task.name}:"))
        lines += dashes([fill(t, values) for t in task.content])
    if project.solutions:
        lines.append(heading("2. Giải pháp"))
        lines += dashes([fill(t, values) for t in project.solutions])
    lines.append(heading("IV. KINH PHÍ THỰC HIỆN"))
    lines.append(
        body(
            f"1. Tổng kinh phí thực hiện Đề án dự kiến là {costs['grand']} triệu đồng "
            f"({costs['words'].removeprefix('Bằng chữ: ').removesuffix('.')}), trong đó:"
        )
    )
    lines += dashes([f"{s['name']}: {s['amount']} triệu đồng" for s in costs["by_source"]])
    if project.costs.basis:
        lines.append(body("2. Nguồn kinh phí:"))
        lines += dashes([fill(t, values) for t in project.costs.basis])
    lines.append(heading("V. TỔ CHỨC THỰC HIỆN"))
    for n, item in enumerate(content.implementation, start=1):
        lines.append(body(f"{n}. {item.body}:"))
        lines += dashes([fill(t, values) for t in item.duties])
    lines.append(lead("Điều 2.", fill(content.entry_into_force, values)))
    lines.append(lead("Điều 3.", fill(content.execution, values)))

    context = header_context(content, reg, draft_marker=draft_marker)
    context.update(
        {
            "agency_parent": "",
            "agency_name": content.issuer.upper(),
            "title": fill(content.title, values),
            "competence": content.competence,
            "legal_bases": [f"Căn cứ {cite(reg.legal_documents[i])}" for i in content.legal_bases],
            "proposal": content.proposal,
            "lines": lines,
        }
    )
    return context
