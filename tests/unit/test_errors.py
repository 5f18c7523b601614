"""User-facing errors keep their problems and exit code across a process boundary."""

from __future__ import annotations

import pickle

import pytest

from drafter.errors import DrafterError, Problem, Severity
from drafter.publish.lock import BuildLocked
from drafter.render.fonts import FontsMissingError

PROBLEMS = [
    Problem("content/b.yaml", 3, 5, "items[0].name", "second"),
    Problem("content/a.yaml", 1, 2, "title", "first", Severity.WARNING),
]


@pytest.mark.parametrize("kind", [DrafterError, BuildLocked, FontsMissingError])
def test_every_user_error_survives_pickling(kind: type[DrafterError]) -> None:
    error = kind(PROBLEMS)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is kind
    assert copy.problems == error.problems
    assert [p.severity for p in copy.problems] == [Severity.WARNING, Severity.ERROR]
    assert str(copy) == str(error)
    assert copy.exit_code == error.exit_code == 2
