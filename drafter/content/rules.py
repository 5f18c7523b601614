"""Domain rules over the registries: references resolve, the meeting's rules
for the database list hold (grouped by sector, no overlap or duplicates),
phases are sane.  Each rule returns located problems; none raises.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher
from itertools import pairwise

from drafter.content.people_rules import mention_problems, people_rules
from drafter.content.refs import Registries, check_ref, check_refs
from drafter.content.schedule_models import schedule_rules
from drafter.errors import Problem, Severity
from drafter.vietnamese import fold

#: Names this similar (0..1, on accent-folded words) are flagged as likely
#: overlapping entries.  Warnings only: a reviewer decides.
NEAR_DUPLICATE_RATIO = 0.88


def organisation_rules(reg: Registries) -> list[Problem]:
    src = reg.sources["organisation"]
    problems: list[Problem] = []
    for i, unit in enumerate(reg.organisation.units):
        problems += check_ref(unit.parent, dict(reg.units), "unit", src, ("units", i, "parent"))
        if unit.parent == unit.id:
            problems.append(src.problem(("units", i, "parent"), "a unit cannot be its own parent"))
    for i, person in enumerate(reg.organisation.people):
        problems += check_ref(person.unit, dict(reg.units), "unit", src, ("people", i, "unit"))
    return problems


def phase_rules(reg: Registries) -> list[Problem]:
    src = reg.sources["phases"]
    problems: list[Problem] = []
    ordered = sorted(enumerate(reg.phases.phases), key=lambda pair: pair[1].start)
    for i, phase in ordered:
        if phase.end < phase.start:
            problems.append(
                src.problem(
                    ("phases", i, "end"), f"ends ({phase.end}) before it starts ({phase.start})"
                )
            )
    for (_, a), (j, b) in pairwise(ordered):
        if b.start <= a.end:
            problems.append(
                src.problem(
                    ("phases", j, "start"),
                    f"phase '{b.id}' overlaps phase '{a.id}' ({a.start}–{a.end})",
                )
            )
    return problems


def _differ_only_in_proper_names(a: str, b: str) -> bool:
    """True when the words that differ are all capitalised or numbers.

    "… đồng bào Thái tỉnh Sơn La" and "… đồng bào Mường tỉnh Lào Cai" name two
    registers, not one written twice: a place, a people or a number tells them
    apart, however alike the rest of the name is.
    """
    words_a, words_b = a.split(), b.split()
    differing = set(words_a).symmetric_difference(words_b)
    return bool(differing) and all(w[:1].isupper() or w[:1].isdigit() for w in differing)


def _name_problems(names: list[str], src_label: str, reg: Registries) -> list[Problem]:
    """Duplicate names (after folding accents) are errors; near-duplicates warnings.

    Candidates are found through shared word pairs so that a 10,000-entry
    register is not compared pair by pair.
    """
    src = reg.sources[src_label]
    base = "databases" if src_label == "databases" else "open_datasets"
    problems: list[Problem] = []
    folded = [fold(name) for name in names]
    first: dict[str, int] = {}
    for i, key in enumerate(folded):
        if key in first:
            line = src.locate((base, first[key], "name"))[0]
            problems.append(
                src.problem((base, i, "name"), f"duplicate name '{names[i]}' (same as line {line})")
            )
        else:
            first[key] = i
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    grams: list[set[tuple[str, str]]] = []
    for i, key in enumerate(folded):
        words = key.split()
        pairs = set(pairwise(words)) or {(key, "")}
        grams.append(pairs)
        for pair in pairs:
            postings[pair].append(i)
    # a word pair shared by this many entries says little about any two of them
    limit = 64
    for i, pairs in enumerate(grams):
        if first.get(folded[i]) != i:
            continue
        shared: dict[int, int] = defaultdict(int)
        for pair in pairs:
            members = postings[pair]
            if len(members) > limit:
                continue
            for j in members:
                if j > i:
                    shared[j] += 1
        for j, count in shared.items():
            if first.get(folded[j]) != j or count * 2 < min(len(pairs), len(grams[j])):
                continue
            if _differ_only_in_proper_names(names[i], names[j]):
                continue
            ratio = SequenceMatcher(None, folded[i], folded[j]).ratio()
            if ratio >= NEAR_DUPLICATE_RATIO:
                line = src.locate((base, i, "name"))[0]
                problems.append(
                    src.problem(
                        (base, j, "name"),
                        f"'{names[j]}' is very like '{names[i]}' (line {line}): "
                        "overlapping entries?",
                        severity=Severity.WARNING,
                    )
                )
    return problems


def database_rules(reg: Registries) -> list[Problem]:
    src = reg.sources["databases"]
    problems: list[Problem] = []
    units, sectors, phases = dict(reg.units), dict(reg.sectors), dict(reg.phase_by_id)
    dbs, legal = dict(reg.database_by_id), dict(reg.legal_documents)
    used_sectors: set[str] = set()
    for i, db in enumerate(reg.databases.databases):
        at = ("databases", i)
        used_sectors.add(db.sector)
        problems += check_ref(db.sector, sectors, "sector", src, (*at, "sector"))
        problems += check_ref(db.managing_unit, units, "unit", src, (*at, "managing_unit"))
        problems += check_ref(db.phase, phases, "phase", src, (*at, "phase"))
        problems += check_refs(db.connects_to, dbs, "database", src, (*at, "connects_to"))
        problems += check_refs(db.legal_bases, legal, "legal document", src, (*at, "legal_bases"))
        if db.id in db.connects_to:
            k = db.connects_to.index(db.id)
            problems.append(
                src.problem((*at, "connects_to", k), "an entry cannot connect to itself")
            )
        if len(set(db.sharing)) != len(db.sharing):
            problems.append(src.problem((*at, "sharing"), "a sharing form is listed twice"))
        if "không chia sẻ" in db.sharing and len(db.sharing) > 1:
            problems.append(
                src.problem(
                    (*at, "sharing"), "'không chia sẻ' cannot stand with other sharing forms"
                )
            )
    for i, sector in enumerate(reg.databases.sectors):
        if sector.id not in used_sectors:
            problems.append(
                src.problem(("sectors", i, "id"), f"sector '{sector.id}' has no database entry")
            )
    problems += _name_problems([db.name for db in reg.databases.databases], "databases", reg)
    return problems


def open_data_rules(reg: Registries) -> list[Problem]:
    src = reg.sources["open_data"]
    problems: list[Problem] = []
    for i, ds in enumerate(reg.open_data.open_datasets):
        at = ("open_datasets", i)
        problems += check_ref(
            ds.publishing_unit, dict(reg.units), "unit", src, (*at, "publishing_unit")
        )
        problems += check_ref(ds.phase, dict(reg.phase_by_id), "phase", src, (*at, "phase"))
        problems += check_ref(
            ds.source_database, dict(reg.database_by_id), "database", src, (*at, "source_database")
        )
        if len(set(ds.formats)) != len(ds.formats):
            problems.append(src.problem((*at, "formats"), "a format is listed twice"))
    problems += _name_problems([d.name for d in reg.open_data.open_datasets], "open_data", reg)
    return problems


def registry_rules(reg: Registries) -> list[Problem]:
    """Every registry rule, in one list."""
    problems = organisation_rules(reg) + phase_rules(reg) + database_rules(reg)
    problems += open_data_rules(reg) + people_rules(reg)
    problems += mention_problems(reg.legal, reg, reg.sources["legal"])
    if reg.concluding_notices is not None:
        problems += mention_problems(reg.concluding_notices, reg, reg.sources["concluding_notices"])
    if reg.schedule is not None:
        problems += schedule_rules(
            reg.schedule, reg.sources["schedule"], set(reg.units), set(reg.legal_documents)
        )
    return problems
