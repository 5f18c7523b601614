"""Rules of the Project (Đề án) against the registries and against itself.

- references: units, databases, legal documents, phases and tasks exist;
- coverage: every priority-1 database of the database list is built or
  connected by at least one task (an error; priority 2–3: a warning);
- phases: a task's phases, a target's phase and a cost line's phase lie within
  the Project's phases; a target's year lies within its phase;
- schedule: milestones in date order, each ending by the submission deadline;
- costs: amounts are non-negative whole đồng; every total stated in content
  (``declared_total`` and friends) equals the sum of its lines.

Each rule returns located problems; none raises.
"""

from __future__ import annotations

from collections.abc import Iterable

from drafter.content.load import PathKey, SourceMap
from drafter.content.project_models import CostTotals, ProjectContent, cost_totals
from drafter.content.refs import Registries, check_ref, check_refs
from drafter.content.schedule_models import dated_span_problems, step_date_problems
from drafter.errors import Problem, Severity
from drafter.vietnamese import format_number

#: Amounts that are not whole thousands of đồng lose digits in the tables (which
#: show triệu đồng with 3 decimals): the build warns so the rounding is a choice.
DISPLAY_UNIT_VND = 1_000


def _money(amount: int) -> str:
    return f"{format_number(amount)} đồng"


def reference_problems(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    """Unknown (or repeated) unit, database, legal document, phase and task ids."""
    units, dbs, legal = dict(reg.units), dict(reg.database_by_id), dict(reg.legal_documents)
    phases = dict(reg.phase_by_id)
    problems = check_refs(content.phases, phases, "phase", src, ("phases",))
    problems += check_refs(content.legal_bases, legal, "legal document", src, ("legal_bases",))
    seen: dict[str, int] = {}
    for i, task in enumerate(content.tasks):
        at: PathKey = ("tasks", i)
        if task.id in seen:
            first = src.locate(("tasks", seen[task.id], "id"))[0]
            problems.append(
                src.problem(
                    (*at, "id"), f"duplicate task id '{task.id}' (first used at line {first})"
                )
            )
        seen.setdefault(task.id, i)
        problems += check_ref(task.lead, units, "unit", src, (*at, "lead"))
        problems += check_refs(task.coordinating, units, "unit", src, (*at, "coordinating"))
        if task.lead in task.coordinating:
            k = task.coordinating.index(task.lead)
            problems.append(
                src.problem(
                    (*at, "coordinating", k), f"'{task.lead}' leads this task; it cannot coordinate"
                )
            )
        problems += check_refs(task.phases, phases, "phase", src, (*at, "phases"))
        problems += check_refs(task.databases, dbs, "database", src, (*at, "databases"))
    for i, target in enumerate(content.goals.targets):
        problems += check_ref(target.phase, phases, "phase", src, ("goals", "targets", i, "phase"))
    tasks = {task.id: task for task in content.tasks}
    for i, line in enumerate(content.costs.lines):
        at = ("costs", "lines", i)
        problems += check_ref(line.task, tasks, "task", src, (*at, "task"))
        problems += check_ref(line.phase, phases, "phase", src, (*at, "phase"))
    for phase_id in content.costs.declared_by_phase:
        problems += check_ref(
            phase_id, phases, "phase", src, ("costs", "declared_by_phase", phase_id)
        )
    for i, resp in enumerate(content.responsibilities):
        problems += check_ref(resp.unit, units, "unit", src, ("responsibilities", i, "unit"))
    if content.schedule is None:
        if reg.schedule is None:
            problems.append(
                src.problem(
                    ("schedule",),
                    "give the drafting schedule: a schedule registry in drafter.yaml "
                    "(registries: schedule: …) or schedule: here",
                )
            )
        return problems
    problems += check_ref(
        content.schedule.basis, legal, "legal document", src, ("schedule", "basis")
    )
    for i, milestone in enumerate(content.schedule.milestones):
        problems += check_ref(
            milestone.lead, units, "unit", src, ("schedule", "milestones", i, "lead")
        )
    return problems


def coverage_problems(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    """Databases of the list that no task builds or connects: an error for
    priority 1, a warning for priority 2 and 3.  Each names the database and
    where it is registered."""
    covered = {db for task in content.tasks for db in task.databases}
    dbs_src = reg.sources["databases"]
    problems: list[Problem] = []
    for i, db in enumerate(reg.databases.databases):
        if db.id in covered:
            continue
        line = dbs_src.locate(("databases", i, "id"))[0]
        severity = Severity.ERROR if db.priority == 1 else Severity.WARNING
        problems.append(
            src.problem(
                ("tasks",),
                f"priority-{db.priority} database '{db.id}' ({db.name}, {dbs_src.file}:{line}) "
                "is not covered by any task; list it under a task's databases",
                severity=severity,
                key=True,
            )
        )
    return problems


def phase_problems(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    """Phases of tasks, targets and cost lines lie within the Project's phases."""
    own = set(content.phases)
    listed = ", ".join(content.phases)
    problems: list[Problem] = []

    def outside(phase: str, path: PathKey, what: str) -> None:
        # an unknown id is reported by reference_problems; here only known ones
        if phase in reg.phase_by_id and phase not in own:
            problems.append(
                src.problem(
                    path, f"{what} phase '{phase}' is not one of the Project's phases ({listed})"
                )
            )

    for i, task in enumerate(content.tasks):
        for k, phase in enumerate(task.phases):
            outside(phase, ("tasks", i, "phases", k), "the task's")
    for i, target in enumerate(content.goals.targets):
        at: PathKey = ("goals", "targets", i)
        outside(target.phase, (*at, "phase"), "the target's")
        span = reg.phase_by_id.get(target.phase)
        if span is not None and not span.start <= target.year <= span.end:
            problems.append(
                src.problem(
                    (*at, "year"),
                    f"year {target.year} lies outside phase '{span.id}' ({span.start}–{span.end})",
                )
            )
    tasks = {task.id: task for task in content.tasks}
    for i, line in enumerate(content.costs.lines):
        at = ("costs", "lines", i, "phase")
        outside(line.phase, at, "the cost line's")
        owner = tasks.get(line.task)
        if owner is not None and line.phase in own and line.phase not in owner.phases:
            problems.append(
                src.problem(
                    at,
                    f"task '{owner.id}' is not carried out in phase '{line.phase}' "
                    f"(its phases: {', '.join(owner.phases)})",
                )
            )
    return problems


def schedule_problems(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    """Milestones start in date order, end after they start and by the deadline;
    a milestone that is a step of the schedule registry has that step's dates."""
    schedule = content.schedule
    if schedule is None:
        return []
    problems: list[Problem] = []
    for i, milestone in enumerate(schedule.milestones):
        problems += step_date_problems(
            milestone.step,
            milestone.end,
            reg.schedule,
            reg.sources.get("schedule"),
            src,
            ("schedule", "milestones", i, "end"),
            ("schedule", "milestones", i, "step"),
        )
    if reg.schedule is not None and schedule.deadline != reg.schedule.deadline:
        problems.append(
            src.problem(
                ("schedule", "deadline"),
                f"submission deadline {schedule.deadline:%d/%m/%Y} disagrees with the schedule "
                f"registry's {reg.schedule.deadline:%d/%m/%Y}; drop schedule: here",
            )
        )
    problems += dated_span_problems(
        schedule.milestones,
        schedule.deadline,
        src,
        ("schedule", "milestones"),
        "milestones",
        "schedule.deadline",
    )
    return problems


def _lines_place(src: SourceMap, indices: Iterable[int]) -> str:
    """``content/documents/de-an.yaml lines 210–388``: where the summed lines are written."""
    rows = sorted(src.locate(("costs", "lines", i))[0] for i in indices)
    if not rows:
        return f"{src.file} (no cost lines)"
    span = f"line {rows[0]}" if rows[0] == rows[-1] else f"lines {rows[0]}–{rows[-1]}"
    return f"{src.file} {span}"


def _declared(
    src: SourceMap,
    path: PathKey,
    declared: int,
    computed: int,
    what: str,
    indices: list[int],
) -> list[Problem]:
    if declared == computed:
        return []
    return [
        src.problem(
            path,
            f"declared total {_money(declared)} disagrees with the sum of {what}, "
            f"{_money(computed)} ({len(indices)} cost line(s) at {_lines_place(src, indices)}); "
            f"difference {_money(declared - computed)}",
        )
    ]


def cost_problems(content: ProjectContent, src: SourceMap) -> list[Problem]:
    """Non-negative whole-đồng amounts, no line repeated, declared totals equal to
    their sums, every task costed."""
    costs = content.costs
    lines = list(enumerate(costs.lines))
    problems: list[Problem] = []
    first: dict[tuple[str, str, str], int] = {}
    for i, line in lines:
        at: PathKey = ("costs", "lines", i)
        if line.amount < 0:
            problems.append(
                src.problem(
                    (*at, "amount"), f"amount {_money(line.amount)} is negative; costs are ≥ 0"
                )
            )
        elif line.amount % DISPLAY_UNIT_VND:
            problems.append(
                src.problem(
                    (*at, "amount"),
                    f"{_money(line.amount)} is not a whole number of thousand đồng; the tables "
                    "(triệu đồng, 3 decimals) show it rounded: round it in the content",
                    severity=Severity.WARNING,
                )
            )
        key = (line.task, line.phase, line.source)
        if key in first:
            row = src.locate(("costs", "lines", first[key]))[0]
            problems.append(
                src.problem(
                    at,
                    f"task '{line.task}', phase '{line.phase}', source '{line.source}' is "
                    f"costed twice (first at line {row}); merge the two lines",
                )
            )
        first.setdefault(key, i)
    totals: CostTotals = cost_totals(costs.lines)
    by_phase: dict[str, list[int]] = {}
    by_source: dict[str, list[int]] = {}
    by_task: dict[str, list[int]] = {}
    for i, line in lines:
        by_phase.setdefault(line.phase, []).append(i)
        by_source.setdefault(line.source, []).append(i)
        by_task.setdefault(line.task, []).append(i)
    if costs.declared_total is not None:
        problems += _declared(
            src,
            ("costs", "declared_total"),
            costs.declared_total,
            totals.grand,
            "all cost lines",
            [i for i, _line in lines],
        )
    for phase, declared in costs.declared_by_phase.items():
        problems += _declared(
            src,
            ("costs", "declared_by_phase", phase),
            declared,
            totals.by_phase.get(phase, 0),
            f"phase '{phase}'",
            by_phase.get(phase, []),
        )
    for source, declared in costs.declared_by_source.items():
        problems += _declared(
            src,
            ("costs", "declared_by_source", source),
            declared,
            totals.by_source.get(source, 0),
            f"source '{source}'",
            by_source.get(source, []),
        )
    for t, task in enumerate(content.tasks):
        if task.declared_total is not None:
            problems += _declared(
                src,
                ("tasks", t, "declared_total"),
                task.declared_total,
                totals.by_task.get(task.id, 0),
                f"task '{task.id}'",
                by_task.get(task.id, []),
            )
        if task.id not in totals.by_task:
            problems.append(
                src.problem(
                    ("tasks", t, "id"),
                    f"task '{task.id}' has no cost line; add one (an amount of 0 is allowed)",
                    severity=Severity.WARNING,
                )
            )
    return problems


def project_rules(content: ProjectContent, reg: Registries, src: SourceMap) -> list[Problem]:
    """Every Project rule, in one list."""
    return (
        reference_problems(content, reg, src)
        + coverage_problems(content, reg, src)
        + phase_problems(content, reg, src)
        + schedule_problems(content, reg, src)
        + cost_problems(content, src)
    )
