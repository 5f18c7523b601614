"""The drafter command line: parse arguments, call the library, print, exit.

User mistakes arrive as :class:`~drafter.errors.DrafterError` and are printed
as located lines with exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter import __version__
from drafter.errors import DrafterError, Problem

F = TypeVar("F", bound=Callable[..., Any])


def default_project() -> Path:
    """``./content`` when it holds a project, else the current folder."""
    candidate = Path("content")
    return candidate if (candidate / "drafter.yaml").is_file() else Path(".")


def print_problems(problems: Iterable[Problem]) -> None:
    problems = list(problems)
    for problem in problems:
        colour = "red" if problem.is_error else "yellow"
        click.secho(problem.format(), fg=colour, err=True)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if problems:
        parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        if warnings:
            parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        click.secho(", ".join(parts), err=True, bold=True)


def user_errors(func: F) -> F:
    """Turn DrafterError into printed problems and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DrafterError as exc:
            print_problems(exc.problems)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


project_option = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder holding drafter.yaml (default: ./content if present, else .).",
)
only_option = click.option(
    "--only",
    "-d",
    "only",
    multiple=True,
    metavar="DOC",
    help="Only this document id (repeatable). Default: every document.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """drafter: YAML content -> Decree 30 Word documents -> PDF made from them.

    Typical use: `drafter check` while editing, `drafter build` to write
    output/.  Every command reads the project in ./content (or --project).
    """


@main.command()
@project_option
@only_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@user_errors
def check(project: Path | None, only: tuple[str, ...], strict: bool) -> None:
    """Validate content and templates and merge every document in memory.

    Writes nothing. Exit code 0 when all is well, 2 when there are errors
    (or warnings, with --strict); every problem is listed with its file,
    line, column and field.
    """
    from drafter.build import BuildOptions
    from drafter.build import check as run_check

    result = run_check(
        project or default_project(), BuildOptions(only=list(only) or None, strict=strict)
    )
    print_problems(result.warnings)
    click.echo(f"ok: {len(result.documents)} documents, content and templates valid")


@main.command()
@project_option
@only_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: the project's `output`, ../output for the sample).",
)
@click.option("--no-pdf", is_flag=True, help="Write only the Word files.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@user_errors
def build(
    project: Path | None, only: tuple[str, ...], output: Path | None, no_pdf: bool, strict: bool
) -> None:
    """Build the documents: a DOCX from each Word template and a PDF made from it.

    Validates everything first; if anything is wrong, prints every problem,
    exits 2 and leaves the output folder exactly as it was.
    """
    from drafter.build import BuildOptions
    from drafter.build import build as run_build

    report = run_build(
        project or default_project(),
        BuildOptions(only=list(only) or None, pdf=not no_pdf, strict=strict, output=output),
    )
    print_problems(report.warnings)
    cwd = Path.cwd()
    for path in report.written:
        shown = path.relative_to(cwd) if path.is_relative_to(cwd) else path
        click.echo(f"wrote {shown}")
