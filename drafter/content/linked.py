"""Documents made from other documents of the project: the Tờ trình and the
Prime Minister's draft Decision take the Project's goals, tasks and costs, and
the rounds of comments from the synthesis tables' registers, instead of
retyping them.

A linked document names the documents it draws on by document id; project
loading checks each id and attaches the other document's content, as it
attaches a feedback register to a synthesis table.
"""

from __future__ import annotations

from pydantic import PrivateAttr

from drafter.content.load import PathKey
from drafter.content.models import DocumentHeader, Model


class LinkedContent(DocumentHeader):
    """A document whose content refers to other documents of the project by id."""

    _related: dict[str, Model] = PrivateAttr(default_factory=dict)

    def links(self) -> list[tuple[PathKey, str, str]]:
        """(field path, document id, the kind that document must be) of each link."""
        return []

    def attach_related(self, doc_id: str, content: Model) -> None:
        """Attach the content of a linked document (done by project loading)."""
        self._related[doc_id] = content

    def related(self, doc_id: str) -> Model | None:
        """The attached content of a linked document (None before loading attaches it)."""
        return self._related.get(doc_id)
