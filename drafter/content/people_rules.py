"""Who may be named: the people registry says which people are real officials
(named, in the role given, by a source such as the meeting report) and which
are invented sample people.

Rules:
- a real person states the source that names them;
- the Committee's leaders (no unit, a Minister's or Deputy Minister's post)
  are real: an invented name on a real leadership post would put words in a
  real office's mouth;
- running text that names a leader by title ("Thứ trưởng, Phó Chủ nhiệm
  Nông Quốc Tuấn") names a real person of the registry, and no other name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from drafter.content.load import PathKey, SourceMap
from drafter.content.models import Person
from drafter.content.refs import Registries
from drafter.errors import Problem
from drafter.vietnamese import fold

#: Titles of the Committee's leaders, as running text writes them before a name.
LEADER_TITLES = ("Bộ trưởng", "Thứ trưởng", "Chủ nhiệm", "Phó Chủ nhiệm")

_UPPER = "A-ZÀ-ÝĂĐĨŨƠƯẠ-Ỹ"
_WORD = rf"[{_UPPER}][^\s,;.:()“”\"]*"
#: "Thứ trưởng, Phó Chủ nhiệm Nông Quốc Tuấn", "Bộ trưởng Nguyễn Văn A": the title,
#: then two to five capitalised words (a Vietnamese full name).
MENTION = re.compile(
    r"(?:Bộ trưởng|Thứ trưởng)(?:,\s*(?:Phó\s+)?Chủ nhiệm)?\s+"
    rf"(?P<name>{_WORD}(?:\s+{_WORD}){{1,4}})"
)
#: Capitalised words that follow a title without being a name ("Bộ trưởng Bộ …").
_NOT_NAMES = {"bo", "uy", "ban", "chu", "pho", "cac", "thu", "dan", "bo truong"}


def is_leader(person: Person) -> bool:
    """A leader of the Committee: no unit, and a Minister's or Deputy Minister's post."""
    return person.unit is None and person.position.startswith(("Bộ trưởng", "Thứ trưởng"))


def people_rules(reg: Registries) -> list[Problem]:
    """Real people cite their source; the Committee's leaders are real people."""
    src = reg.sources["organisation"]
    problems: list[Problem] = []
    for i, person in enumerate(reg.organisation.people):
        at: PathKey = ("people", i)
        if person.identity == "real" and person.source is None:
            problems.append(
                src.problem(
                    (*at, "identity"),
                    f"'{person.id}' is marked real: give the source that names "
                    "them in this role (source: …)",
                )
            )
        if person.identity == "fictional" and is_leader(person):
            problems.append(
                src.problem(
                    (*at, "identity"),
                    f"'{person.name}' is an invented name on a real post ({person.position} "
                    "of the Committee): name only the leaders the meeting report names "
                    "(identity: real, with its source), or leave the post unnamed",
                )
            )
    return problems


def texts(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string inside a model (or plain data), with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, str(key)))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts(item, (*path, i))


def _named(name: str) -> str:
    """The name proper: capitalised words up to the first that cannot be a name."""
    words = name.split()
    kept = []
    for word in words:
        if fold(word) in _NOT_NAMES:
            break
        kept.append(word)
    return " ".join(kept)


def mention_problems(value: Any, reg: Registries, src: SourceMap) -> list[Problem]:
    """A leader named by title in running text who is not a real person of the registry."""
    real = {fold(p.name): p for p in reg.organisation.people if p.identity == "real"}
    problems: list[Problem] = []
    for path, text in texts(value):
        for match in MENTION.finditer(" ".join(text.split())):
            name = _named(match["name"])
            if len(name.split()) < 2 or fold(name) in real:
                continue
            problems.append(
                src.problem(
                    path,
                    f"names '{name}' as a leader of the Committee, who is not a real person "
                    "of the people registry (registries/organisation.yaml, identity: real); "
                    "name only the people the meeting report names, or drop the name",
                )
            )
    return problems
