"""kill -9 at random points of `drafter build`, with and without PDFs: every
committed version stays whole, no half-written file sits under a final name,
and the next build completes and leaves `drafter status` clean."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.publish.canonical import sha256_hex
from drafter.publish.registry import read_registry
from drafter.publish.versions import parse_version_name

SEED = 20230524
#: Named steps of the publishing transaction (drafter.publish.transaction.Hooks):
#: the window between the first file written and the latest copies refreshed
#: is short, so half the kills aim there and half fall at random times.
CRASH_POINTS = [
    "file-0-docx",
    "file-0-changelog",
    "file-1-docx",
    "before-commit",
    "journal",
    "after-commit",
    "after-copies",
]
DRAFTER = str(Path(sys.executable).parent / "drafter")
#: Builds the project and kills itself at a named step (see its docstring).
KILLED_BUILD = str(Path(__file__).with_name("killed_build.py"))
STEMS = {"qd-csdl": "QD-CSDL", "qd-dlm": "QD-DLM"}


def drafter(content: Path, *args: str) -> subprocess.Popen[str]:
    return run([DRAFTER, *args, "--project", str(content)])


def run(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def leftover_builds(content: Path) -> list[int]:
    """Processes still running a build of this project (forked workers keep
    the build's command line)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(content).encode() in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def assert_consistent(output: Path, registry: Path) -> None:
    """Registered files exist with their SHA-256; other version files are
    uncommitted leftovers (numbered above the latest); latest copies are whole."""
    files, latest = [], {}
    with read_registry(registry) as reader:
        versions = [v for d in reader.documents() for v in reader.versions(d)] if reader else []
    for version in versions:
        files += [(version.document, f.name, f.sha256) for f in version.files.values()]
        latest[version.document] = max(latest.get(version.document, 0), version.number)
    registered = {}
    for document, name, sha in files:
        path = output / document / name
        assert path.is_file(), f"registered {path} is missing"
        assert sha256_hex(path.read_bytes()) == sha, f"registered {path} is damaged"
        registered[(document, name)] = sha
    for document, stem in STEMS.items():
        folder = output / document
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.endswith(".part"):
                assert path.name.startswith("."), f"temporary file under a final name: {path}"
                continue
            parsed = parse_version_name(stem, path.name)
            if parsed is not None and (document, path.name) not in registered:
                assert parsed[0] > latest.get(document, 0), f"unregistered old version: {path}"
            if path.name in (f"{stem}.docx", f"{stem}.pdf"):
                shas = {sha for (d, n), sha in registered.items() if d == document}
                assert sha256_hex(path.read_bytes()) in shas, f"latest copy {path} is not a version"


@pytest.mark.parametrize("pdf", [False, True], ids=["no-pdf", "pdf"])
def test_killed_builds_leave_every_version_whole(mini: Path, pdf: bool) -> None:
    rng = random.Random(SEED)
    output = mini.parent / "output"
    registry = mini / ".drafter-state"
    flags = [] if pdf else ["--no-pdf"]
    started = time.monotonic()
    first = drafter(mini, "build", *flags)
    assert first.wait(timeout=60) == 0, first.communicate()[0]
    # timed kills fall inside a build's span on this machine, however fast it is
    span = time.monotonic() - started
    killed = {"crash point": 0, "timed": 0}
    for iteration in range(16):
        if min(killed.values()) >= 3:
            break
        # a content change in both documents, so each build has versions to cut
        for doc in ("qd-csdl", "qd-dlm"):
            path = mini / "documents" / f"{doc}.yaml"
            path.write_text(
                path.read_text(encoding="utf-8").replace(
                    "Ủy ban Dân tộc\n", f"Ủy ban Dân tộc (lần sửa {iteration})\n", 1
                ),
                encoding="utf-8",
            )
        timeout: float | None = None
        if iteration % 2 == 0:
            step = rng.choice(CRASH_POINTS)
            process = run([sys.executable, KILLED_BUILD, str(mini), step, *flags])
        else:
            timeout = rng.uniform(0.05, 0.6) * span
            process = drafter(mini, "build", *flags)
        try:
            process.wait(timeout=timeout if timeout is not None else 60)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        # render workers die with the build: its output closes, nothing hangs
        process.communicate(timeout=30)
        assert leftover_builds(mini) == [], "a killed build left processes running"
        if process.returncode == -signal.SIGKILL:
            killed["timed" if timeout is not None else "crash point"] += 1
        elif timeout is not None:
            span = min(span, timeout)  # this build beat the clock: aim earlier
        assert_consistent(output, registry)

    assert min(killed.values()) >= 3, f"too few builds were killed to test much: {killed}"
    final = drafter(mini, "build", *flags)
    assert final.wait(timeout=60) == 0, final.communicate()[0]
    assert_consistent(output, registry)
    status = drafter(mini, "status", *flags)
    text = status.communicate()[0]
    assert status.returncode == 0 and text.endswith("clean\n"), text
    assert not [p for p in output.rglob("*.part")]
    assert not [p for p in registry.rglob("*.part")]
    assert not (registry / "journal.json").exists()
