"""Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý: the reviewers' comments on
a document of the project, from the feedback register that
``drafter comments collect`` writes, with the drafting team's answers."""

from __future__ import annotations

from typing import Any

from drafter.content.document_rules import header_rules, texts_placeholder_problems
from drafter.content.feedback_models import CommentSynthesisContent, load_register
from drafter.content.load import SourceMap
from drafter.content.refs import Registries
from drafter.context.synthesis import synthesis_context
from drafter.errors import Problem, Severity
from drafter.kinds.base import (
    HEADER_LABELS,
    DocumentKind,
    ProjectFiles,
    TemplateDrawing,
    header_metadata,
)


def link(
    content: CommentSynthesisContent,
    source: SourceMap,
    registries: Registries | None,
    project: ProjectFiles,
) -> list[Problem]:
    """Read the feedback register the table names, check it against the
    registries and the project's documents, and attach it to ``content``."""
    problems: list[Problem] = []
    known = project.document_ids
    if content.document not in known:
        problems.append(
            source.problem(
                ("document",),
                f"no document '{content.document}' in this project "
                f"(known: {', '.join(sorted(known))})",
            )
        )
    path = project.inside(content.register_file, source, ("register_file",))
    if path is None:
        return problems
    if not path.is_file():
        # The register is written by `drafter comments collect`; before the
        # first collection the table is empty, which is worth a warning only.
        problems.append(
            source.problem(
                ("register_file",),
                f"no register at {project.label(path)} yet; the table will be empty "
                "(run `drafter comments collect` on the returned files)",
                severity=Severity.WARNING,
            )
        )
        return problems
    target = project.content_of(content.document)
    if target is not None:  # the draft commented on: its responses are checked against it
        kind, model = target

        def target_context(reg: Registries) -> dict[str, Any]:
            return kind.context(model, reg, draft_marker="")

        content.attach_target(target_context)
    register, register_source, found = load_register(path, project.label(path), registries)
    project.depends_on(path, register_source.digest)  # the bytes the register was read from
    problems += found
    if register is None:
        return problems
    if register.document != content.document:
        problems.append(
            source.problem(
                ("register_file",),
                f"{project.label(path)} is the register of '{register.document}', "
                f"not of '{content.document}'",
            )
        )
    content.attach(register, register_source)
    return problems


def rules(content: CommentSynthesisContent, reg: Registries, src: SourceMap) -> list[Problem]:
    return header_rules(content, reg, src) + texts_placeholder_problems(
        ((("introduction", i), t) for i, t in enumerate(content.introduction)),
        SYNTHESIS_PLACEHOLDERS,
        src,
    )


#: {lan_du_thao}: the draft the returned files commented on (from the register)
SYNTHESIS_PLACEHOLDERS = frozenset({"lan_du_thao"})

KIND = DocumentKind(
    name="comment_synthesis",
    label="Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý",
    model=CommentSynthesisContent,
    context=synthesis_context,
    rules=rules,
    metadata=header_metadata,
    link=link,
    placeholders=SYNTHESIS_PLACEHOLDERS,
    changelog_labels={
        **HEADER_LABELS,
        "introduction": "Mở đầu",
        "summary": "Tóm tắt",
        "total": "Tổng số ý kiến",
        "counts": "Số liệu tổng hợp",
        "counts_total": "Tổng cộng",
        "accepted": "Tiếp thu",
        "partly": "Tiếp thu một phần",
        "explained": "Giải trình",
        "counts.open": "Chưa xử lý",
        "counts_total.open": "Chưa xử lý",
        "open": "Ý kiến chưa xử lý",
        "groups": "Phần được góp ý",
        "groups.rows": "Ý kiến góp ý",
        "unit": "Đơn vị góp ý",
        "provision": "Nội dung (điều khoản) góp ý",
        "comment": "Ý kiến góp ý",
        "answer": "Ý kiến tiếp thu, giải trình",
    },
    template=TemplateDrawing("bang-tong-hop-y-kien.docx", "drawings.synthesis:comment_synthesis"),
)
