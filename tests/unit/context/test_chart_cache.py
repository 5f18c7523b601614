"""Charts whose data did not change are reused, from memory or from the build's files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLE, copy_project

import drafter.plan as plan_module
from drafter.build import BuildOptions, build
from drafter.context import chart_cache
from drafter.context.charts import GanttBar, gantt_chart
from drafter.publish.versions import CACHE_DIR, CHARTS_DIR


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    chart_cache.use_directory(None)
    chart_cache.clear_memory()
    yield
    chart_cache.use_directory(None)
    chart_cache.clear_memory()


def bars(last_day: int = 28) -> list[GanttBar]:
    return [
        GanttBar("Xây dựng cơ sở dữ liệu", dt.date(2025, 1, 6), dt.date(2025, 3, last_day)),
        GanttBar("Kết nối, chia sẻ dữ liệu", dt.date(2025, 2, 3), dt.date(2025, 6, 30)),
    ]


def gantt(last_day: int = 28) -> object:
    return gantt_chart(bars(last_day), deadline=dt.date(2025, 6, 30), deadline_label="Hạn")


def drawn() -> int:
    return chart_cache.draws.get("gantt_chart", 0)


def test_the_same_data_is_drawn_once() -> None:
    before = drawn()
    first = gantt()
    assert gantt() is first
    assert drawn() == before + 1
    other = gantt(last_day=31)
    assert drawn() == before + 2
    assert other != first


def test_charts_are_written_only_on_flush_and_read_back_by_a_later_process(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "charts"
    chart_cache.use_directory(folder)
    first = gantt()
    assert not folder.exists(), "written before the build succeeded"
    chart_cache.flush()
    assert len(list(folder.glob("*.png"))) == 1
    chart_cache.clear_memory()  # as a new process would start
    before = drawn()
    again = gantt()
    assert drawn() == before and again == first


def test_a_damaged_file_is_drawn_again(tmp_path: Path) -> None:
    chart_cache.use_directory(tmp_path)
    first = gantt()
    chart_cache.flush()
    for png in tmp_path.glob("*.png"):
        png.write_bytes(b"not a png")
    chart_cache.clear_memory()
    before = drawn()
    assert gantt() == first
    assert drawn() == before + 1


def test_arguments_that_are_not_plain_values_are_not_cached() -> None:
    assert chart_cache.chart_key(gantt_chart, (object(),), {}) is None
    assert chart_cache.chart_key(gantt_chart, (bars(),), {"deadline": dt.date(2025, 1, 1)})


def test_a_build_after_a_registry_edit_reuses_the_projects_charts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_project(SAMPLE, tmp_path)
    options = BuildOptions(pdf=False, jobs=1)
    build(content, options)
    folder = tmp_path / "output" / CACHE_DIR / CHARTS_DIR
    assert len(list(folder.glob("*.png"))) == 3  # the Project's two, the progress report's one
    registry = content / "registries" / "legal.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    chart_cache.clear_memory()  # as a new process would start
    contexts: list[str] = []
    original = plan_module.base_context

    def counted(project: Any, doc: Any) -> dict[str, Any]:
        contexts.append(doc.spec.id)
        return original(project, doc)

    monkeypatch.setattr(plan_module, "base_context", counted)
    before = dict(chart_cache.draws)
    build(content, options)
    assert {"de-an", "bao-cao-tien-do"} <= set(contexts)  # their contexts were built again
    assert chart_cache.draws == before  # but no chart was drawn
