"""The registry in the state folder: plain-text files, one commit point per
build, one number per version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.publish.canonical import canonical_json
from drafter.publish.registry import (
    JOURNAL,
    FileRecord,
    NewVersion,
    RegistryConflict,
    VersionRecord,
    open_registry,
    read_registry,
)


def version(number: int, doc: str = "qd", context: str = "{}") -> NewVersion:
    files = {"docx": FileRecord("docx", f"QD_du-thao-{number:02d}.docx", "ab" * 32, 10)}
    record = VersionRecord(
        doc, number, "2023-01-01T00:00:00+00:00", "i", "c", "t", "0.1.0", None, files
    )
    return NewVersion(record, f"changelog {number}", context)


def test_reading_a_missing_registry_creates_nothing(tmp_path: Path) -> None:
    with read_registry(tmp_path / ".drafter-state") as registry:
        assert registry is None
    assert list(tmp_path.iterdir()) == []


def test_committed_versions_are_listed_with_their_files(tmp_path: Path) -> None:
    registry = open_registry(tmp_path)
    registry.commit([version(1), version(2)])
    assert [v.number for v in registry.versions("qd")] == [1, 2]
    latest = registry.latest("qd")
    assert latest is not None and latest.files["docx"].name == "QD_du-thao-02.docx"
    assert registry.changelog("qd", 1) == "changelog 1"


def test_versions_are_plain_files_read_back_by_a_new_reader(tmp_path: Path) -> None:
    context = canonical_json({"title": "Quyết định", "rows": [1, 2.5, None, 1e16]})
    open_registry(tmp_path).commit([version(1, context=context)])
    assert sorted(p.name for p in (tmp_path / "qd").iterdir()) == [
        "01.changelog.md",
        "01.context.json",
        "01.json",
    ]
    record = json.loads((tmp_path / "qd" / "01.json").read_text(encoding="utf-8"))
    assert record["number"] == 1 and record["files"]["docx"]["size"] == 10
    # the snapshot is pretty-printed for diffs, and read back as the canonical text
    assert "\n" in (tmp_path / "qd" / "01.context.json").read_text(encoding="utf-8").strip()
    with read_registry(tmp_path) as reader:
        assert reader is not None
        assert reader.context_json("qd", 1) == context
        assert reader.changelog("qd", 1) == "changelog 1"
        assert reader.latest("qd") == version(1).record
    assert not (tmp_path / JOURNAL).exists()


def test_a_second_version_with_one_number_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    registry = open_registry(tmp_path)
    registry.commit([version(1)])
    with pytest.raises(RegistryConflict):
        registry.commit([version(2, doc="other"), version(1)])
    assert registry.versions("other") == []  # nothing of the commit was recorded
    with read_registry(tmp_path) as reader:
        assert reader is not None and reader.versions("other") == []


def test_files_added_to_a_version_are_recorded(tmp_path: Path) -> None:
    registry = open_registry(tmp_path)
    registry.commit([version(1)])
    pdf = FileRecord("pdf", "QD_du-thao-01.pdf", "cd" * 32, 20)
    registry.commit([], [("qd", 1, pdf)])
    with read_registry(tmp_path) as reader:
        assert reader is not None
        latest = reader.latest("qd")
        assert latest is not None and sorted(latest.files) == ["docx", "pdf"]


def test_a_journal_left_by_a_killed_build_is_committed(tmp_path: Path) -> None:
    """Killed after the commit point (the journal's rename), before the
    version files were written: readers see the versions, the next writer
    writes them."""
    registry = open_registry(tmp_path)
    registry.commit([version(1)])
    applied = tmp_path / "qd" / "02.json"
    registry.commit([version(2), version(1, doc="other")])
    # go back to the instant after the rename
    journal = {
        "format": 1,
        "versions": [
            {
                "record": json.loads(applied.read_text(encoding="utf-8")),
                "changelog": "changelog 2",
                "context_json": "{}",
            }
        ],
        "added": [],
    }
    for name in ("02.json", "02.changelog.md", "02.context.json"):
        (tmp_path / "qd" / name).unlink()
    (tmp_path / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    with read_registry(tmp_path) as reader:
        assert reader is not None and [v.number for v in reader.versions("qd")] == [1, 2]
        assert reader.changelog("qd", 2) == "changelog 2"
    assert (tmp_path / JOURNAL).exists()  # readers write nothing
    open_registry(tmp_path)
    assert not (tmp_path / JOURNAL).exists() and applied.is_file()


def test_state_folder_ignores_its_lock_and_unfinished_writes(tmp_path: Path) -> None:
    (tmp_path / "qd").mkdir()
    leftover = tmp_path / "qd" / ".01.json.abc.part"
    leftover.write_text("half")
    open_registry(tmp_path)
    assert not leftover.exists()
    ignored = (tmp_path / ".gitignore").read_text().splitlines()
    assert "lock" in ignored and ".*.part" in ignored
