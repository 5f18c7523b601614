"""The warm worker pool: forked ahead of time, one batch, results and errors relayed."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fail_unpicklable, fail_with_drafter_error, send_notes, worker_probe

from drafter.errors import DrafterError
from drafter.workers import WarmPool, WorkerFailed, fork_is_available, note

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


def test_notes_from_a_call_reach_the_caller_before_its_result() -> None:
    seen: list[object] = []
    with WarmPool(2, []) as pool:
        for result in pool.map_unordered(send_notes, [3, 40, 5], on_note=seen.append):
            # every note of this call has arrived by the time its result does
            assert [(result, k) for k in range(result)] == [n for n in seen if n[0] == result]
            seen.append(("result", result))
    assert sorted(n for n in seen if n[0] != "result") == sorted(
        (c, k) for c in (3, 40, 5) for k in range(c)
    )


def test_a_note_outside_a_worker_goes_nowhere() -> None:
    note(("nobody", 1))  # no pool worker here: nothing happens, nothing raised


def test_a_persistent_pool_serves_batch_after_batch_from_one_warm_server(
    probe_module: str,
) -> None:
    with WarmPool(2, [probe_module], persistent=True) as pool:
        first = list(pool.map_unordered(worker_probe, [probe_module] * 2))
        second = list(pool.map_unordered(worker_probe, [probe_module] * 2))
        with pytest.raises(ValueError, match="invalid literal"):
            list(pool.map_unordered(int, ["not a number"]))
        after_an_error = list(pool.map_unordered(abs, [-3]))
    assert {parent for _, parent, _ in first + second} != {os.getpid()}
    assert len({parent for _, parent, _ in first + second}) == 1  # one server throughout
    assert all(imported for _, _, imported in first + second)
    assert after_an_error == [3]


def test_ctrl_c_in_the_process_group_does_not_stop_the_server() -> None:
    import signal

    with WarmPool(1, [], persistent=True) as pool:
        assert list(pool.map_unordered(abs, [-1])) == [1]
        assert pool._server.pid is not None
        os.kill(pool._server.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
        time.sleep(0.2)
        assert list(pool.map_unordered(abs, [-2])) == [2]


def test_a_one_batch_pool_refuses_a_second_batch() -> None:
    with WarmPool(1, []) as pool:
        assert list(pool.map_unordered(abs, [-1])) == [1]
        with pytest.raises(RuntimeError, match="one batch"):
            list(pool.map_unordered(abs, [-1]))


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
