"""Process hygiene shared by the stages that start processes of their own."""

from __future__ import annotations

import os
import sys


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when ``parent`` does.

    Otherwise a build killed with SIGKILL leaves its workers running as
    orphans, still holding the build's stdout (a caller reading it waits
    forever) and the machine's cores.  Linux only; elsewhere a no-op.
    """
    import ctypes
    import signal

    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def release_free_memory() -> None:
    """Hand memory that Python has freed back to the system (glibc only; else a no-op).

    glibc keeps freed heap pages for reuse, so after a big temporary structure
    the process stays as large as at its peak; a process about to fork
    children (which inherit its size) should give them back first.
    """
    import ctypes

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)
