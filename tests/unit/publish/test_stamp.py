"""The build stamp: file hashes and per-document input hashes of the last
complete build."""

from __future__ import annotations

from pathlib import Path

from drafter.publish.stamp import (
    STAMP_FILE,
    file_hashes,
    read_stamp,
    remove_stamp,
    stamp_key,
    unchanged,
    write_stamp,
)


def files(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for n, path in enumerate(paths):
        path.write_text(f"value: {n}\n")
    return paths


def test_stamp_reads_back_its_documents_for_its_key_only(tmp_path: Path) -> None:
    paths = files(tmp_path)
    key = stamp_key(tmp_path, None, True)
    assert write_stamp(tmp_path / "state", key, paths, {"doc": "1" * 64})
    stamp = read_stamp(tmp_path / "state", key)
    assert stamp is not None and stamp.documents == {"doc": "1" * 64}
    assert read_stamp(tmp_path / "state", stamp_key(tmp_path, None, False)) is None


def test_changed_names_edited_missing_and_unrecorded_files(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    key = stamp_key(tmp_path, None, True)
    write_stamp(tmp_path / "state", key, [a, b], {})
    stamp = read_stamp(tmp_path / "state", key)
    assert stamp is not None and stamp.changed([a, b]) == set()
    a.write_text("value: 9\n")
    b.unlink()
    new = tmp_path / "c.yaml"
    new.write_text("value: 2\n")
    assert stamp.changed([a, b, new]) == {a, b, new}
    assert not unchanged(tmp_path / "state", key)


def test_stamp_is_refused_when_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    read = file_hashes([a, b])
    assert read is not None
    a.write_text("value: saved meanwhile\n")
    key = stamp_key(tmp_path, None, True)
    assert not write_stamp(tmp_path / "state", key, [a, b], {}, read=read)
    assert not (tmp_path / "state" / STAMP_FILE).exists()


def test_stamp_from_before_document_hashes_still_serves_the_no_op(tmp_path: Path) -> None:
    a, b = files(tmp_path)
    key = stamp_key(tmp_path, None, True)
    write_stamp(tmp_path / "state", key, [a, b], {})
    old = (tmp_path / "state" / STAMP_FILE).read_text().replace('"documents": {},', "")
    assert "documents" not in old
    (tmp_path / "state" / STAMP_FILE).write_text(old)
    assert unchanged(tmp_path / "state", key)
    stamp = read_stamp(tmp_path / "state", key)
    assert stamp is not None and stamp.documents == {}
    remove_stamp(tmp_path / "state")
    assert not unchanged(tmp_path / "state", key)
