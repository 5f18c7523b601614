"""Draft numbers are durable state kept with the content: the registry lives in
the project's .drafter-state/ folder, so deleting output/ costs only a
rebuild under the same numbers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import tree_snapshot

from drafter.build import BuildOptions, build
from drafter.cli import main
from drafter.commands.history import history

NO_PDF = BuildOptions(pdf=False, jobs=1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def status(content: Path) -> str:
    return CliRunner().invoke(main, ["status", "--project", str(content), "--no-pdf"]).output


@pytest.fixture
def two_versions(mini: Path) -> Path:
    """The mini project with version 1 of each document and version 2 of qd-csdl."""
    build(mini, NO_PDF)
    edit(mini / "documents/qd-csdl.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    assert [(v.document, v.number) for v in build(mini, NO_PDF).cut] == [("qd-csdl", 2)]
    return mini


def test_registry_is_kept_beside_drafter_yaml_not_in_output(two_versions: Path) -> None:
    state = two_versions / ".drafter-state"
    record = json.loads((state / "qd-csdl" / "02.json").read_text(encoding="utf-8"))
    assert record["number"] == 2
    assert record["files"]["docx"]["name"] == "QD-CSDL_du-thao-02.docx"
    assert "Điều 3" in (state / "qd-csdl" / "02.changelog.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (two_versions.parent / "output" / ".drafter").iterdir()) == [
        "inputs.json"  # the stamp: a cache, safe to lose
    ]


def test_deleting_output_restores_the_latest_drafts_under_their_numbers(
    two_versions: Path,
) -> None:
    output = two_versions.parent / "output"
    folder = output / "qd-csdl"
    kept = {
        name: (folder / name).read_bytes()
        for name in ("QD-CSDL_du-thao-02.docx", "QD-CSDL_du-thao-02.changelog.md", "QD-CSDL.docx")
    }
    shutil.rmtree(output)

    report = build(two_versions, NO_PDF)

    assert report.cut == []
    assert sorted(report.repaired) == ["qd-csdl", "qd-dlm"]
    assert {name: (folder / name).read_bytes() for name in kept} == kept
    assert (output / "qd-dlm" / "QD-DLM_du-thao-01.docx").is_file()
    # the redline of 2 against 1 cannot be made again (draft 1 is gone) and is not asked for
    assert not (folder / "QD-CSDL_du-thao-02_redline.docx").exists()
    assert status(two_versions).endswith("clean\n")
    assert [v.number for v in history(two_versions, "qd-csdl")] == [1, 2]
    # restored once: the next build has nothing to do
    before = tree_snapshot(output)
    assert build(two_versions, NO_PDF).written == []
    assert tree_snapshot(output) == before


def test_after_a_restore_the_next_real_change_cuts_the_next_number(two_versions: Path) -> None:
    shutil.rmtree(two_versions.parent / "output")
    build(two_versions, NO_PDF)
    edit(two_versions / "documents/qd-csdl.yaml", "01 tháng 7", "15 tháng 7")
    report = build(two_versions, NO_PDF)
    assert [(v.document, v.number) for v in report.cut] == [("qd-csdl", 3)]
    folder = two_versions.parent / "output" / "qd-csdl"
    assert (folder / "QD-CSDL_du-thao-03_redline.docx").is_file()  # against the restored 2
    changelog = (folder / "QD-CSDL_du-thao-03.changelog.md").read_text(encoding="utf-8")
    assert "- So với: Dự thảo lần 2" in changelog and "15 tháng 7" in changelog


def test_another_output_folder_gets_the_same_numbers(two_versions: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    report = build(two_versions, BuildOptions(pdf=False, jobs=1, output=elsewhere))
    assert report.cut == []
    assert (elsewhere / "qd-csdl" / "QD-CSDL_du-thao-02.docx").read_bytes() == (
        two_versions.parent / "output" / "qd-csdl" / "QD-CSDL_du-thao-02.docx"
    ).read_bytes()


#: The registry's schema before the state folder (drafter 0.x kept it in output/).
LEGACY_SCHEMA = """
CREATE TABLE versions (
    document TEXT NOT NULL, number INTEGER NOT NULL, created TEXT NOT NULL,
    input_hash TEXT NOT NULL, context_hash TEXT NOT NULL, template_hash TEXT NOT NULL,
    renderer TEXT NOT NULL, git_commit TEXT, changelog TEXT NOT NULL,
    context_json TEXT NOT NULL, PRIMARY KEY (document, number));
CREATE TABLE files (
    document TEXT NOT NULL, number INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
    sha256 TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (document, number, role));
PRAGMA user_version = 1;
"""


def test_a_registry_left_in_output_by_an_older_drafter_keeps_its_numbers(
    two_versions: Path,
) -> None:
    import sqlite3
    from contextlib import closing

    from drafter.publish.registry import read_registry

    state = two_versions / ".drafter-state"
    legacy = two_versions.parent / "output" / ".drafter" / "registry.sqlite"
    with read_registry(state) as registry, closing(sqlite3.connect(legacy)) as db:
        assert registry is not None
        db.executescript(LEGACY_SCHEMA)
        for document in registry.documents():
            for v in registry.versions(document):
                db.execute(
                    "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        v.document,
                        v.number,
                        v.created,
                        v.input_hash,
                        v.context_hash,
                        v.template_hash,
                        v.renderer,
                        v.git_commit,
                        registry.changelog(document, v.number),
                        registry.context_json(document, v.number),
                    ),
                )
                for f in v.files.values():
                    db.execute(
                        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
                        (v.document, v.number, f.role, f.name, f.sha256, f.size),
                    )
        db.commit()
    before = {p.relative_to(state): p.read_bytes() for p in state.rglob("*.json")}
    shutil.rmtree(state)

    edit(two_versions / "documents/qd-csdl.yaml", "01 tháng 7", "15 tháng 7")
    report = build(two_versions, NO_PDF)

    assert [(v.document, v.number) for v in report.cut] == [("qd-csdl", 3)]
    after = {p.relative_to(state): p.read_bytes() for p in state.rglob("*.json")}
    assert {k: v for k, v in after.items() if k in before} == before
    changelog = (state / "qd-csdl" / "03.changelog.md").read_text(encoding="utf-8")
    assert "- So với: Dự thảo lần 2" in changelog
