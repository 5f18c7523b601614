"""Charts: PNG bytes, deterministic, Vietnamese labels drawn with Liberation Sans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.context.charts import GanttBar, Picture, gantt_chart, stacked_bar_chart
from drafter.vietnamese import million_vnd

BARS = [
    GanttBar("Xây dựng đề cương chi tiết Đề án", dt.date(2023, 5, 29), dt.date(2023, 6, 16)),
    GanttBar("Trình Thủ tướng Chính phủ", dt.date(2023, 10, 23), dt.date(2023, 10, 31)),
]
SERIES = [
    ("Ngân sách trung ương", [41_652_500_000, 31_300_000_000]),
    ("Ngân sách địa phương", [9_600_000_000, 11_300_000_000]),
    ("Nguồn hợp pháp khác", [950_000_000, 3_400_000_000]),
]


def gantt() -> Picture:
    return gantt_chart(BARS, deadline=dt.date(2023, 10, 31), deadline_label="Hạn trình")


def costs() -> Picture:
    return stacked_bar_chart(
        ["Giai đoạn 2023–2025", "Giai đoạn 2026–2030"], SERIES, unit_label="Triệu đồng"
    )


def test_gantt_chart_is_a_png_of_the_given_width() -> None:
    picture = gantt()
    assert picture.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.width_mm == 160.0


def test_same_data_gives_the_same_bytes() -> None:
    assert gantt().png == gantt().png
    assert costs().png == costs().png


def test_different_data_gives_different_bytes() -> None:
    other = stacked_bar_chart(
        ["Giai đoạn 2023–2025", "Giai đoạn 2026–2030"],
        [(name, [v + 1_000_000_000 for v in values]) for name, values in SERIES],
        unit_label="Triệu đồng",
    )
    assert other.png != costs().png


def test_png_carries_no_software_tag_or_time() -> None:
    png = costs().png
    assert b"Software" not in png and b"tIME" not in png and b"matplotlib" not in png


# --------------------------------------------------------------------------- hashing


def test_input_hash_sees_a_charts_data_and_style_not_its_pixels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drafter.context import charts
    from drafter.publish.canonical import canonical_json

    before = canonical_json({"gantt": gantt(), "costs": costs()})
    # a matplotlib or FreeType upgrade: other pixels for the same chart
    monkeypatch.setattr(charts, "_png", lambda figure: b"\x89PNG other pixels")
    assert canonical_json({"gantt": gantt(), "costs": costs()}) == before
    assert "sha256" not in before
    moved = gantt_chart(BARS[:1], deadline=dt.date(2023, 10, 31), deadline_label="Hạn trình")
    assert canonical_json({"gantt": moved, "costs": costs()}) != before
    monkeypatch.setattr(charts, "SERIES_COLOURS", ("#000000", "#111111", "#222222", "#333333"))
    assert canonical_json({"gantt": gantt(), "costs": costs()}) != before


def test_sample_documents_with_charts_stay_current_when_pixels_change(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.build import BuildOptions, build
    from drafter.context import charts
    from drafter.plan import plan

    options = BuildOptions(only=["de-an", "bao-cao-tien-do"], pdf=False, jobs=1)
    assert [v.number for v in build(sample, options).cut] == [1, 1]
    monkeypatch.setattr(charts, "_png", lambda figure: b"\x89PNG other pixels")
    assert [(i.doc_id, i.action) for i in plan(sample, options).documents] == [
        ("de-an", "none"),
        ("bao-cao-tien-do", "none"),
    ]


def _drawn(monkeypatch: pytest.MonkeyPatch, draw: Callable[[], Picture]) -> Any:
    """The matplotlib figure a chart function draws (drawn afresh, not cached)."""
    from drafter.context import charts

    figures: list[Any] = []
    real_png = charts._png

    def keep(figure: Any) -> bytes:
        figure.canvas.draw()
        figures.append(figure)
        return real_png(figure)

    monkeypatch.setattr(charts, "_png", keep)
    draw()
    return figures[0]


def test_bar_totals_are_written_as_the_tables_write_them(monkeypatch: pytest.MonkeyPatch) -> None:
    figure = _drawn(
        monkeypatch,
        lambda: stacked_bar_chart.__wrapped__(  # type: ignore[attr-defined]
            ["Giai đoạn 2023–2025", "Giai đoạn 2026–2030"], SERIES, unit_label="Triệu đồng"
        ),
    )
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels == [million_vnd(52_202_500_000), "46.000"] == ["52.202,5", "46.000"]


def test_the_deadline_label_stays_inside_the_plot_left_of_its_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    figure = _drawn(
        monkeypatch,
        lambda: gantt_chart.__wrapped__(  # type: ignore[attr-defined]
            BARS,
            deadline=dt.date(2023, 10, 31),
            deadline_label="Hạn trình Thủ tướng Chính phủ (31/10/2023)",
        ),
    )
    axes = figure.axes[0]
    renderer = figure.canvas.get_renderer()
    label = next(t for t in axes.texts if t.get_text().startswith("Hạn trình"))
    box, plot = label.get_window_extent(renderer), axes.get_window_extent(renderer)
    line_x = axes.transData.transform((axes.lines[0].get_xdata()[0], 0))[0]
    assert plot.x0 <= box.x0 and box.x1 < line_x - 2 and box.y1 <= plot.y1, (box, plot, line_x)
