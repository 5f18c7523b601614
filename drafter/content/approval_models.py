"""The draft Decision of the Prime Minister approving the Project, laid out as
the published Decision 414/QĐ-TTg is: Điều 1 approves the Project "with the
following main contents" (I. Quan điểm, II. Mục tiêu, III. Nhiệm vụ, giải pháp,
IV. Kinh phí thực hiện, V. Tổ chức thực hiện), drawn from the Project's content;
then entry into force and who executes it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from drafter.content.linked import LinkedContent
from drafter.content.load import PathKey
from drafter.content.models import Id, Model, Text

#: Computed values the draft Decision's text may use as ``{name}``.
APPROVAL_PLACEHOLDERS = frozenset({"ten_de_an", "tong_kinh_phi"})


class Implementation(Model):
    """Section V: one body (a ministry, the provinces) and its duties."""

    body: Text
    duties: list[Text] = Field(min_length=1)


class ApprovalDecisionContent(LinkedContent):
    """A Decision issued by another authority (the Prime Minister) approving a Project."""

    #: the issuing authority, as the header block names it ("Thủ tướng Chính phủ")
    issuer: Text
    competence: Text
    legal_bases: list[Id] = Field(min_length=1)
    proposal: Text
    #: the Project it approves (a document id of kind project)
    project: Id
    implementation: list[Implementation] = Field(min_length=1)
    entry_into_force: Text
    execution: Text

    def links(self) -> list[tuple[PathKey, str, str]]:
        return [(("project",), self.project, "project")]

    def texts(self) -> Iterator[tuple[PathKey, str]]:
        """Every text that may hold ``{name}`` values, with its field path."""
        yield ("title",), self.title
        for i, item in enumerate(self.implementation):
            for j, text in enumerate(item.duties):
                yield ("implementation", i, "duties", j), text
        yield ("entry_into_force",), self.entry_into_force
        yield ("execution",), self.execution
