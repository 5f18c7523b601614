"""How Microsoft Word rewrites a template it saves, done by hand (Word is not
on the test machine): runs split anywhere (inside Jinja tags too), proofing
marks between them, revision-session ids (w:rsid*) on paragraphs and runs,
and the page number as a simple field where the template had a complex one."""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _split_runs(root: etree._Element) -> None:
    """Each text run becomes runs of one, then two characters (so a split falls
    between the braces of ``{{``, inside tag names and words), spelling marks
    around every other piece, rsid attributes on each."""
    for n, run in enumerate(list(root.iter(w("r")))):
        texts = run.findall(w("t"))
        if len(texts) != 1 or not texts[0].text or len(run) > 2:
            continue
        text = texts[0].text
        pieces = [text[:1]] + [text[i : i + 2] for i in range(1, len(text), 2)]
        props = run.find(w("rPr"))
        anchor = run
        for k, piece in enumerate(pieces):
            new = etree.Element(w("r"))
            new.set(w("rsidR"), f"00A{n % 10}{k % 10}F3C")
            if props is not None:
                new.append(copy.deepcopy(props))
            t = etree.SubElement(new, w("t"))
            t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if k % 2:
                mark = etree.Element(w("proofErr"))
                mark.set(w("type"), "spellStart")
                anchor.addnext(mark)
                anchor = mark
            anchor.addnext(new)
            anchor = new
            if k % 2:
                mark = etree.Element(w("proofErr"))
                mark.set(w("type"), "spellEnd")
                anchor.addnext(mark)
                anchor = mark
        run.getparent().remove(run)
    for p in root.iter(w("p")):
        p.set(w("rsidR"), "00C1D2E3")
        p.set(w("rsidRDefault"), "00C1D2E3")
        p.set(w("rsidP"), "00F4A5B6")


def _simple_page_field(root: etree._Element) -> None:
    """A complex PAGE field (fldChar begin … end) as Word's w:fldSimple."""
    for p in root.iter(w("p")):
        instr = [t for t in p.iter(w("instrText")) if "PAGE" in (t.text or "")]
        if not instr:
            continue
        runs = [
            r
            for r in p.findall(w("r"))
            if r.find(w("fldChar")) is not None
            or r.find(w("instrText")) is not None
            or r.find(w("t")) is not None
        ]
        first = runs[0]
        field = etree.Element(w("fldSimple"))
        field.set(w("instr"), " PAGE ")
        shown = etree.SubElement(field, w("r"))
        props = first.find(w("rPr"))
        if props is not None:
            shown.append(copy.deepcopy(props))
        etree.SubElement(shown, w("t")).text = "2"
        first.addprevious(field)
        for r in runs:
            p.remove(r)


def rewrite_as_word(docx: bytes) -> bytes:
    """``docx`` with its document and headers rewritten as Word would save them."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name == "word/document.xml" or (
                name.startswith("word/header") and name.endswith(".xml")
            ):
                root = etree.fromstring(data)
                _split_runs(root)
                if name.startswith("word/header"):
                    _simple_page_field(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue()
