"""The submission package to the Prime Minister: the Tờ trình and the draft
Decision of the Prime Minister approving the Project."""

from __future__ import annotations

from template_kit import CENTER, Run, new_document, paragraph, setup_section, tag

from drafter import decree30 as d30
from drawings.blocks import BODY, decision_preamble, header_block, signature_block, title_block
from drawings.project import _project_lines


def submission():
    """The Tờ trình: header block, ``TỜ TRÌNH`` and its summary, "Kính gửi",
    the body as numbered lines, the documents attached, the signature block."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "TỜ TRÌNH")
    paragraph(doc, "{{ addressee }}", align=CENTER, size=d30.BODY_SIZE, before=6, after=12)
    _project_lines(doc, "lines")
    paragraph(doc, [Run("Hồ sơ kèm theo:", italic=True)], **{**BODY, "keep_next": True})
    tag(doc, "{%p for item in attachments %}")
    paragraph(doc, "{{ item }}", **{**BODY, "keep_next": True})
    tag(doc, "{%p endfor %}")
    signature_block(doc)
    return doc


def approval_decision():
    """The Prime Minister's draft Decision approving the Project: the issuer's
    header block, preamble, Điều 1 with its sections I–V, Điều 2–3, signature."""
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH")
    decision_preamble(doc)
    _project_lines(doc, "lines")
    signature_block(doc)
    return doc
