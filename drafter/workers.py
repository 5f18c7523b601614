"""Worker processes forked ahead of time from a warm parent.

A build spends its first second loading the project and planning on one
core, and rendering then starts by importing WeasyPrint and docxtpl (about
half a second more).  :class:`WarmPool` forks one server process at once: the
server imports those modules on another core while the build plans, waits
for a batch of calls, forks its workers (which inherit the imports) and sends
each result back as it comes.  One batch per pool.

The server and its workers die with the process that started them (see
:func:`drafter.processes.die_with_parent`), so a killed build leaves nothing
running.  Linux (fork) only: elsewhere :func:`fork_is_available` is false and
callers run the work in-process.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from drafter.processes import die_with_parent

T = TypeVar("T")
R = TypeVar("R")


def fork_is_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class WorkerFailed(RuntimeError):
    """A call raised an exception that could not be sent back as itself."""


class WarmPool:
    """Up to ``workers`` processes, forked from a server that has imported ``modules``.

    Start it as early as possible; :meth:`map_unordered` hands it its batch.
    Always :meth:`close` it (it is a context manager).
    """

    def __init__(self, workers: int, modules: Sequence[str]) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        context = multiprocessing.get_context("fork")
        self._conn, server_end = context.Pipe()
        self._server = context.Process(
            target=_serve,
            args=(server_end, self._conn, os.getpid(), workers, tuple(modules)),
            name="drafter-workers",
        )
        self._server.start()
        server_end.close()
        self._used = self._finished = False

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_unordered(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """``fn`` over ``items`` in the workers, each result as soon as it is ready.

        ``fn`` must be a module-level function; an exception it raises is
        raised here (as itself when it pickles, else as :class:`WorkerFailed`
        with its traceback).
        """
        if self._used:
            raise RuntimeError("a WarmPool runs one batch")
        self._used = True
        self._conn.send((fn, list(items)))
        for _ in items:
            try:
                ok, value = self._conn.recv()
            except EOFError:
                raise WorkerFailed(
                    "the worker processes ended before sending every result"
                ) from None
            if not ok:
                raise value
            yield value
        self._finished = True

    def close(self) -> None:
        """End the server (and any workers still running) and reap it.

        A server that has sent every result exits by itself; one that never got
        its batch (nothing to render) or whose results are no longer wanted is
        killed at once, its workers with it, rather than waited for.
        """
        self._conn.close()
        if not self._finished:
            self._server.kill()
        self._server.join(timeout=10)
        if self._server.is_alive():  # pragma: no cover - a server that did not exit
            self._server.kill()
            self._server.join()


def _serve(
    conn: Connection, callers_end: Connection, parent: int, workers: int, modules: tuple[str, ...]
) -> None:
    """The server: import, wait for the batch, fork the workers, relay results."""
    callers_end.close()  # inherited: held open here, the caller's close would not reach us
    die_with_parent(parent)
    for module in modules:
        importlib.import_module(module)
    try:
        batch = conn.recv()
    except EOFError:  # closed without a batch
        return
    fn, items = batch
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(
        max_workers=min(workers, max(len(items), 1)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        for future in as_completed([pool.submit(fn, item) for item in items]):
            try:
                reply: tuple[bool, Any] = (True, future.result())
            except BaseException as exc:  # relayed to the caller, who raises it
                reply = (False, _sendable(exc))
            conn.send(reply)
    except (BrokenPipeError, EOFError, OSError):
        pass  # the caller has gone: leave at once, the workers die with this process
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
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
