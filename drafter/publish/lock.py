"""The build lock: one build at a time writes versions.

An exclusive ``fcntl.flock`` on ``lock`` in the project's state folder
(:mod:`drafter.publish.registry`), so one build at a time writes versions,
whatever output folder it writes to.  The kernel releases it
when the holder exits, even on kill -9, so a stale lock cannot outlive a
crashed build.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import DrafterError, problem_at


class BuildLocked(DrafterError):
    """Another build holds the lock and we were told not to wait."""


@contextmanager
def build_lock(
    path: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive lock at ``path`` for the duration of the block.

    If another process holds it: with ``wait``, call ``on_wait`` with a
    message and block until it is free; otherwise raise :class:`BuildLocked`
    (a user-facing error, exit code 2).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = f"another drafter build is running (lock {path})"
            if not wait:
                raise BuildLocked(
                    [problem_at(path, f"{message}; try again when it has finished")]
                ) from None
            if on_wait is not None:
                on_wait(f"{message}; waiting for it to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(fd)
