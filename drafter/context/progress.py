"""The progress report on the tasks of the Concluding Notices: the status
arithmetic, the counts per notice and per unit, and the report's context.

Every task is put in exactly one status as of the report date:

- *hoàn thành đúng hạn*: done on or before its deadline, or done with none;
- *hoàn thành quá hạn*: done after its deadline;
- *đang thực hiện trong hạn*: started, not done, deadline on or after the report
  date (a deadline equal to the report date is still within it), or no deadline;
- *quá hạn*: not done and the deadline has passed, whether started or not (a
  task not started past its deadline is overdue, noted "chưa triển khai");
- *chưa triển khai*: not started and its deadline (if any) not yet passed.

A completion dated after the report date does not count as done on it, and
notices dated after it are not reported: a report is the state on its date.
"""

from __future__ import annotations

import datetime as dt
import enum
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drafter.content.models import Unit
from drafter.content.progress_models import ConcludingNotice, NoticeTask, ProgressReportContent
from drafter.content.refs import Registries
from drafter.context.chart_cache import cached_chart
from drafter.context.charts import Picture
from drafter.context.common import fill, header_context
from drafter.vietnamese import date_words, format_number, roman


class Status(enum.Enum):
    """The five statuses, in the order the report's tables list them."""

    DONE_ON_TIME = "Hoàn thành đúng hạn"
    DONE_LATE = "Hoàn thành quá hạn"
    IN_PROGRESS = "Đang thực hiện trong hạn"
    OVERDUE = "Quá hạn"
    NOT_STARTED = "Chưa triển khai"

    @property
    def key(self) -> str:
        """The name the template uses for this status's column."""
        return self.name.lower()


STATUSES: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class Classified:
    """A task's status on the report date, with what the report says beside it."""

    status: Status
    #: days past the deadline: overdue tasks (to the report date) and tasks
    #: done late (to the completion date); None otherwise
    days_late: int | None = None
    #: an overdue task that was never started
    not_started: bool = False
    no_deadline: bool = False

    @property
    def label(self) -> str:
        """The status as the task table shows it."""
        if self.status is Status.OVERDUE:
            text = f"Quá hạn {self.days_late} ngày"
            return f"{text} (chưa triển khai)" if self.not_started else text
        if self.status is Status.DONE_LATE:
            return f"Hoàn thành quá hạn {self.days_late} ngày"
        if self.no_deadline and self.status is Status.IN_PROGRESS:
            return "Đang thực hiện (không quy định thời hạn)"
        return str(self.status.value)


def classify(task: NoticeTask, as_of: dt.date) -> Classified:
    """The status of ``task`` on ``as_of`` (see the module's docstring)."""
    done = task.completed is not None and task.completed <= as_of
    started = task.started if task.started is not None else task.completed is not None
    deadline = task.deadline
    if done:
        assert task.completed is not None
        if deadline is None or task.completed <= deadline:
            return Classified(Status.DONE_ON_TIME, no_deadline=deadline is None)
        return Classified(Status.DONE_LATE, days_late=(task.completed - deadline).days)
    if deadline is not None and deadline < as_of:
        return Classified(
            Status.OVERDUE, days_late=(as_of - deadline).days, not_started=not started
        )
    status = Status.IN_PROGRESS if started else Status.NOT_STARTED
    return Classified(status, no_deadline=deadline is None)


@dataclass(frozen=True)
class Counts:
    """How many tasks are in each status."""

    by_status: Mapping[Status, int]

    @classmethod
    def of(cls, statuses: Iterable[Classified]) -> Counts:
        tally = dict.fromkeys(STATUSES, 0)
        for item in statuses:
            tally[item.status] += 1
        return cls(tally)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def __getitem__(self, status: Status) -> int:
        return self.by_status[status]

    def __add__(self, other: Counts) -> Counts:
        return Counts({s: self[s] + other[s] for s in STATUSES})


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a Vietnamese percentage, one decimal: ``"15,6%"``."""
    if whole == 0:
        return "0%"
    return format_number(Decimal(part * 100) / Decimal(whole), 1) + "%"


@dataclass(frozen=True)
class ReportedNotice:
    notice: ConcludingNotice
    number: str
    date: dt.date
    tasks: list[tuple[NoticeTask, Classified]]

    @property
    def counts(self) -> Counts:
        return Counts.of(c for _, c in self.tasks)


def notice_number_and_date(notice: ConcludingNotice, reg: Registries) -> tuple[str, dt.date]:
    """A notice's number and date, from the legal registry when it is registered there.

    The content rules make sure one of the two places gives them.
    """
    if notice.legal_document is not None:
        doc = reg.legal_documents[notice.legal_document]
        return doc.number, doc.date
    assert notice.number is not None and notice.date is not None
    return notice.number, notice.date


def reported_notices(
    notices: Sequence[ConcludingNotice], reg: Registries, since: dt.date, as_of: dt.date
) -> list[ReportedNotice]:
    """The notices dated within [since, as_of], by date (register order on a tie),
    each with its tasks classified as of ``as_of``."""
    out = []
    for notice in notices:
        number, date = notice_number_and_date(notice, reg)
        if since <= date <= as_of:
            tasks = [(task, classify(task, as_of)) for task in notice.tasks]
            out.append(ReportedNotice(notice, number, date, tasks))
    return sorted(out, key=lambda r: r.date)


def short_date(d: dt.date) -> str:
    """A date in a table cell: ``30/06/2023``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def count_cells(counts: Counts) -> dict[str, str]:
    """The status columns of a table row, plus the row's total."""
    cells = {s.key: str(counts[s]) for s in STATUSES}
    cells["total"] = str(counts.total)
    return cells


def count_table(rows: Sequence[tuple[str, Counts]]) -> dict[str, Any]:
    """A table of counts: numbered rows, a total row and a percentage row."""
    total = sum((c for _, c in rows), Counts.of([]))
    return {
        "rows": [
            {"stt": str(n), "name": name, **count_cells(counts)}
            for n, (name, counts) in enumerate(rows, start=1)
        ],
        "total": count_cells(total),
        "percent": {
            **{s.key: percent(total[s], total.total) for s in STATUSES},
            "total": percent(total.total, total.total),
        },
    }


def notice_label(item: ReportedNotice) -> str:
    return f"Thông báo số {item.number} ngày {short_date(item.date)} ({item.notice.meeting})"


def by_notice(items: Sequence[ReportedNotice]) -> dict[str, Any]:
    """The table by notice, in date order."""
    return count_table([(notice_label(item), item.counts) for item in items])


def by_unit(items: Sequence[ReportedNotice], units: Sequence[Unit]) -> dict[str, Any]:
    """The table by lead unit, in the organisation registry's order; units
    leading no reported task are left out."""
    per_unit: dict[str, list[Classified]] = {}
    for item in items:
        for task, classified in item.tasks:
            per_unit.setdefault(task.lead, []).append(classified)
    return count_table([(u.name, Counts.of(per_unit[u.id])) for u in units if u.id in per_unit])


def overdue_rows(items: Sequence[ReportedNotice], reg: Registries) -> list[dict[str, str]]:
    """Overdue tasks, most days overdue first (then in report order)."""
    found = [
        (task, classified, item)
        for item in items
        for task, classified in item.tasks
        if classified.status is Status.OVERDUE
    ]
    found.sort(key=lambda f: -(f[1].days_late or 0))
    return [
        {
            "stt": str(n),
            "content": task.content,
            "notice": f"{item.number} ngày {short_date(item.date)}",
            "unit": reg.units[task.lead].name,
            "deadline": short_date(task.deadline) if task.deadline else "",
            "days": str(classified.days_late),
            "note": "Chưa triển khai" if classified.not_started else "Đang thực hiện",
        }
        for n, (task, classified, item) in enumerate(found, start=1)
    ]


def task_row(
    number: int, task: NoticeTask, classified: Classified, reg: Registries
) -> dict[str, str]:
    return {
        "stt": str(number),
        "content": task.content,
        "lead": reg.units[task.lead].name,
        "coordinating": "; ".join(reg.units[u].name for u in task.coordinating),
        "deadline": short_date(task.deadline) if task.deadline else "Không quy định",
        "status": classified.label,
        "result": task.result or "",
        "completed": (
            short_date(task.completed)
            if task.completed is not None and classified.status in _DONE
            else ""
        ),
    }


_DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})


def task_groups(items: Sequence[ReportedNotice], reg: Registries) -> list[dict[str, Any]]:
    """The appendix: one group per notice (I, II, …), tasks numbered 1..N across groups."""
    groups = []
    number = 0
    for g, item in enumerate(items, start=1):
        rows = []
        for task, classified in item.tasks:
            number += 1
            rows.append(task_row(number, task, classified, reg))
        groups.append({"numeral": roman(g), "name": notice_label(item), "rows": rows})
    return groups


def summary_values(
    items: Sequence[ReportedNotice], since: dt.date, as_of: dt.date
) -> dict[str, str]:
    """The ``{name}`` values of the report's text, all computed."""
    counts = sum((item.counts for item in items), Counts.of([]))
    total = counts.total
    done = counts[Status.DONE_ON_TIME] + counts[Status.DONE_LATE]
    every = [c for item in items for _, c in item.tasks]
    leads = {task.lead for item in items for task, _ in item.tasks}

    def n(value: int) -> str:
        # counts in running text get a leading zero below 10, as in the Decisions
        return f"{value:02d}"

    values = {
        "ngay_bao_cao": date_words(as_of),
        "tu_ngay": date_words(since),
        "so_thong_bao": n(len(items)),
        "so_don_vi": n(len(leads)),
        "tong_so": n(total),
        "da_hoan_thanh": n(done),
        "ty_le_da_hoan_thanh": percent(done, total),
        "chua_hoan_thanh": n(total - done),
        "ty_le_chua_hoan_thanh": percent(total - done, total),
        "khong_thoi_han": n(
            sum(1 for c in every if c.no_deadline and c.status is Status.IN_PROGRESS)
        ),
        "qua_han_chua_trien_khai": n(
            sum(1 for c in every if c.status is Status.OVERDUE and c.not_started)
        ),
    }
    names = {
        Status.DONE_ON_TIME: "hoan_thanh_dung_han",
        Status.DONE_LATE: "hoan_thanh_qua_han",
        Status.IN_PROGRESS: "dang_thuc_hien",
        Status.OVERDUE: "qua_han",
        Status.NOT_STARTED: "chua_trien_khai",
    }
    for status, name in names.items():
        values[name] = n(counts[status])
        values[f"ty_le_{name}"] = percent(counts[status], total)
    return values


def report_date(content: ProgressReportContent) -> dt.date:
    """The date the figures are computed at: ``as_of``, else the report's own date."""
    when = content.as_of or content.date
    assert when is not None, "the content rules require as_of when the date is blank"
    return when


def status_counts(content: ProgressReportContent, reg: Registries) -> Counts:
    """The counts of the whole report (what the chart shows)."""
    items = _items(content, reg)
    return sum((item.counts for item in items), Counts.of([]))


def _items(content: ProgressReportContent, reg: Registries) -> list[ReportedNotice]:
    assert reg.concluding_notices is not None, "the content rules require the register"
    return reported_notices(
        reg.concluding_notices.concluding_notices, reg, content.since, report_date(content)
    )


#: Chart colours per status: greens for done, blue in progress, red overdue,
#: grey not started; told apart in greyscale print by their lightness too.
_CHART_COLOURS = {
    Status.DONE_ON_TIME: "#1e6b30",
    Status.DONE_LATE: "#8fc98f",
    Status.IN_PROGRESS: "#1f4e79",
    Status.OVERDUE: "#c00000",
    Status.NOT_STARTED: "#bfbfbf",
}
CHART_WIDTH_MM = 150.0
CHART_HEIGHT_MM = 72.0


@cached_chart
def status_chart(counts: Counts) -> Picture:
    """A bar chart of the status counts, each bar labelled with its count and
    share.  Deterministic: the same counts give the same PNG bytes."""
    from drafter.context.charts import _figure, _png, _style, style

    heights = [counts[s] for s in STATUSES]
    with _style():
        figure = _figure(CHART_WIDTH_MM, CHART_HEIGHT_MM)
        axes = figure.add_subplot()
        positions = list(range(len(STATUSES)))
        axes.bar(
            positions,
            heights,
            width=0.55,
            color=[_CHART_COLOURS[s] for s in STATUSES],
            edgecolor="#333333",
            linewidth=0.4,
        )
        for x, value in zip(positions, heights, strict=True):
            label = f"{value} ({percent(value, counts.total)})"
            axes.text(x, value, label, ha="center", va="bottom", fontweight="bold")
        axes.set_xticks(positions)
        # two lines per label so five fit side by side
        axes.set_xticklabels([textwrap.fill(s.value, 14) for s in STATUSES])
        axes.set_ylabel("Số nhiệm vụ")
        axes.set_ylim(0, max([*heights, 1]) * 1.18)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout(pad=0.4)
        recipe = {
            "chart": "status_bars",
            "counts": [[s.value, counts[s]] for s in STATUSES],
            "style": style(
                colours=[_CHART_COLOURS[s] for s in STATUSES], height_mm=CHART_HEIGHT_MM
            ),
        }
        return Picture(_png(figure), CHART_WIDTH_MM, recipe)


def _attached(content: ProgressReportContent, issuer: str) -> str:
    """ "(Kèm theo Báo cáo số …/BC-… ngày … của …)" under the appendix title."""
    number = f" {content.number:02d}" if content.number else " " * 6
    if content.date is not None:
        when = date_words(content.date)
    else:
        when = f"ngày{' ' * 4}tháng{' ' * 4}năm {content.year}"
    return f"(Kèm theo Báo cáo số{number}/{content.symbol} {when} của {issuer})"


def progress_report_context(
    content: ProgressReportContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """The template context of the progress report."""
    as_of = report_date(content)
    items = _items(content, reg)
    values = summary_values(items, content.since, as_of)
    context = header_context(content, reg, draft_marker=draft_marker)
    agency = reg.organisation.agency
    issuer = agency.name
    if content.issuing_unit is not None:
        unit = reg.units[content.issuing_unit]
        # Decree 30: the parent agency above, the issuing unit in bold under it
        context["agency_parent"] = agency.name.upper()
        context["agency_name"] = unit.name.upper()
        issuer = unit.name

    def texts(paragraphs: list[str]) -> list[str]:
        return [fill(p, values) for p in paragraphs]

    totals = sum((item.counts for item in items), Counts.of([]))
    context.update(
        {
            "report_date": values["ngay_bao_cao"],
            "intro": texts(content.intro),
            "summary": texts(content.summary),
            "causes": texts(content.causes),
            "proposals": texts(content.proposals),
            "by_notice": by_notice(items),
            "by_unit": by_unit(items, reg.organisation.units),
            "overdue": overdue_rows(items, reg),
            "groups": task_groups(items, reg),
            "chart": status_chart(totals),
            "chart_caption": (
                f"Biểu đồ 1. Tình hình thực hiện nhiệm vụ đến {values['ngay_bao_cao']}"
            ),
            "appendix": {
                "label": "Phụ lục",
                "title": "DANH MỤC NHIỆM VỤ VÀ TÌNH HÌNH THỰC HIỆN",
                "attached": _attached(content, issuer),
            },
        }
    )
    return context
