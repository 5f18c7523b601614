"""The rules under the header block's lines are sized from their text (Decree
30): a third to a half of the agency's name, the whole motto, a third to a half
of the summary line's longest line."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from helpers import SAMPLE, document_context
from lxml import etree

from drafter import decree30 as d30
from drafter.ooxml.ns import W_P, W_T, w
from drafter.project import load_project
from drafter.render.docx import CoreProperties, render_docx
from drafter.render.measure import longest_line_pt, text_width_pt
from drafter.render.text_rules import is_rule

TWIPS_PER_PT = 20


def _body(doc_id: str) -> etree._Element:
    project = load_project(SAMPLE)
    doc = next(d for d in project.documents if d.spec.id == doc_id)
    docx = render_docx(
        doc.template_path,
        document_context(project, doc),
        CoreProperties(title="t", created=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)),
    )
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W_T))


def _rules(body: etree._Element) -> list[tuple[str, float]]:
    """(text above, length in pt) of each rule of the first page's header and title."""
    found = []
    for p in body.iter(W_P):
        if not is_rule(p):
            continue
        cell = next(p.iterancestors(w("tc")), None)
        if cell is not None:  # the header block's cells have no margins
            width = int(cell.find(f"{w('tcPr')}/{w('tcW')}").get(w("w")))
        else:
            sect = body.find(f".//{w('sectPr')}")
            margins = sect.find(w("pgMar"))
            width = (
                int(sect.find(w("pgSz")).get(w("w")))
                - int(margins.get(w("left")))
                - int(margins.get(w("right")))
            )
        ind = p.find(f"{w('pPr')}/{w('ind')}")
        left, right = int(ind.get(w("left"), 0)), int(ind.get(w("right"), 0))
        above = _text(p.getprevious()).replace("\u00a0", " ")
        found.append((above, (width - left - right) / TWIPS_PER_PT))
    return found


@pytest.mark.parametrize(
    ("doc_id", "agency"),
    [("qd-danh-muc-csdl", "ỦY BAN DÂN TỘC"), ("qd-ttg-phe-duyet", "THỦ TƯỚNG CHÍNH PHỦ")],
)
def test_the_agency_rule_spans_a_third_to_a_half_of_its_name(doc_id: str, agency: str) -> None:
    rules = dict(_rules(_body(doc_id)))
    name = text_width_pt(agency, d30.AGENCY_SIZE, bold=True)
    assert d30.RULE_SHARE.holds(rules[agency] / name, tolerance=0.01), rules[agency] / name


def test_the_motto_rule_is_as_long_as_the_motto() -> None:
    rules = dict(_rules(_body("qd-danh-muc-csdl")))
    motto = text_width_pt(d30.MOTTO, d30.MOTTO_SIZE, bold=True)
    assert rules[d30.MOTTO] == pytest.approx(motto, abs=0.5)


def test_the_title_rule_spans_a_third_to_a_half_of_its_longest_line() -> None:
    rules = _rules(_body("qd-ttg-phe-duyet"))
    title, length = rules[2]
    assert title.startswith("Phê duyệt Đề án")
    longest = longest_line_pt(title, d30.SUMMARY_SIZE, 165 / 25.4 * 72, bold=True)
    assert d30.RULE_SHARE.holds(length / longest, tolerance=0.01), length / longest


def test_a_title_never_ends_with_one_word_alone() -> None:
    """The synthesis title's last line held "tộc" alone: its last two words are
    joined by a no-break space, for any title above a rule."""
    body = _body("bang-tong-hop-y-kien")
    titles = [_text(p.getprevious()) for p in body.iter(W_P) if is_rule(p)]
    summary = next(t for t in titles if t.startswith("đối với dự thảo"))
    assert summary.endswith("Ủy ban Dân\u00a0tộc"), summary
    # a line that fits (the agency's name, the motto) is left as it is
    assert "ỦY BAN DÂN TỘC" in titles and d30.MOTTO in titles, titles
