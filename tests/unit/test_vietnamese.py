"""Tests for drafter.vietnamese: the conventions of domain.md §1 and §5."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.vietnamese import (
    BLANK,
    date_line,
    date_words,
    document_number,
    fold,
    format_number,
    million_vnd,
    money_in_words,
    nfc,
    normalise_tone_style,
    number_to_words,
    period,
    point_letter,
    quarter,
    roman,
    similarity,
    sort_key,
    tone_style_conflicts,
)

# --------------------------------------------------------------------------
# format_number


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1250000000, 0, "1.250.000.000"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (0, 0, "0"),
        (Decimal("12.5"), 1, "12,5"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (12, 2, "12,00"),
    ],
)
def test_format_number_groups_with_dot_and_marks_decimals_with_comma(
    value: int | Decimal, decimals: int, expected: str
) -> None:
    assert format_number(value, decimals) == expected


def test_format_number_puts_minus_before_negative_numbers() -> None:
    assert format_number(-1250000) == "-1.250.000"


def test_format_number_rounds_half_up() -> None:
    assert format_number(Decimal("2.25"), 1) == "2,3"
    assert format_number(Decimal("2.5")) == "3"


def test_format_number_never_prints_negative_zero() -> None:
    assert format_number(Decimal("-0.001"), 2) == "0,00"


def test_format_number_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_number(12.5, 1)  # type: ignore[arg-type]


def test_format_number_keeps_every_digit_of_huge_amounts() -> None:
    assert format_number(Decimal("123456789012345678901234567890.5"), 1) == (
        "123.456.789.012.345.678.901.234.567.890,5"
    )


# --------------------------------------------------------------------------
# number_to_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (1000000, "một triệu"),
        (1000000000, "một tỷ"),
        (1250000000, "một tỷ hai trăm năm mươi triệu"),
        (1000000000000, "một nghìn tỷ"),
        (1000000000000000, "một triệu tỷ"),
    ],
)
def test_number_to_words_follows_domain_examples(n: int, words: str) -> None:
    assert number_to_words(n) == words


def test_number_to_words_skips_empty_groups_but_reads_hundreds_after_them() -> None:
    # The documented choice: an empty thousands group is not read at all.
    assert number_to_words(1000005) == "một triệu không trăm linh năm"


def test_number_to_words_reads_zero_hundreds_of_a_later_non_final_group() -> None:
    assert number_to_words(1005000) == "một triệu không trăm linh năm nghìn"


def test_number_to_words_reads_below_billion_part_after_ty_in_full() -> None:
    assert number_to_words(1000000000005) == "một nghìn tỷ không trăm linh năm"


def test_number_to_words_reads_largest_supported_number() -> None:
    nines = "chín trăm chín mươi chín"
    assert number_to_words(10**18 - 1) == (
        f"{nines} triệu {nines} nghìn {nines} tỷ {nines} triệu {nines} nghìn {nines}"
    )


@pytest.mark.parametrize("n", [-1, 10**18])
def test_number_to_words_refuses_numbers_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        number_to_words(n)


def test_number_to_words_refuses_bool() -> None:
    with pytest.raises(TypeError):
        number_to_words(True)


# A reader for the words, written independently of the module, so that the
# property tests can check the words mean the number they were made from.
_DIGIT_VALUES = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def _read_back(words: str) -> int:
    total = section = group = 0
    pending: int | None = None
    for word in words.split():
        if word in _DIGIT_VALUES:
            assert pending is None, f"two digits in a row in {words!r}"
            pending = _DIGIT_VALUES[word]
            continue
        if word == "trăm":
            assert pending is not None
            group += pending * 100
        elif word == "mươi":
            assert pending is not None and pending >= 2
            group += pending * 10
        elif word == "mười":
            assert pending is None
            group += 10
        elif word == "linh":
            assert pending is None
        else:
            group += pending or 0
            if word == "nghìn":
                section += group * 1000
            elif word == "triệu":
                section += group * 1_000_000
            elif word == "tỷ":
                total = (total + section + group) * 1_000_000_000
                section = 0
            else:
                raise AssertionError(f"unknown word {word!r} in {words!r}")
            group = 0
        pending = None
    return total + section + group + (pending or 0)


_AMOUNTS = st.integers(min_value=0, max_value=10**18 - 1) | st.integers(0, 10**7)


@given(_AMOUNTS)
def test_number_to_words_reads_back_to_the_same_number(n: int) -> None:
    assert _read_back(number_to_words(n)) == n


@given(_AMOUNTS)
def test_money_in_words_never_uses_le_or_mươi_một_or_tư(n: int) -> None:
    words = money_in_words(n)
    assert "lẻ" not in words.split()
    assert "mươi một" not in words
    assert "mươi năm" not in words
    assert "mười năm" not in words
    assert "tư" not in words.split()
    assert "một mươi" not in words


@given(st.integers(min_value=0, max_value=10**18 - 2))
def test_words_for_consecutive_numbers_differ(n: int) -> None:
    assert number_to_words(n) != number_to_words(n + 1)


# --------------------------------------------------------------------------
# money_in_words and million_vnd


def test_money_in_words_capitalises_and_ends_with_dong() -> None:
    assert money_in_words(1250000000) == "Một tỷ hai trăm năm mươi triệu đồng"


def test_money_in_words_reads_zero() -> None:
    assert money_in_words(0) == "Không đồng"


def test_money_in_words_refuses_negative_amounts() -> None:
    with pytest.raises(ValueError):
        money_in_words(-1)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1250000000, "1.250"),
        (1250500000, "1.250,5"),
        (1250050000, "1.250,05"),
        (1234567, "1,235"),
        (500000, "0,5"),
        (0, "0"),
        (-2500000, "-2,5"),
    ],
)
def test_million_vnd_shows_up_to_three_meaningful_decimals(amount: int, expected: str) -> None:
    assert million_vnd(amount) == expected


# --------------------------------------------------------------------------
# Dates and numbers of documents


def test_date_words_has_no_leading_zeros() -> None:
    assert date_words(date(2023, 5, 4)) == "ngày 4 tháng 5 năm 2023"


def test_date_line_pads_day_below_ten_and_months_one_and_two() -> None:
    assert date_line("Hà Nội", date(2023, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2023"
    assert date_line("Hà Nội", date(2023, 1, 15)) == "Hà Nội, ngày 15 tháng 01 năm 2023"


def test_date_line_does_not_pad_months_from_three() -> None:
    assert date_line("Hà Nội", date(2023, 5, 24)) == "Hà Nội, ngày 24 tháng 5 năm 2023"
    assert date_line("Hà Nội", date(2023, 12, 1)) == "Hà Nội, ngày 01 tháng 12 năm 2023"


def test_date_line_for_a_draft_leaves_day_and_month_blank() -> None:
    assert date_line("Hà Nội", None, year=2023) == "Hà Nội, ngày      tháng      năm 2023"
    assert BLANK == " " * 6


def test_date_line_for_a_draft_needs_the_year() -> None:
    with pytest.raises(ValueError):
        date_line("Hà Nội", None)


def test_date_line_refuses_a_year_that_contradicts_the_date() -> None:
    with pytest.raises(ValueError):
        date_line("Hà Nội", date(2023, 5, 24), year=2024)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(5, "Số: 05/QĐ-UBDT"), (10, "Số: 10/QĐ-UBDT"), (381, "Số: 381/QĐ-UBDT")],
)
def test_document_number_pads_numbers_below_ten(number: int, expected: str) -> None:
    assert document_number(number, "QĐ-UBDT") == expected


def test_document_number_for_a_draft_leaves_the_number_blank() -> None:
    assert document_number(None, "QĐ-UBDT") == "Số:      /QĐ-UBDT"


def test_document_number_refuses_zero() -> None:
    with pytest.raises(ValueError):
        document_number(0, "QĐ-UBDT")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_roman_numerals(n: int, expected: str) -> None:
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, 4000])
def test_roman_refuses_numbers_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        roman(n)


def test_point_letters_follow_the_vietnamese_alphabet() -> None:
    letters = [point_letter(i) for i in range(23)]
    assert "".join(letters) == "abcdđeghiklmnopqrstuvxy"


def test_point_letter_refuses_index_past_y() -> None:
    with pytest.raises(ValueError):
        point_letter(23)


def test_point_letter_refuses_negative_index() -> None:
    with pytest.raises(ValueError):
        point_letter(-1)


def test_period_uses_an_en_dash() -> None:
    assert period(2023, 2025) == "giai đoạn 2023\u20132025"


def test_period_refuses_an_end_before_the_start() -> None:
    with pytest.raises(ValueError):
        period(2025, 2023)


def test_quarter_uses_roman_numerals() -> None:
    assert quarter(3, 2023) == "quý III/2023"


def test_quarter_refuses_a_fifth_quarter() -> None:
    with pytest.raises(ValueError):
        quarter(5, 2023)


# --------------------------------------------------------------------------
# fold, similarity, sorting


def test_fold_removes_accents_case_and_extra_spaces() -> None:
    assert fold("  Cơ sở   dữ liệu ") == "co so du lieu"


def test_fold_turns_d_with_stroke_into_d() -> None:
    assert fold("Đồng đội") == "dong doi"


def test_fold_treats_decomposed_and_composed_text_alike() -> None:
    assert fold(unicodedata.normalize("NFD", "Dân tộc")) == fold("Dân tộc")


def test_similarity_ignores_accents_and_case() -> None:
    assert similarity("Cơ sở dữ liệu dân tộc", "CO SO DU LIEU DAN TOC") == 1.0


def test_similarity_is_high_for_near_duplicates_and_low_for_different_names() -> None:
    near = similarity("Cơ sở dữ liệu về dân tộc", "Cơ sở dữ liệu dân tộc")
    far = similarity("Cơ sở dữ liệu về dân tộc", "Danh mục văn bản pháp luật")
    assert near > 0.8
    assert far < 0.3


def test_sort_key_follows_the_vietnamese_alphabet() -> None:
    names = ["Đức", "Dung", "Ân", "An", "Bình", "Ánh"]
    assert sorted(names, key=sort_key) == ["An", "Ánh", "Ân", "Bình", "Dung", "Đức"]


def test_sort_key_puts_horn_and_breve_letters_after_their_base() -> None:
    words = ["ư", "v", "u", "ơ", "ô", "o", "p", "ă", "b", "â", "a"]
    assert sorted(words, key=sort_key) == ["a", "ă", "â", "b", "o", "ô", "ơ", "p", "u", "ư", "v"]


def test_sort_key_orders_tones_none_huyen_sac_hoi_nga_nang() -> None:
    words = ["mạ", "mã", "mả", "má", "mà", "ma"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]


def test_sort_key_compares_letters_before_tones() -> None:
    # By code point "mà" (U+00E0) would sort after "mb".
    assert sorted(["mb", "mà"], key=sort_key) == ["mà", "mb"]


def test_sort_key_sorts_word_by_word() -> None:
    assert sorted(["Anh", "An Bình"], key=sort_key) == ["An Bình", "Anh"]


def test_sort_key_ignores_unicode_normal_form() -> None:
    composed = "Nguyễn Thị Ánh"
    decomposed = unicodedata.normalize("NFD", composed)
    assert sort_key(composed) == sort_key(decomposed)


# --------------------------------------------------------------------------
# Tone-mark placement style


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("Hoạ", "Họa"),
        ("tuý", "túy"),
    ],
)
def test_normalise_tone_style_moves_old_style_marks(old: str, new: str) -> None:
    assert normalise_tone_style(old) == new


@pytest.mark.parametrize(
    "word",
    ["hoàng", "toán", "quý", "Quỳnh", "quà", "thuyền", "ngoài", "khuya", "hòa", "thủy", "hoa"],
)
def test_normalise_tone_style_leaves_syllables_where_styles_agree(word: str) -> None:
    assert normalise_tone_style(word) == word


def test_normalise_tone_style_returns_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "sức khoẻ")
    assert normalise_tone_style(decomposed) == nfc("sức khỏe")


def test_tone_style_conflicts_reports_each_old_form_once_in_order() -> None:
    texts = ["Tỉnh Hoà Bình, hoà nhập", "sức khoẻ, hoà", "hòa"]
    assert tone_style_conflicts(texts) == [("Hoà", "Hòa"), ("hoà", "hòa"), ("khoẻ", "khỏe")]


def test_tone_style_conflicts_is_empty_for_new_style_text() -> None:
    texts = ["Ủy ban Dân tộc", "Hòa Bình", "quý III", "thuyền", "hoàng", "toán"]
    assert tone_style_conflicts(texts) == []


def test_nfc_composes_decomposed_text() -> None:
    assert nfc("a\u0301") == "\u00e1"
