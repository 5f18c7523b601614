"""What ``drafter build`` shows while it renders (the CLI layer; no library logic).

On a terminal, one line is redrawn in place: how many documents are done and,
for the document with the most layout left, the pages laid out so far, the
share done and an estimate of the time left.  Elsewhere (a log, cron, CI)
plain lines are printed: one per document rendered and, during a long
layout, one every :data:`PLAIN_EVERY` seconds per document.

The library reports through :class:`drafter.build.BuildEvents`; the layout
figures come from :class:`drafter.render.pdf.LayoutProgress`.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from drafter.render.pdf import LayoutProgress

#: Seconds between plain progress lines of one document (not on a terminal).
PLAIN_EVERY = 10.0
#: Seconds between redraws of the terminal line.
REDRAW_EVERY = 0.2
#: No estimate before this much of the layout is done, or this many seconds.
ESTIMATE_FROM_FRACTION = 0.03
ESTIMATE_FROM_SECONDS = 2.0


def time_left(elapsed: float, fraction: float | None) -> float | None:
    """Seconds left at a steady pace, having done ``fraction`` in ``elapsed``
    seconds; None while too little is done to tell."""
    if fraction is None or fraction < ESTIMATE_FROM_FRACTION or elapsed < ESTIMATE_FROM_SECONDS:
        return None
    return max(0.0, elapsed * (1.0 - fraction) / fraction)


def duration(seconds: float) -> str:
    """``"40 s"``, ``"2 min 10 s"`` (to 5 s above a minute), ``"1 h 5 min"``."""
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    if seconds < 3600:
        total = 5 * round(seconds / 5)
        minutes, rest = divmod(total, 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, rest = divmod(round(seconds / 60), 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


@dataclass
class _Layout:
    started: float
    progress: LayoutProgress
    printed: float


def layout_text(doc_id: str, progress: LayoutProgress, elapsed: float) -> str:
    """``"qd: 412 pages laid out, 38 %, about 1 min 10 s left"``."""
    text = f"{doc_id}: {progress.pages} page{'s' * (progress.pages != 1)} laid out"
    if progress.passes > 1:
        text += f" (pass {progress.pass_number} of {progress.passes})"
    if progress.fraction is not None:
        text += f", {100 * progress.fraction:.0f} %"
    left = time_left(elapsed, progress.fraction)
    if left is not None:
        text += f", about {duration(left)} left"
    return text


class BuildProgress:
    """Receives a build's events (see :class:`drafter.build.BuildEvents`) and
    shows them on ``stream`` (standard error by default)."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock
        self.total = self.done = 0
        self.layouts: dict[str, _Layout] = {}
        self._drawn = ""  # the terminal line now shown
        self._last_draw = float("-inf")

    # ------------------------------------------------------------------ events

    def message(self, text: str) -> None:
        self._clear()
        self._print(text)
        self._draw(force=True)

    def started(self, total: int) -> None:
        self.total, self.done = total, 0
        if self.tty:
            self._draw(force=True)
        else:
            self._print(f"rendering {total} document{'s' * (total != 1)}")

    def rendered(self, doc_id: str) -> None:
        self.done += 1
        self.layouts.pop(doc_id, None)
        if self.tty:
            self._draw(force=True)
        else:
            self._print(f"rendered {doc_id}")

    def laid_out(self, doc_id: str, progress: LayoutProgress) -> None:
        now = self.clock()
        layout = self.layouts.get(doc_id)
        if layout is None:
            layout = self.layouts[doc_id] = _Layout(now, progress, now)
        layout.progress = progress
        if self.tty:
            self._draw()
        elif now - layout.printed >= PLAIN_EVERY:
            layout.printed = now
            self._print(layout_text(doc_id, progress, now - layout.started))

    def close(self) -> None:
        self._clear()

    # ------------------------------------------------------------------ drawing

    def line(self) -> str:
        """The terminal line: documents done, and the layout with most left."""
        text = f"rendering {self.done}/{self.total}"
        now = self.clock()

        def left(item: tuple[str, _Layout]) -> float:
            fraction = item[1].progress.fraction
            return 1.0 - fraction if fraction is not None else 0.0

        if self.layouts:
            doc_id, layout = max(self.layouts.items(), key=left)
            text += " · " + layout_text(doc_id, layout.progress, now - layout.started)
        return text

    def _draw(self, *, force: bool = False) -> None:
        if not self.tty or self.total == 0:
            return
        now = self.clock()
        if not force and now - self._last_draw < REDRAW_EVERY:
            return
        self._last_draw = now
        width = shutil.get_terminal_size((100, 20)).columns - 1
        text = self.line()[:width]
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self._drawn = text

    def _clear(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = ""

    def _print(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()
