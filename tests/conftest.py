"""Shared fixtures (helpers live in tests/helpers.py, importable from tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINI, SAMPLE, copy_project


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The small test project, ready to edit."""
    return copy_project(MINI, tmp_path)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The real sample content, ready to edit."""
    return copy_project(SAMPLE, tmp_path)
