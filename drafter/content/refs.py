"""Registries shared by all documents, with id lookups and the source maps
needed to locate a problem in them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import (
    DatabaseEntry,
    DatabaseRegistry,
    LegalDocument,
    LegalRegistry,
    OpenDataRegistry,
    Organisation,
    Person,
    Phase,
    PhaseRegistry,
    Sector,
    Unit,
)
from drafter.errors import Problem

if TYPE_CHECKING:  # progress_models imports this module for its rules
    from drafter.content.progress_models import ConcludingNoticeRegistry
    from drafter.content.schedule_models import ScheduleRegistry


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


def index(
    items: Sequence[T], source: SourceMap, base: PathKey, problems: list[Problem], what: str
) -> dict[str, T]:
    """Map id -> item; a repeated id is an error at its second place."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first_line = source.locate((*base, seen[item.id], "id"))[0]
            problems.append(
                source.problem(
                    (*base, i, "id"),
                    f"duplicate {what} id '{item.id}' (first used at line {first_line})",
                )
            )
        else:
            seen[item.id] = i
    return {item_id: items[i] for item_id, i in seen.items()}


@dataclass
class Registries:
    organisation: Organisation
    legal: LegalRegistry
    phases: PhaseRegistry
    databases: DatabaseRegistry
    open_data: OpenDataRegistry
    sources: dict[str, SourceMap]
    #: optional registry: None when drafter.yaml names none
    concluding_notices: ConcludingNoticeRegistry | None = None
    #: optional registry: the steps of the drafting plan with their dates
    schedule: ScheduleRegistry | None = None
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    legal_documents: dict[str, LegalDocument] = field(default_factory=dict)
    phase_by_id: dict[str, Phase] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    database_by_id: dict[str, DatabaseEntry] = field(default_factory=dict)

    def build_indexes(self) -> list[Problem]:
        """Fill the id lookups; return duplicate-id problems."""
        problems: list[Problem] = []
        org, legal = self.sources["organisation"], self.sources["legal"]
        self.units = index(self.organisation.units, org, ("units",), problems, "unit")
        self.people = index(self.organisation.people, org, ("people",), problems, "person")
        self.legal_documents = index(
            self.legal.legal_documents, legal, ("legal_documents",), problems, "legal document"
        )
        self.phase_by_id = index(
            self.phases.phases, self.sources["phases"], ("phases",), problems, "phase"
        )
        dbs = self.sources["databases"]
        self.sectors = index(self.databases.sectors, dbs, ("sectors",), problems, "sector")
        self.database_by_id = index(
            self.databases.databases, dbs, ("databases",), problems, "database"
        )
        index(
            self.open_data.open_datasets,
            self.sources["open_data"],
            ("open_datasets",),
            problems,
            "open dataset",
        )
        return problems


def check_ref(
    value: str | None, table: Mapping[str, object], what: str, source: SourceMap, path: PathKey
) -> list[Problem]:
    """A problem if ``value`` names nothing in ``table`` (with a close match as a hint)."""
    if value is None or value in table:
        return []

    hint = difflib.get_close_matches(value, list(table), n=1, cutoff=0.6)
    suffix = f"; did you mean '{hint[0]}'?" if hint else ""
    return [source.problem(path, f"unknown {what} '{value}'{suffix}")]


def check_refs(
    values: Iterable[str], table: Mapping[str, object], what: str, source: SourceMap, path: PathKey
) -> list[Problem]:
    """:func:`check_ref` for each item of a list, plus repeated items."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, value in enumerate(values):
        problems += check_ref(value, table, what, source, (*path, i))
        if value in seen:
            problems.append(source.problem((*path, i), f"{what} '{value}' is listed twice"))
        seen.add(value)
    return problems
