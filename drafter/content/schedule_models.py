"""One schedule: the steps of the drafting plan (Decision 381/QĐ-UBDT) with
their dates, kept once in ``registries/schedule.yaml``.

The Project's Part VII and Gantt chart, the Drafting Board members' task
deadlines and the Concluding Notices' tasks that are the same step all refer
to a step by id and take its dates from here.  A place that refers to a step
and writes a date of its own must write the step's date: a step given two
different dates is an error located at the second date, naming the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from pydantic import Field

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import Id, Model, Text
from drafter.errors import Problem


class ScheduleStep(Model):
    """One step of the plan: what is done, who leads, from when to when, what it yields."""

    id: Id
    name: Text
    lead: Id
    start: dt.date
    end: dt.date
    output: Text
    #: a short label for the Gantt chart (default: the name)
    short: Text | None = None


class ScheduleRegistry(Model):
    """The plan's steps, in date order, and the day the Project goes to the Prime Minister."""

    #: the plan the steps come from (a legal document id: Decision 381/QĐ-UBDT)
    plan: Id
    #: submission to the Prime Minister no later than this date
    deadline: dt.date
    steps: list[ScheduleStep] = Field(min_length=1)

    @property
    def start(self) -> dt.date:
        """The day the drafting starts: the first step's start."""
        return min(step.start for step in self.steps)

    def step(self, step_id: str) -> ScheduleStep | None:
        return next((s for s in self.steps if s.id == step_id), None)


def schedule_rules(
    schedule: ScheduleRegistry, src: SourceMap, units: set[str], legal: set[str]
) -> list[Problem]:
    """Steps in date order, each ending after it starts and by the deadline;
    leads and the plan exist; no id twice."""
    problems: list[Problem] = []
    if schedule.plan not in legal:
        problems.append(src.problem(("plan",), f"unknown legal document '{schedule.plan}'"))
    seen: dict[str, int] = {}
    for i, step in enumerate(schedule.steps):
        at: PathKey = ("steps", i)
        if step.id in seen:
            line = src.locate(("steps", seen[step.id], "id"))[0]
            problems.append(
                src.problem(
                    (*at, "id"), f"duplicate step id '{step.id}' (first used at line {line})"
                )
            )
        seen.setdefault(step.id, i)
        if step.lead not in units:
            problems.append(src.problem((*at, "lead"), f"unknown unit '{step.lead}'"))
    problems += dated_span_problems(
        schedule.steps, schedule.deadline, src, ("steps",), "steps", "deadline"
    )
    return problems


class DatedSpan(Protocol):
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...


def dated_span_problems(
    spans: Sequence[DatedSpan],
    deadline: dt.date,
    src: SourceMap,
    at: PathKey,
    plural: str,
    deadline_field: str,
) -> list[Problem]:
    """Spans (a plan's steps, a Project's milestones) at ``at`` in ``src``: each
    ending after it starts and by ``deadline`` (written at ``deadline_field``),
    all in the order of their starts."""
    problems: list[Problem] = []
    for i, span in enumerate(spans):
        if span.end < span.start:
            problems.append(
                src.problem(
                    (*at, i, "end"),
                    f"ends ({span.end.isoformat()}) before it starts ({span.start.isoformat()})",
                )
            )
        if span.end > deadline:
            problems.append(
                src.problem(
                    (*at, i, "end"),
                    f"ends on {span.end.isoformat()}, after the submission deadline "
                    f"{deadline.isoformat()} ({deadline_field})",
                )
            )
    for j, (a, b) in enumerate(pairwise(spans), start=1):
        if b.start < a.start:
            problems.append(
                src.problem(
                    (*at, j, "start"),
                    f"{plural} are out of date order: starts {b.start.isoformat()}, "
                    f"before the previous one ({a.start.isoformat()})",
                )
            )
    return problems


def step_date_problems(
    step_id: str | None,
    written: dt.date | None,
    schedule: ScheduleRegistry | None,
    schedule_src: SourceMap | None,
    src: SourceMap,
    path: PathKey,
    step_path: PathKey,
) -> list[Problem]:
    """A reference to a step: the step exists, and a date written beside it is the
    step's end date (the schedule registry gives each step one date)."""
    if step_id is None:
        return []
    if schedule is None or schedule_src is None:
        return [
            src.problem(
                step_path,
                f"refers to step '{step_id}' but drafter.yaml names no schedule registry "
                "(registries: schedule: registries/schedule.yaml)",
            )
        ]
    step = schedule.step(step_id)
    if step is None:
        known = ", ".join(s.id for s in schedule.steps)
        return [src.problem(step_path, f"unknown step '{step_id}' (known: {known})")]
    if written is None or written == step.end:
        return []
    index = schedule.steps.index(step)
    line = schedule_src.locate(("steps", index, "end"))[0]
    return [
        src.problem(
            path,
            f"step '{step_id}' is given two different dates: {written:%d/%m/%Y} here, "
            f"{step.end:%d/%m/%Y} in {schedule_src.file}:{line}; drop this date "
            "(the step's date is taken from the schedule) or correct one of them",
        )
    ]
