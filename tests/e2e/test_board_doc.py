"""End to end: the Decision establishing the Drafting Board and Editorial Team.

The sample content is built with the CLI and read back as a reviewer would;
each of the decision's rules is then broken in a copy of the sample and must
be reported at its place, with nothing built.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from docx.table import Table
from helpers import SAMPLE, copy_project, docx_lines
from parity import parity_problems
from pypdf import PdfReader

from drafter.cli import main

DOC_ID = "qd-ban-soan-thao"
STEM = "QD-thanh-lap-Ban-soan-thao"
CONTENT = "documents/qd-ban-soan-thao.yaml"
LABEL = f"content/{CONTENT}"
#: Roles by rank, written here independently of drafter's own table.
RANKS = {
    "board": ["Trưởng ban", "Phó Trưởng ban", "Thành viên"],
    "team": ["Tổ trưởng", "Tổ phó", "Thành viên"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("board")
    content = copy_project(SAMPLE, root)
    result = CliRunner().invoke(main, ["build", "--project", str(content), "-d", DOC_ID])
    assert result.exit_code == 0, result.output
    return root / "output" / DOC_ID


def load(name: str) -> Any:
    return yaml.safe_load((SAMPLE / name).read_text(encoding="utf-8"))


def docx(built: Path) -> bytes:
    return (built / f"{STEM}.docx").read_bytes()


def table_with_header(built: Path, first: str, second: str) -> Table:
    document = Document(io.BytesIO(docx(built)))
    return next(
        t for t in document.tables if [c.text for c in t.rows[0].cells[:2]] == [first, second]
    )


def expected_member_rows(body: str) -> list[list[str]]:
    """What Phụ lục I must show for one body, worked out from the YAML alone."""
    org = load("registries/organisation.yaml")
    people = {p["id"]: p for p in org["people"]}
    units = {u["id"]: u["name"] for u in org["units"]}
    members = load(CONTENT)[body]["members"]
    ordered = sorted(members, key=lambda m: RANKS[body].index(m["role"]))
    rows = []
    for n, member in enumerate(ordered, start=1):
        person = people[member["person"]]
        unit = units[person["unit"]] if person["unit"] else org["agency"]["name"]
        rows.append([str(n), person["name"], person["position"], unit, member["role"]])
    return rows


def test_member_appendix_lists_each_body_from_the_registry(built: Path) -> None:
    table = table_with_header(built, "STT", "Họ và tên")
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Vai trò",
    ]
    shown: dict[str, list[list[str]]] = {}
    current = ""
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0] in ("I", "II"):
            current = cells[1]
            shown[current] = []
        else:
            shown[current].append(cells)
    assert shown == {
        "Ban soạn thảo": expected_member_rows("board"),
        "Tổ biên tập": expected_member_rows("team"),
    }


def test_article_counts_match_the_appendix(built: Path) -> None:
    text = "\n".join(docx_lines(docx(built)))
    board = re.search(r"Điều 1\. Thành lập Ban soạn thảo .*? gồm (\d+) thành viên", text)
    team = re.search(r"Điều 2\. Thành lập Tổ biên tập .*? gồm (\d+) thành viên", text)
    assert board and team
    counts = (int(board.group(1)), int(team.group(1)))
    assert counts == (len(expected_member_rows("board")), len(expected_member_rows("team")))
    assert counts == (9, 9)


def test_task_appendix_gives_every_member_a_task_with_a_deadline(built: Path) -> None:
    table = table_with_header(built, "STT", "Thành viên")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    content = load(CONTENT)
    assert len(rows) == len(content["assignments"])
    names = {p["id"]: p["name"] for p in load("registries/organisation.yaml")["people"]}
    listed = {row[1].split(" (")[0] for row in rows}
    members = {m["person"] for body in ("board", "team") for m in content[body]["members"]}
    assert listed == {names[m] for m in members}
    assert all(re.fullmatch(r"\d\d/\d\d/2023", row[4]) for row in rows)
    assert rows[0][1] == "Nông Quốc Tuấn (Trưởng ban)"
    assert "Phần II" in [row[3] for row in rows]


def test_both_appendices_carry_the_attached_line(built: Path) -> None:
    lines = docx_lines(docx(built))
    assert "Phụ lục I" in lines and "Phụ lục II" in lines
    attached = [line for line in lines if line.startswith("(Kèm theo Quyết định số")]
    assert len(attached) == 2


def test_pdf_is_portrait_and_says_what_the_docx_says(built: Path) -> None:
    pdf = (built / f"{STEM}.pdf").read_bytes()
    assert parity_problems(docx(built), pdf, DOC_ID) == []
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {
        (595, 842)
    }


# -- rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """One rule broken by one edit of the content file."""

    find: str
    replace: str
    #: what the user must read; ``{ref}`` stands for the line of ``ref`` in the file
    message: str
    #: the text the problem must point at, ``|`` marking the exact place (line and
    #: column); None where it points at a whole list
    at: str | None = None
    ref: str | None = None


RULES = {
    "unknown-member": Broken(
        "{person: hoang-minh-duc, role: Thành viên}",
        "{person: hoang-minh-duk, role: Thành viên}",
        "board.members[2].person: unknown person 'hoang-minh-duk'; did you mean 'hoang-minh-duc'?",
        at="|hoang-minh-duk",
    ),
    "unknown-standing-unit": Broken(
        "standing_unit: ttcds",
        "standing_unit: ttcd",
        "board.standing_unit: unknown unit 'ttcd'; did you mean 'ttcds'?",
        at="standing_unit: |ttcd\n",
    ),
    "member-without-task": Broken(
        "member: vi-van-thang",
        "member: ho-quang-vinh",
        "team.members[5].person: 'vi-van-thang' (Tổ biên tập) has no task",
        at="person: |vi-van-thang",
    ),
    "two-roles-on-one-body": Broken(
        "{person: la-van-thuan, role: Thành viên}",
        "{person: nong-quoc-tuan, role: Thành viên}",
        "board.members[6].person: 'nong-quoc-tuan' is already on the Ban soạn thảo as "
        "Trưởng ban (line {ref}); a person holds one role on a body",
        at="|nong-quoc-tuan, role: Thành viên",
        ref="nong-quoc-tuan, role: Trưởng ban",
    ),
    "no-head": Broken(
        "{person: nong-quoc-tuan, role: Trưởng ban}",
        "{person: nong-quoc-tuan, role: Phó Trưởng ban}",
        "board.members: the Ban soạn thảo has no Trưởng ban; name exactly one",
    ),
    "two-heads": Broken(
        "{person: mai-xuan-truong, role: Tổ phó}",
        "{person: mai-xuan-truong, role: Tổ trưởng}",
        "team.members[2].role: a second Tổ trưởng (the first is 'nguyen-ngoc-ha' at line {ref}); "
        "the Tổ biên tập has exactly one",
        at="mai-xuan-truong, role: |Tổ trưởng",
        ref="nguyen-ngoc-ha, role: Tổ trưởng",
    ),
    "deadline-after-submission": Broken(
        "deadline: 2023-10-10",
        "deadline: 2023-11-10",
        "assignments[10].deadline: deadline 10/11/2023 is after the submission deadline "
        "31/10/2023 (content/registries/schedule.yaml:9)",
        at="|2023-11-10",
    ),
    "deadline-before-start": Broken(
        "deadline: 2023-07-10",
        "deadline: 2023-05-10",
        "assignments[15].deadline: deadline 10/05/2023 is before the drafting starts "
        "(24/05/2023, content/registries/schedule.yaml, the first step)",
        at="|2023-05-10",
    ),
    "task-for-a-non-member": Broken(
        "member: ta-minh-khue",
        "member: to-huu-nghia",
        "assignments[9].member: 'to-huu-nghia' is on neither the Ban soạn thảo nor the Tổ biên tập",
        at="member: |to-huu-nghia",
    ),
    "unknown-part-id": Broken(
        "parts: [su-can-thiet]\n    step: tham-dinh",
        "parts: [su-can-thie]\n    step: tham-dinh",
        "assignments[5].parts[0]: unknown part of the Project 'su-can-thie'; "
        "did you mean 'su-can-thiet'?",
        at="[|su-can-thie]",
    ),
    "role-of-the-other-body": Broken(
        "{person: nguyen-ngoc-ha, role: Phó Trưởng ban}",
        "{person: nguyen-ngoc-ha, role: Tổ phó}",
        "board.members[1].role: 'Tổ phó' is not allowed "
        '(one of: "Trưởng ban", "Phó Trưởng ban", "Thành viên")',
        at="nguyen-ngoc-ha, role: |Tổ phó}\n    - {person: hoang",
    ),
}


def where(text: str, marked: str) -> tuple[int, int]:
    """1-based line and column of the ``|`` in ``marked`` (else its start), found
    once in ``text``."""
    token = marked.replace("|", "")
    assert text.count(token) == 1, token
    offset = text.index(token) + max(marked.find("|"), 0)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@pytest.mark.parametrize("rule", RULES)
def test_broken_rule_is_reported_at_its_place(rule: str, tmp_path: Path) -> None:
    case = RULES[rule]
    content = copy_project(SAMPLE, tmp_path)
    path = content / CONTENT
    text = path.read_text(encoding="utf-8")
    assert text.count(case.find) == 1, case.find
    edited = text.replace(case.find, case.replace)
    path.write_text(edited, encoding="utf-8")
    message = case.message
    if case.ref:
        message = message.replace("{ref}", str(where(edited, case.ref)[0]))

    result = CliRunner().invoke(main, ["build", "--project", str(content), "-d", DOC_ID])

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if message in line]
    assert lines, f"missing: {message}\n--- got:\n{result.output}"
    place = LABEL
    if case.at:
        line, column = where(edited, case.at)
        place += f":{line}:{column}"
    assert lines[0].startswith(f"{place}:"), lines[0]
    assert not (tmp_path / "output").exists()
