"""The warm worker pool: forked ahead of time, one batch, results and errors relayed."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fail_unpicklable, fail_with_drafter_error, worker_probe

from drafter.errors import DrafterError
from drafter.workers import WarmPool, WorkerFailed, fork_is_available

pytestmark = pytest.mark.skipif(not fork_is_available(), reason="fork-based pool: Linux only")


@pytest.fixture
def probe_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module nobody has imported, importable from a temporary folder."""
    name = f"drafter_probe_{os.getpid()}_{time.monotonic_ns()}"
    (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    sys.modules.pop(name, None)


def test_every_item_comes_back() -> None:
    with WarmPool(2, []) as pool:
        results = list(pool.map_unordered(abs, [-1, -2, -3, -4, -5]))
    assert sorted(results) == [1, 2, 3, 4, 5]


def test_workers_are_forked_from_a_server_that_imported_the_modules(probe_module: str) -> None:
    with WarmPool(2, [probe_module]) as pool:
        results = list(pool.map_unordered(worker_probe, [probe_module] * 4))
    assert probe_module not in sys.modules  # imported in the server, not here
    for pid, parent, imported in results:
        assert imported, "the worker did not inherit the server's import"
        assert pid != os.getpid() and parent != os.getpid()  # a grandchild: server's worker


def test_an_exception_in_a_call_is_raised_here() -> None:
    with WarmPool(2, []) as pool, pytest.raises(ValueError, match="invalid literal"):
        list(pool.map_unordered(int, ["1", "not a number"]))


def test_an_exception_that_cannot_travel_arrives_as_its_text() -> None:
    with WarmPool(1, []) as pool, pytest.raises(WorkerFailed, match=r"_Garbled.*bad title"):
        list(pool.map_unordered(fail_unpicklable, ["bad title"]))


def test_a_user_error_arrives_as_itself_with_its_problems() -> None:
    with WarmPool(1, []) as pool, pytest.raises(DrafterError) as caught:
        list(pool.map_unordered(fail_with_drafter_error, ["bad title"]))
    assert [p.format() for p in caught.value.problems] == ["x.yaml:1:1: title: bad title"]


def test_a_worker_that_dies_is_reported() -> None:
    with WarmPool(1, []) as pool, pytest.raises(RuntimeError):
        list(pool.map_unordered(os._exit, [3]))


def test_one_batch_per_pool() -> None:
    with WarmPool(1, []) as pool:
        assert list(pool.map_unordered(abs, [-1])) == [1]
        with pytest.raises(RuntimeError, match="one batch"):
            list(pool.map_unordered(abs, [-1]))


@pytest.mark.parametrize("used", [False, True])
def test_closing_ends_the_server_at_once(used: bool) -> None:
    pool = WarmPool(2, [])
    server = pool._server
    if used:
        assert list(pool.map_unordered(abs, [-7])) == [7]
    started = time.monotonic()
    pool.close()
    assert not server.is_alive()
    assert time.monotonic() - started < 5, "the server waited for its join timeout"


def test_an_unused_pool_does_not_wait_for_the_servers_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build with nothing to render closes its pool while the server still imports."""
    name = f"drafter_slow_{os.getpid()}_{time.monotonic_ns()}"
    (tmp_path / f"{name}.py").write_text("import time\ntime.sleep(5)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    pool = WarmPool(2, [name])
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 2
    assert not pool._server.is_alive()
