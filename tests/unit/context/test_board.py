"""The Board decision's context: members ordered by rank, values for the
article text, Phụ lục II built from the assignments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from helpers import MINI, copy_project

from drafter.content.board_models import BoardDecisionContent
from drafter.content.models import Organisation
from drafter.content.refs import Registries
from drafter.context.board import board_decision_context, deadline_cell, ranked
from drafter.project import load_project

PEOPLE = [
    ("leader", "Lò Văn Một", "Thứ trưởng, Phó Chủ nhiệm", None),
    ("director", "Trần Văn Hai", "Giám đốc", "ttcds"),
    ("deputy", "Mai Văn Ba", "Phó Giám đốc", "ttcds"),
    ("head-dept", "Hà Thị Bốn", "Vụ trưởng", "vu-dtts"),
    ("officer", "Sầm Văn Năm", "Chuyên viên", "ttcds"),
]


@pytest.fixture(scope="module")
def reg(tmp_path_factory: pytest.TempPathFactory) -> Registries:
    """The mini project's registries with a few more people."""
    base = load_project(copy_project(MINI, tmp_path_factory.mktemp("mini"))).registries
    org = base.organisation.model_dump()
    org["people"] = [{"id": i, "name": n, "position": p, "unit": u} for i, n, p, u in PEOPLE]
    registries = dataclasses.replace(base, organisation=Organisation.model_validate(org))
    assert registries.build_indexes() == []
    return registries


def content(**changes: Any) -> BoardDecisionContent:
    data: dict[str, Any] = {
        "symbol": "QĐ-UBDT",
        "year": 2023,
        "title": "Thành lập Ban soạn thảo",
        "competence": "BỘ TRƯỞNG, CHỦ NHIỆM",
        "legal_bases": ["nd-47-2020"],
        "proposal": "Theo đề nghị của Giám đốc Trung tâm Chuyển đổi số",
        "articles": [{"text": "Ban gồm {so_thanh_vien_ban}, Tổ gồm {so_thanh_vien_to}."}],
        "signature": {"title": "BỘ TRƯỞNG"},
        "recipients": ["Như Điều 1"],
        "archive": ["VT"],
        # written out of rank order on purpose
        "board": {
            "standing_unit": "ttcds",
            "members": [
                {"person": "head-dept", "role": "Thành viên"},
                {"person": "director", "role": "Phó Trưởng ban"},
                {"person": "leader", "role": "Trưởng ban"},
                {"person": "officer", "role": "Thành viên"},
            ],
        },
        "team": {
            "members": [
                {"person": "officer", "role": "Thành viên"},
                {"person": "deputy", "role": "Tổ phó"},
                {"person": "director", "role": "Tổ trưởng"},
            ]
        },
        "schedule": {"submission": dt.date(2023, 10, 31)},
        "assignments": [
            {"member": m, "task": f"Việc {m}", "parts": ["Phần I"], "deadline": dt.date(2023, 6, 5)}
            for m in ("officer", "leader", "director", "head-dept", "deputy")
        ],
    }
    data.update(changes)
    return BoardDecisionContent.model_validate(data, strict=False)


def test_members_are_ordered_by_rank_then_as_written(reg: Registries) -> None:
    groups = board_decision_context(content(), reg, draft_marker="")["groups"]
    assert [(g["numeral"], g["name"]) for g in groups] == [
        ("I", "Ban soạn thảo"),
        ("II", "Tổ biên tập"),
    ]
    assert [(r["stt"], r["name"], r["role"]) for r in groups[0]["rows"]] == [
        ("1", "Lò Văn Một", "Trưởng ban"),
        ("2", "Trần Văn Hai", "Phó Trưởng ban"),
        ("3", "Hà Thị Bốn", "Thành viên"),
        ("4", "Sầm Văn Năm", "Thành viên"),
    ]
    assert [r["name"] for r in groups[1]["rows"]] == ["Trần Văn Hai", "Mai Văn Ba", "Sầm Văn Năm"]


def test_equal_ranks_keep_the_written_order() -> None:
    members = content().board.members
    swapped = [members[3], members[2], members[1], members[0]]
    order = [m.person for m in ranked(swapped, ("Trưởng ban", "Phó Trưởng ban", "Thành viên"))]
    assert order == ["leader", "director", "officer", "head-dept"]


def test_position_and_unit_come_from_the_registry(reg: Registries) -> None:
    rows = board_decision_context(content(), reg, draft_marker="")["groups"][0]["rows"]
    assert (rows[0]["position"], rows[0]["unit"]) == ("Thứ trưởng, Phó Chủ nhiệm", "Ủy ban Dân tộc")
    assert (rows[1]["position"], rows[1]["unit"]) == ("Giám đốc", "Trung tâm Chuyển đổi số")


def test_article_values_count_each_body(reg: Registries) -> None:
    context = board_decision_context(content(), reg, draft_marker="")
    article = context["articles"][0]
    assert article["lead"] == " Ban gồm 04, Tổ gồm 03."


def test_a_person_on_both_bodies_is_listed_once_in_the_tasks(reg: Registries) -> None:
    members = board_decision_context(content(), reg, draft_marker="")["members"]
    names = [m["name"] for m in members]
    assert names == [
        "Lò Văn Một (Trưởng ban)",
        "Trần Văn Hai (Phó Trưởng ban; Tổ trưởng Tổ biên tập)",
        "Hà Thị Bốn (Thành viên Ban soạn thảo)",
        "Sầm Văn Năm (Thành viên Ban soạn thảo; Thành viên Tổ biên tập)",
        "Mai Văn Ba (Tổ phó Tổ biên tập)",
    ]
    assert [m["stt"] for m in members] == ["1", "2", "3", "4", "5"]


def test_tasks_keep_their_order_and_show_parts_and_deadline(reg: Registries) -> None:
    tasks = [
        {"member": "leader", "task": "Chỉ đạo", "parts": ["Phần I"], "deadline": "2023-09-01"},
        {
            "member": "leader",
            "task": "Duyệt",
            "parts": ["thuc-trang", "Phần VII"],
            "deadline": "2023-10-02",
        },
    ]
    others = [
        {"member": m, "task": "Việc", "parts": ["Phần I"], "deadline": "2023-06-05"}
        for m in ("officer", "director", "head-dept", "deputy")
    ]
    doc = content(assignments=tasks + others)
    leader = board_decision_context(doc, reg, draft_marker="")["members"][0]
    assert leader["tasks"] == [
        {"task": "Chỉ đạo", "parts": "Phần I", "deadline": "01/09/2023"},
        # a part id of the Project's model reads as its label
        {"task": "Duyệt", "parts": "Phần II, Phần VII", "deadline": "02/10/2023"},
    ]


def test_deadline_cells_are_zero_padded() -> None:
    assert deadline_cell(dt.date(2023, 6, 5)) == "05/06/2023"


def test_both_appendices_carry_label_title_and_attached_line(reg: Registries) -> None:
    context = board_decision_context(content(), reg, draft_marker="")
    first, second = context["appendix"], context["assignment_appendix"]
    assert (first["label"], second["label"]) == ("Phụ lục I", "Phụ lục II")
    assert first["title"] == "DANH SÁCH THÀNH VIÊN BAN SOẠN THẢO VÀ TỔ BIÊN TẬP"
    assert second["title"] == "PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN BAN SOẠN THẢO VÀ TỔ BIÊN TẬP"
    assert first["attached"] == second["attached"]
    assert first["attached"].startswith("(Kèm theo Quyết định số      /QĐ-UBDT ngày")
