"""Does the draft bear out the synthesis table?  Each answered comment says
what it means for the text, and this module checks it against the current
content of the document commented on:

- "tiếp thu" / "tiếp thu một phần": an accepted insertion is in the provision,
  an accepted deletion is gone from it, and an accepted comment's provision
  reads as the response claims (``reads``: the words it now holds, in the
  provision ``applied_in`` or, by default, the one commented on);
- "giải trình": the text stays: an insertion is not made, a deletion not
  applied, the words commented on are still there;
- no response: the comment is open ("chưa xử lý"); nothing to check.

A provision is found by the comment's location ("Điều 2, khoản 1, điểm b",
"Phụ lục, STT 17"), falling back to the enclosing provision.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from drafter.content.feedback_models import CommentSynthesisContent, FeedbackEntry
from drafter.content.refs import Registries
from drafter.errors import Problem, Severity
from drafter.vietnamese import POINT_LETTERS


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def provisions(context: dict[str, Any]) -> dict[str, str]:
    """The text of each provision of a Decision's context, keyed as comments locate them."""
    out: dict[str, str] = {}
    for article in context.get("articles", []):
        key = f"Điều {article['number']}"
        parts = [article["heading"] + article["lead"], article["text"]]
        for j, clause in enumerate(article["clauses"], start=1):
            clause_parts = [clause["text"], *clause["points"]]
            out[f"{key}, khoản {j}"] = " ".join(clause_parts)
            for k, point in enumerate(clause["points"]):
                out[f"{key}, khoản {j}, điểm {POINT_LETTERS[k]}"] = point
            parts += clause_parts
        out[key] = " ".join(parts)
    appendix: list[str] = []
    rows = [row for group in context.get("groups", []) for row in group.get("rows", [])]
    rows += context.get("rows", [])
    for group in context.get("groups", []):
        appendix.append(str(group.get("name", "")))
    for row in rows:
        text = " ".join(str(v) for k, v in row.items() if k not in ("id", "stt"))
        out[f"Phụ lục, STT {row['stt']}"] = text
        appendix.append(text)
    out["Phụ lục"] = " ".join(appendix)
    return {key: _norm(value) for key, value in out.items()}


def provision_text(location: str, texts: dict[str, str]) -> tuple[str, str] | None:
    """(the provision found, its text): the location, or the nearest enclosing one."""
    parts = [p.strip() for p in location.split(",")]
    while parts:
        key = ", ".join(parts)
        if key in texts:
            return key, texts[key]
        parts.pop()
    return None


def _deleted_in_context(entry: FeedbackEntry) -> str:
    """The deleted words with a few words before them, as the anchor had them."""
    deleted = entry.text
    anchor = entry.anchor or ""
    at = anchor.find(deleted)
    if at < 0:
        return _norm(deleted)
    before = anchor[:at].split()[-3:]
    return _norm(" ".join(before) + deleted)


def unborne_reason(entry: FeedbackEntry, texts: dict[str, str]) -> str | None:
    """Why the draft does not bear out the entry's response; None when it does
    (or when there is nothing to check: an open comment, a general one)."""
    if entry.response is None or not entry.location:
        return None
    where = entry.applied_in or entry.location
    found = provision_text(where, texts)
    if found is None:
        return f"the draft has no provision '{where}'"
    key, text = found
    accepted = entry.response != "giải trình"
    if entry.kind == "insertion":
        inserted = _norm(entry.text)
        if accepted and inserted not in text:
            return f"the accepted insertion “{inserted}” is not in {key}"
        if not accepted and inserted in text:
            return f"says the text stays, but {key} holds the insertion “{inserted}”"
        return None
    if entry.kind == "deletion":
        deleted = _deleted_in_context(entry)
        if accepted and deleted in text:
            return f"the accepted deletion of “{_norm(entry.text)}” is not applied in {key}"
        if not accepted and entry.anchor and deleted not in text:
            return f"says the text stays, but “{_norm(entry.text)}” is gone from {key}"
        return None
    if accepted:
        if not entry.reads:
            return (
                f"says '{entry.response}' but not what {key} now reads "
                "(reads: the words the accepted change put there)"
            )
        missing = [r for r in entry.reads if _norm(r) not in text]
        if missing:
            return f"{key} does not read “{_norm(missing[0])}”, as the response claims"
        return None
    if entry.anchor and _norm(entry.anchor) not in text:
        return f"says the text stays, but {key} no longer reads “{_norm(entry.anchor)}”"
    return None


@dataclass(frozen=True)
class Unborne:
    entry: FeedbackEntry
    index: int
    reason: str


def unborne_responses(content: CommentSynthesisContent, reg: Registries) -> list[Unborne]:
    """Responses of the register that the current draft does not bear out."""
    target = content.target
    if target is None:
        return []
    texts = provisions(target(reg))
    out = []
    for i, entry in enumerate(content.feedback.entries):
        reason = unborne_reason(entry, texts)
        if reason is not None:
            out.append(Unborne(entry, i, reason))
    return out


def bearing_problems(content: CommentSynthesisContent, reg: Registries) -> list[Problem]:
    """One warning per response the draft does not bear out, at the register's entry."""
    source = content.register_source
    if source is None:
        return []
    return [
        source.problem(
            ("entries", u.index, "response"),
            f"comment {u.entry.id}: '{u.entry.response}' is not borne out by the draft: {u.reason}",
            severity=Severity.WARNING,
        )
        for u in unborne_responses(content, reg)
    ]
