"""Models of the Concluding Notices register and of the progress report on it.

The register (``registries/concluding-notices.yaml``) holds each Thông báo kết
luận of the Committee's leaders and the tasks it assigned.  A task states only
raw facts (started or not, deadline, completion date, result); its status is
always computed as of the report date (:mod:`drafter.context.progress`), never
typed, so the report's figures cannot disagree with the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import DocumentHeader, Id, Model, Text
from drafter.content.refs import Registries, check_ref, check_refs, index
from drafter.content.schedule_models import ScheduleRegistry, step_date_problems
from drafter.errors import Problem, Severity


class NoticeTask(Model):
    """One task a notice assigned, as facts only."""

    id: Id
    content: Text
    #: the unit in charge (chủ trì); counted under this unit in the report
    lead: Id
    #: units that coordinate (phối hợp)
    coordinating: list[Id] = Field(default_factory=list)
    #: None when the notice set no deadline (or when ``step`` gives it)
    deadline: dt.date | None = None
    #: the step of the drafting plan this task is (its deadline: the step's end)
    step: Id | None = None
    #: None: started exactly when completed; false: not started (chưa triển khai)
    started: bool | None = None
    completed: dt.date | None = None
    result: Text | None = None


class ConcludingNotice(Model):
    """A Thông báo kết luận: where it is registered, and its tasks.

    ``legal_document`` names the notice in the legal registry; its number and
    date then come from there.  A notice not in the legal registry states
    ``number`` and ``date`` itself.
    """

    id: Id
    legal_document: Id | None = None
    number: Text | None = None
    date: dt.date | None = None
    #: the meeting the notice concluded, short, as shown in the report's tables
    meeting: Text
    tasks: list[NoticeTask] = Field(min_length=1)


class ConcludingNoticeRegistry(Model):
    concluding_notices: list[ConcludingNotice] = Field(min_length=1)


class ProgressReportContent(DocumentHeader):
    """A Báo cáo on the progress of the tasks in the Concluding Notices.

    Every text may use the computed ``{name}`` values of the kind
    (:data:`PROGRESS_PLACEHOLDERS`).
    """

    #: the date the figures are computed at; required while ``date`` is blank
    as_of: dt.date | None = None
    #: notices dated from this day on are reported ("từ đầu năm 2023")
    since: dt.date
    #: the unit issuing the report (e.g. ttcds for BC-TTCĐS); None: the agency
    issuing_unit: Id | None = None
    intro: list[Text] = Field(default_factory=list)
    summary: list[Text] = Field(min_length=1)
    causes: list[Text] = Field(min_length=1)
    proposals: list[Text] = Field(min_length=1)

    def texts(self) -> Iterator[tuple[PathKey, str]]:
        """Every paragraph that may hold ``{name}`` values, with its field path."""
        for name in ("intro", "summary", "causes", "proposals"):
            for i, text in enumerate(getattr(self, name)):
                yield (name, i), text


#: The computed values a progress report's text may use.
PROGRESS_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "ngay_bao_cao",
        "tu_ngay",
        "so_thong_bao",
        "so_don_vi",
        "tong_so",
        "da_hoan_thanh",
        "ty_le_da_hoan_thanh",
        "hoan_thanh_dung_han",
        "ty_le_hoan_thanh_dung_han",
        "hoan_thanh_qua_han",
        "ty_le_hoan_thanh_qua_han",
        "dang_thuc_hien",
        "ty_le_dang_thuc_hien",
        "khong_thoi_han",
        "qua_han",
        "ty_le_qua_han",
        "qua_han_chua_trien_khai",
        "chua_trien_khai",
        "ty_le_chua_trien_khai",
        "chua_hoan_thanh",
        "ty_le_chua_hoan_thanh",
    }
)


# -- rules --------------------------------------------------------------------

REGISTER = "concluding_notices"


def _task_problems(
    task: NoticeTask, notice_date: dt.date | None, reg: Registries, src: SourceMap, at: PathKey
) -> list[Problem]:
    units = dict(reg.units)
    problems = check_ref(task.lead, units, "unit", src, (*at, "lead"))
    problems += check_refs(task.coordinating, units, "unit", src, (*at, "coordinating"))
    if task.lead in task.coordinating:
        i = task.coordinating.index(task.lead)
        problems.append(
            src.problem((*at, "coordinating", i), "the lead unit cannot also coordinate")
        )
    if task.completed is not None and task.started is False:
        problems.append(
            src.problem((*at, "started"), "a completed task has started; drop 'started: false'")
        )
    if task.completed is None and task.started is None:
        problems.append(
            src.problem(at, "say whether the task has started: 'started: true' or 'started: false'")
        )
    for name in ("deadline", "completed"):
        value = getattr(task, name)
        if notice_date is not None and value is not None and value < notice_date:
            problems.append(
                src.problem(
                    (*at, name),
                    f"{value.isoformat()} is before the notice's date {notice_date.isoformat()}",
                )
            )
    if task.completed is not None and task.result is None:
        problems.append(
            src.problem(
                (*at, "completed"),
                "a completed task should state its result ('result: …')",
                severity=Severity.WARNING,
            )
        )
    return problems


def _notice_date(
    notice: ConcludingNotice, reg: Registries, src: SourceMap, at: PathKey
) -> tuple[dt.date | None, list[Problem]]:
    """The notice's date (from the legal registry when it names an entry there)
    and the problems with how number and date are given."""
    if notice.legal_document is None:
        problems = [
            src.problem((*at, name), "give the notice's " + name + ", or its legal_document id")
            for name in ("number", "date")
            if getattr(notice, name) is None
        ]
        return notice.date, problems
    problems = check_ref(
        notice.legal_document,
        dict(reg.legal_documents),
        "legal document",
        src,
        (*at, "legal_document"),
    )
    doc = reg.legal_documents.get(notice.legal_document)
    if doc is None:
        return notice.date, problems
    if doc.kind != "Thông báo":
        problems.append(
            src.problem((*at, "legal_document"), f"'{doc.id}' is a {doc.kind}, not a Thông báo")
        )
    for name, registered in (("number", doc.number), ("date", doc.date)):
        given = getattr(notice, name)
        if given is not None and given != registered:
            problems.append(
                src.problem(
                    (*at, name),
                    f"{given} disagrees with the legal registry ({registered}); "
                    f"drop it: the {name} comes from '{doc.id}'",
                )
            )
    return doc.date, problems


def register_problems(reg: Registries) -> list[Problem]:
    """Problems of the Concluding Notices register: ids, references, dates."""
    register = reg.concluding_notices
    if register is None:
        return []
    src = reg.sources[REGISTER]
    problems: list[Problem] = []
    notices = register.concluding_notices
    index(notices, src, (REGISTER,), problems, "notice")
    seen: dict[str, PathKey] = {}
    for i, notice in enumerate(notices):
        at: PathKey = (REGISTER, i)
        date, found = _notice_date(notice, reg, src, at)
        problems += found
        for j, task in enumerate(notice.tasks):
            task_at: PathKey = (*at, "tasks", j)
            if task.id in seen:
                line = src.locate((*seen[task.id], "id"))[0]
                problems.append(
                    src.problem(
                        (*task_at, "id"),
                        f"duplicate task id '{task.id}' (first used at line {line})",
                    )
                )
            seen.setdefault(task.id, task_at)
            problems += _task_problems(task, date, reg, src, task_at)
            problems += step_date_problems(
                task.step,
                task.deadline,
                reg.schedule,
                reg.sources.get("schedule"),
                src,
                (*task_at, "deadline"),
                (*task_at, "step"),
            )
    return problems


def with_step_deadlines(
    register: ConcludingNoticeRegistry, schedule: ScheduleRegistry | None
) -> ConcludingNoticeRegistry:
    """The register with each task that names a step and no deadline given the
    step's end date: the schedule registry is the one source of that date."""
    if schedule is None:
        return register
    notices = []
    for notice in register.concluding_notices:
        tasks = []
        for task in notice.tasks:
            step = schedule.step(task.step) if task.step else None
            if step is not None and task.deadline is None:
                task = task.model_copy(update={"deadline": step.end})
            tasks.append(task)
        notices.append(notice.model_copy(update={"tasks": tasks}))
    return register.model_copy(update={"concluding_notices": notices})


def progress_report_rules(
    content: ProgressReportContent, reg: Registries, src: SourceMap
) -> list[Problem]:
    """Rules of a progress report, including those of the register it reports on."""
    problems: list[Problem] = []
    if reg.concluding_notices is None:
        problems.append(
            src.problem(
                (),
                "a progress report needs the Concluding Notices register: add "
                "'concluding_notices: registries/concluding-notices.yaml' under "
                "'registries:' in drafter.yaml",
            )
        )
    as_of = content.as_of or content.date
    if as_of is None:
        problems.append(
            src.problem(
                ("as_of",),
                "give as_of, the date the figures are computed at, while the date is blank",
            )
        )
    elif content.date is not None and content.as_of not in (None, content.date):
        problems.append(
            src.problem(
                ("as_of",),
                f"as_of {as_of.isoformat()} disagrees with the report's date "
                f"{content.date.isoformat()}; drop as_of once the report is dated",
            )
        )
    if as_of is not None and content.since > as_of:
        problems.append(
            src.problem(("since",), f"{content.since.isoformat()} is after the report date")
        )
    problems += check_ref(content.issuing_unit, dict(reg.units), "unit", src, ("issuing_unit",))
    unit = reg.units.get(content.issuing_unit) if content.issuing_unit else None
    issuer = unit.short_name if unit else reg.organisation.agency.symbol
    if not content.symbol.endswith("-" + issuer):
        problems.append(
            src.problem(
                ("symbol",),
                f"the symbol of a report issued by {unit.name if unit else 'the agency'} "
                f"ends with '-{issuer}'",
                severity=Severity.WARNING,
            )
        )
    if reg.concluding_notices is not None:
        problems += register_problems(reg)
    return problems
