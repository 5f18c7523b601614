"""The Project's cost tables: exact sums in đồng, shown in triệu đồng, with the
grand total in words.

Rounding, explicitly:

- amounts in content are whole đồng (``int``); every sum is exact;
- tables show triệu đồng via :func:`drafter.vietnamese.million_vnd`: the
  exact amount divided by 1,000,000, rounded half-up to at most 3 decimals.
  A total cell is rounded from its exact sum, never summed from rounded cells,
  so a column of rounded figures may differ from its rounded total by at most
  0,001 per row (content in whole thousands of đồng, which the rules ask for,
  never rounds at all);
- the words ("Bằng chữ: …") are always computed from the exact grand total in
  đồng, never from a rounded figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter.content.project_models import (
    FUNDING_SOURCES,
    CostTotals,
    ProjectContent,
    cost_totals,
)
from drafter.content.refs import Registries
from drafter.vietnamese import million_vnd, money_in_words, period


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def phase_label(reg: Registries, phase_id: str) -> str:
    """``"Giai đoạn 2023–2025"``."""
    phase = reg.phase_by_id[phase_id]
    return _capital(period(phase.start, phase.end))


@dataclass(frozen=True)
class CostRow:
    """One row of a cost table: a label, one cell per funding source, the total."""

    stt: str
    label: str
    #: the label of a phase's total row in Appendix II ("Cộng giai đoạn 2023–2025")
    total_label: str
    phase: str
    cells: list[str]
    total: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "stt": self.stt,
            "label": self.label,
            "total_label": self.total_label,
            "phase": self.phase,
            "cells": self.cells,
            "total": self.total,
        }


def cell(amount: int) -> str:
    """An amount in a ``triệu đồng`` cell; nothing to spend shows as ``-``."""
    return million_vnd(amount) if amount else "-"


def _row(stt: str, label: str, phase: str, amounts: list[int]) -> CostRow:
    total_label = f"Cộng {label[:1].lower()}{label[1:]}" if label else ""
    return CostRow(stt, label, total_label, phase, [cell(a) for a in amounts], cell(sum(amounts)))


def words_line(amount: int) -> str:
    """``"Bằng chữ: Bốn mươi tám tỷ … đồng."`` from the exact amount in đồng."""
    return f"Bằng chữ: {money_in_words(amount)}."


def checked_totals(content: ProjectContent) -> CostTotals:
    """The exact totals; a disagreement between them is a bug, not a user mistake."""
    totals = cost_totals(content.costs.lines)
    problems = totals.disagreements()
    if problems:
        raise AssertionError("cost totals disagree: " + "; ".join(problems))
    return totals


def cost_context(content: ProjectContent, reg: Registries) -> dict[str, Any]:
    """Cost tables for Part V (phase × source) and Appendix II (task × phase × source).

    Cells and totals are strings in triệu đồng; ``grand_vnd`` is the exact
    total in đồng and ``words`` reads it.
    """
    totals = checked_totals(content)
    sources = list(FUNDING_SOURCES)
    summary = [
        _row(
            "",
            phase_label(reg, phase),
            "",
            [totals.by_phase_source.get((phase, s), 0) for s in sources],
        ).as_dict()
        for phase in content.phases
    ]
    grand_row = _row("", "Tổng cộng", "", [totals.by_source.get(s, 0) for s in sources]).as_dict()
    tasks = []
    for n, task in enumerate(content.tasks, start=1):
        by_source = [
            sum(totals.cells.get((task.id, p, s), 0) for p in task.phases) for s in sources
        ]
        phases = [
            _row(
                "",
                "",
                phase_label(reg, p),
                [totals.cells.get((task.id, p, s), 0) for s in sources],
            ).as_dict()
            for p in task.phases
        ]
        tasks.append({**_row(str(n), task.name, "", by_source).as_dict(), "phases": phases})
    return {
        "unit": "Đơn vị tính: triệu đồng",
        "sources": [_capital(s) for s in sources],
        "by_source": [
            {"name": _capital(s), "amount": million_vnd(totals.by_source.get(s, 0))}
            for s in sources
        ],
        "summary": summary,
        # chart data: per source, its amount in each of the Project's phases (đồng)
        "series": [
            (_capital(s), [totals.by_phase_source.get((p, s), 0) for p in content.phases])
            for s in sources
        ],
        "tasks": tasks,
        "total": grand_row,
        "grand_vnd": totals.grand,
        "grand": million_vnd(totals.grand),
        "words": words_line(totals.grand),
    }
