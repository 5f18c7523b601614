"""Context of the Decision establishing the Drafting Board and Editorial Team.

Phụ lục I lists each body's members, ordered by role rank and then as
written, with name, position and unit taken from the organisation registry.
Phụ lục II lists each member's tasks, members in the order of Phụ lục I (a
person on both bodies once, where first listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from drafter.content.board_models import (
    BOARD_ROLES,
    BODIES,
    TEAM_ROLES,
    BoardDecisionContent,
    BoardMember,
    TeamMember,
    assignment_deadline,
    drafting_window,
    part_label,
)
from drafter.content.refs import Registries
from drafter.context.common import attached_line
from drafter.context.decisions import decision_context
from drafter.vietnamese import date_words, roman

MEMBERS_TITLE = "Danh sách thành viên Ban soạn thảo và Tổ biên tập"
TASKS_TITLE = "Phân công nhiệm vụ thành viên Ban soạn thảo và Tổ biên tập"


def ranked(
    members: Sequence[BoardMember | TeamMember], roles: tuple[str, ...]
) -> list[BoardMember | TeamMember]:
    """Members by role rank (``roles`` lists the highest first), then as written."""
    return sorted(members, key=lambda m: roles.index(m.role))


def role_label(role: str, body: str) -> str:
    """A role named so it reads alone: "Thành viên" and the team's roles say their body."""
    return role if role in BOARD_ROLES[:2] else f"{role} {body}"


def deadline_cell(day: dt.date | None) -> str:
    """A deadline as tables write it: ``30/06/2023``."""
    return f"{day:%d/%m/%Y}" if day else ""


def _bodies(
    content: BoardDecisionContent,
) -> list[tuple[str, list[BoardMember | TeamMember]]]:
    return [
        ("Ban soạn thảo", ranked(content.board.members, BOARD_ROLES)),
        ("Tổ biên tập", ranked(content.team.members, TEAM_ROLES)),
    ]


def member_groups(content: BoardDecisionContent, reg: Registries) -> list[dict[str, Any]]:
    """Phụ lục I: one group per body (I, II), members numbered 1.. within it."""
    agency = reg.organisation.agency.name
    groups = []
    for g, (body, members) in enumerate(_bodies(content), start=1):
        rows = []
        for n, member in enumerate(members, start=1):
            person = reg.people[member.person]
            rows.append(
                {
                    "stt": str(n),
                    "name": person.name,
                    "position": person.position,
                    # the Committee's leaders belong to no unit: the agency stands for it
                    "unit": reg.units[person.unit].name if person.unit else agency,
                    "role": member.role,
                }
            )
        groups.append({"numeral": roman(g), "name": body, "rows": rows})
    return groups


def task_members(content: BoardDecisionContent, reg: Registries) -> list[dict[str, Any]]:
    """Phụ lục II: each member once, with every role they hold and their tasks."""
    roles: dict[str, list[str]] = {}
    for body, members in _bodies(content):
        for member in members:
            roles.setdefault(member.person, []).append(role_label(member.role, body))
    out = []
    for n, (person_id, labels) in enumerate(roles.items(), start=1):
        tasks = [
            {
                "task": task.task,
                "parts": ", ".join(part_label(part) for part in task.parts),
                "deadline": deadline_cell(assignment_deadline(task, reg)),
            }
            for task in content.assignments
            if task.member == person_id
        ]
        out.append(
            {
                "stt": str(n),
                "name": f"{reg.people[person_id].name} ({'; '.join(labels)})",
                "tasks": tasks,
            }
        )
    return out


def board_values(content: BoardDecisionContent, reg: Registries) -> dict[str, object]:
    """The ``{name}`` values of the article text."""

    def head(key: str, role: str) -> str:
        members = content.board.members if key == "board" else content.team.members
        return next(reg.people[m.person].name for m in members if m.role == role)

    (board_key, _, board_head), (team_key, _, team_head) = BODIES
    _start, submission = drafting_window(content, reg)
    return {
        "so_thanh_vien_ban": f"{len(content.board.members):02d}",
        "so_thanh_vien_to": f"{len(content.team.members):02d}",
        "truong_ban": head(board_key, board_head),
        "to_truong": head(team_key, team_head),
        "don_vi_thuong_truc": reg.units[content.board.standing_unit].name,
        "han_trinh": date_words(submission) if submission else "",
    }


def board_decision_context(
    content: BoardDecisionContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """Header, preamble and articles of a Decision, plus ``groups`` (Phụ lục I)
    and ``members`` (Phụ lục II, each with its ``tasks``)."""
    context = decision_context(content, reg, board_values(content, reg), draft_marker=draft_marker)
    attached = attached_line(content, reg, "Quyết định")
    context["appendix"] = {
        "label": "Phụ lục I",
        "title": (content.appendix.title if content.appendix else MEMBERS_TITLE).upper(),
        "attached": attached,
    }
    second = content.assignment_appendix
    context["assignment_appendix"] = {
        "label": "Phụ lục II",
        "title": (second.title if second else TASKS_TITLE).upper(),
        "attached": attached,
    }
    context["groups"] = member_groups(content, reg)
    context["members"] = task_members(content, reg)
    return context
