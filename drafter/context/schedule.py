"""The drafting schedule as documents show it: from the schedule registry (one
source for every date of the plan), or from a Project's own milestones where a
project keeps no registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from drafter.content.project_models import ProjectContent
from drafter.content.refs import Registries


@dataclass(frozen=True)
class Step:
    name: str
    short: str
    lead: str
    start: dt.date
    end: dt.date
    output: str


@dataclass(frozen=True)
class ScheduleView:
    #: the legal document id of the plan (Decision 381/QĐ-UBDT)
    basis: str
    #: submission to the Prime Minister no later than this date
    deadline: dt.date
    steps: list[Step]


def project_schedule(content: ProjectContent, reg: Registries) -> ScheduleView:
    """The Project's schedule: its own milestones if it gives them, else the registry's."""
    if content.schedule is not None:
        own = content.schedule
        items = own.milestones
        return ScheduleView(
            own.basis,
            own.deadline,
            [Step(m.name, m.short or m.name, m.lead, m.start, m.end, m.output) for m in items],
        )
    registry = reg.schedule
    if registry is None:  # reported by the Project's rules
        raise ValueError("no schedule")
    return ScheduleView(
        registry.plan,
        registry.deadline,
        [Step(s.name, s.short or s.name, s.lead, s.start, s.end, s.output) for s in registry.steps],
    )
