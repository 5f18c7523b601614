"""No two tables of a document touch: LibreOffice joins adjacent tables into
one (the synthesis table took the borderless signature table's borders)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator

from helpers import SAMPLE, document_context
from lxml import etree

from drafter.ooxml.ns import W_TBL
from drafter.project import load_project
from drafter.render.docx import CoreProperties, render_docx


def sample_bodies() -> Iterator[tuple[str, etree._Element]]:
    """Each sample document's id and merged body (word/document.xml)."""
    project = load_project(SAMPLE)
    for doc in project.documents:
        docx = render_docx(
            doc.template_path,
            document_context(project, doc),
            CoreProperties(title="t", created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
        )
        xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
        yield doc.spec.id, etree.fromstring(xml)


def test_no_table_of_the_sample_follows_another_directly() -> None:
    touching = []
    for doc_id, body in sample_bodies():
        for table in body.iter(W_TBL):
            after = table.getnext()
            if after is not None and after.tag == W_TBL:
                touching.append((doc_id, "".join(after.itertext())[:40]))
    assert not touching


def test_every_word_of_a_table_fits_its_cell() -> None:
    """A word wider than its cell is broken mid-word by Word, LibreOffice and
    the PDF alike ("100,0 / %", "47/2020/NĐ-C / P"): columns are wide enough."""
    from drafter.ooxml.ns import W_R, W_T, w
    from drafter.render.measure import text_width_pt
    from drafter.render.text_rules import cell_text_width

    too_wide = []
    for doc_id, body in sample_bodies():
        for cell in body.iter(w("tc")):
            width = cell_text_width(cell)
            if width is None:
                continue
            for run in cell.iter(W_R):
                rpr = run.find(w("rPr"))
                size = rpr.find(w("sz")) if rpr is not None else None
                if size is None:
                    continue
                bold = rpr.find(w("b")) is not None
                # a non-breaking hyphen joins, a hyphen or an en dash ends a word
                text = "".join(
                    "-\u2060" if el.tag == w("noBreakHyphen") else el.text or ""
                    for el in run.iter(W_T, w("noBreakHyphen"))
                )
                for word in re.split(r" |(?<=[-–])(?!\u2060)", text):
                    word = word.replace("\u2060", "")
                    word_pt = text_width_pt(word, int(size.get(w("val"))) / 2, bold=bold)
                    if word_pt * 20 > width:
                        too_wide.append((doc_id, word))
    assert not sorted(set(too_wide)), sorted(set(too_wide))
