"""The bad-input corpus: each folder under tests/cases holds a case.yaml that
edits a copy of a project and states the located messages the user must see.

Every case must exit non-zero with those messages, no traceback, and leave
output/ byte for byte as it was.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from helpers import MINI, REPO, SAMPLE, copy_project, tree_snapshot

from drafter.cli import main

CASES = sorted(p for p in (REPO / "tests" / "cases").iterdir() if (p / "case.yaml").is_file())


def edit_template(template: Path, find: str, replace: str) -> None:
    """Replace text in a template's word/document.xml, keeping every other part."""
    parts = {}
    with zipfile.ZipFile(template) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    xml = parts["word/document.xml"].decode("utf-8")
    assert find in xml, f"'{find}' not in {template.name}"
    parts["word/document.xml"] = xml.replace(find, replace, 1).encode("utf-8")
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def apply_edits(content: Path, case_dir: Path, edits: list[dict[str, Any]]) -> None:
    for edit in edits:
        if "template" in edit:
            templates = content.parent / "templates"
            edit_template(templates / edit["template"], edit["find"], edit["replace"])
            continue
        target = content / edit["file"]
        if "megabytes" in edit:
            # made at run time: a 50 MB file has no place in git
            line = b"# " + b"x" * 1021 + b"\n"
            with target.open("wb") as handle:
                for _ in range(edit["megabytes"] * 1024):
                    handle.write(line)
        elif "write" in edit:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(edit["write"], encoding="utf-8")
        elif "write_bytes_from" in edit:
            target.write_bytes((case_dir / edit["write_bytes_from"]).read_bytes())
        elif "delete" in edit:
            target.unlink()
        else:
            text = target.read_text(encoding="utf-8")
            assert edit["find"] in text, f"{case_dir.name}: '{edit['find']}' not in {edit['file']}"
            target.write_text(text.replace(edit["find"], edit["replace"], 1), encoding="utf-8")


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_and_output_untouched(case_dir: Path, tmp_path: Path) -> None:
    case = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    base = {"mini": MINI, "sample": SAMPLE}[case.get("base", "mini")]
    content = copy_project(base, tmp_path)
    output = tmp_path / "output"
    (output / "earlier").mkdir(parents=True)
    (output / "earlier" / "kept.docx").write_bytes(b"an earlier build")
    before = tree_snapshot(output)
    apply_edits(content, case_dir, case.get("edits", []))

    args = [case.get("command", "build"), "--project", str(content), *case.get("args", [])]
    result = CliRunner().invoke(main, args)

    assert result.exit_code == case.get("exit_code", 2), result.output
    assert "Traceback" not in result.output
    for expected in case["expect"]:
        assert expected in result.output, f"missing: {expected}\n--- got:\n{result.output}"
    assert tree_snapshot(output) == before
