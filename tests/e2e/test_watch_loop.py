"""`drafter watch`: a save renders again only the documents it touched, in
workers forked from one warm server kept for the whole run."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drafter.workers import fork_is_available

DRAFTER = Path(sys.executable).with_name("drafter")


class Watcher:
    """`drafter watch` in a process of its own, its output read line by line."""

    def __init__(self, content: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [str(DRAFTER), "watch", "--project", str(content), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        stream = self.process.stdout
        assert stream is not None
        threading.Thread(target=lambda: [self.lines.put(x) for x in stream], daemon=True).start()

    def until(self, text: str, timeout: float = 240) -> list[str]:
        """The lines up to and including the first that holds ``text``."""
        seen, deadline = [], time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            seen.append(line.rstrip("\n"))
            if text in line:
                return seen

    def quiet(self, seconds: float = 2.0) -> list[str]:
        seen = []
        while True:
            try:
                seen.append(self.lines.get(timeout=seconds).rstrip("\n"))
            except queue.Empty:
                return seen

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def children(pid: int) -> set[int]:
    return {int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


@pytest.mark.skipif(not DRAFTER.exists(), reason="the drafter script is not installed")
@pytest.mark.skipif(not fork_is_available(), reason="the warm render server: Linux")
def test_a_save_renders_again_only_the_document_it_touched(mini: Path) -> None:
    watcher = Watcher(mini, "--no-pdf")
    try:
        first = watcher.until("watching")
        written = [line for line in first if line.startswith("wrote ")]
        assert {Path(line).parent.parent.name for line in written} == {"qd-csdl", "qd-dlm"}
        server = children(watcher.process.pid)
        assert len(server) == 1, "one warm render server beside the watcher"
        untouched = next(p for p in (mini.parent / "output" / "qd-csdl" / "preview").iterdir())
        untouched_time = untouched.stat().st_mtime_ns

        source = mini / "documents" / "qd-dlm.yaml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("dữ liệu mở của", "dữ liệu mở (sửa) của", 1), "utf-8")
        second = watcher.until("QD-DLM.docx", timeout=120) + watcher.quiet()
        assert [line for line in second if line.startswith("wrote ")] == [
            f"wrote {mini.parent.resolve() / 'output' / 'qd-dlm' / 'preview' / 'QD-DLM.docx'}"
        ], second
        assert untouched.stat().st_mtime_ns == untouched_time
        assert children(watcher.process.pid) == server, "the same server, kept warm"
    finally:
        watcher.stop()
