"""The changelog speaks of content: entries, fields, amounts, articles."""

from __future__ import annotations

import copy
import json
from typing import Any

from drafter.kinds import board_decision, database_list_decision
from drafter.publish.changelog import ChangelogHeader, content_changes, render_changelog

LABELS = database_list_decision.KIND.changelog_labels


def row(id_: str, name: str, cycle: str = "Hàng tháng", stt: str = "1") -> dict[str, str]:
    return {"id": id_, "stt": stt, "name": name, "update_cycle": cycle}


def context() -> dict[str, Any]:
    return {
        "title": "Ban hành Danh mục cơ sở dữ liệu",
        "groups": [
            {"numeral": "I", "name": "Nhóm A", "rows": [row("a", "CSDL A"), row("b", "CSDL B")]},
            {"numeral": "II", "name": "Nhóm B", "rows": [row("c", "CSDL C", stt="3")]},
        ],
        "articles": [
            {"number": 1, "heading": "Điều 1.", "lead": " Ban hành Danh mục.", "clauses": []},
            {"number": 2, "heading": "Điều 2.", "lead": " Có hiệu lực từ ngày ký.", "clauses": []},
        ],
        "recipients": ["Như Điều 3", "Lưu: VT"],
        "amount": 1250000000,
    }


def lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [line for section in content_changes(old, new, labels=LABELS) for line in section.lines]


def test_same_context_has_no_changes() -> None:
    assert content_changes(context(), context(), labels=LABELS) == []


def test_added_entry_is_named_and_renumbering_is_not_reported() -> None:
    new = context()
    new["groups"][0]["rows"].insert(0, row("z", "CSDL Z"))
    for n, r in enumerate(new["groups"][0]["rows"], start=1):
        r["stt"] = str(n)
    assert lines(context(), new) == ["Thêm “CSDL Z”."]


def test_removed_entry_is_named() -> None:
    new = context()
    del new["groups"][1]["rows"][0]
    assert lines(context(), new) == ["Bỏ “CSDL C”."]


def test_renamed_entry_keeps_its_id() -> None:
    new = context()
    new["groups"][0]["rows"][1]["name"] = "CSDL Bê"
    assert lines(context(), new) == ["Đổi tên: “CSDL B” → “CSDL Bê”."]


def test_changed_field_reads_label_old_and_new_in_lower_case() -> None:
    new = context()
    new["groups"][0]["rows"][0]["update_cycle"] = "Hàng quý"
    assert lines(context(), new) == ["“CSDL A”: Chu kỳ cập nhật: hàng tháng → hàng quý."]


def test_entry_moved_to_another_group_is_one_change() -> None:
    new = context()
    moved = new["groups"][0]["rows"].pop(1)
    new["groups"][1]["rows"].append(moved)
    assert lines(context(), new) == ["“CSDL B”: Nhóm: Nhóm A → Nhóm B."]


def test_renamed_group_is_one_line_with_its_entry_count() -> None:
    new = context()
    new["groups"][0]["name"] = "Nhóm An"
    assert lines(context(), new) == ["Đổi tên nhóm I: “Nhóm A” → “Nhóm An” (2 mục)."]


def test_renamed_group_still_reports_an_entry_moved_out_of_it() -> None:
    new = context()
    new["groups"][0]["name"] = "Nhóm An"
    moved = new["groups"][0]["rows"].pop(1)
    new["groups"][1]["rows"].append(moved)
    assert lines(context(), new) == [
        "Đổi tên nhóm I: “Nhóm A” → “Nhóm An” (1 mục).",
        "“CSDL B”: Nhóm: Nhóm An → Nhóm B.",
    ]


def test_renamed_group_pairs_with_the_group_holding_its_entries() -> None:
    new = context()
    # both names change; each group keeps its own entries, listed in swapped order
    new["groups"] = [
        {"numeral": "I", "name": "Nhóm Bê", "rows": [row("c", "CSDL C", stt="1")]},
        {"numeral": "II", "name": "Nhóm Anh", "rows": [row("a", "CSDL A"), row("b", "CSDL B")]},
    ]
    found = lines(context(), new)
    assert "Đổi tên nhóm II: “Nhóm A” → “Nhóm Anh” (2 mục)." in found
    assert "Đổi tên nhóm I: “Nhóm B” → “Nhóm Bê” (1 mục)." in found
    assert not any(line.startswith("“CSDL") for line in found)
    assert not any("thêm" in line or "bỏ" in line for line in found)


def test_group_replaced_by_one_sharing_no_entry_is_not_a_rename() -> None:
    new = context()
    new["groups"][1] = {"numeral": "II", "name": "Nhóm C", "rows": [row("d", "CSDL D")]}
    found = lines(context(), new)
    assert not any(line.startswith("Đổi tên nhóm") for line in found)
    assert "Nhóm: thêm “Nhóm C”." in found and "Nhóm: bỏ “Nhóm B”." in found


def test_amount_shows_old_and_new_with_vietnamese_grouping() -> None:
    new = context()
    new["amount"] = 1500000000
    assert lines(context(), new) == ["Kinh phí: 1.250.000.000 đồng → 1.500.000.000 đồng."]


def test_changed_article_is_shown_shortened_around_the_change() -> None:
    old = context()
    old["articles"][1]["lead"] = " " + "Quyết định này có hiệu lực thi hành " * 4 + "từ ngày ký."
    new = copy.deepcopy(old)
    new["articles"][1]["lead"] = old["articles"][1]["lead"].replace("ngày ký", "ngày 01/7/2023")
    (line,) = lines(old, new)
    assert line.startswith("Điều 2: “…")
    assert "từ ngày ký.” → “…" in line and line.endswith("từ ngày 01/7/2023.”.")
    assert len(line) < 140


def test_inserted_article_does_not_change_the_later_ones() -> None:
    new = context()
    new["articles"].insert(
        1, {"number": 2, "heading": "Điều 2.", "lead": " Giao Trung tâm.", "clauses": []}
    )
    new["articles"][2]["heading"] = "Điều 3."
    assert lines(context(), new) == ["Thêm Điều 2: “Điều 2. Giao Trung tâm.”."]


def test_list_of_strings_reports_added_and_removed_items() -> None:
    new = context()
    new["recipients"] = ["Như Điều 3", "Văn phòng Chính phủ", "Lưu: VT"]
    assert lines(context(), new) == ["Nơi nhận: thêm “Văn phòng Chính phủ”."]


def test_first_version_says_so_and_later_ones_name_the_previous() -> None:
    header = ChangelogHeader("Tiêu đề", "QD", 1, "2024-01-02T03:04:05+00:00")
    first = render_changelog(header, None, json.dumps(context()), labels=LABELS)
    assert "# QD: Dự thảo lần 1" in first and "Dự thảo đầu tiên." in first
    new = context()
    new["title"] = "Ban hành Danh mục cơ sở dữ liệu mới"
    second = render_changelog(
        ChangelogHeader("Tiêu đề", "QD", 2, "2024-01-03T00:00:00+00:00", previous=1),
        json.dumps(context()),
        json.dumps(new),
        other_reasons=["Mẫu văn bản (template) thay đổi."],
        labels=LABELS,
    )
    assert "- So với: Dự thảo lần 1" in second
    assert (
        "- Trích yếu: Ban hành Danh mục cơ sở dữ liệu → Ban hành Danh mục cơ sở dữ liệu mới."
        in second
    )
    assert "## Thay đổi khác\n\n- Mẫu văn bản (template) thay đổi." in second


def test_unchanged_content_is_stated() -> None:
    text = render_changelog(
        ChangelogHeader("T", "QD", 2, "2024-01-03T00:00:00+00:00", previous=1),
        json.dumps(context()),
        json.dumps(context()),
        other_reasons=["Mẫu văn bản (template) thay đổi."],
        labels=LABELS,
    )
    assert "Nội dung không thay đổi." in text


def test_board_members_are_named_as_members_not_databases() -> None:
    def board(role: str) -> dict[str, Any]:
        member = {"stt": "1", "name": "Nguyễn Văn A", "position": "Vụ trưởng", "role": role}
        return {"groups": [{"numeral": "I", "name": "Ban soạn thảo", "rows": [member]}]}

    changes = content_changes(
        board("Thành viên"), board("Phó Trưởng ban"), labels=board_decision.KIND.changelog_labels
    )
    text = "\n".join(line for section in changes for line in section.lines)
    assert "Danh mục cơ sở dữ liệu" not in text
    assert "Thành viên “Nguyễn Văn A”: Vai trò: Thành viên → Phó Trưởng ban." in text
