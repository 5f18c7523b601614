"""The Project's cross-document rules: each with a failing fixture (the sample
project, edited) and the located message the user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DrafterError, Problem, Severity
from drafter.project import load_project

DE_AN = "documents/de-an.yaml"


def edit(content: Path, file: str, find: str, replace: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert find in text, f"{find!r} not in {file}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


def line_of(content: Path, file: str, needle: str) -> int:
    lines = (content / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def problems(content: Path) -> list[Problem]:
    """Every problem of the project: errors raise, warnings come back on the project."""
    try:
        return load_project(content).warnings
    except DrafterError as exc:
        return exc.problems


def find(found: list[Problem], fragment: str) -> Problem:
    matches = [p for p in found if fragment in p.format()]
    assert matches, f"no problem with {fragment!r} in:\n" + "\n".join(p.format() for p in found)
    return matches[0]


def test_sample_project_has_no_project_problems(sample: Path) -> None:
    assert [p for p in problems(sample) if "de-an" in p.file] == []


def test_uncovered_priority_one_database_is_a_located_error(sample: Path) -> None:
    edit(sample, DE_AN, "databases: [nen-tang-lgsp, httt-cong-ttdt]", "databases: [httt-cong-ttdt]")
    found = find(problems(sample), "priority-1 database 'nen-tang-lgsp'")
    assert found.severity is Severity.ERROR
    assert found.file.endswith("documents/de-an.yaml")
    assert found.line == line_of(sample, DE_AN, "tasks:")
    registry_line = line_of(sample, "registries/databases.yaml", "id: nen-tang-lgsp")
    assert f"registries/databases.yaml:{registry_line}" in found.message
    assert "is not covered by any task" in found.message


def test_uncovered_priority_two_database_is_a_warning(sample: Path) -> None:
    edit(
        sample,
        DE_AN,
        "databases: [csdl-tu-lieu-bao-dtpt, csdl-tai-lieu-tuyen-truyen, csdl-hop-tac-quoc-te]",
        "databases: [csdl-tu-lieu-bao-dtpt, csdl-hop-tac-quoc-te]",
    )
    found = find(problems(sample), "priority-2 database 'csdl-tai-lieu-tuyen-truyen'")
    assert found.severity is Severity.WARNING


def test_task_phase_outside_the_projects_phases_is_located(sample: Path) -> None:
    edit(
        sample,
        DE_AN,
        "phases: [gd-2023-2025, gd-2026-2030]\n\n# Phần I",
        "phases: [gd-2023-2025]\n\n# Phần I",
    )
    found = find(
        problems(sample), "the task's phase 'gd-2026-2030' is not one of the Project's phases"
    )
    assert found.path.startswith("tasks[") and found.path.endswith(".phases[1]")
    assert found.line > line_of(sample, DE_AN, "tasks:")


def test_target_year_outside_its_phase_is_located(sample: Path) -> None:
    edit(sample, DE_AN, "      year: 2024\n", "      year: 2027\n")
    found = find(problems(sample), "year 2027 lies outside phase 'gd-2023-2025' (2023–2025)")
    assert found.path == "goals.targets[3].year"
    assert found.line == line_of(sample, DE_AN, "year: 2027")


SCHEDULE = "registries/schedule.yaml"


def test_steps_out_of_date_order_are_located(sample: Path) -> None:
    edit(sample, SCHEDULE, "start: 2023-06-19", "start: 2023-05-20")
    found = find(problems(sample), "steps are out of date order")
    assert found.path == "steps[2].start"
    assert found.line == line_of(sample, SCHEDULE, "start: 2023-05-20")


def test_step_after_the_submission_deadline_is_located(sample: Path) -> None:
    edit(sample, SCHEDULE, "end: 2023-10-31", "end: 2023-11-10")
    found = find(problems(sample), "after the submission deadline 2023-10-31")
    assert found.path == "steps[10].end"


def test_negative_amount_is_a_located_error(sample: Path) -> None:
    edit(sample, DE_AN, "amount: 1_200_000_000}", "amount: -1_200_000_000}")
    found = find(problems(sample), "amount -1.200.000.000 đồng is negative")
    assert found.path == "costs.lines[0].amount"
    assert found.line == line_of(sample, DE_AN, "amount: -1_200_000_000")


def test_fractional_amount_is_refused(sample: Path) -> None:
    edit(sample, DE_AN, "amount: 1_200_000_000}", "amount: 1200000000.5}")
    found = find(problems(sample), "costs.lines[0].amount: expected a whole number")
    assert found.severity is Severity.ERROR


def test_declared_total_that_disagrees_names_both_places(sample: Path) -> None:
    edit(sample, DE_AN, "declared_total: 98_202_500_000", "declared_total: 99_000_000_000")
    found = find(problems(sample), "declared total 99.000.000.000 đồng disagrees")
    assert found.path == "costs.declared_total"
    assert found.line == line_of(sample, DE_AN, "declared_total: 99_000_000_000")
    first = line_of(sample, DE_AN, "{task: nv-the-che")
    last = line_of(sample, DE_AN, "{task: nv-dia-phuong, phase: gd-2026-2030, source: nguồn hợp")
    assert "the sum of all cost lines, 98.202.500.000 đồng" in found.message
    assert f"39 cost line(s) at content/documents/de-an.yaml lines {first}–{last}" in found.message
    assert "difference 797.500.000 đồng" in found.message


def test_declared_phase_total_that_disagrees_is_located(sample: Path) -> None:
    edit(
        sample,
        DE_AN,
        "declared_total: 98_202_500_000",
        "declared_total: 98_202_500_000\n  declared_by_phase:\n    gd-2026-2030: 45_000_000_000",
    )
    found = find(problems(sample), "the sum of phase 'gd-2026-2030', 46.000.000.000 đồng")
    assert found.path == "costs.declared_by_phase.gd-2026-2030"


def test_cost_line_for_a_phase_the_task_skips_is_located(sample: Path) -> None:
    edit(
        sample,
        DE_AN,
        "{task: nv-the-che, phase: gd-2023-2025,",
        "{task: nv-the-che, phase: gd-2026-2030,",
    )
    found = find(problems(sample), "task 'nv-the-che' is not carried out in phase 'gd-2026-2030'")
    assert found.path == "costs.lines[0].phase"


def test_cost_line_listed_twice_is_located(sample: Path) -> None:
    edit(
        sample,
        DE_AN,
        "{task: nv-ha-tang, phase: gd-2023-2025,",
        "{task: nv-the-che, phase: gd-2023-2025,",
    )
    found = find(problems(sample), "is costed twice (first at line")
    assert found.path == "costs.lines[1]"


@pytest.mark.parametrize(
    ("find_text", "replace_text", "message"),
    [
        ("lead: vu-dtts", "lead: vu-dtt", "unknown unit 'vu-dtt'; did you mean 'vu-dtts'?"),
        (
            "databases: [httt-giai-quyet-tthc,",
            "databases: [httt-giai-quyet,",
            "unknown database 'httt-giai-quyet'",
        ),
        ("  - qd-06-2022\n", "  - qd-07-2022\n", "unknown legal document 'qd-07-2022'"),
        ("phase: gd-2026-2030\n", "phase: gd-2026-2035\n", "unknown phase 'gd-2026-2035'"),
        (
            "{task: nv-lgsp, phase: gd-2023-2025",
            "{task: nv-lgsb, phase: gd-2023-2025",
            "unknown task 'nv-lgsb'",
        ),
    ],
)
def test_unknown_ids_are_located_errors(
    sample: Path, find_text: str, replace_text: str, message: str
) -> None:
    edit(sample, DE_AN, find_text, replace_text)
    found = find(problems(sample), message)
    assert found.severity is Severity.ERROR
    assert found.line == line_of(sample, DE_AN, replace_text.strip().split("\n")[0][:30])


def test_unknown_placeholder_in_project_text_is_located(sample: Path) -> None:
    edit(sample, DE_AN, "với {so_nhiem_vu} nhiệm vụ", "với {so_nhiem_vu_x} nhiệm vụ")
    found = find(problems(sample), "unknown computed value '{so_nhiem_vu_x}'")
    assert found.path == "necessity[3]"
