"""The synthesis table quotes the provision a comment is attached to, shortened
at a word boundary with "…"."""

from __future__ import annotations

from drafter.context.synthesis import shorten_quote

POINT_D = (
    "d) Hướng dẫn, hỗ trợ kỹ thuật các Vụ, đơn vị trong việc chuẩn hóa dữ liệu, bảo đảm an "
    "toàn thông tin; tổng hợp nhu cầu đầu tư, đề xuất kế hoạch triển khai gửi Vụ Kế hoạch - "
    "Tài chính."
)


def test_a_short_quote_is_whole() -> None:
    assert shorten_quote("Chánh Văn phòng Ủy ban") == "Chánh Văn phòng Ủy ban"


def test_a_long_quote_ends_at_a_clause_not_inside_a_two_syllable_word() -> None:
    quote = shorten_quote(POINT_D)
    assert quote.endswith("tổng hợp nhu cầu đầu tư…"), quote
    assert POINT_D.startswith(quote.removesuffix("…"))


def test_with_no_clause_end_the_quote_is_cut_after_whole_words() -> None:
    text = " ".join(f"từ{n}" for n in range(40))
    assert shorten_quote(text) == " ".join(f"từ{n}" for n in range(30)) + "…"
