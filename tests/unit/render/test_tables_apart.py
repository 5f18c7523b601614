"""No two tables of a document touch: LibreOffice joins adjacent tables into
one (the synthesis table took the borderless signature table's borders)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from helpers import SAMPLE, document_context
from lxml import etree

from drafter.ooxml.ns import W_TBL
from drafter.project import load_project
from drafter.render.docx import CoreProperties, render_docx


def test_no_table_of_the_sample_follows_another_directly() -> None:
    project = load_project(SAMPLE)
    touching = []
    for doc in project.documents:
        docx = render_docx(
            doc.template_path,
            document_context(project, doc),
            CoreProperties(title="t", created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
        )
        body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
        for table in body.iter(W_TBL):
            after = table.getnext()
            if after is not None and after.tag == W_TBL:
                touching.append((doc.spec.id, "".join(after.itertext())[:40]))
    assert not touching
