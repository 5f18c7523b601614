"""The one-document rebuild: after a complete build, a document none of whose
inputs changed keeps its recorded input hash, so its template context is not
built again; whatever any document might depend on still rebuilds them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument

import drafter.plan as plan_module
import drafter.publish.stamp as stamp_module
import drafter.workers as workers_module
from drafter.build import BuildOptions, build
from drafter.plan import plan
from drafter.publish.stamp import STAMP_FILE
from drafter.publish.versions import CACHE_DIR

NO_PDF = BuildOptions(pdf=False, jobs=1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built(mini: Path) -> Path:
    """The mini project with version 1 of each document (Word files only)."""
    assert [v.number for v in build(mini, NO_PDF).cut] == [1, 1]
    return mini


@pytest.fixture
def contexts_built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the documents whose context the build computes, in order."""
    calls: list[str] = []
    original = plan_module.base_context

    def counting(project: Any, doc: Any) -> dict[str, Any]:
        calls.append(doc.spec.id)
        return original(project, doc)

    monkeypatch.setattr(plan_module, "base_context", counting)
    yield calls


def cut(content: Path) -> list[tuple[str, int]]:
    return [(v.document, v.number) for v in build(content, NO_PDF).cut]


def test_content_change_builds_only_that_documents_context(
    built: Path, contexts_built: list[str]
) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    assert cut(built) == [("qd-csdl", 2)]
    assert contexts_built == ["qd-csdl"]


def test_template_change_builds_only_that_documents_context(
    built: Path, contexts_built: list[str]
) -> None:
    template = built.parent / "templates" / "qd-danh-muc-du-lieu-mo.docx"
    document = WordDocument(str(template))
    document.core_properties.comments = "edited in Word"
    document.save(str(template))
    assert cut(built) == [("qd-dlm", 2)]
    assert contexts_built == ["qd-dlm"]


def test_registry_change_builds_every_context(built: Path, contexts_built: list[str]) -> None:
    edit(built / "registries/databases.yaml", "update_cycle: 5 năm", "update_cycle: hàng năm")
    assert cut(built) == [("qd-csdl", 2)]
    assert sorted(contexts_built) == ["qd-csdl", "qd-dlm"]


def test_project_file_change_builds_every_context(built: Path, contexts_built: list[str]) -> None:
    edit(built / "drafter.yaml", "Dự án thử nghiệm", "Dự án thử nghiệm mới")
    assert cut(built) == []
    assert sorted(contexts_built) == ["qd-csdl", "qd-dlm"]


def test_code_change_builds_every_context(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, contexts_built: list[str]
) -> None:
    code = tmp_path / "code.py"
    code.write_text("VERSION = 1\n")
    real = stamp_module.code_files()
    monkeypatch.setattr(stamp_module, "code_files", lambda: [*real, code])
    build(mini, NO_PDF)
    code.write_text("VERSION = 2\n")
    contexts_built.clear()  # count only the build after the code change
    assert cut(mini) == []
    assert sorted(contexts_built) == ["qd-csdl", "qd-dlm"]


def test_recorded_inputs_are_the_inputs_a_full_plan_computes(built: Path) -> None:
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    quick = plan(built, NO_PDF)
    assert [i.context is None for i in quick.documents] == [False, True]
    (built.parent / "output" / CACHE_DIR / STAMP_FILE).unlink()
    full = plan(built, NO_PDF)
    assert all(i.context is not None for i in full.documents)

    def judged(p: plan_module.BuildPlan) -> list[tuple[str, str, str, list[str]]]:
        return [(i.doc_id, i.inputs.input_hash, i.action, i.reasons) for i in p.documents]

    assert judged(quick) == judged(full)


def test_stamp_disagreeing_with_the_registry_is_not_trusted(
    built: Path, contexts_built: list[str]
) -> None:
    stamp = built.parent / "output" / CACHE_DIR / STAMP_FILE
    text = stamp.read_text()
    recorded = next(
        i.inputs.input_hash for i in plan(built, NO_PDF).documents if i.doc_id == "qd-dlm"
    )
    stamp.write_text(text.replace(recorded, "0" * 64))
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    contexts_built.clear()
    assert cut(built) == [("qd-csdl", 2)]
    assert sorted(contexts_built) == ["qd-csdl", "qd-dlm"]


def test_content_saved_during_a_build_is_not_stamped(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = workers_module.render_all
    other = built / "documents/qd-dlm.yaml"

    def render_then_save(*args: Any, **kwargs: Any) -> Any:
        # an author saves another document while this build renders
        edit(other, "kể từ ngày ký", "kể từ ngày 02 tháng 7 năm 2023")
        return original(*args, **kwargs)

    monkeypatch.setattr(workers_module, "render_all", render_then_save)
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    assert cut(built) == [("qd-csdl", 2)]
    assert not (built.parent / "output" / CACHE_DIR / STAMP_FILE).exists()
    monkeypatch.setattr(workers_module, "render_all", original)
    assert cut(built) == [("qd-dlm", 2)]


def test_content_saved_between_the_read_and_the_stamp_is_not_stamped(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save after the loader read a file (while the rest of the project
    loads) but before the build hashes its inputs: the stamp must hold the
    bytes the loader parsed, so the next build sees the save."""
    import drafter.project as project_module

    original = project_module.load_file
    target = built / "documents/qd-dlm.yaml"

    def load_then_save(path: Path, label: str) -> Any:
        loaded = original(path, label)
        if path == target:  # read: now the author saves it
            edit(target, "kể từ ngày ký", "kể từ ngày 02 tháng 7 năm 2023")
        return loaded

    monkeypatch.setattr(project_module, "load_file", load_then_save)
    edit(built / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    assert cut(built) == [("qd-csdl", 2)]
    monkeypatch.setattr(project_module, "load_file", original)
    assert cut(built) == [("qd-dlm", 2)]
