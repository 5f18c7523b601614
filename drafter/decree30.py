"""Decree 30/2020/NĐ-CP, Appendix I, as data.

The template generator (tools/make_templates.py) draws templates from these
figures and ``drafter check`` holds every template against them, so a
correction to the decree's reading is one edit here.  Items marked
"(confirm)" in the domain brief are noted beside their value.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def holds(self, value: float, tolerance: float = 0.05) -> bool:
        return self.low - tolerance <= value <= self.high + tolerance

    def __str__(self) -> str:
        return f"{self.low:g}–{self.high:g}"


#: Paper: A4 in millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0

#: Margin ranges (mm) for portrait pages.
MARGIN_TOP_MM = Range(20, 25)
MARGIN_BOTTOM_MM = Range(20, 25)
MARGIN_LEFT_MM = Range(30, 35)
MARGIN_RIGHT_MM = Range(15, 20)

#: What our templates use within those ranges.
MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}
#: Landscape appendix pages: the decree sets no separate figures; we keep the
#: binding edge (now the top) generous and the rest at the portrait minimum.
LANDSCAPE_MARGINS_MM = {"top": 25.0, "bottom": 20.0, "left": 20.0, "right": 20.0}
HEADER_DISTANCE_MM = 10.0

#: Font: Times New Roman in the DOCX; the PDF substitutes Liberation Serif.
FONT = "Times New Roman"
#: The documents' language (w:lang): Word proofs Vietnamese, not English.
LANGUAGE = "vi-VN"

#: Sizes in points.
BODY_SIZE_PT = Range(13, 14)
BODY_SIZE = 14.0
AGENCY_SIZE_PT = Range(12, 13)
AGENCY_SIZE = 12.0
NATIONAL_TITLE_SIZE = 12.0
MOTTO_SIZE_PT = Range(13, 14)
MOTTO_SIZE = 14.0
NUMBER_SIZE = 13.0
DATE_SIZE = 14.0
DOC_TYPE_SIZE = 14.0
SUMMARY_SIZE = 14.0
RECIPIENTS_HEAD_SIZE = 12.0
RECIPIENTS_SIZE = 11.0
SIGNATURE_SIZE = 14.0
PAGE_NUMBER_SIZE_PT = Range(13, 14)
PAGE_NUMBER_SIZE = 13.0
DRAFT_MARKER_SIZE = 14.0
#: Tables in appendices may be set smaller than the body (common practice).
TABLE_SIZE_PT = Range(10, 14)
TABLE_SIZE = 11.0

#: Body paragraphs.
FIRST_LINE_INDENT_CM = Range(1.0, 1.27)
FIRST_LINE_INDENT = 1.27
SPACE_AFTER_PT = 6.0
LINE_SPACING = Range(1.0, 1.5)

#: The draft marker sits at the top of page 1, above the header block, in a
#: box.  Decree 30's diagram calls it position 12; corner: (confirm).
DRAFT_MARKER_CORNER = "right"

#: The solid rule under the agency's name, the summary line and an appendix's
#: heading spans this share of the line above it; the motto's rule, all of it.
RULE_SHARE = Range(1 / 3, 1 / 2)
#: What our documents draw within that range.
RULE_SHARE_DRAWN = 0.4

#: Fixed strings of the header block.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

#: Document type abbreviations (Decree 30, Appendix III).
TYPE_ABBREVIATIONS = {
    "Quyết định": "QĐ",
    "Báo cáo": "BC",
    "Thông báo": "TB",
    "Tờ trình": "TTr",
    "Kế hoạch": "KH",
    "Đề án": "ĐA",
    "Chương trình": "CTr",
    "Hướng dẫn": "HD",
}

#: Signature forms and what stands before the authority.
SIGNATURE_PREFIX = {
    "none": "",
    "KT": "KT. ",
    "TM": "TM. ",
    "Q": "Q. ",
    "TL": "TL. ",
    "TUQ": "TUQ. ",
}
