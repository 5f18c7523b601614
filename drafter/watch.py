"""``drafter watch``: rebuild previews when content or a template is saved.

File events arrive in bursts (an editor writes a temp file, renames it,
touches the folder; Word saves in several steps), so changes are debounced:
a rebuild starts once no event has come for :data:`QUIET` seconds, or at the
latest :data:`MAX_WAIT` seconds after the first event of a burst, so that a
stream of saves still shows something.  The timing rule is the pure function
:func:`next_rebuild`, tested without sleeping.

Each rebuild is a preview build: only documents whose inputs changed are
rendered again.  The renderers stay warm for the whole run: a persistent
:class:`~drafter.workers.WarmPool` is forked before anything else starts
(before watchdog's threads, so this process never forks with threads
running); it imports docxtpl and WeasyPrint once, and each rebuild's
documents are rendered side by side in workers forked from it.  Loading,
checking and planning stay in this process, which keeps its own imports and
caches (the charts) from one save to the next.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.commands.preview import preview
from drafter.errors import DrafterError, Problem
from drafter.options import BuildEvents, BuildOptions
from drafter.plan import output_dir
from drafter.publish.registry import state_dir
from drafter.workers import RENDER_MODULES, WarmPool, WorkerFailed, fork_is_available

#: An editor writes a file in one burst of events a few milliseconds long.
QUIET = 0.25
MAX_WAIT = 5.0

#: Files editors write beside the real one while saving, never content.
_IGNORED_PREFIXES = (".", "~$", "#")
_IGNORED_SUFFIXES = (".part", ".swp", ".swx", ".tmp", "~")


@dataclass(frozen=True)
class Burst:
    """Changes seen since the last rebuild: when the first and last came."""

    first: float
    last: float
    count: int = 1


def add_event(burst: Burst | None, now: float) -> Burst:
    """The burst after one more file event at time ``now``."""
    if burst is None:
        return Burst(now, now)
    return Burst(burst.first, now, burst.count + 1)


def next_rebuild(
    burst: Burst | None, now: float, *, quiet: float = QUIET, max_wait: float = MAX_WAIT
) -> float | None:
    """Seconds to wait before rebuilding: None when nothing is pending, 0 when
    the rebuild is due now (quiet for ``quiet`` seconds, or ``max_wait`` after
    the burst began)."""
    if burst is None:
        return None
    due = min(burst.last + quiet, burst.first + max_wait)
    return max(0.0, due - now)


def relevant(path: str, ignored_dirs: Iterable[Path]) -> bool:
    """Whether a changed path can affect a document (not output/ or the
    version registry, not editor temp files)."""
    p = Path(path)
    if p.name.startswith(_IGNORED_PREFIXES) or p.name.endswith(_IGNORED_SUFFIXES):
        return False
    return not any(p.is_relative_to(d) for d in ignored_dirs)


def watch(
    root: Path,
    options: BuildOptions,
    *,
    echo: Callable[[str], None] = print,
    problems: Callable[[list[Problem]], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Build previews now, then again after every debounced change, until
    Ctrl-C (or until ``stop()`` says so)."""
    changes: queue.Queue[str] = queue.Queue()
    options.preview, options.jobs = True, 1  # in-process only if there is no pool
    # Forked now, while this process has no other thread (else: render here);
    # it imports the renderers while the first build loads the project.
    pools = []
    if fork_is_available() and threading.active_count() == 1:
        pools.append(WarmPool(os.cpu_count() or 1, RENDER_MODULES, persistent=True))
    try:
        _watch(root, options, echo, problems, stop, pools, changes)
    finally:
        for pool in pools:
            pool.close()


def _watch(
    root: Path,
    options: BuildOptions,
    echo: Callable[[str], None],
    problems: Callable[[list[Problem]], None] | None,
    stop: Callable[[], bool],
    pools: list[WarmPool],
    changes: queue.Queue[str],
) -> None:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    from drafter.project import load_project

    events = BuildEvents(wrote=lambda path: echo(f"wrote {path}"))  # as each is written

    def render(project: Any) -> Any:
        while True:
            try:
                return preview(project, options, events, pool=pools[0] if pools else None)
            except WorkerFailed as exc:  # the server died: render here from now on
                if not pools:
                    raise
                echo(f"render workers failed ({exc}); rendering in this process")
                pools.pop().close()

    def rebuild() -> list[Path]:
        """One preview build; returns the folders to watch."""
        started = time.monotonic()
        try:
            project = load_project(root)
            report = render(project)
        except DrafterError as exc:
            if problems is not None:
                problems(exc.problems)
            echo("not rebuilt; fix the problems above and save again")
            return []
        if not report.written:
            echo("previews are up to date")
        else:
            echo(f"previews rebuilt in {time.monotonic() - started:.1f} s")
        templates = {d.template_path.parent for d in project.documents}
        return [project.root, *sorted(templates)]

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            changes.put(str(getattr(event, "dest_path", "") or event.src_path))

    folders = rebuild() or [root.resolve()]
    try:
        ignored = [output_dir(load_project(root), options.output)]
    except DrafterError:
        ignored = [(root / "output").resolve()]
    ignored.append(state_dir(root).resolve())  # builds commit versions there
    observer: Any = Observer()
    for folder in dict.fromkeys(folders):
        observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    echo(f"watching {', '.join(str(f) for f in dict.fromkeys(folders))} (Ctrl-C to stop)")
    burst: Burst | None = None
    try:
        while not stop():
            timeout = next_rebuild(burst, time.monotonic())
            try:
                path = changes.get(timeout=0.5 if timeout is None else max(timeout, 0.01))
            except queue.Empty:
                if next_rebuild(burst, time.monotonic()) == 0:
                    burst = None
                    rebuild()
                continue
            if relevant(path, ignored):
                burst = add_event(burst, time.monotonic())
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
