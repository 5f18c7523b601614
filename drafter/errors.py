"""User-facing problems and the exception that carries them.

A *Problem* is a user mistake located in a file (content YAML, a template, a
returned Word file).  Stages collect problems and raise a single
:class:`DrafterError` holding all of them, so the user sees every mistake at
once.  Bugs are ordinary exceptions and keep their traceback.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located user mistake.

    ``file`` is shown relative to the project root where possible; ``line`` and
    ``column`` are 1-based (0 when unknown); ``path`` is the field path inside
    the file, such as ``databases[17].update_cycle``.
    """

    file: str
    line: int = 0
    column: int = 0
    path: str = ""
    message: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        label = "" if self.severity is Severity.ERROR else "warning: "
        subject = f"{self.path}: " if self.path else ""
        return f"{where}: {label}{subject}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, then line and column, dropping exact repeats."""
    return sorted(set(problems))


class DrafterError(Exception):
    """A user mistake (or several): the CLI prints them and exits non-zero."""

    exit_code = 2

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[type[DrafterError], tuple[list[Problem]], dict[str, object]]:
        # Pickled as its problems (not its text), so that one raised in a render
        # worker reaches the CLI as itself, with every place and its exit code;
        # a subclass with other constructor arguments overrides this.
        return type(self), (self.problems,), dict(self.__dict__)


def problem_at(
    file: str | Path,
    message: str,
    *,
    line: int = 0,
    column: int = 0,
    path: str = "",
    severity: Severity = Severity.ERROR,
) -> Problem:
    """Shorthand used where no YAML position map is at hand."""
    return Problem(str(file), line, column, path, message, severity)
