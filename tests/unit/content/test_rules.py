from __future__ import annotations

from drafter.content.rules import _differ_only_in_proper_names


def test_names_told_apart_by_a_place_are_not_near_duplicates() -> None:
    assert _differ_only_in_proper_names(
        "Cơ sở dữ liệu hộ nghèo của đồng bào Thái tỉnh Sơn La",
        "Cơ sở dữ liệu hộ nghèo của đồng bào Mường tỉnh Lào Cai",
    )


def test_names_differing_in_ordinary_words_may_be_near_duplicates() -> None:
    assert not _differ_only_in_proper_names(
        "Cơ sở dữ liệu về các dân tộc thiểu số", "Cơ sở dữ liệu các dân tộc thiểu số Việt Nam"
    )
    assert not _differ_only_in_proper_names("Hệ thống A", "Hệ thống A")
