"""The progress report's status arithmetic and its tables.

Each edge of the classification is checked on a task built here; the tables
on small hand-counted notices; the summary figures against the tables of the
sample report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from drafter.content.models import Unit
from drafter.content.progress_models import ConcludingNotice, NoticeTask
from drafter.context.progress import (
    Counts,
    ReportedNotice,
    Status,
    by_notice,
    by_unit,
    classify,
    overdue_rows,
    percent,
    progress_report_context,
    status_chart,
)
from drafter.project import load_project

AS_OF = dt.date(2023, 7, 31)


def task(
    *,
    deadline: dt.date | None = None,
    completed: dt.date | None = None,
    started: bool | None = None,
    lead: str = "ttcds",
    coordinating: list[str] | None = None,
    task_id: str = "t",
) -> NoticeTask:
    return NoticeTask(
        id=task_id,
        content="Nhiệm vụ thử",
        lead=lead,
        coordinating=coordinating or [],
        deadline=deadline,
        completed=completed,
        started=started,
    )


def day(d: int, month: int = 7) -> dt.date:
    return dt.date(2023, month, d)


# -- the status of one task ---------------------------------------------------


def test_deadline_equal_to_report_date_is_still_within_deadline() -> None:
    result = classify(task(deadline=AS_OF, started=True), AS_OF)
    assert result.status is Status.IN_PROGRESS
    assert result.days_late is None


def test_deadline_the_day_before_the_report_date_is_one_day_overdue() -> None:
    result = classify(task(deadline=day(30), started=True), AS_OF)
    assert (result.status, result.days_late, result.not_started) == (Status.OVERDUE, 1, False)
    assert result.label == "Quá hạn 1 ngày"


def test_completed_after_the_deadline_is_done_late_by_the_days_between() -> None:
    result = classify(task(deadline=day(15), completed=day(20)), AS_OF)
    assert (result.status, result.days_late) == (Status.DONE_LATE, 5)


def test_completed_on_the_deadline_is_done_on_time() -> None:
    assert classify(task(deadline=day(15), completed=day(15)), AS_OF).status is (
        Status.DONE_ON_TIME
    )


def test_completed_with_no_deadline_is_done_on_time() -> None:
    assert classify(task(completed=day(2)), AS_OF).status is Status.DONE_ON_TIME


def test_no_deadline_and_not_done_is_in_progress_whatever_the_date() -> None:
    result = classify(task(started=True), dt.date(2030, 1, 1))
    assert result.status is Status.IN_PROGRESS
    assert result.no_deadline
    assert result.label == "Đang thực hiện (không quy định thời hạn)"


def test_not_started_past_its_deadline_counts_as_overdue_noted_not_started() -> None:
    result = classify(task(deadline=day(15), started=False), AS_OF)
    assert (result.status, result.days_late, result.not_started) == (Status.OVERDUE, 16, True)
    assert result.label == "Quá hạn 16 ngày (chưa triển khai)"


def test_not_started_before_its_deadline_is_not_started() -> None:
    assert classify(task(deadline=day(31, 8), started=False), AS_OF).status is (Status.NOT_STARTED)


def test_not_started_with_no_deadline_is_not_started() -> None:
    assert classify(task(started=False), AS_OF).status is Status.NOT_STARTED


def test_a_completion_after_the_report_date_is_not_done_on_that_date() -> None:
    late_news = task(deadline=day(10, 8), completed=day(5, 8))
    assert classify(late_news, AS_OF).status is Status.IN_PROGRESS
    assert classify(late_news, day(6, 8)).status is Status.DONE_ON_TIME


# -- tables -------------------------------------------------------------------


def notice(number: str, date: dt.date, *tasks: NoticeTask) -> ReportedNotice:
    model = ConcludingNotice(
        id=f"tb-{number.split('/')[0]}",
        number=number,
        date=date,
        meeting="cuộc họp thử",
        tasks=list(tasks),
    )
    return ReportedNotice(model, number, date, [(t, classify(t, AS_OF)) for t in tasks])


@pytest.fixture
def items() -> list[ReportedNotice]:
    first = notice(
        "1/TB-UBDT",
        day(10, 1),
        task(task_id="a", deadline=day(1, 3), completed=day(1, 3), lead="vp"),  # on time
        task(task_id="b", deadline=day(1, 3), completed=day(9, 3), lead="ttcds"),  # late
        task(task_id="c", deadline=day(1, 7), started=True, lead="ttcds"),  # overdue 30
    )
    second = notice(
        "2/TB-UBDT",
        day(1, 6),
        task(task_id="d", deadline=day(30, 9), started=True, lead="vp"),  # in progress
        task(task_id="e", deadline=day(30, 9), started=False, lead="vu-pc"),  # not started
        task(task_id="f", deadline=day(20), started=False, lead="ttcds"),  # overdue 11
        task(task_id="g", started=True, lead="ttcds", coordinating=["vu-pc"]),  # in progress
    )
    return [first, second]


UNITS = [
    Unit(id=u, name=n, short_name=s, kind="department")
    for u, n, s in (
        ("vp", "Văn phòng Ủy ban", "VP"),
        ("vu-pc", "Vụ Pháp chế", "PC"),
        ("vu-th", "Vụ Tổng hợp", "TH"),
        ("ttcds", "Trung tâm Chuyển đổi số", "TTCĐS"),
    )
]


def columns(row: dict[str, str]) -> list[str]:
    keys = ["total", "done_on_time", "done_late", "in_progress", "overdue", "not_started"]
    return [row[k] for k in keys]


def test_table_by_notice_counts_each_notice_then_the_total(items: list[ReportedNotice]) -> None:
    table = by_notice(items)
    assert [r["name"] for r in table["rows"]] == [
        "Thông báo số 1/TB-UBDT ngày 10/01/2023 (cuộc họp thử)",
        "Thông báo số 2/TB-UBDT ngày 01/06/2023 (cuộc họp thử)",
    ]
    assert [columns(r) for r in table["rows"]] == [
        ["3", "1", "1", "0", "1", "0"],
        ["4", "0", "0", "2", "1", "1"],
    ]
    assert columns(table["total"]) == ["7", "1", "1", "2", "2", "1"]
    assert columns(table["percent"]) == ["100,0%", "14,3%", "14,3%", "28,6%", "28,6%", "14,3%"]


def test_table_by_unit_counts_lead_units_only_in_registry_order(
    items: list[ReportedNotice],
) -> None:
    table = by_unit(items, UNITS)
    # vu-th leads nothing and is left out; vu-pc's coordination of task g is not counted
    assert [(r["stt"], r["name"]) for r in table["rows"]] == [
        ("1", "Văn phòng Ủy ban"),
        ("2", "Vụ Pháp chế"),
        ("3", "Trung tâm Chuyển đổi số"),
    ]
    assert [columns(r) for r in table["rows"]] == [
        ["2", "1", "0", "1", "0", "0"],
        ["1", "0", "0", "0", "0", "1"],
        ["4", "0", "1", "1", "2", "0"],
    ]
    assert table["total"] == by_notice(items)["total"]


class _Reg:
    """Only what overdue_rows reads from the registries."""

    def __init__(self) -> None:
        self.units = {u.id: u for u in UNITS}


def test_overdue_list_gives_days_overdue_most_overdue_first(items: list[ReportedNotice]) -> None:
    rows = overdue_rows(items, _Reg())  # type: ignore[arg-type]
    assert [(r["stt"], r["days"], r["deadline"], r["note"]) for r in rows] == [
        ("1", "30", "01/07/2023", "Đang thực hiện"),
        ("2", "11", "20/07/2023", "Chưa triển khai"),
    ]


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(1, 3, "33,3%"), (2, 3, "66,7%"), (1, 8, "12,5%"), (0, 5, "0,0%"), (0, 0, "0%")],
)
def test_percentages_are_vietnamese_with_one_decimal(part: int, whole: int, shown: str) -> None:
    assert percent(part, whole) == shown


def test_chart_bytes_depend_on_the_counts_alone() -> None:
    counts = Counts({s: n for s, n in zip(Status, (3, 1, 2, 2, 1), strict=True)})
    first, again = status_chart(counts), status_chart(counts)
    other = status_chart(Counts({s: 1 for s in Status}))
    assert first.png.startswith(b"\x89PNG") and first.png == again.png
    assert other.png != first.png


# -- the sample report: summary figures against its tables ---------------------


@pytest.fixture(scope="module")
def sample_context(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from helpers import SAMPLE, copy_project

    root = copy_project(SAMPLE, tmp_path_factory.mktemp("progress"))
    project = load_project(root)
    doc = project.document("bao-cao-tien-do")
    return progress_report_context(doc.content, project.registries, draft_marker="Dự thảo")  # type: ignore[arg-type]


def test_summary_figures_match_the_tables(sample_context: dict[str, Any]) -> None:
    summary = " ".join(sample_context["summary"])
    total = sample_context["by_notice"]["total"]
    share = sample_context["by_notice"]["percent"]
    assert f"ban hành {len(sample_context['by_notice']['rows']):02d} Thông báo" in summary
    assert f"giao {int(total['total']):02d} nhiệm vụ" in summary
    assert f"{int(total['done_on_time']):02d} nhiệm vụ hoàn thành đúng hạn" in summary
    assert f"({share['done_on_time']})" in summary
    assert f"{int(total['done_late']):02d} nhiệm vụ hoàn thành quá hạn" in summary
    assert f"{int(total['in_progress']):02d} nhiệm vụ đang thực hiện trong hạn" in summary
    assert f"{int(total['overdue']):02d} nhiệm vụ quá hạn ({share['overdue']})" in summary
    assert f"{int(total['not_started']):02d} nhiệm vụ chưa đến thời hạn" in summary
    done = int(total["done_on_time"]) + int(total["done_late"])
    assert f"hoàn thành {done:02d} nhiệm vụ" in summary
    assert f"cho {len(sample_context['by_unit']['rows']):02d} Vụ, đơn vị" in summary


def test_sample_tables_agree_and_list_every_overdue_task(sample_context: dict[str, Any]) -> None:
    by_n, by_u = sample_context["by_notice"], sample_context["by_unit"]
    assert by_n["total"] == by_u["total"]
    for table in (by_n, by_u):
        for key in ("total", "done_on_time", "done_late", "in_progress", "overdue"):
            assert sum(int(r[key]) for r in table["rows"]) == int(table["total"][key])
    assert len(sample_context["overdue"]) == int(by_n["total"]["overdue"])
    rows = [r for g in sample_context["groups"] for r in g["rows"]]
    assert [r["stt"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert len(rows) == int(by_n["total"]["total"])
