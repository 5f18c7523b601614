"""Linking a document made from other documents (the Tờ trình, the approving
Decision) to the contents of the documents it names (see
:class:`drafter.content.linked.LinkedContent`)."""

from __future__ import annotations

from drafter.content.linked import LinkedContent
from drafter.content.load import SourceMap
from drafter.content.refs import Registries
from drafter.errors import Problem
from drafter.kinds.base import ProjectFiles


def link_documents(
    content: LinkedContent,
    source: SourceMap,
    registries: Registries | None,
    project: ProjectFiles,
) -> list[Problem]:
    """Attach each linked document's content, checked to exist and to be of the right kind."""
    problems: list[Problem] = []
    for path, doc_id, kind in content.links():
        other = project.content_of(doc_id)
        if other is None:
            problems.append(
                source.problem(
                    path,
                    f"no document '{doc_id}' in this project "
                    f"(known: {', '.join(sorted(project.document_ids))})",
                )
            )
        elif kind and other[0].name != kind:
            problems.append(
                source.problem(path, f"'{doc_id}' is a {other[0].name} document, not a {kind}")
            )
        else:
            content.attach_related(doc_id, other[1])
    return problems
