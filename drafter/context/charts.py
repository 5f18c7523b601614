"""Charts drawn from content at build time: plain PNG bytes in the context.

The context holds a :class:`Picture` (bytes and a width), never a docxtpl
object: the render stage turns it into an inline image.  Drawing is
deterministic (the same data gives the same bytes): no timestamp or software
tag in the PNG, a fixed size and dpi, fonts named by file.  matplotlib is
imported inside the functions, so building a context without charts stays
fast.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.context.chart_cache import cached_chart
from drafter.vietnamese import format_number, scaled_amount

#: Liberation Sans covers Vietnamese fully and is installed with the PDF fonts.
FONT_FILE = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
BOLD_FONT_FILE = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")
FONT_FAMILY = "Liberation Sans"
DPI = 200
#: Fill colours of the stacked series (one per funding source), print-friendly.
SERIES_COLOURS = ("#1f4e79", "#6fa8dc", "#c9daf8", "#999999")
BAR_COLOUR = "#1f4e79"
DEADLINE_COLOUR = "#c00000"
MM_PER_INCH = 25.4


#: Bump when a chart's look is changed on purpose (colours, layout): part of
#: every chart's recipe, so the documents holding one get a new draft.
STYLE_VERSION = 2


@dataclass(frozen=True)
class Picture:
    """A PNG image, the width (mm) it takes on the page, and its *recipe*.

    The recipe (the chart's kind, data and style, as plain values) is what a
    document's input hash sees; the PNG's bytes are not (``hashed: False``):
    a matplotlib or FreeType upgrade redraws them slightly differently
    without the document having changed.
    """

    png: bytes = field(metadata={"hashed": False})
    width_mm: float
    #: (not in the snapshots made before recipes, which hashed the PNG instead)
    recipe: Any = field(default=None, metadata={"legacy": False})


def style(**more: Any) -> dict[str, Any]:
    """The style part of a recipe: what :func:`_figure` and :func:`_style` fix, and ``more``."""
    return {
        "style_version": STYLE_VERSION,
        "font": FONT_FAMILY,
        "font_size": 8,
        "dpi": DPI,
        **more,
    }


@dataclass(frozen=True)
class GanttBar:
    """One bar of a Gantt chart: a label and its first and last day."""

    label: str
    start: dt.date
    end: dt.date


def _figure(width_mm: float, height_mm: float) -> Any:
    """A figure on the Agg canvas whose text is all set in Liberation Sans."""
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    for path in (FONT_FILE, BOLD_FONT_FILE):
        if not path.is_file():  # pragma: no cover - a broken installation, not a user mistake
            raise FileNotFoundError(f"{path} is missing: apt-get install fonts-liberation2")
        font_manager.fontManager.addfont(str(path))
    figure = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _style() -> Any:
    """rc settings for drawing and saving: the font by name (registered from its file)."""
    from matplotlib import rc_context

    return rc_context({"font.family": FONT_FAMILY, "font.size": 8, "axes.linewidth": 0.6})


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    # No "Software" tag and no timestamp: the bytes depend on the data alone.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s month to the month after ``last``."""
    months = [dt.date(first.year, first.month, 1)]
    while months[-1] <= last:
        m = months[-1]
        months.append(dt.date(m.year + m.month // 12, m.month % 12 + 1, 1))
    return months


@cached_chart
def gantt_chart(
    bars: Sequence[GanttBar],
    *,
    deadline: dt.date,
    deadline_label: str,
    width_mm: float = 160.0,
) -> Picture:
    """A Gantt chart: one numbered bar per item, months on the x axis, the
    deadline as a dashed line.  Labels are Vietnamese text given by the caller."""
    from matplotlib.dates import date2num as _date2num

    def date2num(day: dt.date) -> float:
        return float(_date2num(day))  # type: ignore[no-untyped-call]

    if not bars:
        raise ValueError("a Gantt chart needs at least one bar")
    with _style():
        figure = _figure(width_mm, 24 + 7 * len(bars))
        axes = figure.add_subplot()
        for row, bar in enumerate(bars):
            start = date2num(bar.start)
            # a bar covers its last day too
            axes.barh(row, date2num(bar.end) + 1 - start, left=start, height=0.55, color=BAR_COLOUR)
        axes.set_yticks(range(len(bars)))
        axes.set_yticklabels(
            [
                f"{n}. " + textwrap.shorten(bar.label, 44, placeholder="…")
                for n, bar in enumerate(bars, 1)
            ]
        )
        months = _months(min(b.start for b in bars), max(max(b.end for b in bars), deadline))
        # a few days past the deadline, so its line is not lost in the frame
        axes.set_xlim(date2num(months[0]), max(date2num(months[-1]), date2num(deadline) + 6))
        axes.set_xticks([date2num(m) for m in months[:-1]])
        axes.set_xticklabels([f"{m.month}/{m.year}" for m in months[:-1]], ha="left")
        axes.grid(axis="x", color="#cccccc", linewidth=0.6)
        axes.set_axisbelow(True)
        line = date2num(deadline) + 1
        axes.axvline(line, color=DEADLINE_COLOUR, linestyle="--", linewidth=1)
        # the label ends a little left of the line, inside the plot area
        axes.annotate(
            deadline_label,
            (line, -0.65),
            xytext=(-4, 0),
            textcoords="offset points",
            color=DEADLINE_COLOUR,
            ha="right",
            va="bottom",
        )
        axes.set_ylim(len(bars) - 0.5, -1.0)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout(pad=0.4)
        recipe = {
            "chart": "gantt",
            "bars": [[b.label, b.start.isoformat(), b.end.isoformat()] for b in bars],
            "deadline": [deadline.isoformat(), deadline_label],
            "style": style(bar=BAR_COLOUR, deadline=DEADLINE_COLOUR, label_chars=44),
        }
        return Picture(_png(figure), width_mm, recipe)


def axis_number(value: float) -> str:
    """An axis tick the way the tables write numbers ("52.202,5"), with the
    decimals it carries (up to three)."""
    exact = Decimal(f"{value:.3f}").normalize()
    exponent = exact.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(exact, decimals)


@cached_chart
def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    unit_label: str,
    scale: int = 1_000_000,
    width_mm: float = 150.0,
    height_mm: float = 80.0,
) -> Picture:
    """Stacked bars: one bar per category, one stack per series, totals on top.

    Values are whole đồng; they are drawn and labelled divided by ``scale``
    (triệu đồng by default), with Vietnamese digit grouping.
    """
    from matplotlib.ticker import FuncFormatter

    if not categories or any(len(values) != len(categories) for _n, values in series):
        raise ValueError("each series needs one value per category")
    with _style():
        figure = _figure(width_mm, height_mm)
        axes = figure.add_subplot()
        bottoms = [0.0] * len(categories)
        positions = list(range(len(categories)))
        for n, (name, values) in enumerate(series):
            scaled = [v / scale for v in values]
            axes.bar(
                positions,
                scaled,
                bottom=bottoms,
                width=0.5,
                label=name,
                color=SERIES_COLOURS[n % len(SERIES_COLOURS)],
                edgecolor="#333333",
                linewidth=0.4,
            )
            bottoms = [b + v for b, v in zip(bottoms, scaled, strict=True)]
        for x, total in enumerate(sum(v[i] for _n, v in series) for i in positions):
            axes.text(
                x,
                bottoms[x],
                scaled_amount(total, scale),
                ha="center",
                va="bottom",
                fontweight="bold",
            )
        axes.set_xticks(positions)
        axes.set_xticklabels(list(categories), fontsize=9)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: axis_number(v)))
        axes.set_ylabel(unit_label)
        axes.set_ylim(0, max(bottoms) * 1.15 or 1)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        figure.tight_layout(pad=0.4)
        recipe = {
            "chart": "stacked_bars",
            "categories": list(categories),
            "series": [[name, list(values)] for name, values in series],
            "unit": [unit_label, scale],
            "style": style(colours=list(SERIES_COLOURS), height_mm=height_mm),
        }
        return Picture(_png(figure), width_mm, recipe)
