"""The feedback register: reviewers' comments on one document, and the
drafting team's answers, kept as YAML under ``feedback/<document-id>.yaml``.

``drafter comments collect`` appends entries (see :mod:`drafter.review.register`);
the team fills in ``response`` and ``explanation`` by hand; the comment
synthesis table (:mod:`drafter.context.synthesis`) is built from it.  This
module holds the models and the rules that tie a register to the registries,
so that loading the project (content stage) can check a register without
importing the review stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr

from drafter.content.load import SourceMap, load_file
from drafter.content.models import DocumentHeader, Id, Model, RelPath, Text
from drafter.content.refs import Registries, check_ref
from drafter.content.validate import validate
from drafter.errors import Problem, Severity

#: Where registers live, relative to the project folder: one file per document.
FEEDBACK_DIR = "feedback"

#: What a returned file holds: a Word comment, or a tracked insertion or deletion.
FeedbackKind = Literal["comment", "insertion", "deletion"]

#: The drafting team's answer to a comment.
Response = Literal["tiếp thu", "tiếp thu một phần", "giải trình"]
RESPONSES: tuple[Response, ...] = ("tiếp thu", "tiếp thu một phần", "giải trình")


class FeedbackEntry(Model):
    """One comment or tracked change, as collected, plus the team's answer."""

    #: stable hash of document, version, author, kind, anchor and text
    id: Id
    document: Id
    #: the draft number the comment was made on; None when the file did not say
    version: int | None = Field(default=None, ge=1)
    #: the commenting unit (a unit id); None until someone fills it in
    unit: Id | None = None
    author: Text
    date: dt.datetime | dt.date | None = None
    kind: FeedbackKind
    #: the provision, e.g. "Điều 2, khoản 1, điểm a" or "Phụ lục, STT 12"
    location: str | None = None
    #: the text the comment is attached to (for a change: its paragraph)
    anchor: str | None = None
    text: Text
    response: Response | None = None
    explanation: Text | None = None
    #: the returned file it was first collected from (name only)
    file: str | None = None
    #: for an accepted comment: words the provision now holds, as the response claims
    reads: list[Text] = Field(default_factory=list)
    #: where an accepted change was made when not in the provision commented on
    applied_in: str | None = None


class FeedbackRegister(Model):
    """The register file: which document it is about, and its entries."""

    document: Id
    entries: list[FeedbackEntry] = Field(default_factory=list)


class CommentSynthesisContent(DocumentHeader):
    """The synthesis table (Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý)."""

    #: the document commented on (a document id of this project)
    document: Id
    #: the register file, relative to drafter.yaml
    register_file: RelPath
    #: only comments made on this draft number; None: every draft
    version: int | None = Field(default=None, ge=1)
    #: paragraph(s) before the computed summary sentence
    introduction: list[Text] = Field(default_factory=list)

    # Filled by project loading once the register file is read and checked.
    _register: FeedbackRegister | None = PrivateAttr(default=None)
    _register_source: SourceMap | None = PrivateAttr(default=None)
    _target: Callable[[Registries], dict[str, Any]] | None = PrivateAttr(default=None)

    @property
    def feedback(self) -> FeedbackRegister:
        """The loaded register (empty until the project attaches it)."""
        return self._register or FeedbackRegister(document=self.document)

    def attach(self, register: FeedbackRegister, source: SourceMap | None = None) -> None:
        """Attach the register read from :attr:`register_file` (done by project loading)."""
        self._register = register
        self._register_source = source

    @property
    def register_source(self) -> SourceMap | None:
        """Where the register's entries are written (None before loading attaches it)."""
        return self._register_source

    def attach_target(self, context: Callable[[Registries], dict[str, Any]]) -> None:
        """Attach how to build the template context of the document commented on."""
        self._target = context

    @property
    def target(self) -> Callable[[Registries], dict[str, Any]] | None:
        """The context builder of the document commented on, once attached."""
        return self._target


def register_problems(
    register: FeedbackRegister, reg: Registries, source: SourceMap
) -> list[Problem]:
    """Units that name nothing, entries about another document, repeated ids."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(register.entries):
        at = ("entries", i)
        problems += check_ref(entry.unit, dict(reg.units), "unit", source, (*at, "unit"))
        if entry.document != register.document:
            problems.append(
                source.problem(
                    (*at, "document"),
                    f"entry is about '{entry.document}' but this register is about "
                    f"'{register.document}'",
                )
            )
        if entry.id in seen:
            first = source.locate(("entries", seen[entry.id], "id"))[0]
            problems.append(
                source.problem(
                    (*at, "id"), f"duplicate entry id '{entry.id}' (first used at line {first})"
                )
            )
        seen.setdefault(entry.id, i)
        if entry.explanation is not None and entry.response is None:
            problems.append(
                source.problem(
                    (*at, "response"),
                    "an explanation without a response: give 'tiếp thu', "
                    "'tiếp thu một phần' or 'giải trình'",
                    severity=Severity.WARNING,
                )
            )
    return problems


def load_register(
    path: Path, label: str, reg: Registries | None
) -> tuple[FeedbackRegister | None, SourceMap, list[Problem]]:
    """Read and check one register file.

    Returns the register (None when it cannot be read or is invalid), its
    source map and every problem; ``reg`` None skips the registry checks.
    """
    loaded = load_file(path, label)
    register, problems = validate(FeedbackRegister, loaded.data, loaded.source)
    problems = loaded.problems + problems
    if register is not None and reg is not None:
        problems += register_problems(register, reg, loaded.source)
    return register, loaded.source, problems
