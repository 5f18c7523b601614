"""Cost arithmetic of the Project: exact sums in đồng, triệu đồng in tables,
the words from the exact grand total."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.content.project_models import CostLine, CostTotals, cost_totals
from drafter.context.costs import cell, cost_context, words_line
from drafter.project import load_project


def line(task: str, phase: str, source: str, amount: int) -> CostLine:
    return CostLine(task=task, phase=phase, source=source, amount=amount)  # type: ignore[arg-type]


LINES = [
    line("a", "p1", "ngân sách trung ương", 1_000_400),
    line("a", "p1", "ngân sách địa phương", 2_000_400),
    line("b", "p2", "ngân sách trung ương", 1_000_400),
]


def test_totals_by_task_phase_and_source_agree() -> None:
    totals = cost_totals(LINES)
    assert totals.grand == 4_001_200
    assert totals.by_task == {"a": 3_000_800, "b": 1_000_400}
    assert totals.by_phase == {"p1": 3_000_800, "p2": 1_000_400}
    assert totals.by_source == {
        "ngân sách trung ương": 2_000_800,
        "ngân sách địa phương": 2_000_400,
    }
    assert totals.disagreements() == []


def test_a_table_that_does_not_add_up_is_reported() -> None:
    totals = cost_totals(LINES)
    broken = CostTotals(**{**totals.__dict__, "by_phase": {"p1": 3_000_800, "p2": 1}})
    assert broken.disagreements() == ["the totals by phases add up to 3000801, not 4001200"]


def test_a_rounded_total_comes_from_the_exact_sum_not_the_rounded_cells() -> None:
    # each cell rounds down (1,0004 -> 1), the exact total 4,0012 rounds to 4,001
    assert [cell(a) for a in (1_000_400, 2_000_400, 1_000_400)] == ["1", "2", "1"]
    assert cell(cost_totals(LINES).grand) == "4,001"


def test_half_a_thousand_rounds_up_in_triệu_đồng() -> None:
    assert cell(1_234_500) == "1,235"
    assert cell(0) == "-"


def test_words_read_the_exact_amount() -> None:
    assert words_line(98_202_500_000) == (
        "Bằng chữ: Chín mươi tám tỷ hai trăm linh hai triệu năm trăm nghìn đồng."
    )
    assert words_line(4_001_200) == "Bằng chữ: Bốn triệu không trăm linh một nghìn hai trăm đồng."


@pytest.fixture(scope="module")
def sample_costs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from helpers import SAMPLE, copy_project

    root = copy_project(SAMPLE, tmp_path_factory.mktemp("costs"))
    project = load_project(root)
    doc = project.document("de-an")
    return cost_context(doc.content, project.registries)  # type: ignore[arg-type]


def test_sample_grand_total_and_words(sample_costs: dict[str, object]) -> None:
    assert sample_costs["grand_vnd"] == 98_202_500_000
    assert sample_costs["grand"] == "98.202,5"
    assert sample_costs["words"] == words_line(98_202_500_000)


def test_sample_summary_rows_add_up_to_the_total_row(sample_costs: dict[str, object]) -> None:
    total = sample_costs["total"]
    assert isinstance(total, dict)
    assert total["cells"] == ["72.952,5", "20.900", "4.350"]
    assert total["total"] == "98.202,5"
    summary = sample_costs["summary"]
    assert isinstance(summary, list)
    assert [row["total"] for row in summary] == ["52.202,5", "46.000"]


def test_sample_has_no_sub_thousand_amounts(tmp_path: Path) -> None:
    from helpers import SAMPLE

    text = (SAMPLE / "documents" / "de-an.yaml").read_text(encoding="utf-8")
    amounts = [int(part.split("}")[0].replace("_", "")) for part in text.split("amount: ")[1:]]
    assert amounts and all(a % 1000 == 0 for a in amounts)
