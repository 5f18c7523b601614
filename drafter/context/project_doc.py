"""Context of the Project (Đề án): cover page, Parts I–VII as numbered lines,
the targets, milestone, task and cost tables, and two charts.

Numbers (``1.``, ``a)``, ``-``) are typed here as text because the PDF
converter does not render Word's automatic numbering.  Each line is a dict
``{"bold": …, "italic": …, "text": …}`` the template writes as three runs.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from drafter.content.models import LegalDocument
from drafter.content.project_models import (
    PROJECT_PART_BY_ID,
    PROJECT_PARTS,
    Abbreviation,
    ProjectContent,
    Task,
)
from drafter.content.refs import Registries
from drafter.context.charts import GanttBar, gantt_chart, stacked_bar_chart
from drafter.context.common import cite, cite_short, fill, header_context
from drafter.context.costs import cost_context, phase_label
from drafter.context.schedule import project_schedule
from drafter.vietnamese import date_words, format_number, point_letter, roman, sort_key

Line = dict[str, str]


def heading(text: str) -> Line:
    return {"bold": text, "italic": "", "text": ""}


def subheading(text: str) -> Line:
    return {"bold": "", "italic": text, "text": ""}


def body(text: str) -> Line:
    return {"bold": "", "italic": "", "text": text}


def lead(label: str, text: str) -> Line:
    """A bold lead-in followed by running text on the same line."""
    return {"bold": label, "italic": "", "text": f" {text}"}


def _end(items: list[str]) -> list[str]:
    """Dash items end with ``;`` and the last with ``.`` unless they already do."""
    out = []
    for n, item in enumerate(items):
        stripped = item.rstrip()
        mark = "." if n == len(items) - 1 else ";"
        out.append(stripped if stripped.endswith((".", ";", ":")) else stripped + mark)
    return out


def dashes(items: list[str]) -> list[Line]:
    return [body(f"- {item}") for item in _end(items)]


class _Citations:
    """Full citation at a document's first mention, the short form afterwards."""

    def __init__(self, reg: Registries) -> None:
        self.reg = reg
        self.seen: set[str] = set()

    def __call__(self, legal_id: str) -> str:
        doc: LegalDocument = self.reg.legal_documents[legal_id]
        if legal_id in self.seen:
            return cite_short(doc)
        self.seen.add(legal_id)
        return cite(doc)


def _part(part_id: str, lines: list[Line]) -> dict[str, Any]:
    part = PROJECT_PART_BY_ID[part_id]
    return {"label": f"Phần {part.numeral}", "title": part.title.upper(), "lines": lines}


def _units(reg: Registries, ids: list[str]) -> str:
    return ", ".join(reg.units[i].name for i in ids)


def _phases(reg: Registries, ids: list[str]) -> str:
    return "; ".join(phase_label(reg, p).lower() for p in ids)


def _task_lines(n: int, task: Task, reg: Registries, values: dict[str, object]) -> list[Line]:
    lines = [heading(f"1.{n}. {task.name}")]
    lines.append(body("- Nội dung:"))
    lines += [body(f"+ {fill(text, values)}") for text in _end(task.content)]
    partners = f"; đơn vị phối hợp: {_units(reg, task.coordinating)}" if task.coordinating else ""
    lines.append(body(f"- Đơn vị chủ trì: {reg.units[task.lead].name}{partners}."))
    lines.append(body(f"- Thời gian thực hiện: {_phases(reg, task.phases)}."))
    lines.append(body(f"- Sản phẩm: {'; '.join(task.outputs)}."))
    if task.databases:
        names = "; ".join(reg.database_by_id[d].name for d in task.databases)
        lines.append(body(f"- Hệ thống thông tin, cơ sở dữ liệu xây dựng, kết nối: {names}."))
    return lines


def _short_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


TERMS_HEADING = "CÁC THUẬT NGỮ VÀ TỪ VIẾT TẮT"


def toc_entries() -> list[dict[str, str]]:
    """The table of contents: each heading as listed, the line that starts it in
    the document (``heading``), and its page (blank until laid out)."""
    entries = [{"title": TERMS_HEADING, "heading": TERMS_HEADING, "page": ""}]
    for part in PROJECT_PARTS:
        label = part.numeral if part.numeral.startswith("Phụ lục") else f"Phần {part.numeral}"
        entries.append({"title": f"{label}. {part.title}", "heading": label, "page": ""})
    return entries


def abbreviations(entries: list[Abbreviation], text: str) -> list[dict[str, str]]:
    """The terms and abbreviations of the glossary the text uses, in Vietnamese
    alphabetical order of the abbreviation."""
    glossary = {entry.term: entry.meaning for entry in entries}
    used = [term for term in glossary if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text)]
    return [
        {"stt": str(n), "term": term, "meaning": glossary[term]}
        for n, term in enumerate(sorted(used, key=sort_key), start=1)
    ]


def project_values(content: ProjectContent, reg: Registries) -> dict[str, object]:
    """The Project's computed ``{name}`` values: tasks, databases the tasks cover,
    the grand total in triệu đồng (also used by the Tờ trình and the approving Decision)."""
    covered = {db for task in content.tasks for db in task.databases}
    dbs = reg.databases.databases
    shared = sum(1 for d in dbs if "không chia sẻ" not in d.sharing)
    share = format_number(Decimal(1000 * shared // len(dbs)) / 10, 1).removesuffix(",0")
    return {
        "so_nhiem_vu": f"{len(content.tasks):02d}",
        "so_csdl": f"{len(covered):02d}",
        "tong_kinh_phi": cost_context(content, reg)["grand"],
        "so_muc_danh_muc": f"{len(dbs):02d}",
        "so_csdl_uu_tien_1": f"{sum(1 for d in dbs if d.priority == 1):02d}",
        "so_du_lieu_mo": f"{len(reg.open_data.open_datasets):02d}",
        "ty_le_chia_se": f"{share}%",
    }


def project_context(
    content: ProjectContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """The template context of the Project: plain values, plus two charts as
    :class:`~drafter.context.charts.Picture` values (``charts.costs``, ``charts.gantt``)."""
    cites = _Citations(reg)
    costs = cost_context(content, reg)
    values = project_values(content, reg)

    def prose(items: list[str]) -> list[str]:
        return [fill(text, values) for text in items]

    agency = reg.organisation.agency
    context = header_context(content, reg, draft_marker=draft_marker)
    schedule = project_schedule(content, reg)
    deadline = schedule.deadline
    context["cover"] = {
        "agency_parent": agency.parent.upper() if agency.parent else "",
        "agency_name": agency.name.upper(),
        "doc_type": "ĐỀ ÁN",
        "title": content.title.upper(),
        # the cover is dated with the month the Project goes to the Prime Minister
        "date_line": f"{agency.place}, tháng {deadline.month} năm {deadline.year}",
    }

    # Part I
    bases = [cites(legal_id) for legal_id in content.legal_bases]
    part1 = [heading("1. Sự cần thiết xây dựng Đề án")]
    part1 += [body(text) for text in prose(content.necessity)]
    part1.append(heading("2. Căn cứ pháp lý"))
    part1 += dashes(bases)

    # Part II
    part2: list[Line] = []
    for n, area in enumerate(content.status, start=1):
        part2.append(heading(f"{n}. {area.title}"))
        for k, (label, items) in enumerate(
            (
                ("Kết quả đạt được", area.results),
                ("Hạn chế", area.limitations),
                ("Nguyên nhân", area.causes),
                ("Kiến nghị, giải pháp", area.recommendations),
            )
        ):
            part2.append(subheading(f"{point_letter(k)}) {label}"))
            part2 += dashes(prose(items))

    # Part III
    goals = content.goals
    part3 = [heading("1. Quan điểm")]
    part3 += dashes(prose(goals.viewpoints))
    part3.append(heading("2. Mục tiêu"))
    part3.append(subheading("a) Mục tiêu tổng quát"))
    part3 += [body(text) for text in prose(goals.general)]
    part3.append(subheading("b) Mục tiêu cụ thể"))
    part3.append(body("Các chỉ tiêu cụ thể theo từng giai đoạn như sau:"))
    target_groups: list[dict[str, Any]] = []
    number = 0
    for phase in content.phases:
        rows = []
        for target in goals.targets:
            if target.phase != phase:
                continue
            number += 1
            rows.append(
                {
                    "stt": str(number),
                    "indicator": fill(target.indicator, values),
                    "baseline": fill(target.baseline, values),
                    "target": fill(target.target, values),
                    "year": str(target.year),
                }
            )
        if rows:
            numeral = roman(len(target_groups) + 1)
            target_groups.append(
                {"numeral": numeral, "name": phase_label(reg, phase), "rows": rows}
            )

    # Part IV
    part4 = [heading("1. Nhiệm vụ")]
    for n, task in enumerate(content.tasks, start=1):
        part4 += _task_lines(n, task, reg, values)
    if content.solutions:
        part4.append(heading("2. Giải pháp"))
        part4 += dashes(prose(content.solutions))

    # Part V
    part5 = [heading("1. Nguồn kinh phí")]
    part5 += [body(text) for text in prose(content.costs.basis)]
    part5.append(heading("2. Khái toán kinh phí"))
    part5.append(
        body(
            f"Tổng kinh phí thực hiện Đề án dự kiến là {costs['grand']} triệu đồng "
            f"({costs['words'].removesuffix('.')}), trong đó:"
        )
    )
    part5 += dashes([f"{s['name']}: {s['amount']} triệu đồng" for s in costs["by_source"]])
    part5.append(body("Kinh phí theo giai đoạn và nguồn kinh phí như sau:"))
    part5_after = [
        body("Chi tiết khái toán kinh phí theo từng nhiệm vụ tại Phụ lục II kèm theo Đề án.")
    ]

    # Part VI
    part6: list[Line] = []
    for n, resp in enumerate(content.responsibilities, start=1):
        part6.append(heading(f"{n}. {reg.units[resp.unit].name}"))
        part6 += dashes(prose(resp.duties))

    # Part VII
    part7 = [
        body(
            f"Thực hiện {cites(schedule.basis)}, Đề án được xây dựng theo tiến độ dưới đây "
            f"và trình Thủ tướng Chính phủ trước {date_words(deadline)}."
        )
    ]
    milestones = [
        {
            "stt": str(n),
            "name": m.name,
            "lead": reg.units[m.lead].name,
            # a one-day step shows its one date, not "24/05/2023 - 24/05/2023"
            "time": _short_date(m.start)
            if m.start == m.end
            else f"{_short_date(m.start)} - {_short_date(m.end)}",
            "output": m.output,
        }
        for n, m in enumerate(schedule.steps, start=1)
    ]

    charts = {
        "costs": stacked_bar_chart(
            [phase_label(reg, p) for p in content.phases],
            costs["series"],
            unit_label="Triệu đồng",
        ),
        "gantt": gantt_chart(
            [GanttBar(m.short, m.start, m.end) for m in schedule.steps],
            deadline=deadline,
            deadline_label=f"Hạn trình Thủ tướng Chính phủ ({_short_date(deadline)})",
        ),
    }

    task_rows = [
        {
            "stt": str(n),
            "name": task.name,
            "lead": reg.units[task.lead].name,
            "coordinating": _units(reg, task.coordinating),
            "phase": _phases(reg, task.phases),
            "outputs": "; ".join(task.outputs),
            "databases": "; ".join(reg.database_by_id[d].name for d in task.databases),
        }
        for n, task in enumerate(content.tasks, start=1)
    ]
    attached = f"(Kèm theo Đề án {content.title})"
    words = " ".join(
        " ".join(str(v) for line in part for v in line.values())
        for part in (part1, part2, part3, part4, part5, part6, part7)
    )
    words += " ".join(str(v) for row in task_rows + milestones for v in row.values())
    context.update(
        {
            "abbreviations": abbreviations(content.abbreviations, words),
            # MỤC LỤC: page numbers are filled from our own PDF (drafter.render.toc)
            "toc": toc_entries(),
            "part1": _part("su-can-thiet", part1),
            "part2": _part("thuc-trang", part2),
            "part3": {**_part("quan-diem-muc-tieu", part3), "targets": target_groups},
            "part4": _part("nhiem-vu-giai-phap", part4),
            "part5": {**_part("kinh-phi", part5), "after": part5_after},
            "part6": _part("to-chuc-thuc-hien", part6),
            "part7": {**_part("tien-do", part7), "milestones": milestones},
            # the targets table (tools/make_templates.py's register_table loops over
            # a top-level "groups")
            "groups": target_groups,
            "costs": costs,
            "charts": charts,
            "chart_captions": {
                "costs": "Biểu đồ 1. Kinh phí thực hiện Đề án theo giai đoạn và nguồn kinh phí",
                "gantt": f"Biểu đồ 2. Tiến độ xây dựng và trình Đề án năm {deadline.year}",
            },
            "appendix_tasks": {
                "label": PROJECT_PART_BY_ID["phu-luc-nhiem-vu"].numeral,
                "title": PROJECT_PART_BY_ID["phu-luc-nhiem-vu"].title.upper(),
                "attached": attached,
                "rows": task_rows,
            },
            "appendix_costs": {
                "label": PROJECT_PART_BY_ID["phu-luc-kinh-phi"].numeral,
                "title": PROJECT_PART_BY_ID["phu-luc-kinh-phi"].title.upper(),
                "attached": attached,
            },
        }
    )
    return context
