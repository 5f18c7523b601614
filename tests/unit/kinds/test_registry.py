"""The kinds: discovered from drafter/kinds/, one per module, each complete."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from helpers import REPO

from drafter.content.models import Signature
from drafter.kinds.base import DocumentMetadata, header_metadata
from drafter.kinds.registry import KindRegistry, builtin_kinds, load_kind_module

SHIPPED = {
    "approval_decision",
    "board_decision",
    "comment_synthesis",
    "database_list_decision",
    "open_data_list_decision",
    "progress_report",
    "project",
    "submission",
}


def test_every_kind_module_is_found_and_named_for_its_module() -> None:
    kinds = builtin_kinds()
    assert {k.name for k in kinds} == SHIPPED
    modules = {p.stem for p in (REPO / "drafter" / "kinds").glob("*.py")}
    assert modules - {"__init__", "base", "registry"} == SHIPPED


def test_each_shipped_kind_draws_a_template_that_exists() -> None:
    for kind in builtin_kinds():
        assert kind.template is not None, kind.name
        assert (REPO / "templates" / kind.template.file).is_file(), kind.name


def test_no_kind_names_its_items_as_another_kinds() -> None:
    labels = {k.name: k.changelog_labels for k in builtin_kinds()}
    assert labels["database_list_decision"]["groups.rows"] == "Danh mục cơ sở dữ liệu"
    for name in ("board_decision", "project", "progress_report", "comment_synthesis"):
        assert labels[name].get("groups.rows") != "Danh mục cơ sở dữ liệu", name


def test_a_name_is_registered_once() -> None:
    registry = KindRegistry(builtin_kinds())
    project = registry.get("project")
    assert project is not None
    assert registry.add(project) == "a document kind named 'project' is already defined"
    assert registry.names() == sorted(SHIPPED)


def test_a_module_that_raises_is_reported_with_its_line(tmp_path: Path) -> None:
    module = tmp_path / "broken.py"
    module.write_text("X = 1\nraise RuntimeError('boom')\n", encoding="utf-8")
    kind, message = load_kind_module(module)
    assert kind is None
    assert message == "cannot import the kind module (line 2): RuntimeError: boom"


def test_metadata_time_is_the_date_or_the_first_of_the_year() -> None:
    assert DocumentMetadata("T", date=dt.date(2023, 5, 6)).time == dt.datetime(
        2023, 5, 6, tzinfo=dt.UTC
    )
    assert DocumentMetadata("T", year=2024).time == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert DocumentMetadata("T").time == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_header_metadata_reads_title_number_date_and_signer() -> None:
    from drafter.content.models import DocumentHeader

    content = DocumentHeader(
        number=12,
        symbol="QĐ-UBDT",
        date=dt.date(2023, 2, 1),
        title="Ban hành Danh mục",
        signature=Signature(title="Bộ trưởng", signer="hau-a-lenh"),
        recipients=["Như Điều 3"],
        archive=["VT"],
    )
    assert header_metadata(content) == DocumentMetadata(
        "Ban hành Danh mục", 12, dt.date(2023, 2, 1), None, "hau-a-lenh"
    )


@pytest.mark.parametrize("stage", ["content", "context"])
def test_earlier_stages_do_not_import_kinds(stage: str) -> None:
    for path in (REPO / "drafter" / stage).glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("drafter.kinds"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("drafter.kinds") for a in node.names), path
