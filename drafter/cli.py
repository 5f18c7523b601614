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
    line, column and field.  First checks that docxtpl, python-docx,
    WeasyPrint and pypdf still have the internals drafter relies on.
    """
    from drafter.commands.check import check as run_check
    from drafter.options import BuildOptions
    from drafter.render.compat import check_internals

    check_internals()  # a library without an internal drafter uses: named first, loudly
    result = run_check(
        project or default_project(), BuildOptions(only=list(only) or None, strict=strict)
    )
    print_problems(result.warnings)
    click.echo(f"ok: {len(result.documents)} documents, content and templates valid")


output_option = click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: the project's `output`, ../output for the sample).",
)

#: --detailed-exit-code: a new version was cut (0: nothing changed, 2: failed).
EXIT_NEW_VERSIONS = 10


def shown_path(path: Path) -> str:
    cwd = Path.cwd()
    return str(path.relative_to(cwd) if path.is_relative_to(cwd) else path)


@main.command()
@project_option
@only_option
@output_option
@click.option("--no-pdf", is_flag=True, help="Write only the Word files.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--preview",
    is_flag=True,
    help="Render to output/<doc>/preview/ marked 'Dự thảo (bản xem trước)'; cut no version.",
)
@click.option(
    "--no-wait", is_flag=True, help="If another build is running, fail (exit 2) instead of waiting."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Render processes (default: cores).",
)
@click.option(
    "--detailed-exit-code",
    is_flag=True,
    help="Exit 0 when nothing changed, 10 when new versions were cut, 2 on failure.",
)
@click.option(
    "--rerender",
    is_flag=True,
    help="Render unchanged documents again (after a drafter or library upgrade) and cut "
    "a draft of each whose files come out different ('cập nhật cách trình bày').",
)
@user_errors
def build(
    project: Path | None,
    only: tuple[str, ...],
    output: Path | None,
    no_pdf: bool,
    strict: bool,
    preview: bool,
    no_wait: bool,
    jobs: int | None,
    detailed_exit_code: bool,
    rerender: bool,
) -> None:
    """Build the documents that changed: a new numbered draft of each.

    Plans first: a document gets a new version (Dự thảo lần N) only when its
    content, the registry entries it uses or its template changed; a new
    drafter or library version cuts none unless --rerender is given.  Each
    version is written to output/<doc>/ as <name>_du-thao-NN.docx and .pdf,
    with a changelog (.changelog.md) and a redline against the previous
    version (_redline.docx); <name>.docx and .pdf are copies of the latest.
    Validates everything first; if anything is wrong, prints every problem,
    exits 2 and leaves output/ as it was.

    \b
    Exit codes:
      0   success (with --detailed-exit-code: nothing changed)
      10  with --detailed-exit-code: new versions were cut
      2   a mistake in the content or templates, or the lock is held (--no-wait)
    """
    from drafter.build import build as run_build
    from drafter.cli_progress import BuildProgress
    from drafter.options import BuildEvents, BuildOptions

    progress = BuildProgress()
    events = BuildEvents(
        message=progress.message,
        render_started=progress.started,
        rendered=progress.rendered,
        laid_out=progress.laid_out,
    )
    options = BuildOptions(
        only=list(only) or None,
        pdf=not no_pdf,
        strict=strict,
        output=output,
        preview=preview,
        wait=not no_wait,
        jobs=jobs,
        rerender=rerender,
    )
    try:
        report = run_build(project or default_project(), options, events)
    finally:
        progress.close()
    print_problems(report.warnings)
    for version in report.cut:
        click.echo(f"{version.document}: Dự thảo lần {version.number}")
    for doc_id in report.repaired:
        click.echo(f"{doc_id}: restored the files of its latest version")
    for path in report.written:
        click.echo(f"wrote {shown_path(path)}")
    for path in report.removed:
        click.echo(f"removed {shown_path(path)}")
    if not report.written and not report.removed:
        click.echo("nothing to do: every document is up to date")
    if detailed_exit_code and report.changed:
        sys.exit(EXIT_NEW_VERSIONS)


@main.command()
@project_option
@only_option
@output_option
@click.option("--no-pdf", is_flag=True, help="Judge as for `build --no-pdf` (PDFs not required).")
@user_errors
def status(project: Path | None, only: tuple[str, ...], output: Path | None, no_pdf: bool) -> None:
    """Say which documents are out of date and why; writes nothing.

    Reasons: never built, content changed (content or the registry entries
    the document uses), template changed, renderer changed, files missing or
    changed, leftovers of an interrupted build.
    """
    from drafter.options import BuildOptions
    from drafter.plan import plan

    the_plan = plan(
        project or default_project(),
        BuildOptions(only=list(only) or None, output=output, pdf=not no_pdf),
    )
    for item in the_plan.documents:
        version = f"Dự thảo lần {item.latest.number}" if item.latest else "no version"
        if item.stale:
            click.echo(f"{item.doc_id}: out of date ({version}): {'; '.join(item.reasons)}")
        else:
            click.echo(f"{item.doc_id}: up to date ({version})")
    stale = len(the_plan.stale)
    click.echo(f"{stale} of {len(the_plan.documents)} documents out of date" if stale else "clean")


@main.command()
@project_option
@click.argument("document")
@user_errors
def history(project: Path | None, document: str) -> None:
    """List the versions of DOCUMENT: number, time (UTC), input hash, git commit, files."""
    from drafter.commands.history import history as run_history

    versions = run_history(project or default_project(), document)
    if not versions:
        click.echo(f"{document}: no versions yet")
    for v in versions:
        commit = f"git {v.git_commit[:10]}" if v.git_commit else "no git"
        files = ", ".join(f.name for f in v.files.values())
        click.echo(
            f"{v.number:>3}  {v.created.replace('T', ' ').removesuffix('+00:00')} UTC  "
            f"input {v.input_hash[:12]}  {commit}  {files}"
        )


@main.command()
@project_option
@output_option
@click.argument("document")
@click.argument("old", type=click.IntRange(min=1), required=False)
@click.argument("new", type=click.IntRange(min=1), required=False)
@user_errors
def diff(
    project: Path | None, output: Path | None, document: str, old: int | None, new: int | None
) -> None:
    """Write a redline DOCX (Word tracked changes) between versions OLD and NEW
    of DOCUMENT; by default the last two versions."""
    from drafter.commands.history import diff as run_diff

    path = run_diff(project or default_project(), document, old, new, output)
    click.echo(f"wrote {shown_path(path)}")


@main.command()
@project_option
@only_option
@output_option
@click.option("--no-pdf", is_flag=True, help="Preview only the Word files (faster).")
@user_errors
def watch(project: Path | None, only: tuple[str, ...], output: Path | None, no_pdf: bool) -> None:
    """Rebuild previews whenever content or a template is saved (Ctrl-C to stop).

    Previews go to output/<doc>/preview/; no version is cut; only documents
    whose content, registry entries or template changed are rendered again.
    Saves within a quarter of a second of each other make one rebuild;
    mistakes are printed and watching goes on.
    """
    from drafter.options import BuildOptions
    from drafter.watch import watch as run_watch

    options = BuildOptions(only=list(only) or None, pdf=not no_pdf, output=output, preview=True)
    run_watch(project or default_project(), options, echo=click.echo, problems=print_problems)


@main.command()
@project_option
@output_option
@click.option(
    "--serve", is_flag=True, help="Then serve it on 127.0.0.1 for a look (Ctrl-C to stop)."
)
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=8000,
    show_default=True,
    help="Port for --serve (0: any free port).",
)
@user_errors
def site(project: Path | None, output: Path | None, serve: bool, port: int) -> None:
    """Write the reviewers' site into output/site/ (as `drafter build` does).

    One page per document with its drafts (newest first, with the reason,
    DOCX, PDF, redline and changelog), the comments on each draft with what
    became of them, filterable by unit and response.  It opens from disk:
    output/site/index.html.  Only files whose bytes changed are rewritten.
    """
    from drafter.plan import output_dir
    from drafter.project import load_project
    from drafter.site import write_site

    loaded = load_project(project or default_project())
    out = output_dir(loaded, output)
    report = write_site(loaded, out)
    print_problems(report.problems)
    for path in report.written:
        click.echo(f"wrote {shown_path(path)}")
    for path in report.removed:
        click.echo(f"removed {shown_path(path)}")
    if not report.written and not report.removed:
        click.echo(f"{shown_path(report.folder)}: up to date")
    if serve:
        from drafter.site.serve import serve as run_server

        try:
            run_server(out, port, started=lambda url: click.echo(f"serving {url} (Ctrl-C to stop)"))
        except OSError as exc:
            raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}") from exc


@main.group()
def comments() -> None:
    """Reviewers' comments: collect them from returned Word files into the register."""


@comments.command("collect")
@project_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--document",
    "-d",
    metavar="DOC",
    default=None,
    help="Document id the files comment on, when a file does not say it itself.",
)
@user_errors
def comments_collect(project: Path | None, files: tuple[Path, ...], document: str | None) -> None:
    """Add the comments and tracked changes of returned Word FILES to the register.

    Each comment, insertion and deletion becomes an entry of
    feedback/<document>.yaml, with its commenting unit (from the people
    registry, else the file name), author, date, provision and text.
    Collecting a file again adds nothing; answers already written are kept.
    A file that is not a safe Word file is reported and skipped, the others
    are still collected; the exit code is then 2.
    """
    from drafter.review.collect import collect

    report = collect(project or default_project(), list(files), document=document)
    for item in report.files:
        if item.error is None:
            draft = f"dự thảo lần {item.version}" if item.version else "draft unknown"
            click.echo(
                f"{item.path.name}: {item.document}, {draft}: "
                f"{item.new} new, {item.present} already present"
            )
    for author in report.unknown_authors:
        unit = f"unit from the file name: {author.unit}" if author.unit else "unit left empty"
        click.secho(
            f"unknown author {author.author!r} in {author.file} ({unit})", fg="yellow", err=True
        )
    cwd = Path.cwd()
    for path in report.written:
        shown = path.relative_to(cwd) if path.is_relative_to(cwd) else path
        click.echo(f"wrote {shown}")
    if report.failed:
        print_problems(report.problems)
        sys.exit(2)
