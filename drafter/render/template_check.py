"""Hold a Word template against the Decree 30 style table and against what
the PDF converter can render.  Each finding names the place in the template.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafter import decree30 as d30
from drafter.errors import Problem
from drafter.ooxml.errors import PackageError
from drafter.ooxml.ns import NSMAP, R_NS, W_NS
from drafter.ooxml.package import DOCUMENT_PART, Package

W = W_NS
R = R_NS
NS = {"w": NSMAP["w"], "r": NSMAP["r"]}
TWIPS_PER_MM = 1440 / 25.4


def _attr(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(f"{{{W}}}{name}")
    return None if value is None else str(value)


def _mm(el: etree._Element | None, name: str) -> float | None:
    value = _attr(el, name)
    return None if value is None else int(value) / TWIPS_PER_MM


def _section_problems(sect: etree._Element, n: int, label: str) -> list[Problem]:
    where = f"word/document.xml section {n}"
    problems = []
    size = sect.find("w:pgSz", NS)
    width, height = _mm(size, "w"), _mm(size, "h")
    if width is None or height is None:
        return [Problem(label, 0, 0, where, "section has no page size")]
    landscape = width > height
    short, long_ = sorted((width, height))
    if abs(short - d30.PAGE_WIDTH_MM) > 1 or abs(long_ - d30.PAGE_HEIGHT_MM) > 1:
        problems.append(
            Problem(
                label,
                0,
                0,
                where,
                f"paper is {width:.0f} × {height:.0f} mm; Decree 30 requires A4 "
                f"({d30.PAGE_WIDTH_MM:g} × {d30.PAGE_HEIGHT_MM:g} mm)",
            )
        )
    margins = sect.find("w:pgMar", NS)
    ranges = {
        "top": d30.MARGIN_TOP_MM,
        "bottom": d30.MARGIN_BOTTOM_MM,
        "left": d30.MARGIN_LEFT_MM,
        "right": d30.MARGIN_RIGHT_MM,
    }
    for side, allowed in ranges.items():
        value = _mm(margins, side)
        if value is None:
            problems.append(Problem(label, 0, 0, where, f"no {side} margin set"))
        elif not landscape and not allowed.holds(value, tolerance=0.5):
            problems.append(
                Problem(
                    label,
                    0,
                    0,
                    where,
                    f"{side} margin is {value:.1f} mm; Decree 30 allows {allowed} mm",
                )
            )
        elif landscape and not 15 - 0.5 <= value <= 35 + 0.5:
            problems.append(
                Problem(
                    label,
                    0,
                    0,
                    where,
                    f"{side} margin of a landscape page is {value:.1f} mm; keep it within 15–35 mm",
                )
            )
    return problems


def _font_problems(root: etree._Element, part: str, label: str) -> list[Problem]:
    problems = []
    for fonts in root.iter(f"{{{W}}}rFonts"):
        for attr in ("ascii", "hAnsi"):
            name = _attr(fonts, attr)
            if name is not None and name != d30.FONT:
                problems.append(
                    Problem(
                        label,
                        0,
                        0,
                        part,
                        f"font '{name}' is used; Decree 30 documents use {d30.FONT}",
                    )
                )
                break
        for attr in ("asciiTheme", "hAnsiTheme"):
            if _attr(fonts, attr) is not None and _attr(fonts, "ascii") is None:
                problems.append(
                    Problem(label, 0, 0, part, f"a theme font is used; name {d30.FONT} explicitly")
                )
                break
    return problems


def _size_problems(root: etree._Element, label: str) -> list[Problem]:
    problems = []
    low, high = d30.TABLE_SIZE_PT.low, d30.BODY_SIZE_PT.high
    for n, para in enumerate(root.iter(f"{{{W}}}p"), start=1):
        for run in para.findall("w:r", NS):
            size = run.find("w:rPr/w:sz", NS)
            # An empty spacer run (office suites write them) shows no text at any size.
            if size is None or not "".join(t.text or "" for t in run.findall("w:t", NS)).strip():
                continue
            points = int(_attr(size, "val") or 0) / 2
            if not low <= points <= high:
                text = "".join(str(t) for t in para.itertext())[:40]
                problems.append(
                    Problem(
                        label,
                        0,
                        0,
                        f"word/document.xml paragraph {n}",
                        f"text set in {points:g} pt ('{text}'); use {low:g}–{high:g} pt",
                    )
                )
                break
    return problems


def _page_number_problems(archive: Package, root: etree._Element, label: str) -> list[Problem]:
    """Page 1 shows no number, and some section shows PAGE from its second page.

    Office suites lay this out in more than one way: Word ticks 'Different
    First Page' (w:titlePg) with an empty first header; LibreOffice, saving a
    one-page first section, drops titlePg and gives that section an empty
    default header, the numbers coming from the next section.  Both are
    accepted, as are simple (w:fldSimple) and complex (w:fldChar) fields.
    """
    sects = root.findall(".//w:sectPr", NS)
    if not sects:
        return []
    rels = archive.xml("word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in ([] if rels is None else rels)}

    def shows_page(ref_id: str | None) -> bool:
        target = targets.get(ref_id)
        header = archive.xml(f"word/{target}") if target else None
        if header is None:
            return False  # no header (or a dangling reference): nothing shown
        instructions = " ".join(str(t.text or "") for t in header.iter(f"{{{W}}}instrText"))
        simple = " ".join(
            str(f.get(f"{{{W}}}instr") or "") for f in header.iter(f"{{{W}}}fldSimple")
        )
        return "PAGE" in (instructions + " " + simple).split()

    # Header references a section does not repeat are inherited from the one before.
    inherited: dict[str, str | None] = {}
    numbered_after_first = False
    first_page_numbered = False
    first_default: str | None = None
    for n, sect in enumerate(sects):
        for ref in sect.findall("w:headerReference", NS):
            inherited[_attr(ref, "type") or "default"] = ref.get(f"{{{R}}}id")
        title_page = sect.find("w:titlePg", NS) is not None and _attr(
            sect.find("w:titlePg", NS), "val"
        ) not in ("0", "false", "off")
        default = inherited.get("default")
        opening = inherited.get("first") if title_page else default
        if n == 0:
            first_page_numbered = shows_page(opening)
            first_default = default
        numbered_after_first = numbered_after_first or shows_page(default)
    where = "word/document.xml section 1"
    problems = []
    if first_page_numbered:
        problems.append(
            Problem(
                label,
                0,
                0,
                where,
                "page 1 must not show a page number: tick 'Different First Page' for the header",
            )
        )
    if not numbered_after_first:
        target = targets.get(first_default)
        problems.append(
            Problem(
                label,
                0,
                0,
                f"word/{target}" if target else where,
                "the header holds no PAGE field: page numbers go at the top centre from page 2",
            )
        )
    return problems


def check_template(path: Path, label: str) -> list[Problem]:
    """Every Decree 30 and converter problem of the template at ``path``."""
    from drafter.render.support import check_docx_supported

    try:
        data = path.read_bytes()
        with Package(data, "trusted") as archive:
            root = archive.xml(DOCUMENT_PART)
            assert root is not None  # Package refuses a DOCX without it
            problems = list(check_docx_supported(data, label))
            for n, sect in enumerate(root.iter(f"{{{W}}}sectPr"), start=1):
                problems += _section_problems(sect, n, label)
            problems += _font_problems(root, "word/document.xml", label)
            styles = archive.xml("word/styles.xml")
            if styles is not None:
                defaults = styles.find("w:docDefaults", NS)
                if defaults is not None:
                    problems += _font_problems(defaults, "word/styles.xml (defaults)", label)
            problems += _size_problems(root, label)
            problems += _page_number_problems(archive, root, label)
    except OSError as exc:
        return [Problem(label, 0, 0, "", f"not a readable Word file ({exc})")]
    except PackageError as exc:
        return [Problem(label, 0, 0, "", f"not a readable Word file ({exc.reason})")]
    return problems
