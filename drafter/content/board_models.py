"""The Decision establishing a Project's Drafting Board (Ban soạn thảo) and
Editorial Team (Tổ biên tập): its content model and its rules.

Members are person ids from the organisation registry, so a member's name,
position and unit are never retyped; the content gives only the role.  The
assignment of tasks (Phụ lục II) is a list of tasks, each naming one member,
the parts of the Project it covers and a deadline inside the schedule window.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal, get_args

from pydantic import Field

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import Appendix, DecisionContent, Id, Model, Text
from drafter.content.project_models import PROJECT_PART_BY_ID
from drafter.content.refs import Registries, check_ref
from drafter.content.schedule_models import step_date_problems
from drafter.errors import Problem

#: Roles on each body, highest rank first: the appendix lists members in this order.
BoardRole = Literal["Trưởng ban", "Phó Trưởng ban", "Thành viên"]
TeamRole = Literal["Tổ trưởng", "Tổ phó", "Thành viên"]

#: A part of the Project written as an id rather than a label ("Phần I").
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

BOARD_ROLES: tuple[str, ...] = get_args(BoardRole)
TEAM_ROLES: tuple[str, ...] = get_args(TeamRole)


class BoardMember(Model):
    person: Id
    role: BoardRole


class TeamMember(Model):
    person: Id
    role: TeamRole


class DraftingBoard(Model):
    #: the unit that serves the Board day to day (cơ quan thường trực)
    standing_unit: Id
    members: list[BoardMember] = Field(min_length=1)


class EditorialTeam(Model):
    members: list[TeamMember] = Field(min_length=1)


class Assignment(Model):
    """One task of one member (a row of Phụ lục II)."""

    member: Id
    task: Text
    #: parts of the Project the task covers, as labels ("Phần I") or part ids
    parts: list[Text] = Field(min_length=1)
    #: the task's own deadline; None when ``step`` gives it
    deadline: dt.date | None = None
    #: the step of the drafting plan this task is: its deadline is the step's end
    step: Id | None = None


class Schedule(Model):
    """The drafting window: every task deadline falls within it."""

    start: dt.date | None = None
    #: when the Project goes to the Prime Minister; no deadline may pass it
    submission: dt.date


class BoardDecisionContent(DecisionContent):
    """A Decision (header, bases, articles) plus the two bodies and their tasks.

    ``appendix`` titles Phụ lục I (the members), ``assignment_appendix``
    Phụ lục II (the tasks).
    """

    board: DraftingBoard
    team: EditorialTeam
    assignments: list[Assignment] = Field(min_length=1)
    #: the drafting window; None: from the schedule registry (first step, deadline)
    schedule: Schedule | None = None
    assignment_appendix: Appendix | None = None


#: Computed values the article text may use as ``{name}``: the member counts,
#: the two heads' names, the standing unit's name, the submission date in words.
BOARD_PLACEHOLDERS = frozenset(
    {
        "so_thanh_vien_ban",
        "so_thanh_vien_to",
        "truong_ban",
        "to_truong",
        "don_vi_thuong_truc",
        "han_trinh",
    }
)

#: The two bodies: content key, the body's name in messages, its head's role.
BODIES: tuple[tuple[str, str, str], ...] = (
    ("board", "Ban soạn thảo", BOARD_ROLES[0]),
    ("team", "Tổ biên tập", TEAM_ROLES[0]),
)


def _members(content: BoardDecisionContent, key: str) -> Sequence[BoardMember | TeamMember]:
    if key == "board":
        return content.board.members
    return content.team.members


def _body_problems(
    content: BoardDecisionContent, reg: Registries, src: SourceMap, key: str
) -> list[Problem]:
    _, body, head_role = next(b for b in BODIES if b[0] == key)
    problems: list[Problem] = []
    first_at: dict[str, int] = {}
    heads: list[int] = []
    members = _members(content, key)
    for i, member in enumerate(members):
        at: PathKey = (key, "members", i)
        problems += check_ref(member.person, dict(reg.people), "person", src, (*at, "person"))
        if member.person in first_at:
            j = first_at[member.person]
            line = src.locate((key, "members", j, "person"))[0]
            problems.append(
                src.problem(
                    (*at, "person"),
                    f"'{member.person}' is already on the {body} as {members[j].role} "
                    f"(line {line}); a person holds one role on a body",
                )
            )
            continue
        first_at[member.person] = i
        if member.role == head_role:
            heads.append(i)
    if not heads:
        problems.append(
            src.problem((key, "members"), f"the {body} has no {head_role}; name exactly one")
        )
    for i in heads[1:]:
        line = src.locate((key, "members", heads[0], "role"))[0]
        problems.append(
            src.problem(
                (key, "members", i, "role"),
                f"a second {head_role} (the first is '{members[heads[0]].person}' at line "
                f"{line}); the {body} has exactly one",
            )
        )
    return problems


def drafting_window(
    content: BoardDecisionContent, reg: Registries
) -> tuple[dt.date | None, dt.date | None]:
    """(start, submission) of the drafting: the content's, else the schedule registry's."""
    if content.schedule is not None:
        return content.schedule.start, content.schedule.submission
    if reg.schedule is not None:
        return reg.schedule.start, reg.schedule.deadline
    return None, None


def assignment_deadline(task: Assignment, reg: Registries) -> dt.date | None:
    """A task's deadline: its own, else its step's end in the schedule registry."""
    if task.deadline is not None or task.step is None or reg.schedule is None:
        return task.deadline
    step = reg.schedule.step(task.step)
    return step.end if step else None


def _assignment_problems(
    content: BoardDecisionContent, reg: Registries, src: SourceMap
) -> list[Problem]:
    problems: list[Problem] = []
    start, submission = drafting_window(content, reg)
    if content.schedule is None and reg.schedule is None:
        problems.append(
            src.problem(
                ("schedule",),
                "give the drafting window (schedule: submission: …) or a schedule registry",
            )
        )
    if start is not None and submission is not None and start > submission:
        problems.append(
            src.problem(
                ("schedule", "start"),
                f"the window starts ({start:%d/%m/%Y}) after the submission "
                f"deadline ({submission:%d/%m/%Y})",
            )
        )
    if content.schedule is not None:
        where = f"schedule.submission, line {src.locate(('schedule', 'submission'))[0]}"
        start_where = "schedule.start"
    else:
        sched_src = reg.sources.get("schedule")
        label = sched_src.file if sched_src else "the schedule registry"
        where = f"{label}:{sched_src.locate(('deadline',))[0] if sched_src else 0}"
        start_where = f"{label}, the first step"
    members = {m.person for key, _, _ in BODIES for m in _members(content, key)}
    for k, task in enumerate(content.assignments):
        at: PathKey = ("assignments", k)
        unknown = check_ref(task.member, dict(reg.people), "person", src, (*at, "member"))
        problems += unknown
        if not unknown and task.member not in members:
            problems.append(
                src.problem(
                    (*at, "member"),
                    f"'{task.member}' is on neither the Ban soạn thảo nor the Tổ biên tập; "
                    "add them to board.members or team.members",
                )
            )
        if task.deadline is None and task.step is None:
            problems.append(
                src.problem(at, "give the task a deadline, or the step of the plan it is (step: …)")
            )
        problems += step_date_problems(
            task.step,
            task.deadline,
            reg.schedule,
            reg.sources.get("schedule"),
            src,
            (*at, "deadline"),
            (*at, "step"),
        )
        deadline = assignment_deadline(task, reg)
        if deadline is None:
            continue
        if submission is not None and deadline > submission:
            problems.append(
                src.problem(
                    (*at, "deadline"),
                    f"deadline {deadline:%d/%m/%Y} is after the submission deadline "
                    f"{submission:%d/%m/%Y} ({where})",
                )
            )
        elif start is not None and deadline < start:
            problems.append(
                src.problem(
                    (*at, "deadline"),
                    f"deadline {deadline:%d/%m/%Y} is before the drafting starts "
                    f"({start:%d/%m/%Y}, {start_where})",
                )
            )
    return problems


def _idle_member_problems(content: BoardDecisionContent, src: SourceMap) -> list[Problem]:
    """A member with no task, reported once, where the person is first listed."""
    tasked = {task.member for task in content.assignments}
    problems: list[Problem] = []
    reported: set[str] = set()
    for key, body, _ in BODIES:
        for i, member in enumerate(_members(content, key)):
            if member.person in tasked or member.person in reported:
                continue
            reported.add(member.person)
            problems.append(
                src.problem(
                    (key, "members", i, "person"),
                    f"'{member.person}' ({body}) has no task; give them at least one "
                    "under assignments",
                )
            )
    return problems


def part_label(value: str) -> str:
    """How a task names a part of the Project: a part id of the Project's model
    ("thuc-trang") becomes its label ("Phần II"); a plain label stays as written."""
    part = PROJECT_PART_BY_ID.get(value)
    if part is None:
        return value
    return part.numeral if part.numeral.startswith("Phụ lục") else f"Phần {part.numeral}"


def _part_problems(content: BoardDecisionContent, src: SourceMap) -> list[Problem]:
    """A part written as an id (lower-case, hyphens) must be one of the Project's parts."""
    problems: list[Problem] = []
    for k, task in enumerate(content.assignments):
        for p, value in enumerate(task.parts):
            if _ID.fullmatch(value) and value not in PROJECT_PART_BY_ID:
                problems += check_ref(
                    value,
                    PROJECT_PART_BY_ID,
                    "part of the Project",
                    src,
                    ("assignments", k, "parts", p),
                )
    return problems


def board_decision_rules(
    content: BoardDecisionContent, reg: Registries, src: SourceMap
) -> list[Problem]:
    """The Board decision's rules: members and units exist, one head per body,
    one role per person per body, a task for every member, deadlines within the
    schedule window.  Located problems; nothing raises.
    """
    problems = check_ref(
        content.board.standing_unit, dict(reg.units), "unit", src, ("board", "standing_unit")
    )
    for key, _, _ in BODIES:
        problems += _body_problems(content, reg, src, key)
    problems += _assignment_problems(content, reg, src)
    problems += _idle_member_problems(content, src)
    problems += _part_problems(content, src)
    return problems
