"""The tools the test suite needs are installed by the setup, so a missing one
fails the tests that need it, saying how to install it, instead of skipping."""

from __future__ import annotations

import shutil

import pytest
from helpers import TEST_TOOLS, require_tool


def test_missing_tool_fails_and_names_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(pytest.fail.Exception, match="apt-get install libreoffice-writer-nogui"):
        require_tool("soffice")


@pytest.mark.parametrize("tool", sorted(TEST_TOOLS))
def test_setup_installed_the_tool(tool: str) -> None:
    assert require_tool(tool) == shutil.which(tool)
