"""The content model of the Project (Đề án): its parts, tasks, targets, costs
and the schedule of its drafting, plus the exact cost arithmetic (whole đồng).

The Project's parts (Phần I, II, …) are fixed by the document's shape and
known by id (:data:`PROJECT_PARTS`), so other documents (the Drafting Board's
assignment of tasks) can refer to them and have the reference checked.

Money is kept in whole đồng (``int``) from content to the context; only the
context rounds, for display (see :mod:`drafter.context.costs`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import Field

from drafter.content.load import PathKey
from drafter.content.models import DocumentHeader, Id, Model, Signature, Text

# -- the parts of a Project, by id --------------------------------------------


@dataclass(frozen=True)
class ProjectPart:
    """One part of the Project: ``Phần I``, its title, and the id others cite it by."""

    id: str
    numeral: str
    title: str

    @property
    def label(self) -> str:
        """``"Phần I. Sự cần thiết và căn cứ pháp lý"``: how a list of tasks names it."""
        return f"Phần {self.numeral}. {self.title}"


#: The parts in document order.  A title is corrected here, once.
PROJECT_PARTS: tuple[ProjectPart, ...] = (
    ProjectPart("su-can-thiet", "I", "Sự cần thiết và căn cứ pháp lý xây dựng Đề án"),
    ProjectPart("thuc-trang", "II", "Thực trạng"),
    ProjectPart("quan-diem-muc-tieu", "III", "Quan điểm, mục tiêu"),
    ProjectPart("nhiem-vu-giai-phap", "IV", "Nhiệm vụ, giải pháp"),
    ProjectPart("kinh-phi", "V", "Kinh phí thực hiện"),
    ProjectPart("to-chuc-thuc-hien", "VI", "Tổ chức thực hiện"),
    ProjectPart("tien-do", "VII", "Tiến độ xây dựng và trình Đề án"),
    ProjectPart("phu-luc-nhiem-vu", "Phụ lục I", "Danh mục nhiệm vụ của Đề án"),
    ProjectPart("phu-luc-kinh-phi", "Phụ lục II", "Khái toán kinh phí thực hiện Đề án"),
)
PROJECT_PART_BY_ID: dict[str, ProjectPart] = {part.id: part for part in PROJECT_PARTS}

# -- funding -------------------------------------------------------------------

#: Funding sources of a cost line, in the order of the cost tables' columns.
FundingSource = Literal["ngân sách trung ương", "ngân sách địa phương", "nguồn hợp pháp khác"]
FUNDING_SOURCES: tuple[str, ...] = get_args(FundingSource)

#: Computed values the Project's running text may use as ``{name}``: the number
#: of tasks, of databases the tasks cover, and the grand total in triệu đồng.
PROJECT_PLACEHOLDERS = frozenset(
    {
        "so_nhiem_vu",
        "so_csdl",
        "tong_kinh_phi",
        # from the registers: entries of the database list, priority-1 entries, open
        # datasets, and the share of entries that are shared at all (what LGSP can link)
        "so_muc_danh_muc",
        "so_csdl_uu_tien_1",
        "so_du_lieu_mo",
        "ty_le_chia_se",
    }
)

# -- the content model ---------------------------------------------------------


class Abbreviation(Model):
    """A term or abbreviation and what it stands for (CÁC THUẬT NGỮ VÀ TỪ VIẾT TẮT)."""

    term: Text
    meaning: Text


class StatusArea(Model):
    """One area of Part II: what was achieved, what fell short, why, and what next."""

    title: Text
    results: list[Text] = Field(min_length=1)
    limitations: list[Text] = Field(min_length=1)
    causes: list[Text] = Field(min_length=1)
    recommendations: list[Text] = Field(min_length=1)


class Target(Model):
    """A specific target of Part III: one row of the targets table."""

    indicator: Text
    baseline: Text
    target: Text
    year: int = Field(ge=1945, le=2100)
    phase: Id


class Goals(Model):
    viewpoints: list[Text] = Field(min_length=1)
    general: list[Text] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)


class Task(Model):
    """A task of Part IV, tied to the database list by database ids."""

    id: Id
    name: Text
    content: list[Text] = Field(min_length=1)
    lead: Id
    coordinating: list[Id] = Field(default_factory=list)
    phases: list[Id] = Field(min_length=1)
    outputs: list[Text] = Field(min_length=1)
    databases: list[Id] = Field(default_factory=list)
    #: optional: the task's total as stated elsewhere; checked against its cost lines
    declared_total: int | None = None


class CostLine(Model):
    """What one task costs in one phase from one source, in whole đồng."""

    task: Id
    phase: Id
    source: FundingSource
    amount: int


class Costs(Model):
    basis: list[Text] = Field(default_factory=list)
    lines: list[CostLine] = Field(min_length=1)
    #: optional stated totals, each checked against the sum of its lines
    declared_total: int | None = None
    declared_by_phase: dict[Id, int] = Field(default_factory=dict)
    declared_by_source: dict[FundingSource, int] = Field(default_factory=dict)


class Responsibility(Model):
    unit: Id
    duties: list[Text] = Field(min_length=1)


class Milestone(Model):
    name: Text
    lead: Id
    start: dt.date
    end: dt.date
    output: Text
    #: a short label for the Gantt chart (default: the name)
    short: Text | None = None
    #: the step of the schedule registry this milestone is (its dates must agree)
    step: Id | None = None


class Schedule(Model):
    #: the plan the schedule follows (a legal document id: Decision 381/QĐ-UBDT)
    basis: Id
    #: submission to the Prime Minister no later than this date
    deadline: dt.date
    milestones: list[Milestone] = Field(min_length=1)


class ProjectContent(DocumentHeader):
    """The Project (Đề án): header, parts I–VII, appendices built from tasks and costs.

    When it goes to the Prime Minister, the Project travels as an attachment of
    the Tờ trình, which carries the signature: so signature, recipients and
    archive are optional here.  Part VII comes from the schedule registry when
    the content gives no ``schedule`` of its own.
    """

    signature: Signature | None = None  # type: ignore[assignment]
    recipients: list[Text] = Field(default_factory=list)
    archive: list[Text] = Field(default_factory=list)
    #: terms and abbreviations; the Project's list shows those its text uses
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    phases: list[Id] = Field(min_length=1)
    necessity: list[Text] = Field(min_length=1)
    legal_bases: list[Id] = Field(min_length=1)
    status: list[StatusArea] = Field(min_length=1)
    goals: Goals
    tasks: list[Task] = Field(min_length=1)
    solutions: list[Text] = Field(default_factory=list)
    costs: Costs
    responsibilities: list[Responsibility] = Field(min_length=1)
    schedule: Schedule | None = None

    def prose(self) -> Iterator[tuple[PathKey, str]]:
        """Every running-text field that may hold ``{name}`` computed values, with its path."""
        for i, text in enumerate(self.necessity):
            yield ("necessity", i), text
        for i, area in enumerate(self.status):
            for key in ("results", "limitations", "causes", "recommendations"):
                for j, text in enumerate(getattr(area, key)):
                    yield ("status", i, key, j), text
        for key in ("viewpoints", "general"):
            for i, text in enumerate(getattr(self.goals, key)):
                yield ("goals", key, i), text
        for i, target in enumerate(self.goals.targets):
            for key in ("indicator", "baseline", "target"):
                yield ("goals", "targets", i, key), getattr(target, key)
        for i, task in enumerate(self.tasks):
            for j, text in enumerate(task.content):
                yield ("tasks", i, "content", j), text
        for i, text in enumerate(self.solutions):
            yield ("solutions", i), text
        for i, text in enumerate(self.costs.basis):
            yield ("costs", "basis", i), text
        for i, resp in enumerate(self.responsibilities):
            for j, text in enumerate(resp.duties):
                yield ("responsibilities", i, "duties", j), text


# -- exact cost arithmetic -----------------------------------------------------


@dataclass
class CostTotals:
    """Sums of the cost lines in whole đồng, each computed from the lines themselves.

    ``cells`` holds (task, phase, source) → amount; the other tables are
    summed independently so that :meth:`disagreements` can hold them
    against each other.
    """

    cells: dict[tuple[str, str, str], int] = field(default_factory=dict)
    by_task: dict[str, int] = field(default_factory=dict)
    by_phase: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_phase_source: dict[tuple[str, str], int] = field(default_factory=dict)
    by_task_phase: dict[tuple[str, str], int] = field(default_factory=dict)
    grand: int = 0

    def disagreements(self) -> list[str]:
        """Where the totals by task, by phase and by source do not add up to the grand
        total (or to the cells); [] when the table is consistent."""
        out: list[str] = []
        for name, table in (
            ("tasks", self.by_task),
            ("phases", self.by_phase),
            ("sources", self.by_source),
            ("phase × source", self.by_phase_source),
            ("task × phase", self.by_task_phase),
            ("cells", self.cells),
        ):
            total = sum(table.values())
            if total != self.grand:
                out.append(f"the totals by {name} add up to {total}, not {self.grand}")
        for task, total in self.by_task.items():
            cells = sum(v for (t, _p, _s), v in self.cells.items() if t == task)
            if cells != total:
                out.append(f"task '{task}': {total} by task, {cells} by cells")
        return out


def cost_totals(lines: list[CostLine]) -> CostTotals:
    """Every total of the cost table, exact, in whole đồng."""
    cells: defaultdict[tuple[str, str, str], int] = defaultdict(int)
    by_task: defaultdict[str, int] = defaultdict(int)
    by_phase: defaultdict[str, int] = defaultdict(int)
    by_source: defaultdict[str, int] = defaultdict(int)
    by_phase_source: defaultdict[tuple[str, str], int] = defaultdict(int)
    by_task_phase: defaultdict[tuple[str, str], int] = defaultdict(int)
    grand = 0
    for line in lines:
        cells[(line.task, line.phase, line.source)] += line.amount
        by_task[line.task] += line.amount
        by_phase[line.phase] += line.amount
        by_source[line.source] += line.amount
        by_phase_source[(line.phase, line.source)] += line.amount
        by_task_phase[(line.task, line.phase)] += line.amount
        grand += line.amount
    return CostTotals(
        dict(cells),
        dict(by_task),
        dict(by_phase),
        dict(by_source),
        dict(by_phase_source),
        dict(by_task_phase),
        grand,
    )
