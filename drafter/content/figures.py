"""Facts a document states that a registry already knows: checked where the
text lets us tell.

- legal bases: no document is cited as a basis before it takes effect on the
  citing document's date (or, for an undated draft, by the end of its year);
- typed figures: a count written in running text before "cơ sở dữ liệu",
  "CSDL" or "hệ thống (thông tin)", a percentage next to "LGSP", and a target
  "N/M" about priority-1 databases are held against the registers.  A figure
  that no register count matches is a warning (an error under --strict):
  write the computed value (``{so_csdl}``, …) instead.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import DocumentHeader, Model
from drafter.content.people_rules import texts
from drafter.content.refs import Registries
from drafter.errors import Problem, Severity


def document_day(content: DocumentHeader) -> dt.date | None:
    """The day a document speaks: its date, else the last day of its year."""
    if content.date is not None:
        return content.date
    return dt.date(content.year, 12, 31) if content.year else None


def in_force_problems(
    content: DocumentHeader, bases: list[str], reg: Registries, src: SourceMap
) -> list[Problem]:
    """A legal basis that is not yet in force on the document's day."""
    day = document_day(content)
    if day is None:
        return []
    problems = []
    for i, legal_id in enumerate(bases):
        doc = reg.legal_documents.get(legal_id)
        if doc is None or doc.effective <= day:
            continue
        problems.append(
            src.problem(
                ("legal_bases", i),
                f"'{legal_id}' ({doc.kind} số {doc.number}) takes effect on "
                f"{doc.effective:%d/%m/%Y}, after this document's "
                f"{'date' if content.date else 'year'} ({day:%d/%m/%Y}): it cannot be a basis yet",
            )
        )
    return problems


_COUNT = re.compile(
    r"(?<![\d/.,])(?P<n>\d{1,4})\s+(?:hệ thống thông tin, cơ sở dữ liệu|cơ sở dữ liệu|CSDL|"
    r"hệ thống thông tin|hệ thống)\b"
)
_PERCENT_LGSP = re.compile(r"(?P<n>\d{1,3}(?:,\d+)?)\s*%")
_RATIO = re.compile(r"(?P<a>\d{1,3})\s*/\s*(?P<b>\d{1,3})")


def register_counts(reg: Registries) -> set[int]:
    """Every count a sentence about the database register may rightly state."""
    dbs = reg.databases.databases
    counts = {len(dbs), len(reg.open_data.open_datasets), len(reg.databases.sectors)}
    for kind in ("cơ sở dữ liệu", "hệ thống thông tin"):
        counts.add(sum(1 for d in dbs if d.kind == kind))
    for priority in (1, 2, 3):
        counts.add(sum(1 for d in dbs if d.priority == priority))
    for phase in reg.phases.phases:
        counts.add(sum(1 for d in dbs if d.phase == phase.id))
    for sector in reg.databases.sectors:
        counts.add(sum(1 for d in dbs if d.sector == sector.id))
    return counts


def lgsp_share(reg: Registries) -> float:
    """The share (%) of the register's entries shared at all, the most LGSP can connect."""
    dbs = reg.databases.databases
    shared = sum(1 for d in dbs if "không chia sẻ" not in d.sharing)
    return 100 * shared / len(dbs)


def _figure_problems(path: PathKey, text: str, reg: Registries, src: SourceMap) -> list[Problem]:
    text = " ".join(text.split())
    problems: list[Problem] = []
    counts = register_counts(reg)
    for match in _COUNT.finditer(text):
        n = int(match["n"])
        if n not in counts:
            problems.append(
                src.problem(
                    path,
                    f"typed figure “{match.group(0)}”: no count of the registers is {n} "
                    f"(the database list holds {len(reg.databases.databases)} entries); "
                    "write the computed value instead",
                    severity=Severity.WARNING,
                )
            )
    if "LGSP" in text:
        most = lgsp_share(reg)
        unshared = sum(1 for d in reg.databases.databases if "không chia sẻ" in d.sharing)
        for match in _PERCENT_LGSP.finditer(text):
            value = float(match["n"].replace(",", "."))
            if value > most + 1e-9:
                problems.append(
                    src.problem(
                        path,
                        f"typed figure “{match.group(0)}” next to LGSP: only "
                        f"{most:.0f}% of the register's entries are shared at all "
                        f"({unshared} marked 'không chia sẻ')",
                        severity=Severity.WARNING,
                    )
                )
    if "ưu tiên 1" in text:
        priority_one = sum(1 for d in reg.databases.databases if d.priority == 1)
        for match in _RATIO.finditer(text):
            if int(match["b"]) != priority_one:
                problems.append(
                    src.problem(
                        path,
                        f"typed figure “{match.group(0)}” about priority-1 databases: the "
                        f"register holds {priority_one} priority-1 entries",
                        severity=Severity.WARNING,
                    )
                )
    return problems


def figure_problems(content: Model, reg: Registries, src: SourceMap) -> list[Problem]:
    """Typed figures in a document's content that the registers contradict."""
    problems: list[Problem] = []
    # a target row is read as one sentence: indicator, baseline and target together
    goals = getattr(content, "goals", None)
    targets = getattr(goals, "targets", None) or []
    for i, target in enumerate(targets):
        sentence = f"{target.indicator} {target.baseline} {target.target}"
        problems += _figure_problems(("goals", "targets", i), sentence, reg, src)
    for path, text in texts(content):
        if path[:2] == ("goals", "targets"):
            continue
        problems += _figure_problems(path, text, reg, src)
    return problems
