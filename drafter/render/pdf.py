"""PDF from a merged DOCX: each Word section is laid out by WeasyPrint on its own,
then the pages are joined into one reproducible PDF.

Sections are separate WeasyPrint documents so that each gets its own page size
and its own page numbering (restarted by ``w:pgNumType w:start`` or continued
from the previous section).  A long table is laid out a chunk of rows at a
time; each chunk's pages are written to a PDF of their own straight away (in a
forked child while the next chunk is laid out, where the platform allows) and
the files are joined at the end, so memory stays that of one chunk however long
the table.  WeasyPrint is imported only when a PDF is made.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from drafter.processes import die_with_parent, release_free_memory
from drafter.render.compat import draw_split_row_borders, page_box, set_document_language
from drafter.render.fonts import ensure_fonts
from drafter.render.html import HtmlSection, LongTable, docx_to_html


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written into the PDF.

    ``created``/``modified`` are datetimes or W3C/ISO 8601 strings (never the
    current time by default, so the PDF stays reproducible); ``extra`` holds
    custom keys such as the draft version and the input hash (keys are reduced
    to ASCII letters and digits, as the PDF Info dictionary requires).
    """

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] | list[str] = ()
    created: datetime | str | None = None
    modified: datetime | str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LayoutProgress:
    """How far :func:`render_pdf` has got, reported as WeasyPrint begins each
    page and when each chunk of a long table is done.

    ``pages``: pages laid out so far in this pass (it may step back by a few
    pages where a chunk's last pages are dropped, to be laid out again by the
    next chunk); ``fraction``: an estimate of the share of the layout done,
    from the rows of the document's long tables (None when it has none, and
    until the first chunk of rows is laid out, which tells how many rows fill
    a page); ``passes``: 2 when the pages are laid out twice (once to count
    them for NUMPAGES).  The page reports come from WeasyPrint's
    ``weasyprint.progress`` log messages: should a WeasyPrint version word
    them otherwise, only the per-chunk reports remain.
    """

    pages: int
    fraction: float | None
    rows: int
    rows_total: int
    pass_number: int = 1
    passes: int = 1


#: Receives :class:`LayoutProgress` reports (called in the rendering process).
ProgressCallback = Callable[[LayoutProgress], None]


class _Tracker:
    """Turns page and chunk events into :class:`LayoutProgress` reports.

    The fraction counts rows of long tables: rows of finished chunks, plus the
    pages of the chunk being laid out times the rows a page has held so far.
    """

    def __init__(self, callback: ProgressCallback | None, rows_total: int, passes: int) -> None:
        self.callback = callback
        self.rows_total, self.passes = rows_total, passes
        self.pass_number = 1
        self.pages = 0  # kept pages of finished jobs, this pass
        self.rows = 0  # rows of finished chunks, this pass
        self.job_pages = 0
        self.job_rows = 0  # rows the running job lays out (0: a section without long table)
        self._rows_per_page: float | None = None
        self._fraction = 0.0

    def next_pass(self) -> None:
        self.pass_number += 1
        self.pages = self.rows = self.job_pages = 0

    def job_started(self, rows: int) -> None:
        self.job_pages, self.job_rows = 0, rows

    def page(self) -> None:
        self.job_pages += 1
        self._report()

    def job_done(self, kept: int, rows: int) -> None:
        """A job kept ``kept`` pages holding ``rows`` whole rows of a long table."""
        self.pages += kept
        self.rows += rows
        if rows and self.pages:
            self._rows_per_page = self.rows / self.pages
        self.job_pages = self.job_rows = 0
        self._report()

    def _report(self) -> None:
        if self.callback is None:
            return
        fraction = None
        # no estimate while the first chunk of a long table is being laid out
        if self.rows_total and (self._rows_per_page is not None or self.rows):
            running = 0.0
            if self._rows_per_page is not None and self.job_rows:
                running = min(self.job_rows, self.job_pages * self._rows_per_page)
            done = (self.pass_number - 1) * self.rows_total + self.rows + running
            # never backwards: a chunk's last pages may be laid out again by the next
            self._fraction = max(self._fraction, min(1.0, done / (self.passes * self.rows_total)))
            fraction = self._fraction
        self.callback(
            LayoutProgress(
                pages=self.pages + self.job_pages,
                fraction=fraction,
                rows=min(self.rows_total, self.rows),
                rows_total=self.rows_total,
                pass_number=self.pass_number,
                passes=self.passes,
            )
        )


#: WeasyPrint logs each page it lays out on this logger (weasyprint.logger).
_PAGE_MESSAGE = "Step 5 - Creating layout - Page %d"


class _PageHandler(logging.Handler):
    """Calls ``on_page`` for each page WeasyPrint logs that it lays out."""

    def __init__(self, on_page: Callable[[], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == _PAGE_MESSAGE:
            self.on_page()


@contextmanager
def _pages_reported(on_page: Callable[[], None] | None) -> Iterator[None]:
    """Call ``on_page`` as WeasyPrint lays out each page (from its progress
    logger, kept from propagating to the application's logging meanwhile)."""
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageHandler(on_page)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


#: Used for timestamps inside embedded font subsets when SOURCE_DATE_EPOCH is unset
#: (fontTools stamps the subset's ``head`` table with the current time otherwise).
FIXED_SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, as in reproducible zip files


def _w3c(value: datetime | str | None) -> str | None:
    """W3C date string for WeasyPrint; naive datetimes are taken as UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value


@contextmanager
def _fixed_source_date_epoch() -> Iterator[None]:
    # Not thread-safe (the environment is process-wide), but the only other way to
    # stop fontTools from writing the current time into each embedded font.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


#: Rows of a long table laid out per WeasyPrint document.  Each chunk ends with a
#: few pages laid out again by the next one (the cut goes before the last page
#: that starts with a whole row, about one page in six), so bigger chunks waste
#: less time; memory grows with the chunk, not with the table.  Database list,
#: 10,000 rows: 300 rows a chunk took 106 s, 600 took 100 s (child peak 240 MB).
CHUNK_ROWS = 600


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Turn off automatic garbage collection; the caller collects.

    WeasyPrint allocates millions of objects for a long table, and Python's
    automatic collector re-scans everything alive (all the pages laid out so
    far) again and again: a third of the time of a 1,000-row PDF.  The caller
    collects the youngest generation after each WeasyPrint document, and
    everything once a chunk's pages are written and dropped (little is alive
    then).  (Process-wide, like the environment variable above; restored on exit.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows_on_page(page: Any) -> set[int]:
    """Indices (``data-row``) of the long table's rows that have a piece on ``page``."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    rows: set[int] = set()
    stack = [page_box(page)]
    while stack:
        box = stack.pop()
        if isinstance(box, TableRowBox):
            element = box.element
            value = element.get("data-row") if element is not None else None
            if value is not None:
                rows.add(int(value))
            continue
        stack.extend(getattr(box, "children", ()))
    return rows


def _clean_cut(pages: list[Any], first: int) -> tuple[int, int] | None:
    """(pages to keep, row to start the next chunk with), or None.

    The cut goes before the last page that starts with a whole row (not the
    rest of a row begun on the page before), so the kept pages are laid out
    exactly as in one pass and the next chunk starts that row on a new page.
    """
    rows = [_rows_on_page(page) for page in pages]
    for k in range(len(pages) - 1, 0, -1):
        if not rows[k]:
            continue
        top = min(rows[k])
        if top > first and top not in rows[k - 1]:
            return k, top
    return None


def _apply_metadata(document: Any, meta: PdfMetadata) -> None:
    info = document.metadata
    info.title = meta.title
    info.authors = [meta.author] if meta.author else []
    info.description = meta.subject
    info.keywords = list(meta.keywords)
    info.generator = "drafter"
    info.created = _w3c(meta.created)
    info.modified = _w3c(meta.modified)
    info.custom = dict(sorted(meta.extra.items()))


def _close_split_rows(pages: list[Any]) -> None:
    """Draw a table's borders where a row is split across pages, as Word and
    LibreOffice do.

    WeasyPrint slices a split row's collapsed borders: the part at the foot
    of a page has no bottom border (the table stays open), and without
    repeated header rows the part at the head of the next page has no top
    border.  Unset, the table's flags let the row boundary's own border be
    drawn there.  Layout is unchanged: only drawing reads them.
    """
    from weasyprint.formatting_structure.boxes import LineBox, ParentBox, TableBox

    def close(box: Any) -> None:
        if isinstance(box, TableBox):
            draw_split_row_borders(box)
        if isinstance(box, ParentBox) and not isinstance(box, LineBox):
            for child in box.children:
                close(child)

    for page in pages:
        close(page_box(page))


def _write(document: Any, meta: PdfMetadata) -> bytes:
    """PDF bytes of a (copied) WeasyPrint document, with the metadata, reproducibly."""
    _close_split_rows(document.pages)
    _apply_metadata(document, meta)
    # No pdf_identifier: WeasyPrint would otherwise be free to add a file ID.
    with _fixed_source_date_epoch():
        pdf: bytes = document.write_pdf(custom_metadata=bool(meta.extra), pdf_identifier=False)
    return pdf


def _can_fork() -> bool:
    """Whether a part may be written by a forked child: Linux (memfd), and no other
    thread in this process whose locks the child could inherit half-held."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "memfd_create")
        and threading.active_count() == 1
    )


#: A unit of layout: lays out one WeasyPrint document (a section, or a chunk of
#: a long table) and returns it, the pages to keep, and the row the next chunk
#: starts with (None after the last).  Running it again gives the same pages.
_Job = Callable[[], tuple[Any, list[Any], int | None]]


class _Runner(Protocol):
    def run(self, job: _Job, on_page: Callable[[], None] | None) -> tuple[int, int | None]:
        """Run ``job``, keep or write its pages; return (pages kept, next row).
        ``on_page`` is called here as each page is laid out."""


class _Collect:
    """Keeps every job's pages, to be written as one document."""

    def __init__(self) -> None:
        self.runs: list[tuple[Any, list[Any]]] = []

    def run(self, job: _Job, on_page: Callable[[], None] | None) -> tuple[int, int | None]:
        with _pages_reported(on_page):
            document, pages, next_first = job()
        gc.collect(0)  # this document's garbage; its pages are kept
        self.runs.append((document, pages))
        return len(pages), next_first


class _Count:
    """Only counts pages (the pass that finds the total for NUMPAGES)."""

    def run(self, job: _Job, on_page: Callable[[], None] | None) -> tuple[int, int | None]:
        with _pages_reported(on_page):
            document, pages, next_first = job()
        count = len(pages)
        del document, pages
        gc.collect()
        return count, next_first


def _lay_out_and_write(
    job: _Job, meta: PdfMetadata, on_page: Callable[[], None] | None = None
) -> tuple[bytes, int, int | None]:
    """Run ``job`` in this process: (PDF of its pages, how many, next row)."""
    with _pages_reported(on_page):
        document, pages, next_first = job()
    data = _write(document.copy(pages), meta)
    count = len(pages)
    del document, pages
    gc.collect()  # free the whole chunk before the next is laid out
    return data, count, next_first


class _InProcess:
    """Runs each job here and writes its pages to a file of their own at once."""

    def __init__(self, meta: PdfMetadata) -> None:
        self.meta = meta
        self._files: list[bytes] = []

    def run(self, job: _Job, on_page: Callable[[], None] | None) -> tuple[int, int | None]:
        data, count, next_first = _lay_out_and_write(job, self.meta, on_page)
        self._files.append(data)
        return count, next_first

    def files(self) -> list[bytes]:
        return self._files

    def close(self) -> None:
        pass


class _Forked:
    """Runs each job in a forked child, which lays the pages out, reports how
    many it keeps and where the next chunk starts, then writes them into an
    anonymous memory file and exits, while this process forks the next child.

    Writing (a fifth of the work) thus overlaps the next chunk's layout on a
    second core, and no time goes on collecting a chunk's millions of objects:
    the child's exit frees them.  At most two children are alive.  A child that
    dies before reporting is replaced by running its job here (so an error is
    raised in this process, as without fork); one that dies while writing, by
    running its job here again when the files are collected.
    """

    def __init__(self, meta: PdfMetadata) -> None:
        self.meta = meta
        self._parts: list[bytes | _Job] = []
        self._children: dict[int, tuple[int, int]] = {}  # pid: (part index, memfd)

    def run(self, job: _Job, on_page: Callable[[], None] | None) -> tuple[int, int | None]:
        while len(self._children) > 1:
            self._reap(next(iter(self._children)))
        fd = os.memfd_create("drafter-pdf-part", os.MFD_CLOEXEC)
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(read_end)
                die_with_parent(parent)
                # one "." a page laid out, then "=pages next-row"
                tick = (lambda: _write_all(write_end, b".")) if on_page is not None else None
                with _pages_reported(tick):
                    document, pages, next_first = job()
                _write_all(write_end, f"={len(pages)} {next_first}".encode())
                os.close(write_end)
                _write_all(fd, _write(document.copy(pages), self.meta))
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        report = _read_report(read_end, on_page)
        if not report:  # the child died laying out: run the job here
            os.waitpid(pid, 0)
            os.close(fd)
            data, count, next_first = _lay_out_and_write(job, self.meta, on_page)
            self._parts.append(data)
            return count, next_first
        self._children[pid] = (len(self._parts), fd)
        self._parts.append(job)
        count_text, next_text = report.split()
        return int(count_text), None if next_text == "None" else int(next_text)

    def _reap(self, pid: int) -> None:
        index, fd = self._children.pop(pid)
        _, status = os.waitpid(pid, 0)
        try:
            if os.waitstatus_to_exitcode(status) == 0:
                self._parts[index] = os.pread(fd, os.lseek(fd, 0, os.SEEK_END), 0)
        finally:
            os.close(fd)

    def files(self) -> list[bytes]:
        for pid in list(self._children):
            self._reap(pid)
        files = []
        for part in self._parts:
            if not isinstance(part, bytes):  # its writer died: write it here
                part = _lay_out_and_write(part, self.meta)[0]
            files.append(part)
        return files

    def close(self) -> None:
        """Stop and reap any child still at work (after an error in this process)."""
        import signal

        for pid, (_, fd) in list(self._children.items()):
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
            os.close(fd)
        self._children.clear()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_report(fd: int, on_page: Callable[[], None] | None) -> str:
    """A chunk child's report from its pipe (closes ``fd``): ``on_page`` for
    each "." as it comes, then the text after "=" ("" if the child died first)."""
    received = b""
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            data = pipe.read(4096)
            if not data:
                break
            if on_page is not None and b"=" not in received:
                for _ in range(data.split(b"=", 1)[0].count(b".")):
                    on_page()
            received += data
    if b"=" not in received:
        return ""
    return received.split(b"=", 1)[1].decode()


def _join_files(files: list[bytes]) -> bytes:
    """One PDF of the files' pages in order, with the first file's metadata and language."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    first = PdfReader(io.BytesIO(files[0]))
    for data in files:
        reader = first if data is files[0] else PdfReader(io.BytesIO(data))
        for page in reader.pages:
            writer.add_page(page)
    if first.metadata:
        writer.add_metadata(dict(first.metadata))
    language = first.root_object.get("/Lang")
    if language is not None:
        set_document_language(writer, language)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pdf(
    docx: bytes,
    *,
    metadata: PdfMetadata | None = None,
    chunk_rows: int | None = CHUNK_ROWS,
    fork: bool | None = None,
    progress: ProgressCallback | None = None,
) -> bytes:
    """Render the DOCX's body, headers and footers to PDF bytes.

    A long table is laid out ``chunk_rows`` rows at a time (None: in one pass);
    the pages look the same either way.  ``fork`` (default: where it is safe)
    lays each chunk out in a child process, which writes its pages while the
    next child lays out the next chunk.  ``progress`` is called in this
    process as each page is laid out (see :class:`LayoutProgress`); it does
    not change the pages.  Same DOCX and metadata in, byte-identical PDF out.
    Raises :class:`drafter.render.fonts.FontsMissingError` when the
    Liberation fonts are not installed.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    ensure_fonts()
    sections = docx_to_html(docx).sections
    if not sections:
        raise ValueError("the DOCX has no body to render")
    font_config = FontConfiguration()
    meta = metadata or PdfMetadata()

    def chunked(section: HtmlSection) -> bool:
        table = section.long_table
        return chunk_rows is not None and table is not None and len(table.rows) > chunk_rows

    rows_total = sum(len(s.long_table.rows) for s in sections if s.long_table is not None)
    if any(chunked(section) for section in sections):
        passes = 2 if any(s.uses_numpages for s in sections) else 1
    else:
        passes = 2 if len(sections) > 1 and any(s.uses_numpages for s in sections) else 1
    tracker = _Tracker(progress, rows_total, passes)
    on_page = tracker.page if progress is not None else None

    def lay_out(section: HtmlSection, start: int, total: int | None, runner: _Runner) -> int:
        """Lay ``section`` out from page number ``start``; return its page count."""
        own_start = None if section.page_number_start is not None or start == 1 else start

        def render(html: str, first_number: int | None) -> Any:
            if total is not None and section.uses_numpages:
                # NUMPAGES counts the whole document, not the part WeasyPrint sees.
                html = html.replace("counter(pages)", f'"{total}"')
            stylesheets = []
            if first_number is not None:
                rule = f"@page :first {{ counter-reset: page {first_number} }}"
                stylesheets.append(CSS(string=rule, font_config=font_config))
            return HTML(string=html, base_url="/").render(
                font_config=font_config, stylesheets=stylesheets
            )

        if not chunked(section):

            def whole() -> tuple[Any, list[Any], int | None]:
                document = render(section.html, own_start)
                return document, list(document.pages), None

            rows = len(section.long_table.rows) if section.long_table is not None else 0
            tracker.job_started(rows)
            kept = runner.run(whole, on_page)[0]
            tracker.job_done(kept, rows)
            return kept
        assert section.long_table is not None and chunk_rows is not None
        count = first = 0
        length = len(section.long_table.rows)
        while True:
            number = start + count if first > 0 else own_start
            tracker.job_started(min(first + chunk_rows, length) - first)
            kept, next_first = runner.run(
                _chunk_job(section.long_table, first, chunk_rows, number, render), on_page
            )
            tracker.job_done(kept, (length if next_first is None else next_first) - first)
            count += kept
            if next_first is None:
                return count
            first = next_first

    with _young_collections_only():
        if not any(chunked(section) for section in sections):
            collect = _Collect()
            total = _number(sections, lambda s, n: lay_out(s, n, None, collect))
            # A section of several cannot count the whole document's pages by
            # itself: lay them out again with the total.
            if len(sections) > 1 and any(s.uses_numpages for s in sections):
                collect = _Collect()
                tracker.next_pass()
                _number(sections, lambda s, n: lay_out(s, n, total, collect))
            runs = collect.runs
            return _write(runs[0][0].copy([page for _, pages in runs for page in pages]), meta)
        known: int | None = None
        if any(section.uses_numpages for section in sections):
            count = _Count()
            known = _number(sections, lambda s, n: lay_out(s, n, None, count))
            tracker.next_pass()
        forked = _can_fork() if fork is None else fork
        if forked:
            gc.collect()
            release_free_memory()  # the DOCX's XML is gone: children need not inherit it
        parts = _Forked(meta) if forked else _InProcess(meta)
        try:
            _number(sections, lambda s, n: lay_out(s, n, known, parts))
            files = parts.files()
        finally:
            parts.close()
        return _join_files(files)


def _chunk_job(
    table: LongTable,
    first: int,
    rows: int,
    number: int | None,
    render: Callable[[str, int | None], Any],
) -> _Job:
    """The job laying out up to ``rows`` rows from ``first``, page numbers from
    ``number``, cut before the last page that starts with a whole row."""

    def job() -> tuple[Any, list[Any], int | None]:
        end = min(first + rows, len(table.rows))
        continued = first > 0
        html = table.html(first, end, continued=continued, last=end == len(table.rows))
        document = render(html, number)
        pages = list(document.pages)
        if end == len(table.rows):
            return document, pages, None
        cut = _clean_cut(pages, first)
        if cut is None:
            # No page of this chunk starts with a whole row: lay the rest of the
            # table out in one pass (still from a page that does).
            html = table.html(first, len(table.rows), continued=continued, last=True)
            document = render(html, number)
            return document, list(document.pages), None
        return document, pages[: cut[0]], cut[1]

    return job


def _number(sections: list[HtmlSection], lay_out: Callable[[HtmlSection, int], int]) -> int:
    """Lay the sections out in order, each from its first page number; return the
    number of pages."""
    next_page, total = 1, 0
    for section in sections:
        start = section.page_number_start if section.page_number_start is not None else next_page
        count = lay_out(section, start)
        next_page, total = start + count, total + count
    return total
