"""Every namespace of a Word package, spelled once (as python-docx's ``oxml/ns.py``).

Elements are matched by Clark name (``{uri}local``).  :func:`w` makes the
Clark name of a WordprocessingML element or attribute; :func:`qn` reads a
prefixed name (``"w:p"``, ``"r:id"``) through :data:`NSMAP`.
"""

from __future__ import annotations

import functools

#: WordprocessingML, as Word and LibreOffice write it ("transitional").
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: WordprocessingML in Word's "Strict Open XML" format.
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
W_NAMESPACES = (W_NS, W_STRICT_NS)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
#: The package's own parts: relationships, content types, core properties.
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP = {
    "w": W_NS,
    "r": R_NS,
    "wp": WP_NS,
    "a": A_NS,
    "m": M_NS,
    "v": V_NS,
    "mc": MC_NS,
    "w14": W14_NS,
    "w15": W15_NS,
    "rel": REL_NS,
    "ct": CT_NS,
    "cp": CP_NS,
    "dc": DC_NS,
    "xml": XML_NS,
}

W_PREFIX = f"{{{W_NS}}}"


def w(local: str) -> str:
    """The Clark name of WordprocessingML's ``local`` (``w("p")`` is ``{…/main}p``)."""
    return f"{W_PREFIX}{local}"


@functools.cache
def qn(name: str) -> str:
    """The Clark name of a prefixed name such as ``"w:p"`` or ``"r:id"``."""
    prefix, _, local = name.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def local_name(tag: object) -> str | None:
    """The local part of a WordprocessingML tag, or None for any other tag."""
    if isinstance(tag, str) and tag.startswith(W_PREFIX):
        return tag[len(W_PREFIX) :]
    return None


# The elements and attributes the readers look at most, named once.
W_VAL = w("val")
W_BODY = w("body")
W_P, W_R, W_T = w("p"), w("r"), w("t")
W_TBL, W_TR, W_TC = w("tbl"), w("tr"), w("tc")
W_PPR, W_RPR, W_TBLPR, W_TRPR, W_TCPR = w("pPr"), w("rPr"), w("tblPr"), w("trPr"), w("tcPr")
W_SECTPR, W_SDT, W_SDTCONTENT = w("sectPr"), w("sdt"), w("sdtContent")
W_TAB, W_BR, W_CR, W_DRAWING = w("tab"), w("br"), w("cr"), w("drawing")
W_FLDCHAR, W_INSTRTEXT, W_FLDSIMPLE = w("fldChar"), w("instrText"), w("fldSimple")
W_NOBREAKHYPHEN, W_SOFTHYPHEN, W_SYM = w("noBreakHyphen"), w("softHyphen"), w("sym")
W_HYPERLINK, W_INS, W_DEL = w("hyperlink"), w("ins"), w("del")
W_SMARTTAG, W_CUSTOMXML = w("smartTag"), w("customXml")
W_TBLHEADER = w("tblHeader")
WP_INLINE, WP_EXTENT, WP_ANCHOR = f"{{{WP_NS}}}inline", f"{{{WP_NS}}}extent", f"{{{WP_NS}}}anchor"
A_BLIP = f"{{{A_NS}}}blip"
R_EMBED, R_ID = f"{{{R_NS}}}embed", f"{{{R_NS}}}id"
XML_SPACE = f"{{{XML_NS}}}space"
