"""Redline: a DOCX of real Word tracked changes between two draft versions.

Reviewers receive numbered drafts (Dự thảo lần 1, 2, …) and need to see what
changed.  :func:`make_redline` takes two versions of the same document (made
from the same template) and returns the *new* document in which every
difference from the old one is a tracked change (``w:ins`` / ``w:del``) that
Word and LibreOffice offer to accept or reject: accepting all gives the new
text, rejecting all gives the old text.

How it compares:

* the body is a sequence of blocks (paragraphs and tables), aligned with
  :class:`difflib.SequenceMatcher` on their text; in a replaced stretch,
  blocks are paired one-to-one where similar enough, the rest become whole
  deletions and insertions;
* inside a paired paragraph the diff is word by word (words, spaces and
  punctuation are tokens; tabs, breaks, drawings and other non-text run
  content are atomic tokens), keeping each piece's run formatting;
* inside a paired table the rows are the units, and the cells of a paired row
  are compared as block sequences again.

The reading half (tokens, comparison keys, alignment) is
:mod:`drafter.publish.redline_compare`; this module writes the revisions.

Only ``word/document.xml`` (and ``<w:trackRevisions/>`` in
``word/settings.xml``, so that Word keeps tracking the reviewers' own edits)
changes; headers, footers, styles and section properties are the new
document's.  The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from lxml import etree

from drafter.errors import DrafterError, problem_at
from drafter.ooxml.errors import PackageError
from drafter.ooxml.limits import TRUSTED, Limits
from drafter.ooxml.ns import CT_NS, R_NS, W14_NS, W_NS, WP_NS, XML_NS
from drafter.ooxml.ns import REL_NS as RELS_NS
from drafter.ooxml.ns import w as _w
from drafter.ooxml.order import get_or_add, insert_in_order
from drafter.ooxml.package import read_parts, write_package
from drafter.ooxml.xml import parse_xml
from drafter.publish.redline_compare import (
    WRAPPER_PROPS,
    Keys,
    Op,
    Token,
    align,
    blocks,
    paragraph_items,
    paragraph_runs,
    token_opcodes,
)

__all__ = ["make_redline"]


P, R, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, TRPR, TBLPREX = _w("pPr"), _w("rPr"), _w("trPr"), _w("tblPrEx")
INS, DEL, DELTEXT = _w("ins"), _w("del"), _w("delText")
INSTRTEXT, DELINSTRTEXT = _w("instrText"), _w("delInstrText")
SECTPR, BODY = _w("sectPr"), _w("body")
ID, AUTHOR, DATE = _w("id"), _w("author"), _w("date")
XML_SPACE = f"{{{XML_NS}}}space"

# Zip-bomb and XML-bomb guards for the input packages: they are our own drafts.
_LIMITS: Limits = TRUSTED

# CT_Settings children that must come before w:trackRevisions.
_SETTINGS_BEFORE_TRACK = {
    _w(name)
    for name in [
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
        "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
    ]
}  # fmt: skip

Kind = Literal["ins", "del"]


# --------------------------------------------------------------------------- package I/O


def _read_package(data: bytes, label: str) -> tuple[list[str], dict[str, bytes]]:
    """Read a DOCX into (entry order, entry bytes) under the trusted limits."""
    try:
        parts = read_parts(data, "trusted", _LIMITS)
    except PackageError as exc:
        raise DrafterError([problem_at(label, exc.reason)]) from None
    return list(parts), parts


def _parse_xml(content: bytes, label: str, part: str) -> etree._Element:
    try:
        return parse_xml(content)
    except PackageError as exc:
        raise DrafterError([problem_at(label, f"{part}: {exc.reason}")]) from None


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_package(order: Sequence[str], parts: dict[str, bytes]) -> bytes:
    """Zip the parts in the given order with fixed timestamps and attributes."""
    return write_package(((name, parts[name]) for name in order), permissions=0o644)


# --------------------------------------------------------------------------- revisions


@dataclass(frozen=True)
class _Stamp:
    """Author and date written on every revision mark."""

    author: str
    date: str

    def mark(self, kind: Kind) -> etree._Element:
        el = etree.Element(INS if kind == "ins" else DEL, nsmap={"w": W_NS})
        # Ids are assigned once the whole document is built (see _number_revisions).
        el.set(ID, "0")
        el.set(AUTHOR, self.author)
        el.set(DATE, self.date)
        return el


def _format_date(date: datetime) -> str:
    # xsd:dateTime; an aware date is written in UTC with "Z", a naive one as given.
    date = date.replace(microsecond=0)
    if date.tzinfo is not None:
        return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return date.strftime("%Y-%m-%dT%H:%M:%S")


def _to_deleted_content(run: etree._Element) -> None:
    """Turn a run's text into deleted text (w:t → w:delText)."""
    for child in run:
        if child.tag == T:
            child.tag = DELTEXT
            child.set(XML_SPACE, "preserve")
        elif child.tag == INSTRTEXT:
            child.tag = DELINSTRTEXT


def _mark_paragraph_mark(p: etree._Element, kind: Kind, stamp: _Stamp) -> None:
    """Put w:ins / w:del into the paragraph mark's run properties (w:pPr/w:rPr)."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    # rPr before sectPr and pPrChange in CT_PPr; ins/del lead CT_ParaRPr.
    insert_in_order(get_or_add(ppr, RPR), stamp.mark(kind))


def _mark_paragraph(p: etree._Element, kind: Kind, stamp: _Stamp) -> None:
    """Mark a whole paragraph (its runs and its mark) as inserted or deleted."""
    current: etree._Element | None = None
    for run in paragraph_runs(p):
        if kind == "del":
            _to_deleted_content(run)
        # Consecutive sibling runs share one revision element.
        if current is not None and run.getprevious() is current:
            current.append(run)
            continue
        current = stamp.mark(kind)
        run.addprevious(current)
        current.append(run)
    _mark_paragraph_mark(p, kind, stamp)


def _mark_row(tr: etree._Element, kind: Kind, stamp: _Stamp) -> None:
    """Mark a table row (w:trPr/w:ins or w:del) and all its cell content."""
    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        prex = tr.find(TBLPREX)
        if prex is not None:
            prex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    insert_in_order(trpr, stamp.mark(kind))
    for tc in tr.iterchildren(TC):
        for block in blocks(tc):
            _mark_block(block, kind, stamp)


def _mark_block(block: etree._Element, kind: Kind, stamp: _Stamp) -> None:
    if block.tag == P:
        _mark_paragraph(block, kind, stamp)
    else:
        for tr in block.iterchildren(TR):
            _mark_row(tr, kind, stamp)


def _deleted_copy(block: etree._Element, stamp: _Stamp) -> etree._Element:
    """A copy of an old block, marked deleted, fit to live in the new document."""
    dup = copy.deepcopy(block)
    for el in dup.iter(PPR):
        # The new document's sections rule; an old section break must not come back.
        for stale in el.findall(SECTPR) + el.findall(_w("pPrChange")):
            el.remove(stale)
    _strip_ids(dup)
    _mark_block(dup, "del", stamp)
    return dup


# --------------------------------------------------------------------------- relationships

_DOC_RELS = "word/_rels/document.xml.rels"
_CONTENT_TYPES = "[Content_Types].xml"


def _part_name(target: str) -> str:
    """Package part name of a target relative to word/ (or absolute)."""
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = ["word"]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


class _Relinker:
    """Makes old content pasted into the new document keep its pictures and links.

    A deleted picture or hyperlink refers to the old document's relationship
    ids; in the new package those ids may be missing or point elsewhere.  The
    relinker maps each one to an equivalent new relationship, adding the
    relationship (and copying the old part, e.g. an image) when none exists.
    """

    def __init__(
        self,
        old_parts: dict[str, bytes],
        order: list[str],
        new_parts: dict[str, bytes],
        label: str,
    ) -> None:
        self.old_parts = old_parts
        self.order = list(order)
        self.parts = dict(new_parts)
        self.label = label
        self.old_rels = self._rels(old_parts)
        self.new_rels_root = self._rels_root(new_parts)
        self.mapping: dict[str, str] = {}
        self.changed = False

    def _rels_root(self, parts: dict[str, bytes]) -> etree._Element:
        if _DOC_RELS in parts:
            return _parse_xml(parts[_DOC_RELS], self.label, _DOC_RELS)
        return etree.fromstring(f'<Relationships xmlns="{RELS_NS}"/>')

    def _rels(self, parts: dict[str, bytes]) -> dict[str, etree._Element]:
        root = self._rels_root(parts)
        return {rel.get("Id", ""): rel for rel in root}

    def relink(self, el: etree._Element) -> etree._Element:
        """Rewrite the r:* relationship ids in *el* (old content) in place."""
        for node in el.iter():
            for name, value in node.attrib.items():
                if str(name).startswith(f"{{{R_NS}}}") and value in self.old_rels:
                    node.set(name, self._map(value))
        return el

    def _map(self, old_id: str) -> str:
        if old_id in self.mapping:
            return self.mapping[old_id]
        rel = self.old_rels[old_id]
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        old_part = None if external else _part_name(target)
        # An equivalent relationship already in the new document?
        for new_rel in self.new_rels_root:
            if (
                new_rel.get("Type") == kind
                and new_rel.get("Target") == target
                and (new_rel.get("TargetMode") == "External") == external
                and (old_part is None or self.parts.get(old_part) == self.old_parts.get(old_part))
            ):
                self.mapping[old_id] = new_rel.get("Id", "")
                return self.mapping[old_id]
        if old_part is not None:
            target = self._copy_part(old_part, target)
        ids = {r.get("Id") for r in self.new_rels_root}
        n = 1
        while f"rIdRedline{n}" in ids:
            n += 1
        new_id = f"rIdRedline{n}"
        added = etree.SubElement(self.new_rels_root, f"{{{RELS_NS}}}Relationship")
        added.set("Id", new_id)
        added.set("Type", kind)
        added.set("Target", target)
        if external:
            added.set("TargetMode", "External")
        self.mapping[old_id] = new_id
        self.changed = True
        return new_id

    def _copy_part(self, part: str, target: str) -> str:
        """Copy an old part (an image) into the new package; return its target."""
        data = self.old_parts.get(part)
        if data is None or self.parts.get(part) == data:
            return target
        name, n = part, 1
        stem, dot, ext = part.rpartition(".")
        while name in self.parts:
            name = f"{stem}_redline{n}{dot}{ext}" if dot else f"{part}_redline{n}"
            n += 1
        self.parts[name] = data
        self.order.append(name)
        rels = _rels_name(part)
        if rels in self.old_parts:
            # Its own relationships (rare for pictures) travel with it unchanged.
            self.parts[_rels_name(name)] = self.old_parts[rels]
            self.order.append(_rels_name(name))
        self._register_type(part, name)
        return name[len("word/") :] if name.startswith("word/") else "/" + name

    def _register_type(self, old_name: str, new_name: str) -> None:
        old_ct = _parse_xml(self.old_parts[_CONTENT_TYPES], self.label, _CONTENT_TYPES)
        new_ct = _parse_xml(self.parts[_CONTENT_TYPES], self.label, _CONTENT_TYPES)
        ext = new_name.rpartition(".")[2].lower()
        defaults = {d.get("Extension", "").lower() for d in new_ct.iter(f"{{{CT_NS}}}Default")}
        old_override = {
            o.get("PartName"): o.get("ContentType") for o in old_ct.iter(f"{{{CT_NS}}}Override")
        }.get("/" + old_name)
        if old_override is not None:
            item = etree.SubElement(new_ct, f"{{{CT_NS}}}Override")
            item.set("PartName", "/" + new_name)
            item.set("ContentType", old_override)
        elif ext not in defaults:
            for d in old_ct.iter(f"{{{CT_NS}}}Default"):
                if d.get("Extension", "").lower() == ext:
                    new_ct.append(copy.deepcopy(d))
                    break
        self.parts[_CONTENT_TYPES] = _serialize(new_ct)

    def finish(self) -> tuple[list[str], dict[str, bytes]]:
        """The new package's entry order and parts, with any added relationships."""
        if self.changed:
            if _DOC_RELS not in self.parts:
                self.order.append(_DOC_RELS)
            self.parts[_DOC_RELS] = _serialize(self.new_rels_root)
        return self.order, self.parts


# --------------------------------------------------------------------------- diffing


class _Redliner:
    def __init__(self, stamp: _Stamp, relinker: _Relinker) -> None:
        self.stamp = stamp
        self.relinker = relinker
        self.keys = Keys()
        self.changed = False

    # Blocks --------------------------------------------------------------

    def container(
        self, old_c: etree._Element, new_c: etree._Element, anchor: etree._Element | None
    ) -> None:
        """Diff the blocks of two containers (body or cell) into *new_c*.

        Deleted old blocks go just before the next surviving new block, or
        before *anchor* (the body's final sectPr), or at the end.
        """
        old_blocks, new_blocks = blocks(old_c), blocks(new_c)
        keys = self.keys
        ops = align([keys.block(b) for b in old_blocks], [keys.block(b) for b in new_blocks])
        pending: list[etree._Element] = []
        for kind, oi, ni in ops:
            if kind == "del":
                assert oi is not None
                pending.append(self.relinker.relink(_deleted_copy(old_blocks[oi], self.stamp)))
                self.changed = True
                continue
            assert ni is not None
            target = new_blocks[ni]
            for d in pending:
                target.addprevious(d)
            pending = []
            if kind == "ins":
                _mark_block(target, "ins", self.stamp)
                self.changed = True
            elif kind == "mod":
                assert oi is not None
                self.changed = True
                old = old_blocks[oi]
                if target.tag == P:
                    self.paragraph(old, target)
                else:
                    self.table(old, target)
        for d in pending:
            if anchor is not None:
                anchor.addprevious(d)
            else:
                new_c.append(d)

    def table(self, old_t: etree._Element, new_t: etree._Element) -> None:
        """Diff two paired tables row by row, in place in *new_t*."""
        old_rows, new_rows = list(old_t.iterchildren(TR)), list(new_t.iterchildren(TR))
        ops: list[Op] = []
        row_ops = align([self.keys.row(r) for r in old_rows], [self.keys.row(r) for r in new_rows])
        for kind, oi, ni in row_ops:
            if kind == "mod" and _cell_count(old_rows[oi]) != _cell_count(new_rows[ni]):  # type: ignore[index]
                # Cells cannot be paired: the row is replaced as a whole.
                ops += [("del", oi, None), ("ins", None, ni)]
            else:
                ops.append((kind, oi, ni))
        pending: list[etree._Element] = []
        for kind, oi, ni in ops:
            if kind == "del":
                assert oi is not None
                dup = self.relinker.relink(copy.deepcopy(old_rows[oi]))
                _strip_ids(dup)
                _mark_row(dup, "del", self.stamp)
                pending.append(dup)
                continue
            assert ni is not None
            target = new_rows[ni]
            for d in pending:
                target.addprevious(d)
            pending = []
            if kind == "ins":
                _mark_row(target, "ins", self.stamp)
            elif kind == "mod":
                assert oi is not None
                for old_tc, new_tc in zip(
                    old_rows[oi].iterchildren(TC), target.iterchildren(TC), strict=True
                ):
                    self.container(old_tc, new_tc, None)
        for d in pending:
            new_t.append(d)

    # Paragraphs ----------------------------------------------------------

    def paragraph(self, old_p: etree._Element, new_p: etree._Element) -> None:
        """Word-level diff of two paired paragraphs, rebuilt in place in *new_p*."""
        old_items, new_items = paragraph_items(old_p), paragraph_items(new_p)
        if old_items is None or new_items is None:
            # Too intricate to rebuild word by word: whole delete + insert.
            new_p.addprevious(self.relinker.relink(_deleted_copy(old_p, self.stamp)))
            _mark_paragraph(new_p, "ins", self.stamp)
            return
        a, b = old_items.tokens, new_items.tokens
        pieces: list[tuple[str, Token]] = []
        markers = list(new_items.markers)

        def emit_new(kind: str, j: int) -> None:
            while markers and markers[0][0] <= j:
                pieces.append(("marker", _marker_token(markers.pop(0)[1])))
            pieces.append((kind, b[j]))

        for tag, i1, i2, j1, j2 in token_opcodes([t.key for t in a], [t.key for t in b]):
            if tag == "equal":
                for j in range(j1, j2):
                    emit_new("eq", j)
            else:
                pieces.extend(("del", a[i]) for i in range(i1, i2))
                for j in range(j1, j2):
                    emit_new("ins", j)
        while markers:
            pieces.append(("marker", _marker_token(markers.pop(0)[1])))

        for child in list(new_p):
            if child.tag != PPR:
                new_p.remove(child)
        self._emit(new_p, pieces)

    def _emit(self, p: etree._Element, pieces: list[tuple[str, Token]]) -> None:
        """Append runs for the pieces: consecutive pieces of one kind from one
        source run become one run; ins/del runs share a revision element."""
        wrapper_src: etree._Element | None = None
        wrapper_el: etree._Element | None = None
        k = 0
        while k < len(pieces):
            kind, token = pieces[k]
            if kind == "marker":
                assert token.atom is not None
                p.append(token.atom)
                wrapper_src = wrapper_el = None
                k += 1
                continue
            end = k + 1
            while end < len(pieces) and pieces[end][0] == kind and pieces[end][1].run is token.run:
                end += 1
            group = [t for _, t in pieces[k:end]]
            wrapper = token.wrapper if kind != "del" else _del_wrapper(pieces, k, end)
            if wrapper is None:
                parent = p
                wrapper_src = wrapper_el = None
            else:
                if wrapper is not wrapper_src or wrapper_el is None:
                    wrapper_el = _wrapper_shell(wrapper)
                    p.append(wrapper_el)
                    wrapper_src = wrapper
                parent = wrapper_el
            run = _make_run(token.run, group, deleted=kind == "del")
            if kind == "del":
                self.relinker.relink(run)
            if kind == "eq":
                parent.append(run)
            else:
                last = parent[-1] if len(parent) else None
                rev_tag = INS if kind == "ins" else DEL
                if last is not None and last.tag == rev_tag and last.get(AUTHOR) is not None:
                    last.append(run)
                else:
                    mark = self.stamp.mark("ins" if kind == "ins" else "del")
                    parent.append(mark)
                    mark.append(run)
            k = end


def _cell_count(tr: etree._Element) -> int:
    return sum(1 for _ in tr.iterchildren(TC))


def _strip_ids(el: etree._Element) -> None:
    # Paragraph ids must stay unique within the new document.
    for p in el.iter(P):
        for attr in (f"{{{W14_NS}}}paraId", f"{{{W14_NS}}}textId"):
            if attr in p.attrib:
                del p.attrib[attr]


def _marker_token(el: etree._Element) -> Token:
    return Token("", el, None, None, el)


def _del_wrapper(pieces: list[tuple[str, Token]], k: int, end: int) -> etree._Element | None:
    """Deleted text sits inside a hyperlink only when new text on both sides does."""
    before = next((t.wrapper for kind, t in reversed(pieces[:k]) if kind in ("eq", "ins")), None)
    after = next((t.wrapper for kind, t in pieces[end:] if kind in ("eq", "ins")), None)
    return before if before is not None and before is after else None


def _wrapper_shell(wrapper: etree._Element) -> etree._Element:
    """An empty copy of a hyperlink (field, smart tag…) keeping its properties."""
    shell = copy.deepcopy(wrapper)
    for child in list(shell):
        if child.tag not in WRAPPER_PROPS:
            shell.remove(child)
    return shell


def _make_run(src: etree._Element, tokens: list[Token], *, deleted: bool) -> etree._Element:
    """A run with *src*'s attributes and formatting holding the tokens' content."""
    run = etree.Element(R, nsmap={"w": W_NS})
    for name, value in src.attrib.items():
        run.set(name, value)
    rpr = src.find(RPR)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    text: list[str] = []

    def flush() -> None:
        if text:
            t = etree.SubElement(run, DELTEXT if deleted else T)
            t.text = "".join(text)
            t.set(XML_SPACE, "preserve")
            text.clear()

    for token in tokens:
        if token.text is not None:
            text.append(token.text)
        else:
            flush()
            assert token.atom is not None
            atom = copy.deepcopy(token.atom)
            if deleted and atom.tag == INSTRTEXT:
                atom.tag = DELINSTRTEXT
            run.append(atom)
    flush()
    return run


# --------------------------------------------------------------------------- finishing


def _number_revisions(root: etree._Element) -> None:
    """Give every w:ins / w:del a unique sequential id above any other w:id."""
    revisions = list(root.iter(INS, DEL))
    rev_ids = {id(el) for el in revisions}
    others = [
        int(v)
        for el in root.iter()
        if id(el) not in rev_ids and (v := el.get(ID)) is not None and v.isdigit()
    ]
    next_id = max(others, default=0) + 1
    for el in revisions:
        el.set(ID, str(next_id))
        next_id += 1


def _dedupe_drawing_ids(root: etree._Element) -> None:
    """Copied old drawings must not repeat a wp:docPr id (Word rejects that)."""
    docprs = list(root.iter(f"{{{WP_NS}}}docPr"))
    numbers = [int(v) for d in docprs if (v := d.get("id")) is not None and v.isdigit()]
    next_id = max(numbers, default=0) + 1
    seen: set[str] = set()
    for d in docprs:
        value = d.get("id", "")
        if value in seen:
            d.set("id", str(next_id))
            value = str(next_id)
            next_id += 1
        seen.add(value)


def _with_track_revisions(settings: bytes, label: str) -> bytes:
    root = _parse_xml(settings, label, "word/settings.xml")
    if root.find(_w("trackRevisions")) is not None:
        return settings
    position = 0
    for index, child in enumerate(root):
        if child.tag in _SETTINGS_BEFORE_TRACK:
            position = index + 1
    root.insert(position, etree.Element(_w("trackRevisions")))
    return _serialize(root)


# --------------------------------------------------------------------------- API


def make_redline(
    old: bytes,
    new: bytes,
    *,
    author: str,
    date: datetime,
    old_name: str = "old version",
    new_name: str = "new version",
    track_revisions: bool = True,
) -> bytes:
    """Compare two versions of one document and return a tracked-changes DOCX.

    *old* and *new* are DOCX files made from the same template.  The result
    is *new* (headers, footers, styles and sections untouched) whose body
    carries every difference from *old* as Word revisions by *author* at
    *date*: accepting all of them gives the new text, rejecting all gives the
    old.  With *track_revisions* the result also turns on "Track Changes"
    (``w:trackRevisions`` in settings.xml) so reviewers' edits are tracked too.
    *old_name* / *new_name* label the files in problems (a file that is not a
    Word document, or a zip or XML bomb raises :class:`DrafterError`).
    The same inputs always give the same bytes.
    """
    _, old_parts = _read_package(old, old_name)
    order, new_parts = _read_package(new, new_name)
    old_root = _parse_xml(old_parts["word/document.xml"], old_name, "word/document.xml")
    new_root = _parse_xml(new_parts["word/document.xml"], new_name, "word/document.xml")
    old_body, new_body = old_root.find(BODY), new_root.find(BODY)
    if old_body is None or new_body is None:
        raise DrafterError(
            [
                problem_at(
                    new_name if new_body is None else old_name, "word/document.xml has no w:body"
                )
            ]
        )

    relinker = _Relinker(old_parts, order, new_parts, new_name)
    redliner = _Redliner(_Stamp(author, _format_date(date)), relinker)
    anchor = new_body.find(SECTPR)
    redliner.container(old_body, new_body, anchor)

    order, parts = relinker.finish()
    if redliner.changed:
        _number_revisions(new_root)
        _dedupe_drawing_ids(new_root)
        parts["word/document.xml"] = _serialize(new_root)
    if track_revisions and "word/settings.xml" in parts:
        parts["word/settings.xml"] = _with_track_revisions(parts["word/settings.xml"], new_name)
    return _write_package(order, parts)
