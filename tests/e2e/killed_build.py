"""``python killed_build.py PROJECT STEP [--no-pdf]``: build PROJECT and kill
this process with SIGKILL when the publishing transaction reaches STEP (one
of :class:`drafter.publish.transaction.Hooks`' step names).

Run by the kill test as a separate process, so the kill is a real kill -9.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from drafter.build import build
from drafter.options import BuildOptions
from drafter.publish.transaction import Hooks


def main(argv: list[str]) -> int:
    project, step, *flags = argv

    def kill_at(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    build(Path(project), BuildOptions(pdf="--no-pdf" not in flags), hooks=Hooks(step=kill_at))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
