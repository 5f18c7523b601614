"""What `drafter build` shows while it renders: plain lines, or one line redrawn."""

from __future__ import annotations

import io

from drafter.cli_progress import BuildProgress, duration, layout_text, time_left
from drafter.render.pdf import LayoutProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def at(pages: int, fraction: float | None) -> LayoutProgress:
    return LayoutProgress(pages=pages, fraction=fraction, rows=0, rows_total=1000)


def test_time_left_at_a_steady_pace() -> None:
    assert time_left(30.0, 0.25) == 90.0
    assert time_left(30.0, None) is None
    assert time_left(30.0, 0.01) is None  # too little done to tell
    assert time_left(1.0, 0.5) is None  # too early to tell


def test_durations_read_as_a_person_says_them() -> None:
    assert duration(0.2) == "1 s"
    assert duration(42.4) == "42 s"
    assert duration(131) == "2 min 10 s"
    assert duration(120) == "2 min"
    assert duration(3900) == "1 h 5 min"


def test_layout_text_names_pages_share_and_time_left() -> None:
    text = layout_text("qd-danh-muc-csdl", at(412, 0.4), 60.0)
    assert text == "qd-danh-muc-csdl: 412 pages laid out, 40 %, about 1 min 30 s left"
    assert layout_text("qd", at(1, None), 1.0) == "qd: 1 page laid out"


def test_not_on_a_terminal_a_plain_line_every_ten_seconds() -> None:
    out, clock = io.StringIO(), Clock()
    progress = BuildProgress(out, tty=False, clock=clock)
    progress.started(1)
    for second in range(26):  # a page a second
        clock.now = 100.0 + second
        progress.laid_out("qd", at(second + 1, second / 50 or None))
    progress.rendered("qd")
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "rendering 1 document"
    assert lines[1:-1] == [
        "qd: 11 pages laid out, 20 %, about 40 s left",
        "qd: 21 pages laid out, 40 %, about 30 s left",
    ]
    assert lines[-1] == "rendered qd"
    assert "\r" not in out.getvalue()


def test_on_a_terminal_one_line_redrawn_then_cleared() -> None:
    out, clock = io.StringIO(), Clock()
    progress = BuildProgress(out, tty=True, clock=clock)
    progress.started(2)
    clock.now += 10
    progress.laid_out("qd-a", at(30, 0.5))
    clock.now += 0.05  # too soon to redraw
    progress.laid_out("qd-a", at(31, 0.51))
    assert "31 pages" not in out.getvalue()
    clock.now += 1
    progress.laid_out("qd-b", at(5, 0.1))
    assert progress.line().startswith("rendering 0/2 · qd-b: 5 pages laid out, 10 %")
    progress.message("a note")  # printed on its own line, the progress line redrawn after it
    progress.rendered("qd-b")
    progress.close()
    shown = out.getvalue()
    assert "\rrendering 0/2 · qd-a: 30 pages laid out, 50 %" in shown
    assert "\r\x1b[Ka note\n" in shown
    assert "\rrendering 1/2 · qd-a: 31 pages laid out, 51 %" in shown
    assert shown.endswith("\r\x1b[K")
