"""The debounce rule of `drafter watch`, as a pure function of times."""

from __future__ import annotations

from pathlib import Path

from drafter.watch import add_event, next_rebuild, relevant


def test_nothing_pending_means_no_rebuild() -> None:
    assert next_rebuild(None, 100.0) is None


def test_rebuild_waits_for_a_quarter_second_of_quiet() -> None:
    burst = add_event(None, 10.0)
    wait = next_rebuild(burst, 10.1)
    assert wait is not None and abs(wait - 0.15) < 1e-9
    assert next_rebuild(burst, 10.25) == 0


def test_each_new_event_restarts_the_quiet_period() -> None:
    burst = add_event(add_event(None, 10.0), 10.4)
    wait = next_rebuild(burst, 10.5)
    assert wait is not None and abs(wait - 0.15) < 1e-9
    assert burst.count == 2


def test_a_stream_of_saves_still_rebuilds_after_max_wait() -> None:
    burst = None
    for k in range(60):  # a save every 0.1 s for 6 s
        burst = add_event(burst, 10.0 + k / 10)
    assert next_rebuild(burst, 15.0, max_wait=5.0) == 0


def test_output_and_editor_temp_files_are_ignored(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert not relevant(str(output / "qd" / "QD.docx"), [output])
    assert not relevant(str(tmp_path / "content" / "~$qd-csdl.docx"), [output])
    assert not relevant(str(tmp_path / "content" / ".databases.yaml.swp"), [output])
    assert relevant(str(tmp_path / "content" / "registries" / "databases.yaml"), [output])
