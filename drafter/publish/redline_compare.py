"""Reading two drafts for the redline: tokens, comparison keys, alignment.

:mod:`drafter.publish.redline` writes the tracked changes; this module reads
what it compares.  A paragraph becomes tokens (words, spaces, punctuation, and
non-text run items as atoms) with the markers between them; a block or table
row becomes a comparison key; :func:`align` pairs two sequences of keys
(equal, edited, deleted, inserted) and :func:`token_opcodes` diffs two
paragraphs' tokens word by word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from drafter.ooxml.ns import W_DEL as DEL
from drafter.ooxml.ns import W_INS as INS
from drafter.ooxml.ns import W_P as P
from drafter.ooxml.ns import W_PPR as PPR
from drafter.ooxml.ns import W_R as R
from drafter.ooxml.ns import W_RPR as RPR
from drafter.ooxml.ns import W_T as T
from drafter.ooxml.ns import W_TBL as TBL
from drafter.ooxml.ns import W_TC as TC
from drafter.ooxml.ns import W_TR as TR
from drafter.ooxml.ns import w as _w

# Paragraph children that only wrap runs; their own properties are copied.
_RUN_WRAPPERS = {_w("hyperlink"), _w("smartTag"), _w("fldSimple"), _w("customXml")}
WRAPPER_PROPS = {_w("smartTagPr"), _w("customXmlPr")}
# Zero-width paragraph children kept at their place among the new tokens.
_MARKERS = {
    _w("bookmarkStart"),
    _w("bookmarkEnd"),
    _w("commentRangeStart"),
    _w("commentRangeEnd"),
    _w("permStart"),
    _w("permEnd"),
}
# Spell-check marks and layout caches: dropped from rebuilt paragraphs.
_DISPOSABLE = {_w("proofErr"), _w("lastRenderedPageBreak")}
# Containers whose runs are already revisions (or moves): never nested into.
_REVISION_CONTAINERS = {INS, DEL, _w("moveFrom"), _w("moveTo")}

# Blocks this similar (0..1) are paired as "the same paragraph, edited".
_PAIR_THRESHOLD = 0.5
# Replaced stretches up to this many candidate pairs get the optimal pairing;
# longer ones (a renumbered 10,000-row table) a windowed greedy one.
_DP_LIMIT = 2500
_GREEDY_WINDOW = 8

# Tokens: runs of whitespace, words (letters, digits, combining marks), or one
# punctuation character.
_TOKEN_RE = re.compile(r"\s+|[\w\u0300-\u036f]+|[^\w\s]")
WORD_RE = re.compile(r"[\w\u0300-\u036f]+")


def paragraph_runs(p: etree._Element) -> list[etree._Element]:
    """The runs that belong to *p* itself, through hyperlinks, fields and content
    controls, but not into drawings' text boxes nor existing revisions."""
    runs: list[etree._Element] = []

    def walk(parent: etree._Element) -> None:
        for child in parent:
            if child.tag == R:
                runs.append(child)
            elif child.tag in _REVISION_CONTAINERS or child.tag in (PPR, P, TBL):
                continue
            elif isinstance(child.tag, str):
                walk(child)

    walk(p)
    return runs


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, eq=False)
class Token:
    """One word, space, punctuation mark or non-text run item, with its run."""

    key: str
    run: etree._Element
    wrapper: etree._Element | None
    text: str | None  # for w:t pieces
    atom: etree._Element | None  # for tabs, breaks, drawings, fields…


@dataclass
class _ParaItems:
    tokens: list[Token]
    markers: list[tuple[int, etree._Element]]  # (index of the next token, element)


def _atom_key(el: etree._Element) -> str:
    return "\x00" + etree.tostring(el, encoding="unicode")


def _run_tokens(run: etree._Element, wrapper: etree._Element | None) -> Iterator[Token]:
    for child in run:
        if child.tag == RPR or child.tag in _DISPOSABLE or not isinstance(child.tag, str):
            continue
        if child.tag == T:
            for piece in _TOKEN_RE.findall(child.text or ""):
                yield Token(piece, run, wrapper, piece, None)
        else:
            yield Token(_atom_key(child), run, wrapper, None, child)


def paragraph_items(p: etree._Element) -> _ParaItems | None:
    """Tokens and markers of a paragraph, or None when its structure is beyond
    what the word diff rebuilds (content controls, existing revisions, maths)."""
    tokens: list[Token] = []
    markers: list[tuple[int, etree._Element]] = []
    for child in p:
        tag = child.tag
        if tag == PPR or tag in _DISPOSABLE or not isinstance(tag, str):
            continue
        if tag == R:
            tokens.extend(_run_tokens(child, None))
        elif tag in _RUN_WRAPPERS:
            for inner in child:
                if inner.tag == R:
                    tokens.extend(_run_tokens(inner, child))
                elif inner.tag not in WRAPPER_PROPS and inner.tag not in _DISPOSABLE:
                    return None
        elif tag in _MARKERS:
            markers.append((len(tokens), child))
        else:
            return None
    return _ParaItems(tokens, markers)


def _paragraph_key(p: etree._Element) -> str:
    items = paragraph_items(p)
    if items is None:
        return "".join(t.key for run in paragraph_runs(p) for t in _run_tokens(run, None))
    return "".join(t.key for t in items.tokens)


class Keys:
    """Comparison keys of blocks and rows, memoised: a table's key is built
    from its rows' and its cells', which are compared again one level down."""

    def __init__(self) -> None:
        # Holding the elements keeps their lxml proxies (and so the keys) stable.
        self._memo: dict[etree._Element, str] = {}

    def block(self, block: etree._Element) -> str:
        key = self._memo.get(block)
        if key is None:
            if block.tag == P:
                key = "p\x01" + _paragraph_key(block)
            else:
                key = "t\x01" + "\x1e".join(self.row(tr) for tr in block.iterchildren(TR))
            self._memo[block] = key
        return key

    def row(self, tr: etree._Element) -> str:
        key = self._memo.get(tr)
        if key is None:
            key = "\x1f".join(
                "\x1d".join(self.block(b) for b in blocks(tc)) for tc in tr.iterchildren(TC)
            )
            self._memo[tr] = key
        return key


def blocks(container: etree._Element) -> list[etree._Element]:
    return [c for c in container if c.tag in (P, TBL)]


# --------------------------------------------------------------------------- alignment


def _words(key: str) -> list[str]:
    return [t for t in _TOKEN_RE.findall(key) if not t.isspace()]


def _similarity(a: str, b: str) -> float:
    """How alike two block keys are (0..1), on words; different kinds never pair."""
    if a[:2] != b[:2]:
        return 0.0
    wa, wb = _words(a[2:]), _words(b[2:])
    if not wa and not wb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.real_quick_ratio() < _PAIR_THRESHOLD or matcher.quick_ratio() < _PAIR_THRESHOLD:
        return 0.0
    if a[0] == "t":
        # Tables: shared words, order-free, so a renumbered STT column still pairs.
        return matcher.quick_ratio()
    return matcher.ratio()


Op = tuple[str, int | None, int | None]  # ("eq" | "mod" | "del" | "ins", old index, new index)


def _pair_stretch(old: Sequence[str], new: Sequence[str], o0: int, n0: int) -> list[Op]:
    """Pair blocks of a replaced stretch one-to-one, in order, where similar enough."""
    n, m = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    sim: Callable[[int, int], float] = lambda i, j: _similarity(old[i], new[j])  # noqa: E731
    if n == m == 1 and old[0][0] == new[0][0]:
        # One block became one block of the same kind ("B" → "B2" in a cell):
        # an edit of it, however thorough, reads better than delete + insert.
        pairs.append((0, 0))
    elif n * m <= _DP_LIMIT:
        # Best total similarity of an order-keeping pairing (like an LCS).
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        s = [[0.0] * m for _ in range(n)]
        for i in range(n):
            for j in range(m):
                s[i][j] = sim(i, j)
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                best = max(score[i + 1][j], score[i][j + 1])
                if s[i][j] >= _PAIR_THRESHOLD:
                    best = max(best, score[i + 1][j + 1] + s[i][j])
                score[i][j] = best
        i = j = 0
        while i < n and j < m:
            if s[i][j] >= _PAIR_THRESHOLD and score[i][j] == score[i + 1][j + 1] + s[i][j]:
                pairs.append((i, j))
                i, j = i + 1, j + 1
            elif score[i][j] == score[i + 1][j]:
                i += 1
            else:
                j += 1
    else:
        i = j = 0
        while i < n and j < m:
            if sim(i, j) >= _PAIR_THRESHOLD:
                pairs.append((i, j))
                i, j = i + 1, j + 1
                continue
            for d in range(1, _GREEDY_WINDOW + 1):
                if i + d < n and sim(i + d, j) >= _PAIR_THRESHOLD:
                    i += d
                    break
                if j + d < m and sim(i, j + d) >= _PAIR_THRESHOLD:
                    j += d
                    break
            else:
                i, j = i + 1, j + 1
    ops: list[Op] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        ops.extend(("del", o0 + k, None) for k in range(i, pi))
        ops.extend(("ins", None, n0 + k) for k in range(j, pj))
        if pi < n:
            ops.append(("mod", o0 + pi, n0 + pj))
        i, j = pi + 1, pj + 1
    return ops


def align(old: Sequence[str], new: Sequence[str]) -> list[Op]:
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("eq", i1 + k, j1 + k) for k in range(i2 - i1))
        elif tag == "delete":
            ops.extend(("del", i, None) for i in range(i1, i2))
        elif tag == "insert":
            ops.extend(("ins", None, j) for j in range(j1, j2))
        else:
            ops.extend(_pair_stretch(old[i1:i2], new[j1:j2], i1, j1))
    return ops


def token_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Word-diff opcodes where a lone space between two changes joins them, so
    a rewritten phrase reads as one deletion and one insertion, not confetti."""
    raw = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ops: list[tuple[str, int, int, int, int]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(raw):
        glue = (
            tag == "equal"
            and 0 < k < len(raw) - 1
            and all(x.isspace() or (len(x) == 1 and not x.isalnum()) for x in a[i1:i2])
            and i2 - i1 <= 2
        )
        change = tag != "equal" or glue
        if change and ops and ops[-1][0] == "replace":
            _, p1, _p2, q1, _q2 = ops[-1]
            ops[-1] = ("replace", p1, i2, q1, j2)
        elif change:
            ops.append(("replace", i1, i2, j1, j2))
        else:
            ops.append((tag, i1, i2, j1, j2))
    return ops
