"""Characters the PDF's font cannot draw are named by file, line, column and field."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import tree_snapshot

from drafter.cli import main
from drafter.render.glyphs import drawable, undrawable


def test_the_font_draws_vietnamese_and_not_emoji() -> None:
    covered = drawable()
    assert undrawable("Hệ thống quản lý văn bản – “điều hành” № 5 …", covered) == []
    assert undrawable("Báo cáo 😀 👍🏽 مرحبا", covered) == [*"😀👍🏽", *"مرحبا"]
    assert undrawable("a\u200db\ufe0f\n\t", covered) == []  # not drawn: joiner, selector, breaks


def test_check_names_each_undrawable_value(mini: Path) -> None:
    register = mini / "registries" / "databases.yaml"
    text = register.read_text(encoding="utf-8")
    old = "name: Hệ thống quản lý văn bản và điều hành"
    assert old in text
    register.write_text(text.replace(old, f"{old} 😀", 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    column = len(text[: text.index(old)].split("\n")[-1]) + len("name: ") + 1
    before = tree_snapshot(mini.parent / "output")
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, [*command, "--project", str(mini)])
        assert result.exit_code == 2, result.output
        assert (
            f"content/registries/databases.yaml:{line}:{column}: databases[1].name: "
            "'😀' (U+1F600) cannot be drawn by the PDF's font (Liberation Serif)"
        ) in result.output
        assert "Traceback" not in result.output
    assert tree_snapshot(mini.parent / "output") == before
    # the Word files alone do not need the font
    result = CliRunner().invoke(main, ["build", "--project", str(mini), "--no-pdf"])
    assert result.exit_code == 0, result.output
