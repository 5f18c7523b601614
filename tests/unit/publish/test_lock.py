"""The build lock: a held flock makes a --no-wait build fail at once."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from drafter.publish.lock import BuildLocked, build_lock


def test_held_lock_fails_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / ".drafter" / "lock"
    with build_lock(path), pytest.raises(BuildLocked) as caught, build_lock(path, wait=False):
        pass
    assert "another drafter build is running" in str(caught.value)
    assert caught.value.exit_code == 2


def test_lock_is_free_again_after_the_block(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    with build_lock(path):
        pass
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
    finally:
        os.close(fd)
