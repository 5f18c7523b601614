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
