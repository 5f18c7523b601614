"""The feedback register on disk: ids, merging, appending without rewriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.content.feedback_models import FeedbackEntry, FeedbackRegister
from drafter.errors import DrafterError
from drafter.review.register import (
    dump_register,
    entry_id,
    merge,
    read_register,
    save_register,
)

DOC = "qd-csdl"


def entry(text: str, *, author: str = "Lê Thị Bình", response: str | None = None) -> FeedbackEntry:
    return FeedbackEntry.model_validate(
        {
            "id": entry_id(DOC, 2, author, "comment", "Điều 1", text),
            "document": DOC,
            "version": 2,
            "unit": "ttcds",
            "author": author,
            "date": dt.datetime(2024, 5, 1, 8, 30, tzinfo=dt.UTC),
            "kind": "comment",
            "location": "Điều 1",
            "anchor": "Điều 1",
            "text": text,
            "response": response,
        }
    )


def test_entry_id_is_stable_and_depends_on_every_part() -> None:
    base = entry_id(DOC, 2, "A", "comment", "neo", "ý kiến")
    assert base == entry_id(DOC, 2, "A", "comment", "neo", "ý kiến")
    variants = {
        entry_id("khac", 2, "A", "comment", "neo", "ý kiến"),
        entry_id(DOC, 3, "A", "comment", "neo", "ý kiến"),
        entry_id(DOC, None, "A", "comment", "neo", "ý kiến"),
        entry_id(DOC, 2, "B", "comment", "neo", "ý kiến"),
        entry_id(DOC, 2, "A", "insertion", "neo", "ý kiến"),
        entry_id(DOC, 2, "A", "comment", "neo khác", "ý kiến"),
        entry_id(DOC, 2, "A", "comment", "neo", "ý kiến khác"),
    }
    assert base not in variants and len(variants) == 7


def test_merge_adds_only_new_ids_and_keeps_existing_entries() -> None:
    answered = entry("Một", response="tiếp thu")
    register = FeedbackRegister(document=DOC, entries=[answered])
    merged = merge(register, [entry("Một"), entry("Hai"), entry("Hai")])
    assert [e.text for e in merged.added] == ["Hai"]
    assert len(merged.already_present) == 2
    assert merged.register.entries[0] is answered
    assert [e.text for e in merged.register.entries] == ["Một", "Hai"]


def test_dumped_register_reads_back_equal(tmp_path: Path) -> None:
    register = FeedbackRegister(
        document=DOC, entries=[entry("Dòng một\nDòng hai"), entry("Có dấu: “ngoặc” # và #")]
    )
    path = tmp_path / "r.yaml"
    path.write_text(dump_register(register), encoding="utf-8")
    assert read_register(path, DOC) == register


def test_multiline_text_is_written_as_a_block() -> None:
    text = dump_register(FeedbackRegister(document=DOC, entries=[entry("Dòng một\nDòng hai")]))
    assert "text: |-\n      Dòng một\n      Dòng hai\n" in text


def test_save_appends_and_keeps_the_team_edits_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(dump_register(FeedbackRegister(document=DOC, entries=[entry("Một")])), "utf-8")
    edited = path.read_text("utf-8").replace(
        "response: null", "response: giải trình  # đã họp tổ soạn thảo"
    )
    path.write_text(edited, "utf-8")
    register = read_register(path, DOC)
    assert save_register(path, merge(register, [entry("Hai")]))
    text = path.read_text("utf-8")
    assert text.startswith(edited.rstrip("\n"))
    assert [(e.text, e.response) for e in read_register(path, DOC).entries] == [
        ("Một", "giải trình"),
        ("Hai", None),
    ]


def test_save_rewrites_when_entries_is_not_the_last_key(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    first = entry("Một", response="tiếp thu")
    body = dump_register(FeedbackRegister(document=DOC, entries=[first]))
    # Move `document:` after the entries: appending would land inside it.
    body = body.replace("\ndocument: qd-csdl\n", "\n", 1) + "document: qd-csdl\n"
    path.write_text(body, "utf-8")
    register = read_register(path, DOC)
    save_register(path, merge(register, [entry("Hai")]))
    assert [(e.text, e.response) for e in read_register(path, DOC).entries] == [
        ("Một", "tiếp thu"),
        ("Hai", None),
    ]


def test_save_writes_nothing_when_nothing_is_new(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(dump_register(FeedbackRegister(document=DOC, entries=[entry("Một")])), "utf-8")
    path.write_text(path.read_text("utf-8") + "# ghi chú cuối tệp\n", "utf-8")
    before = path.read_bytes()
    assert not save_register(path, merge(read_register(path, DOC), [entry("Một")]))
    assert path.read_bytes() == before


def test_missing_register_reads_as_empty(tmp_path: Path) -> None:
    assert read_register(tmp_path / "none.yaml", DOC) == FeedbackRegister(document=DOC)


def test_register_of_another_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(dump_register(FeedbackRegister(document="qd-khac")), "utf-8")
    with pytest.raises(DrafterError, match="about 'qd-khac', not 'qd-csdl'"):
        read_register(path, DOC)


def test_unknown_response_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = dump_register(FeedbackRegister(document=DOC, entries=[entry("Một")]))
    path.write_text(text.replace("response: null", "response: đồng ý"), "utf-8")
    with pytest.raises(DrafterError) as raised:
        read_register(path, DOC)
    [problem] = raised.value.problems
    assert problem.path == "entries[0].response"
    assert problem.line == text.splitlines().index("    response: null") + 1
    assert "'đồng ý' is not allowed" in problem.message
