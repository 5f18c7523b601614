"""Context of the comment synthesis table (Bảng tổng hợp, tiếp thu, giải trình
ý kiến góp ý): the register's entries grouped by provision, counts per unit
and per response, and the comments still unanswered.

Rows are grouped by provision (Ý kiến chung, Điều 1, Điều 2, …, Phụ lục) in
the order of the draft, not by unit: the drafting team answers and revises
the draft provision by provision, and comments from several units on the same
clause then sit together where a conflict between them shows; the unit is a
column of its own, and the per-unit figures are in the summary table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drafter.content.feedback_models import (
    RESPONSES,
    CommentSynthesisContent,
    FeedbackEntry,
)
from drafter.content.refs import Registries
from drafter.context.common import fill, header_context
from drafter.vietnamese import POINT_LETTERS, fold, roman

GENERAL = "Ý kiến chung"
OPEN_LABEL = "Chưa xử lý"
UNDETERMINED_UNIT = "Chưa xác định đơn vị"
#: Anchors longer than this many words are cut with "…" in the table.
ANCHOR_WORDS = 30

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUMBER = re.compile(r"(\d+|[IVXLC]+)\b")


@dataclass(frozen=True)
class Counts:
    """How many comments a unit made, and how each was answered."""

    unit: str
    total: int
    by_response: dict[str, int]
    open: int


def roman_value(text: str) -> int:
    """The value of an upper-case Roman numeral (``"XIV"`` → 14); 0 if it is not one."""
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return 0
    total = 0
    for i, c in enumerate(text):
        value = _ROMAN_VALUES[c]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def provision_group(location: str | None) -> str:
    """The provision a comment is grouped under: its article, section or appendix."""
    if not location or not location.strip():
        return GENERAL
    return location.split(", ")[0].strip()


def _number(text: str) -> int:
    match = _NUMBER.search(text)
    if not match:
        return 0
    token = match[1]
    return int(token) if token.isdigit() else roman_value(token)


def group_key(group: str) -> tuple[int, int, str]:
    """Draft order of groups: general comments, sections, articles, appendices."""
    if group == GENERAL:
        return (0, 0, "")
    word = fold(group).split(" ")[0]
    if word == "dieu":
        return (2, _number(group), "")
    if word == "phu":
        return (3, _number(group.removeprefix("Phụ lục")), "")
    if word in {"phan", "chuong", "muc"} or re.match(r"^[IVXLC]+\.", group):
        return (1, _number(group), fold(group))
    return (4, 0, fold(group))


def detail_key(location: str | None) -> tuple[int, ...]:
    """Order within a group: clause, point, row number (``khoản 2, điểm b`` → (2, 2))."""
    if not location:
        return ()
    key: list[int] = []
    for part in location.split(", ")[1:]:
        words = part.split()
        if words and words[0] == "điểm" and len(words) > 1 and words[1] in POINT_LETTERS:
            key.append(POINT_LETTERS.index(words[1]) + 1)
        else:
            key.append(_number(part))
    return tuple(key)


#: Where a shortened quotation may end: after a clause ("," ";" ":").
_CLAUSE_END = (",", ";", ":")


def shorten_quote(text: str, words: int = ANCHOR_WORDS) -> str:
    """``text`` itself when it holds at most ``words`` words; else cut at a word
    boundary with "…": at the last end of a clause within the first ``words``
    words (a Vietnamese word may be two syllables: "đề xuất" is never cut to
    "đề…"), or, with no clause ending in their second half, after ``words``
    words; the punctuation before "…" is dropped."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    kept = parts[:words]
    ends = [n for n, part in enumerate(kept) if part.endswith(_CLAUSE_END) and n >= words // 2]
    if ends:
        kept = kept[: ends[-1] + 1]
    return " ".join(kept).rstrip(",;:.") + "…"


def comment_text(entry: FeedbackEntry) -> str:
    """What the reviewer asks for, as the table says it."""
    if entry.kind == "insertion":
        return f"Đề nghị bổ sung: “{entry.text.strip()}”"
    if entry.kind == "deletion":
        return f"Đề nghị bỏ: “{entry.text.strip()}”"
    return entry.text.strip()


def provision_text(entry: FeedbackEntry) -> str:
    """The provision and the text the comment is attached to."""
    where = entry.location or GENERAL
    if not entry.anchor or not entry.anchor.strip():
        return where
    return f"{where}: “{shorten_quote(entry.anchor)}”"


def answer_text(entry: FeedbackEntry) -> str:
    """The drafting team's answer: the response and its explanation."""
    if entry.response is None:
        return OPEN_LABEL
    head = entry.response[:1].upper() + entry.response[1:]
    return f"{head}: {entry.explanation}" if entry.explanation else head


def unit_labeller(reg: Registries) -> tuple[Callable[[FeedbackEntry], str], dict[str, int]]:
    """A function naming the commenting unit of an entry, and the order of the names.

    A unit id gives the unit's name; a known person with no unit (a
    Committee leader) gives their position and name; anything else is
    "not yet determined", with the author's name.
    """
    order = {unit.name: i for i, unit in enumerate(reg.organisation.units)}
    people = {fold(p.name): p for p in reg.organisation.people}

    def label(entry: FeedbackEntry) -> str:
        if entry.unit is not None:
            return reg.units[entry.unit].name
        person = people.get(fold(entry.author))
        if person is not None and person.unit is None:
            return f"{person.position} {person.name}"
        return f"{UNDETERMINED_UNIT} ({entry.author})"

    return label, order


def _date_key(entry: FeedbackEntry) -> tuple[int, str]:
    if entry.date is None:
        return (1, "")
    when = entry.date
    if isinstance(when, dt.datetime):
        when = when.astimezone(dt.UTC) if when.tzinfo else when
    return (0, when.isoformat())


def count_by_unit(
    entries: list[FeedbackEntry], label: Callable[[FeedbackEntry], str], order: dict[str, int]
) -> list[Counts]:
    """Counts per commenting unit, units in registry order (others after, by name)."""
    table: dict[str, Counts] = {}
    for entry in entries:
        name = label(entry)
        current = table.get(name) or Counts(name, 0, {r: 0 for r in RESPONSES}, 0)
        by_response = dict(current.by_response)
        if entry.response is not None:
            by_response[entry.response] += 1
        table[name] = Counts(
            name, current.total + 1, by_response, current.open + (entry.response is None)
        )
    return sorted(table.values(), key=lambda c: (order.get(c.unit, len(order)), fold(c.unit)))


def _counts_row(stt: str, counts: Counts) -> dict[str, str]:
    return {
        "stt": stt,
        "unit": counts.unit,
        "total": str(counts.total),
        "accepted": str(counts.by_response["tiếp thu"]),
        "partly": str(counts.by_response["tiếp thu một phần"]),
        "explained": str(counts.by_response["giải trình"]),
        "open": str(counts.open),
    }


def synthesis_context(
    content: CommentSynthesisContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """The synthesis table: header, summary figures, open comments, grouped rows."""
    # the draft commented on: the one named, else the latest the returned files name
    versions = [e.version for e in content.feedback.entries if e.version is not None]
    version = content.version or (max(versions) if versions else None)
    entries = [e for e in content.feedback.entries if version is None or e.version == version]
    from drafter.context.bearing import unborne_responses

    unborne = [u for u in unborne_responses(content, reg) if u.entry in entries]
    label, order = unit_labeller(reg)
    position = {entry.id: i for i, entry in enumerate(entries)}

    by_group: dict[str, list[FeedbackEntry]] = {}
    for entry in entries:
        by_group.setdefault(provision_group(entry.location), []).append(entry)
    groups = []
    open_items = []
    number = 0
    for g, name in enumerate(sorted(by_group, key=group_key), start=1):
        rows = []
        ordered = sorted(
            by_group[name],
            key=lambda e: (
                detail_key(e.location),
                order.get(label(e), len(order)),
                _date_key(e),
                position[e.id],
            ),
        )
        for entry in ordered:
            number += 1
            row = {
                "stt": str(number),
                "unit": label(entry),
                "provision": provision_text(entry),
                "comment": comment_text(entry),
                "answer": answer_text(entry),
            }
            rows.append(row)
            if entry.response is None:
                open_items.append(
                    f"Ý kiến số {number} ({row['unit']}, {entry.location or GENERAL}): "
                    f"{row['comment']}"
                )
        groups.append({"numeral": roman(g), "name": name, "rows": rows})

    counts = count_by_unit(entries, label, order)
    total = Counts(
        "Tổng cộng",
        len(entries),
        {r: sum(c.by_response[r] for c in counts) for r in RESPONSES},
        sum(c.open for c in counts),
    )
    context = header_context(content, reg, draft_marker=draft_marker)
    context.update(
        {
            "introduction": [
                fill(t, {"lan_du_thao": str(version) if version else ""})
                for t in content.introduction
            ],
            "summary": _summary(total, len(counts), len(unborne)),
            "counts": [_counts_row(str(i), c) for i, c in enumerate(counts, start=1)],
            "counts_total": _counts_row("", total),
            "open": open_items,
            "groups": groups,
            "total": len(entries),
        }
    )
    return context


def _summary(total: Counts, units: int, unborne: int) -> str:
    if total.total == 0:
        return "Đến nay chưa nhận được ý kiến góp ý nào."
    answered = total.total - total.open
    text = (
        f"Đã nhận được {total.total} ý kiến góp ý của {units} đơn vị, cá nhân. "
        f"Tổ soạn thảo đã tiếp thu, giải trình {answered} ý kiến (tiếp thu "
        f"{total.by_response['tiếp thu']}, tiếp thu một phần "
        f"{total.by_response['tiếp thu một phần']}, giải trình "
        f"{total.by_response['giải trình']})"
    )
    if total.open:
        text += f"; còn {total.open} ý kiến chưa xử lý"
    else:
        text += "; không còn ý kiến nào chưa xử lý"
    if unborne:
        return text + (
            f". Có {unborne} ý kiến mà nội dung tiếp thu, giải trình chưa được thể hiện "
            "trong dự thảo."
        )
    return text + "; nội dung tiếp thu, giải trình đã được thể hiện trong dự thảo."
