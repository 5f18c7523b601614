"""The SQLite registry: one transaction per commit, one number per version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from drafter.publish.registry import (
    FileRecord,
    NewVersion,
    VersionRecord,
    open_registry,
    read_registry,
)


def version(number: int, doc: str = "qd") -> NewVersion:
    files = {"docx": FileRecord("docx", f"QD_du-thao-{number:02d}.docx", "ab" * 32, 10)}
    record = VersionRecord(
        doc, number, "2023-01-01T00:00:00+00:00", "i", "c", "t", "0.1.0", None, files
    )
    return NewVersion(record, f"changelog {number}", "{}")


def test_reading_a_missing_registry_creates_nothing(tmp_path: Path) -> None:
    with read_registry(tmp_path / ".drafter" / "registry.sqlite") as registry:
        assert registry is None
    assert list(tmp_path.iterdir()) == []


def test_committed_versions_are_listed_with_their_files(tmp_path: Path) -> None:
    registry = open_registry(tmp_path / "registry.sqlite")
    registry.commit([version(1), version(2)])
    assert [v.number for v in registry.versions("qd")] == [1, 2]
    latest = registry.latest("qd")
    assert latest is not None and latest.files["docx"].name == "QD_du-thao-02.docx"
    assert registry.changelog("qd", 1) == "changelog 1"


def test_a_second_version_with_one_number_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    registry = open_registry(tmp_path / "registry.sqlite")
    registry.commit([version(1)])
    with pytest.raises(sqlite3.IntegrityError):
        registry.commit([version(2, doc="other"), version(1)])
    assert registry.versions("other") == []  # the whole transaction rolled back
