"""The MỤC LỤC's page numbers: a first layout with placeholder pages, then
layouts with the pages read back until they hold."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.render import toc

GLOSSARY = "CÁC THUẬT NGỮ VÀ TỪ VIẾT TẮT"


def entries(page: str) -> dict[str, Any]:
    return {
        "toc": [
            {"title": GLOSSARY, "heading": GLOSSARY, "page": page},
            {"title": "Phần I. SỰ CẦN THIẾT", "heading": "Phần I", "page": page},
        ]
    }


def test_the_first_layout_shows_a_digit_where_each_page_will_be() -> None:
    first = toc.with_placeholder_pages(entries(""))
    assert [e["page"] for e in first["toc"]] == ["0", "0"]


def test_pages_that_hold_after_one_more_layout_end_it(monkeypatch: pytest.MonkeyPatch) -> None:
    layouts: list[dict[str, Any]] = []
    read = {b"first": ["2", "3"], b"second": ["2", "3"]}
    monkeypatch.setattr(toc, "heading_pages", lambda pdf, headings: read[pdf])

    def render(context: dict[str, Any]) -> tuple[bytes, bytes]:
        layouts.append(context)
        return b"docx", b"second"

    _docx, pdf = toc.with_page_numbers(
        toc.with_placeholder_pages(entries("")), render, (b"d", b"first")
    )
    assert pdf == b"second" and len(layouts) == 1
    assert [e["page"] for e in layouts[0]["toc"]] == ["2", "3"]


def test_headings_not_found_leave_the_pages_blank_not_placeholders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(toc, "heading_pages", lambda pdf, headings: ["", ""])
    layouts: list[dict[str, Any]] = []

    def render(context: dict[str, Any]) -> tuple[bytes, bytes]:
        layouts.append(context)
        return b"docx", b"pdf"

    toc.with_page_numbers(toc.with_placeholder_pages(entries("")), render, (b"d", b"p"))
    assert [e["page"] for e in layouts[-1]["toc"]] == ["", ""]
