"""drafter/ooxml/ is the one place that opens a Word package or spells its namespace."""

from __future__ import annotations

import re
from pathlib import Path

import drafter

PACKAGE = Path(drafter.__file__).parent

#: What only drafter/ooxml/ may write: zip access and the WordprocessingML namespace.
FORBIDDEN = re.compile(
    r"^\s*(?:import\s+zipfile|from\s+zipfile\s+import)\b"
    r"|\bzipfile\."
    r"|schemas\.openxmlformats\.org/wordprocessingml"
    r"|purl\.oclc\.org/ooxml/wordprocessingml",
    re.MULTILINE,
)


def offenders(root: Path) -> list[str]:
    """``file:line: match`` of each forbidden spelling under ``root`` outside ``root/ooxml``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if root / "ooxml" in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        for match in FORBIDDEN.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(root.parent)}:{line}: {match.group(0).strip()}")
    return found


def test_no_module_outside_ooxml_opens_a_zip_or_spells_the_word_namespace() -> None:
    assert offenders(PACKAGE) == []


def test_the_check_finds_an_offender(tmp_path: Path) -> None:
    package = tmp_path / "drafter"
    (package / "ooxml").mkdir(parents=True)
    (package / "ooxml" / "ns.py").write_text(
        'W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"\n'
    )
    (package / "render.py").write_text("import io\nimport zipfile\n")
    (package / "reader.py").write_text(
        'W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"\n'
    )
    assert offenders(package) == [
        "drafter/reader.py:1: schemas.openxmlformats.org/wordprocessingml",
        "drafter/render.py:2: import zipfile",
    ]
