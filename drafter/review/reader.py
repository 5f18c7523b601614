"""Read reviewers' feedback (comments and tracked changes) from a returned DOCX.

Departments return our drafts with Word comments and tracked changes, made in
Word or LibreOffice.  :func:`read_feedback` opens such a file through the
untrusted reader of :mod:`drafter.ooxml` and returns what the draft is (from
its document properties, which we write when we generate it) and one
:class:`Feedback` per comment, insertion and deletion, in document order, each
with a short Vietnamese label of where it falls (``Điều 1, khoản 2``,
``Phụ lục, STT 12``).

Elements are matched by namespace URI, never by prefix, so files written by
either program (and Word's "Strict Open XML") read alike.

Texts follow one model: a paragraph's text is the text *as we sent it* —
deleted text kept, inserted text left out — because that is the text our
content files hold, and so what the location rules and anchors should match.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Literal

from lxml import etree

from drafter.ooxml import ns
from drafter.ooxml.limits import Limits
from drafter.ooxml.package import DOCUMENT_PART, Package, Source

W_NAMESPACES = ns.W_NAMESPACES
_W = ns.W_NS
_MC = ns.MC_NS
_W14 = ns.W14_NS
_W15 = ns.W15_NS
_CP = ns.CP_NS
_DC = ns.DC_NS
_REL = ns.REL_NS

# Relationship types end the same in the transitional and strict formats.
_COMMENTS_REL_SUFFIX = "/comments"
_COMMENTS_EXTENDED_REL_SUFFIX = "/commentsExtended"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_CORE_PART = "docProps/core.xml"

FeedbackKind = Literal["comment", "insertion", "deletion"]


@dataclass(frozen=True)
class DocumentInfo:
    """What the returned file says it is, from ``docProps/core.xml``.

    ``identifier`` is our document id, ``version`` the draft number (as
    text), ``content_status`` a label like ``Dự thảo lần 2`` and ``keywords``
    the hash of the input the draft was built from.  Each is None when absent
    or empty.
    """

    identifier: str | None = None
    version: str | None = None
    title: str | None = None
    content_status: str | None = None
    keywords: str | None = None


@dataclass(frozen=True)
class Feedback:
    """One comment, insertion or deletion found in a returned file.

    ``text`` is the comment's text (paragraphs joined by newlines) or the
    inserted or deleted text.  ``anchor`` is, for a comment, the document
    text it is attached to (the paragraph's text when it marks a point, not a
    span); for a change, the text of the paragraph it sits in.  ``location``
    is a short Vietnamese label such as ``Điều 1, khoản 2`` (empty when
    nothing locates it); ``paragraph_index`` counts the document's
    paragraphs from 0 in body order, including those in tables (-1 for a
    comment that is not anchored anywhere).  ``reply_to`` is the id of the
    comment this one answers, ``resolved`` whether Word marked it done.
    """

    kind: FeedbackKind
    author: str
    initials: str | None
    date: datetime | None
    text: str
    anchor: str
    location: str
    paragraph_index: int
    reply_to: str | None = None
    comment_id: str | None = None
    resolved: bool = False


def read_feedback(
    path_or_bytes: Source, *, limits: Limits | None = None
) -> tuple[DocumentInfo, list[Feedback]]:
    """Read a returned DOCX (a path or its bytes): its identity and all feedback.

    Returns the :class:`DocumentInfo` and the :class:`Feedback` list in
    document order (comments not anchored in the text come last).  Raises
    :class:`drafter.ooxml.PackageError` for a file that is not a
    Word file, is damaged, or trips a size or XML guard.
    """
    with Package(path_or_bytes, "untrusted", limits) as docx:
        parse_xml = functools.partial(docx.parse, remove_pis=True)
        document = parse_xml(_require(docx.read(DOCUMENT_PART)))
        comments_name, extended_name = _comment_part_names(docx)
        comments_xml = docx.read(comments_name)
        extended_xml = docx.read(extended_name)
        core_xml = docx.read(_CORE_PART)

    info = _document_info(parse_xml(core_xml)) if core_xml else DocumentInfo()
    comments = _read_comments(parse_xml(comments_xml)) if comments_xml else {}
    if extended_xml:
        _link_replies(parse_xml(extended_xml), comments)
    return info, _BodyWalker(_namespace_of(document), comments).run(document)


# --- parts and properties -------------------------------------------------


def _require(data: bytes | None) -> bytes:
    # Package refuses an archive without the document part, so this is a bug.
    if data is None:
        raise AssertionError(f"{DOCUMENT_PART} vanished after the archive was checked")
    return data


def _comment_part_names(docx: Package) -> tuple[str, str]:
    """Where the comments and Word's reply data live, from the document's rels."""
    comments = "word/comments.xml"
    extended = "word/commentsExtended.xml"
    rels = docx.read(_DOCUMENT_RELS)
    if rels is None:
        return comments, extended
    for rel in docx.parse(rels, remove_pis=True).iter(f"{{{_REL}}}Relationship"):
        rel_type = rel.get("Type", "")
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = _resolve_target(target)
        if rel_type.endswith(_COMMENTS_REL_SUFFIX):
            comments = name
        elif rel_type.endswith(_COMMENTS_EXTENDED_REL_SUFFIX):
            extended = name
    return comments, extended


def _resolve_target(target: str) -> str:
    """A part name from a relationship target relative to ``word/``."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("word", target))


def _document_info(core: etree._Element) -> DocumentInfo:
    def value(namespace: str, tag: str) -> str | None:
        element = core.find(f"{{{namespace}}}{tag}")
        text = (element.text or "").strip() if element is not None else ""
        return text or None

    return DocumentInfo(
        identifier=value(_DC, "identifier"),
        version=value(_CP, "version"),
        title=value(_DC, "title"),
        content_status=value(_CP, "contentStatus"),
        keywords=value(_CP, "keywords"),
    )


def _namespace_of(element: etree._Element) -> str:
    namespace = etree.QName(element).namespace
    return namespace if namespace in W_NAMESPACES else _W


def _parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date as Word and LibreOffice write it, or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


# --- comments.xml and commentsExtended.xml --------------------------------


@dataclass
class _Comment:
    comment_id: str
    author: str
    initials: str | None
    date: datetime | None
    text: str
    last_para_id: str | None
    reply_to: str | None = None
    resolved: bool = False


def _read_comments(root: etree._Element) -> dict[str, _Comment]:
    w = _namespace_of(root)
    comments: dict[str, _Comment] = {}
    for element in root.iter(f"{{{w}}}comment"):
        comment_id = element.get(f"{{{w}}}id")
        if comment_id is None:
            continue
        paragraphs = [p for p in element.iter(f"{{{w}}}p")]
        last_para_id = paragraphs[-1].get(f"{{{_W14}}}paraId") if paragraphs else None
        comments[comment_id] = _Comment(
            comment_id=comment_id,
            author=element.get(f"{{{w}}}author", ""),
            initials=element.get(f"{{{w}}}initials") or None,
            date=_parse_date(element.get(f"{{{w}}}date")),
            text="\n".join(_visible_text(p, w) for p in paragraphs).strip(),
            last_para_id=last_para_id,
        )
    return comments


def _visible_text(element: etree._Element, w: str) -> str:
    """The text a reader sees in a comment paragraph (no deleted text)."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        tag = node.tag
        if not isinstance(tag, str) or tag == f"{{{_MC}}}Fallback":
            return
        if tag == f"{{{w}}}t":
            parts.append(node.text or "")
        elif tag == f"{{{w}}}tab":
            parts.append("\t")
        elif tag in (f"{{{w}}}br", f"{{{w}}}cr"):
            parts.append("\n")
        elif tag in (f"{{{w}}}del", f"{{{w}}}moveFrom", f"{{{w}}}p") and node is not element:
            return
        else:
            for child in node:
                visit(child)

    visit(element)
    return "".join(parts)


def _link_replies(root: etree._Element, comments: dict[str, _Comment]) -> None:
    """Set ``reply_to`` and ``resolved`` from Word's ``w15:commentEx`` records.

    Word ties a record to a comment through the ``w14:paraId`` of the
    comment's last paragraph.
    """
    by_para_id = {c.last_para_id: c for c in comments.values() if c.last_para_id}
    for record in root.iter(f"{{{_W15}}}commentEx"):
        comment = by_para_id.get(record.get(f"{{{_W15}}}paraId", ""))
        if comment is None:
            continue
        parent = by_para_id.get(record.get(f"{{{_W15}}}paraIdParent", ""))
        if parent is not None and parent is not comment:
            comment.reply_to = parent.comment_id
        comment.resolved = record.get(f"{{{_W15}}}done") in ("1", "true", "on")


# --- locations ---------------------------------------------------------------

_ROMAN = r"[IVXLC]+"
_CLAUSE_LEVEL = 5
_ARTICLE_LEVEL = 4


@dataclass(frozen=True)
class LocationRule:
    """A paragraph pattern that opens a part of the document, and its label.

    A match sets the label at ``level`` and clears every deeper level, so a
    new ``Điều`` forgets the previous article's clause.
    """

    level: int
    pattern: re.Pattern[str]
    label: Callable[[re.Match[str], Mapping[int, str]], str]
    """Builds the label from the match and the labels of the enclosing levels."""


def _first_words(match: re.Match[str], outer: Mapping[int, str], count: int = 4) -> str:
    numeral, rest = match[1], match.string[match.end(1) + 1 :].split()
    words = " ".join(rest[:count]).rstrip(".,;:")
    return f"{numeral}. {words}…" if len(rest) > count else f"{numeral}. {words}"


def _clause_label(match: re.Match[str], outer: Mapping[int, str]) -> str:
    # "khoản" belongs to an article; numbered items of a Project's section
    # are cited as "mục".
    word = "khoản" if _ARTICLE_LEVEL in outer or not outer else "mục"
    return f"{word} {match[1]}"


#: The structure of our documents, outermost first, tried in this order on
#: each body paragraph (outside tables).  One edit here changes every label.
LOCATION_RULES: tuple[LocationRule, ...] = (
    LocationRule(
        0,
        re.compile(rf"^Phụ\s+lục(?:\s+({_ROMAN}|\d+)(?!\w))?", re.IGNORECASE),
        lambda m, _: f"Phụ lục {m[1].upper()}" if m[1] else "Phụ lục",
    ),
    LocationRule(
        1,
        re.compile(rf"^Phần\s+(thứ\s+\w+|{_ROMAN}|\d+)(?!\w)", re.IGNORECASE),
        lambda m, _: f"Phần {m[1]}",
    ),
    LocationRule(
        2,
        re.compile(rf"^Chương\s+({_ROMAN}|\d+)(?!\w)", re.IGNORECASE),
        lambda m, _: f"Chương {m[1].upper()}",
    ),
    LocationRule(
        3,
        re.compile(rf"^Mục\s+({_ROMAN}|\d+)(?!\w)", re.IGNORECASE),
        lambda m, _: f"Mục {m[1].upper()}",
    ),
    # Sections of a Project or report: "II. THỰC TRẠNG …".
    LocationRule(3, re.compile(rf"^({_ROMAN})\.\s+\S"), _first_words),
    LocationRule(_ARTICLE_LEVEL, re.compile(r"^Điều\s+(\d+)\s*[.:]"), lambda m, _: f"Điều {m[1]}"),
    LocationRule(_CLAUSE_LEVEL, re.compile(r"^(\d+)\.(?!\d)"), _clause_label),
    LocationRule(6, re.compile(r"^([a-zđ])\)"), lambda m, _: f"điểm {m[1]}"),
)


class _Outline:
    """Where we are in the document's headings, as labels per level."""

    def __init__(self, rules: tuple[LocationRule, ...] = LOCATION_RULES) -> None:
        self._rules = rules
        self._labels: dict[int, str] = {}

    def update(self, paragraph_text: str) -> None:
        text = unicodedata.normalize("NFC", paragraph_text).strip()
        if not text:
            return
        for rule in self._rules:
            match = rule.pattern.match(text)
            if match:
                self._labels = {k: v for k, v in self._labels.items() if k < rule.level}
                self._labels[rule.level] = rule.label(match, self._labels)
                return

    def label(self) -> str:
        """The deepest heading, with the article or section a clause belongs to."""
        if not self._labels:
            return ""
        levels = sorted(self._labels)
        outer = [level for level in levels if level <= _ARTICLE_LEVEL]
        start = outer[-1] if outer else levels[0]
        return ", ".join(self._labels[level] for level in levels if level >= start)


def _row_label(first_cell: str, table_number: int, row_number: int) -> str:
    """``STT 12`` when the row's first cell is a running number, else its position."""
    text = unicodedata.normalize("NFC", first_cell).strip().rstrip(".")
    if re.fullmatch(rf"\d+|{_ROMAN}", text):
        return f"STT {text}"
    return f"bảng {table_number}, dòng {row_number}"


def _elements(node: etree._Element, path: str, w: str) -> list[etree._Element]:
    """The elements an XPath with the ``w:`` prefix selects under ``node``."""
    found = node.xpath(path, namespaces={"w": w})
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def _join(*labels: str) -> str:
    return ", ".join(label for label in labels if label)


# --- the body walk -----------------------------------------------------------


_INSERTION: FeedbackKind = "insertion"
_DELETION: FeedbackKind = "deletion"


@dataclass
class _Paragraph:
    index: int
    parts: list[str] = field(default_factory=list)
    location: str = ""
    group: _ChangeGroup | None = None
    inner: list[_Paragraph] = field(default_factory=list)  # in its text boxes

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class _Change:
    kind: FeedbackKind
    author: str
    date: datetime | None


@dataclass
class _Draft:
    """A Feedback whose paragraph (hence anchor and location) may come later."""

    order: int
    kind: FeedbackKind
    author: str
    initials: str | None
    date: datetime | None
    text: str = ""
    anchor: str | None = None  # None: the paragraph's text
    paragraph: _Paragraph | None = None
    comment: _Comment | None = None


@dataclass
class _ChangeGroup:
    """Adjacent changes by one author in one paragraph: one entry per kind."""

    author: str
    drafts: dict[FeedbackKind, _Draft] = field(default_factory=dict)
    parts: dict[FeedbackKind, list[str]] = field(default_factory=dict)


@dataclass
class _Row:
    label: str
    change: _Change | None = None
    draft: _Draft | None = None
    cells: list[list[str]] = field(default_factory=list)


class _BodyWalker:
    """One pass over ``w:body`` in order, paragraphs and tables interleaved."""

    def __init__(self, w: str, comments: dict[str, _Comment]) -> None:
        self._w = w
        self._comments = comments
        self._outline = _Outline()
        self._order = 0
        self._drafts: list[_Draft] = []
        self._paragraph_count = 0
        self._paragraphs: list[_Paragraph] = []  # stack: text boxes nest
        self._awaiting_paragraph: list[_Draft] = []
        self._changes: list[_Change] = []  # stack of w:ins / w:del in force
        self._open_ranges: dict[str, list[str]] = {}
        self._comment_drafts: dict[str, _Draft] = {}
        self._table_count = 0
        self._tables: list[list[int]] = []  # [table number, rows seen]
        self._rows: list[_Row] = []

    def run(self, document: etree._Element) -> list[Feedback]:
        body = document.find(f"{{{self._w}}}body")
        if body is not None:
            self._visit(body)
        # Comments in comments.xml that the text never points at.
        for comment_id, comment in self._comments.items():
            if comment_id not in self._comment_drafts:
                self._comment_draft(comment_id, comment)
        return self._finish()

    # -- dispatch --

    def _visit(self, node: etree._Element) -> None:
        tag = node.tag
        if not isinstance(tag, str):
            return  # XML comments and processing instructions
        namespace, _, local = tag[1:].partition("}")
        if namespace == _MC:
            if local == "Fallback":
                return  # the same content again, for older readers
            if local == "AlternateContent":
                choice = node.find(f"{{{_MC}}}Choice")
                if choice is not None:
                    self._visit_children(choice)
                return
        if namespace != self._w:
            self._visit_children(node)
            return
        handler = self._handlers.get(local)
        if handler is None:
            self._visit_children(node)
        else:
            handler(self, node)

    def _visit_children(self, node: etree._Element) -> None:
        for child in node:
            self._visit(child)

    def _attr(self, node: etree._Element, name: str) -> str | None:
        return node.get(f"{{{self._w}}}{name}")

    # -- paragraphs and text --

    def _paragraph(self, node: etree._Element) -> None:
        paragraph = _Paragraph(self._paragraph_count)
        self._paragraph_count += 1
        for draft in self._awaiting_paragraph:
            draft.paragraph = paragraph
        self._awaiting_paragraph.clear()
        self._paragraphs.append(paragraph)
        self._visit_children(node)
        self._paragraphs.pop()
        self._close_group(paragraph)
        for parts in self._open_ranges.values():
            parts.append("\n")
        for row in self._rows:
            if row.change is not None and row.cells:
                row.cells[-1].append(" ")
        if self._paragraphs:
            # A paragraph in a text box: located with the paragraph holding
            # the box, whose text (perhaps a heading) is not all read yet.
            self._paragraphs[-1].inner.extend([paragraph, *paragraph.inner])
            return
        if self._tables:
            row_label = self._rows[-1].label if self._rows else ""
            paragraph.location = _join(self._outline.label(), row_label)
        else:
            self._outline.update(paragraph.text)
            paragraph.location = self._outline.label()
        for inner in paragraph.inner:
            inner.location = paragraph.location

    def _text(self, text: str) -> None:
        if not self._paragraphs:
            return
        paragraph = self._paragraphs[-1]
        change = self._changes[-1] if self._changes else None
        inserted = any(c.kind == _INSERTION for c in self._changes)
        if not inserted:
            paragraph.parts.append(text)
            for parts in self._open_ranges.values():
                parts.append(text)
        for row in self._rows:
            if row.change is not None and row.cells:
                keep = (
                    not inserted
                    if row.change.kind == _DELETION
                    else (change is None or change.kind != _DELETION)
                )
                if keep:
                    row.cells[-1].append(text)
        if change is None:
            if text.strip():
                self._close_group(paragraph)  # unchanged text ends adjacency
        elif not any(row.change and row.change.kind == change.kind for row in self._rows):
            self._add_change(paragraph, change, text)

    def _t(self, node: etree._Element) -> None:
        self._text(node.text or "")

    def _tab(self, node: etree._Element) -> None:
        self._text("\t")

    def _break(self, node: etree._Element) -> None:
        self._text("\n")

    def _hyphen(self, node: etree._Element) -> None:
        self._text("-")

    def _skip(self, node: etree._Element) -> None:
        """Field codes and the like: not text a reader sees."""

    # -- tracked changes --

    def _run_change(self, node: etree._Element) -> None:
        parent = node.getparent()
        parent_tag = parent.tag if parent is not None else ""
        if isinstance(parent_tag, str) and parent_tag.endswith("Pr"):
            # A mark on a paragraph mark, a run's or a row's properties: the
            # row case is read in _row; the others carry no text.
            return
        local = etree.QName(node).localname
        kind = _INSERTION if local in ("ins", "moveTo") else _DELETION
        self._changes.append(
            _Change(kind, self._attr(node, "author") or "", _parse_date(self._attr(node, "date")))
        )
        self._visit_children(node)
        self._changes.pop()

    def _add_change(self, paragraph: _Paragraph, change: _Change, text: str) -> None:
        if not text:
            return
        group = paragraph.group
        if group is None or group.author != change.author:
            self._close_group(paragraph)
            group = paragraph.group = _ChangeGroup(change.author)
        if change.kind not in group.drafts:
            group.drafts[change.kind] = self._new_draft(
                change.kind, change.author, None, change.date, paragraph=paragraph
            )
            group.parts[change.kind] = []
        group.parts[change.kind].append(text)

    def _close_group(self, paragraph: _Paragraph) -> None:
        group = paragraph.group
        if group is None:
            return
        for kind, draft in group.drafts.items():
            draft.text = "".join(group.parts[kind])
        paragraph.group = None

    # -- comments --

    def _range_start(self, node: etree._Element) -> None:
        comment_id = self._attr(node, "id")
        if comment_id is None or comment_id in self._open_ranges:
            return
        self._open_ranges[comment_id] = []
        self._place_comment(comment_id)

    def _range_end(self, node: etree._Element) -> None:
        comment_id = self._attr(node, "id")
        parts = self._open_ranges.pop(comment_id or "", None)
        draft = self._comment_drafts.get(comment_id or "")
        if parts is not None and draft is not None:
            anchor = "".join(parts).strip()
            draft.anchor = anchor or None  # a point, not a span: use the paragraph

    def _reference(self, node: etree._Element) -> None:
        comment_id = self._attr(node, "id")
        if comment_id is not None and comment_id not in self._comment_drafts:
            self._place_comment(comment_id)

    def _place_comment(self, comment_id: str) -> None:
        comment = self._comments.get(comment_id)
        if comment is None:
            return  # a marker whose comment was removed from comments.xml
        draft = self._comment_draft(comment_id, comment)
        if self._paragraphs:
            draft.paragraph = self._paragraphs[-1]
        else:
            self._awaiting_paragraph.append(draft)

    def _comment_draft(self, comment_id: str, comment: _Comment) -> _Draft:
        draft = self._new_draft(
            "comment", comment.author, comment.initials, comment.date, text=comment.text
        )
        draft.comment = comment
        self._comment_drafts[comment_id] = draft
        return draft

    # -- tables --

    def _table(self, node: etree._Element) -> None:
        self._table_count += 1
        self._tables.append([self._table_count, 0])
        self._visit_children(node)
        self._tables.pop()

    def _row(self, node: etree._Element) -> None:
        table = self._tables[-1] if self._tables else [0, 0]
        table[1] += 1
        row = _Row(_row_label(self._first_cell_text(node), table[0], table[1]))
        mark = self._row_change_mark(node)
        if mark is not None and not any(r.change for r in self._rows):
            kind = _INSERTION if etree.QName(mark).localname == "ins" else _DELETION
            row.change = _Change(
                kind, self._attr(mark, "author") or "", _parse_date(self._attr(mark, "date"))
            )
            row.draft = self._new_draft(kind, row.change.author, None, row.change.date)
            self._awaiting_paragraph.append(row.draft)
        self._rows.append(row)
        self._visit_children(node)
        self._rows.pop()
        if row.draft is not None:
            cells = (" ".join("".join(cell).split()) for cell in row.cells)
            row.draft.text = " | ".join(cell for cell in cells if cell)
            row.draft.anchor = row.draft.text

    def _cell(self, node: etree._Element) -> None:
        if self._rows and self._rows[-1].change is not None:
            self._rows[-1].cells.append([])
        self._visit_children(node)

    def _row_change_mark(self, row: etree._Element) -> etree._Element | None:
        properties = row.find(f"{{{self._w}}}trPr")
        if properties is None:
            return None
        for local in ("ins", "del"):
            mark = properties.find(f"{{{self._w}}}{local}")
            if mark is not None:
                return mark
        return None

    def _first_cell_text(self, row: etree._Element) -> str:
        cells = _elements(row, "./w:tc | ./w:sdt/w:sdtContent/w:tc", self._w)
        if not cells:
            return ""
        original = _elements(
            cells[0],
            ".//w:t[not(ancestor::w:ins) and not(ancestor::w:moveTo)] | .//w:delText",
            self._w,
        )
        text = "".join(e.text or "" for e in original)
        if not text.strip():  # a row the reviewer inserted: take what they typed
            text = "".join(e.text or "" for e in _elements(cells[0], ".//w:t", self._w))
        return text

    # -- results --

    def _new_draft(
        self,
        kind: FeedbackKind,
        author: str,
        initials: str | None,
        date: datetime | None,
        *,
        text: str = "",
        paragraph: _Paragraph | None = None,
    ) -> _Draft:
        draft = _Draft(self._order, kind, author, initials, date, text=text, paragraph=paragraph)
        self._order += 1
        self._drafts.append(draft)
        return draft

    def _finish(self) -> list[Feedback]:
        unplaced = self._paragraph_count  # sorts after every placed entry

        def key(draft: _Draft) -> tuple[int, int]:
            index = draft.paragraph.index if draft.paragraph else unplaced
            return index, draft.order

        feedback = []
        for draft in sorted(self._drafts, key=key):
            if draft.kind != "comment" and not draft.text:
                continue  # a change without text: an image, a row of empty cells
            paragraph = draft.paragraph
            anchor = draft.anchor
            if anchor is None:
                anchor = paragraph.text.strip() if paragraph else ""
            comment = draft.comment
            feedback.append(
                Feedback(
                    kind=draft.kind,
                    author=draft.author,
                    initials=draft.initials,
                    date=draft.date,
                    text=draft.text,
                    anchor=anchor,
                    location=paragraph.location if paragraph else "",
                    paragraph_index=paragraph.index if paragraph else -1,
                    reply_to=comment.reply_to if comment else None,
                    comment_id=comment.comment_id if comment else None,
                    resolved=comment.resolved if comment else False,
                )
            )
        return feedback

    _handlers: ClassVar[dict[str, Callable[[_BodyWalker, etree._Element], None]]] = {
        "p": _paragraph,
        "t": _t,
        "delText": _t,
        "tab": _tab,
        "br": _break,
        "cr": _break,
        "noBreakHyphen": _hyphen,
        "instrText": _skip,
        "delInstrText": _skip,
        "ins": _run_change,
        "del": _run_change,
        "moveFrom": _run_change,
        "moveTo": _run_change,
        "commentRangeStart": _range_start,
        "commentRangeEnd": _range_end,
        "commentReference": _reference,
        "tbl": _table,
        "tr": _row,
        "tc": _cell,
    }
