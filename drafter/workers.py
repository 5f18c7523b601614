"""Rendering in worker processes: the render jobs, and a pool of workers
forked ahead of time from a warm parent.

A build spends its first second loading the project and planning on one
core, and rendering then starts by importing WeasyPrint and docxtpl (about
half a second more).  :class:`WarmPool` forks one server process at once: the
server imports those modules on another core while the build plans, waits
for a batch of calls, forks its workers (which inherit the imports) and sends
each result back as it comes.  One batch per pool, or any number with
``persistent=True`` (``drafter watch`` keeps one such pool for its whole run:
every rebuild's workers are forked from a process that is already warm, and
the watching process, which has threads, never forks).  A worker may also send
notes (progress inside a long call) with :func:`note`; the caller receives
them while it waits for results.

A :class:`RenderJob` is everything one document's rendering needs (its
context with the draft marker of the version being made, its metadata);
:func:`render_job` merges the DOCX and makes the PDF in memory, and
:func:`render_all` runs a batch of jobs in the pool or in-process.

The server and its workers die with the process that started them (see
:func:`drafter.processes.die_with_parent`), so a killed build leaves nothing
running.  Linux (fork) only: elsewhere :func:`fork_is_available` is false and
callers run the work in-process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.errors import DrafterError, Problem
from drafter.options import BuildEvents, BuildOptions
from drafter.plan import draft_marker, template_label
from drafter.processes import die_with_parent

if TYPE_CHECKING:
    from drafter.plan import DocumentPlan
    from drafter.project import Document, Project
    from drafter.render.pdf import LayoutProgress

#: Short enough for the template's 4 cm marker box ("Dự thảo (bản xem trước)" wraps
#: to two lines there and shifts every page of the preview).
PREVIEW_MARKER = "Bản xem trước"

T = TypeVar("T")
R = TypeVar("R")


#: In a worker: the pipe on which :func:`note` sends to the caller.
_notes: Connection | None = None


def note(message: Any) -> None:
    """Send ``message`` (small and picklable) to the caller's ``on_note`` while a
    call runs; does nothing outside a pool's worker.

    Workers share one pipe: a message pickled under PIPE_BUF (4 KB) is written
    in one piece, so messages never interleave; a longer one is dropped.
    """
    if _notes is None:
        return
    import pickle

    data = pickle.dumps(message)
    if len(data) > 4000:
        return
    with contextlib.suppress(OSError):  # the caller has gone
        _notes.send_bytes(data)


def _start_worker(parent: int, notes: Connection) -> None:
    global _notes
    die_with_parent(parent)
    _notes = notes


def fork_is_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class WorkerFailed(RuntimeError):
    """A call raised an exception that could not be sent back as itself."""


class WarmPool:
    """Up to ``workers`` processes, forked from a server that has imported ``modules``.

    Start it as early as possible; :meth:`map_unordered` hands it its batch
    (one, unless ``persistent``: then as many as wanted, one at a time, each
    with workers forked afresh from the server).  Always :meth:`close` it (it
    is a context manager).
    """

    def __init__(self, workers: int, modules: Sequence[str], *, persistent: bool = False) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        context = multiprocessing.get_context("fork")
        self._conn, server_end = context.Pipe()
        self._notes, notes_end = context.Pipe(duplex=False)
        self._server = context.Process(
            target=_serve,
            args=(
                server_end,
                (self._conn, self._notes),
                notes_end,
                os.getpid(),
                workers,
                tuple(modules),
                persistent,
            ),
            name="drafter-workers",
        )
        self._server.start()
        server_end.close()
        notes_end.close()
        self._used = self._finished = False
        self._persistent = persistent

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_unordered(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_note: Callable[[Any], None] | None = None,
    ) -> Iterator[R]:
        """``fn`` over ``items`` in the workers, each result as soon as it is ready.

        ``fn`` must be a module-level function; an exception it raises is
        raised here (as itself when it pickles, else as :class:`WorkerFailed`
        with its traceback).  ``on_note`` is called here with each message
        the calls send with :func:`note`, while this waits for results.
        """
        if self._used and not self._persistent:
            raise RuntimeError("a WarmPool runs one batch")
        self._used = True
        self._conn.send((fn, list(items)))
        remaining = len(items)
        sources: list[Connection] = [self._conn, self._notes]
        while remaining:
            ready = wait(sources)
            # A call's notes are written before its result exists: drain them
            # all first, so that every note comes before the result it precedes.
            while self._notes in sources and self._notes.poll(0):
                try:
                    message = self._notes.recv()
                except EOFError:  # every worker has gone: results (or EOF) follow
                    sources.remove(self._notes)
                else:
                    if on_note is not None:
                        on_note(message)
            if self._conn not in ready:
                continue
            try:
                ok, value = self._conn.recv()
            except EOFError:
                raise WorkerFailed(
                    "the worker processes ended before sending every result"
                ) from None
            if not ok:
                raise value
            remaining -= 1
            yield value
        self._finished = not self._persistent

    def close(self) -> None:
        """End the server (and any workers still running) and reap it.

        A server that has sent every result exits by itself; one that never got
        its batch (nothing to render), whose results are no longer wanted, or
        that is persistent is killed at once, its workers with it, rather than
        waited for.
        """
        self._conn.close()
        self._notes.close()
        if not self._finished:
            self._server.kill()
        self._server.join(timeout=10)
        if self._server.is_alive():  # pragma: no cover - a server that did not exit
            self._server.kill()
            self._server.join()


def _serve(
    conn: Connection,
    callers_ends: tuple[Connection, Connection],
    notes: Connection,
    parent: int,
    workers: int,
    modules: tuple[str, ...],
    persistent: bool,
) -> None:
    """The server: import, wait for a batch, fork the workers, relay results
    (the workers send their notes to the caller themselves, on ``notes``);
    again for the next batch when ``persistent``."""
    for end in callers_ends:  # inherited: held open here, the caller's close would not reach us
        end.close()
    # Ctrl-C reaches the whole process group: the caller stops, and closes or
    # outlives this server; here (and in the workers) it would only print a
    # traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    for module in modules:
        importlib.import_module(module)
    while True:
        try:
            batch = conn.recv()
        except EOFError:  # closed without a (further) batch
            return
        if not persistent:
            _run_batch(conn, notes, workers, batch, persistent=False)  # never returns
        elif not _run_batch(conn, notes, workers, batch, persistent=True):
            return


def _run_batch(
    conn: Connection, notes: Connection, workers: int, batch: Any, *, persistent: bool
) -> bool:
    """Run one batch in workers forked from here, sending each result on
    ``conn``; False when the caller has gone.  A one-batch server leaves the
    process at once afterwards; a persistent one waits for its workers to
    end, so that it has no thread left when it forks the next batch's."""
    fn, items = batch
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(
        max_workers=min(workers, max(len(items), 1)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), notes),
    )
    caller_there = True
    try:
        for future in as_completed([pool.submit(fn, item) for item in items]):
            try:
                reply: tuple[bool, Any] = (True, future.result())
            except BaseException as exc:  # relayed to the caller, who raises it
                reply = (False, _sendable(exc))
            conn.send(reply)
    except (BrokenPipeError, EOFError, OSError):
        caller_there = False  # leave at once, the workers die with this process
    finally:
        pool.shutdown(wait=persistent and caller_there, cancel_futures=True)
    if persistent and caller_there:
        return True
    conn.close()
    os._exit(0)  # the workers are done or dying with us; skip the pool's joins


def _sendable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling unchanged, else a :class:`WorkerFailed`
    carrying its text (an exception whose ``__init__`` does not take its own
    ``args`` may unpickle as something else, or not at all)."""
    import pickle

    try:
        copy = pickle.loads(pickle.dumps(exc))
        if type(copy) is type(exc) and str(copy) == str(exc):
            return exc
    except Exception:  # any pickling failure: sent as text below
        pass
    text = "".join(traceback.format_exception(exc))
    return WorkerFailed(f"{type(exc).__name__}: {exc}\n{text}")


# --------------------------------------------------------------------------- render jobs


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker process needs to render one document (picklable)."""

    doc_id: str
    template: Path
    label: str
    context: dict[str, Any]
    title: str
    subject: str
    author: str
    created: dt.datetime
    version: str
    status: str
    input_hash: str
    pdf: bool


@dataclass(frozen=True)
class RenderResult:
    doc_id: str
    docx: bytes
    pdf: bytes | None
    problems: list[Problem]


def render_job(
    job: RenderJob, progress: Callable[[LayoutProgress], None] | None = None
) -> RenderResult:
    """Merge one document and make its PDF, in memory (runs in a worker);
    ``progress`` follows the PDF's layout page by page."""
    from drafter.render.docx import CoreProperties, render_docx

    props = CoreProperties(
        title=job.title,
        subject=job.subject,
        author=job.author,
        identifier=job.doc_id,
        version=job.version,
        content_status=job.status,
        # plain hex: LibreOffice rewrites a "sha256:" prefix on round trips
        keywords=job.input_hash,
        created=job.created,
    )
    first_context = job.context
    if job.pdf and "toc" in job.context:  # page numbers come from the PDF (see below)
        from drafter.render.toc import with_placeholder_pages

        first_context = with_placeholder_pages(job.context)
    try:
        docx = render_docx(job.template, first_context, props, label=job.label)
    except DrafterError as exc:
        # returned, not raised: every document's template mistakes are reported together
        return RenderResult(job.doc_id, b"", None, exc.problems)
    pdf_bytes = None
    if job.pdf:
        from drafter.render.pdf import PdfMetadata, render_pdf

        extra = {"DraftVersion": job.version, "DraftStatus": job.status}
        extra["InputHash"] = job.input_hash
        extra["DocumentId"] = job.doc_id
        metadata = PdfMetadata(
            title=job.title,
            author=job.author,
            subject=job.subject,
            keywords=[job.input_hash],
            created=job.created,
            extra={k: v for k, v in extra.items() if v},
        )
        pdf_bytes = render_pdf(docx, metadata=metadata, progress=progress)
        if "toc" in job.context:  # a table of contents: page numbers from this PDF
            from drafter.render.toc import with_page_numbers

            def render(context: dict[str, Any]) -> tuple[bytes, bytes]:
                merged = render_docx(job.template, context, props, label=job.label)
                return merged, render_pdf(merged, metadata=metadata)

            docx, pdf_bytes = with_page_numbers(first_context, render, (docx, pdf_bytes))
    return RenderResult(job.doc_id, docx, pdf_bytes, [])


def _render_job_noting(job: RenderJob) -> RenderResult:
    """:func:`render_job` in a pool worker, its layout progress sent to the caller."""
    return render_job(job, lambda progress: note((job.doc_id, progress)))


def document_time(doc: Document) -> dt.datetime:
    """A fixed time for metadata: the document's date, or 1 January of its year.

    Never the build time, so the same inputs give the same bytes.
    """
    return doc.metadata.time


def make_job(
    project: Project, item: DocumentPlan, *, number: int | None, pdf: bool, preview: bool = False
) -> RenderJob:
    doc = item.document
    if item.context is None:
        raise ValueError(f"{doc.spec.id}: rendering needs the context (plan.with_context)")
    context = dict(item.context)
    if preview:
        marker, version, status = PREVIEW_MARKER, "", "Bản xem trước"
    else:
        marker = draft_marker(doc, number)
        version, status = str(number), marker or f"Phiên bản {number}"
    context["draft_marker"] = marker
    return RenderJob(
        doc_id=doc.spec.id,
        template=doc.template_path,
        label=template_label(project, doc),
        context=context,
        title=doc.metadata.title,
        subject=doc.kind.label,
        author=project.file.project.title,
        created=document_time(doc),
        version=version,
        status=status,
        # a repair renders the registered version, with the hash it was registered under
        input_hash=(
            item.latest.input_hash
            if item.action == "repair" and item.latest
            else item.inputs.input_hash
        ),
        pdf=pdf,
    )


#: What the render workers use: imported once, before they are forked.
RENDER_MODULES = ("docxtpl", "weasyprint", "drafter.render.docx", "drafter.render.pdf")


def _worker_count(jobs: int | None, requested: int | None) -> int:
    cores = os.cpu_count() or 1
    wanted = requested if requested is not None else cores
    return max(1, wanted if jobs is None else min(jobs, wanted))


#: Pools this process has started (see :func:`warm_pool`).
_pools_started = 0


def warm_pool(options: BuildOptions) -> WarmPool | None:
    """A pool of render workers started now, so that their imports happen while
    this process plans; None where rendering runs in-process (one core, ``--jobs 1``).

    A process that builds more than once (a library caller, the test suite)
    imports the renderers itself from its second build on: each later pool is
    forked with them already loaded instead of importing them again.
    """
    global _pools_started
    workers = _worker_count(None, options.jobs)
    if workers < 2 or not fork_is_available():
        return None
    if _pools_started:
        for module in RENDER_MODULES:
            importlib.import_module(module)
    _pools_started += 1
    return WarmPool(workers, RENDER_MODULES)


def render_all(
    jobs: list[RenderJob],
    *,
    workers: int | None = None,
    events: BuildEvents | None = None,
    pool: WarmPool | None = None,
    on_result: Callable[[RenderResult], None] | None = None,
) -> dict[str, RenderResult]:
    """Render the jobs, in parallel across processes where that pays (in
    ``pool`` when given, which then serves its one batch; its caller closes it).
    ``on_result`` is called with each result as soon as it arrives, before
    the others are done.

    Raises :class:`DrafterError` with every document's problems together.
    """
    events = events or BuildEvents()
    count = _worker_count(len(jobs), workers)
    events.render_started(len(jobs))
    results: dict[str, RenderResult] = {}
    if pool is not None or (count > 1 and fork_is_available()):
        own = pool is None  # a pool given to us is closed by whoever started it
        workers_pool = WarmPool(count, RENDER_MODULES) if pool is None else pool
        try:
            batch = workers_pool.map_unordered(
                _render_job_noting, jobs, on_note=lambda n: events.laid_out(*n)
            )
            for result in batch:
                results[result.doc_id] = result
                events.rendered(result.doc_id)
                if on_result is not None:
                    on_result(result)
        finally:
            if own:
                workers_pool.close()
    else:
        for job in jobs:
            results[job.doc_id] = render_job(job, partial(events.laid_out, job.doc_id))
            events.rendered(job.doc_id)
            if on_result is not None:
                on_result(results[job.doc_id])
    problems = [p for r in results.values() for p in r.problems]
    if problems:
        raise DrafterError(problems)
    return results


def render_document(project: Project, doc: Document, *, pdf: bool = True) -> RenderResult:
    """Merge one document (and optionally make its PDF) in memory, unnumbered."""
    from drafter.plan import DocumentPlan, base_context
    from drafter.publish.canonical import Inputs

    item = DocumentPlan(doc, base_context(project, doc), Inputs("", "", "", ""), None)
    job = make_job(project, item, number=None, pdf=pdf)
    result = render_job(job)
    if result.problems:
        raise DrafterError(result.problems)
    return result
