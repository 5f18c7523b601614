"""The changelog of a version, in Vietnamese, at the level of content.

It compares the template contexts of two versions (the canonical JSON stored
in the registry) rather than the Word files, so it can say *what* changed in
the reviewers' terms: entries added, removed or renamed in the lists, fields
changed ("Chu kỳ cập nhật: hàng tháng → hàng quý"), amounts with their old and
new values, and articles changed (shortened around the change).

How the trees are compared:

* lists of dicts that carry an ``id`` (database and open-data rows) are
  collected wherever they sit (across groups) and matched by id, so moving
  an entry to another group is one field change, not a removal and an
  addition;
* a group holding such entries is known by the ids it holds: a group whose
  name changed while it kept (most of) its entries is renamed, one line
  with its number of entries, not a move of each entry plus a group added
  and a group removed;
* ``articles`` are compared as whole article texts, aligned by content (an
  inserted article does not make every later one "changed");
* other lists of dicts are matched by ``name`` where they have one, else by
  position; lists of strings by difflib (added and removed items);
* everything else key by key.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from drafter.publish.labels import IGNORED, LOWERCASE_VALUES, UNITS, label
from drafter.vietnamese import format_number

ARROW = "→"

#: a document kind's names for its context keys (see drafter.publish.labels)
Labels = Mapping[str, str]


def quoted(text: str) -> str:
    return f"“{text}”"


def shorten(text: str, limit: int = 120) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def shorten_pair(old: str, new: str, context: int = 30, limit: int = 120) -> tuple[str, str]:
    """The changed part of two texts with a little context either side."""
    old, new = " ".join(old.split()), " ".join(new.split())
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old), len(new)) - prefix
        and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
    ):
        suffix += 1
    start = max(0, prefix - context)
    # start and end at word boundaries so no word is cut in half
    if start > 0:
        space = old.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else 0

    def window(text: str) -> str:
        end = len(text) - suffix + context
        if end < len(text):
            space = text.find(" ", end)
            end = space if space >= 0 else len(text)
        else:
            end = len(text)
        piece = text[start:end]
        piece = ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
        return piece if len(piece) <= limit else shorten(piece, limit)

    return window(old), window(new)


def show(value: Any, key: str) -> str:
    """A context value as a reviewer reads it."""
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        text = format_number(value)
    elif isinstance(value, float):
        text = format_number(Decimal(str(value)), 2 if value % 1 else 0)
    elif isinstance(value, list):
        text = "; ".join(show(v, key) for v in value)
    elif isinstance(value, dict):
        text = shorten(json.dumps(value, ensure_ascii=False, sort_keys=True))
    else:
        text = shorten(str(value))
        if key in LOWERCASE_VALUES:
            text = text[:1].lower() + text[1:]
    unit = UNITS.get(key)
    return f"{text} {unit}" if unit and isinstance(value, int | float) else text


@dataclass
class Section:
    """A heading of the changelog and its lines."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    item: dict[str, Any]
    parent: tuple[str, str] | None  # (label of the parent list, parent's name)
    #: the parent as it stays in the tree once the entries are taken out
    container: dict[str, Any] | None = None


def _is_entry_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and "id" in v for v in value)
    )


def _extract_entries(
    tree: Any,
    path: tuple[str, ...],
    parent: tuple[str, str] | None,
    out: dict[tuple[str, ...], dict[str, _Entry]],
    labels: Labels,
) -> Any:
    """Move every list of id-carrying dicts out of ``tree`` into ``out``."""
    if isinstance(tree, dict):
        name = tree.get("name")
        named = isinstance(name, str) and bool(path)
        here = (label(path, labels), str(name)) if named else parent
        kept: dict[str, Any] = {}
        for key, value in tree.items():
            sub = (*path, key)
            if _is_entry_list(value):
                bucket = out.setdefault(sub, {})
                for item in value:
                    bucket[str(item["id"])] = _Entry(item, here, kept if named else None)
            else:
                kept[key] = _extract_entries(value, sub, here, out, labels)
        return kept
    if isinstance(tree, list):
        return [_extract_entries(v, path, parent, out, labels) for v in tree]
    return tree


def _entry_name(entry: _Entry) -> str:
    name = entry.item.get("name")
    return str(name) if name else str(entry.item["id"])


def _groups(entries: dict[str, _Entry]) -> dict[str, tuple[dict[str, Any], set[str]]]:
    """The named groups holding ``entries``: name -> (the group, its entry ids)."""
    groups: dict[str, tuple[dict[str, Any], set[str]]] = {}
    for key, entry in entries.items():
        if entry.parent is not None and entry.container is not None:
            groups.setdefault(entry.parent[1], (entry.container, set()))[1].add(key)
    return groups


def _rename_groups(old: dict[str, _Entry], new: dict[str, _Entry]) -> list[str]:
    """Find groups renamed between ``old`` and ``new`` by the entry ids they hold,
    give the old groups (and their entries) the new names, and return one line
    per renamed group.

    A group whose name is gone is paired with the new-named group sharing the
    most of its entries (ties: the earlier group); groups sharing no entry
    are not paired.
    """
    before, after = _groups(old), _groups(new)
    gone = [name for name in before if name not in after]
    came = [name for name in after if name not in before]
    pairs = sorted(
        (-len(before[a][1] & after[b][1]), i, j, a, b)
        for i, a in enumerate(gone)
        for j, b in enumerate(came)
        if before[a][1] & after[b][1]
    )
    lines: list[str] = []
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for _, _, _, a, b in pairs:
        if a in renamed or b in taken:
            continue
        renamed[a] = b
        taken.add(b)
        if before[a][0].get("name") == b:
            continue  # told already, with another list of the same group
        group, ids = after[b]
        numeral = group.get("numeral") or before[a][0].get("numeral")
        what = next(e.parent[0] for e in new.values() if e.parent and e.parent[1] == b)
        where = f"{what.lower()} {numeral}" if numeral else what.lower()
        lines.append(f"Đổi tên {where}: {quoted(a)} {ARROW} {quoted(b)} ({len(ids)} mục).")
        before[a][0]["name"] = b
    for entry in old.values():
        if entry.parent is not None and entry.parent[1] in renamed:
            entry.parent = (entry.parent[0], renamed[entry.parent[1]])
    return lines


def _entries_section(
    path: tuple[str, ...], old: dict[str, _Entry], new: dict[str, _Entry], labels: Labels
) -> Section:
    section = Section(label(path, labels))
    section.lines += _rename_groups(old, new)
    for key, entry in new.items():
        if key not in old:
            section.lines.append(f"Thêm {quoted(_entry_name(entry))}.")
    for key, entry in old.items():
        if key not in new:
            section.lines.append(f"Bỏ {quoted(_entry_name(entry))}.")
    for key, after in new.items():
        before = old.get(key)
        if before is None:
            continue
        name = _entry_name(after)
        if _entry_name(before) != name:
            section.lines.append(f"Đổi tên: {quoted(_entry_name(before))} {ARROW} {quoted(name)}.")
        if before.parent and after.parent and before.parent[1] != after.parent[1]:
            section.lines.append(
                f"{quoted(name)}: {after.parent[0]}: {before.parent[1]} {ARROW} {after.parent[1]}."
            )
        fields = [k for k in after.item if k not in IGNORED and k != "name"]
        fields += [k for k in before.item if k not in after.item and k not in IGNORED]
        for field_key in fields:
            a, b = before.item.get(field_key), after.item.get(field_key)
            if a != b:
                section.lines.append(
                    f"{quoted(name)}: {label((*path, field_key), labels)}: "
                    f"{show(a, field_key)} {ARROW} {show(b, field_key)}."
                )
    return section


def article_text(article: Mapping[str, Any]) -> str:
    """An article (heading, text, clauses, points) as one line of text."""
    parts: list[str] = [str(article.get("heading", "")) + str(article.get("lead", ""))]
    if article.get("text"):
        parts.append(str(article["text"]))
    for clause in article.get("clauses", []):
        parts.append(str(clause.get("text", "")))
        parts += [str(p) for p in clause.get("points", [])]
    return " ".join(p for p in parts if p)


def _article_body(text: str) -> str:
    # without "Điều N." so an inserted article does not shift every later one
    head, _, rest = text.partition(".")
    return rest if head.startswith("Điều ") else text


def _article_number(text: str) -> str:
    return text.partition(".")[0]


def _articles_section(old: list[Any], new: list[Any], labels: Labels) -> Section:
    section = Section(label(("articles",), labels))
    a = [article_text(x) for x in old if isinstance(x, dict)]
    b = [article_text(x) for x in new if isinstance(x, dict)]
    matcher = difflib.SequenceMatcher(
        None, [_article_body(t) for t in a], [_article_body(t) for t in b]
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            before, after = shorten_pair(_article_body(a[i1 + k]), _article_body(b[j1 + k]))
            section.lines.append(
                f"{_article_number(b[j1 + k])}: {quoted(before.strip())} {ARROW} "
                f"{quoted(after.strip())}."
            )
        for k in range(i1 + pairs, i2):
            section.lines.append(f"Bỏ {_article_number(a[k])} cũ: {quoted(shorten(a[k]))}.")
        for k in range(j1 + pairs, j2):
            section.lines.append(f"Thêm {_article_number(b[k])}: {quoted(shorten(b[k]))}.")
    return section


def _item_label(path: tuple[str, ...], item: Any, index: int, labels: Labels) -> str:
    if isinstance(item, dict):
        for key in ("numeral", "number"):
            if key in item:
                return f"{label(path, labels)} {item[key]}"
    return f"{label(path, labels)} {index + 1}"


def _diff(
    old: Any,
    new: Any,
    path: tuple[str, ...],
    lines: list[str],
    where: str,
    skip: frozenset[tuple[str, ...]],
    labels: Labels,
) -> None:
    """Generic key-by-key comparison; ``where`` prefixes lines inside a list item;
    ``skip`` holds the paths of entry lists (reported on their own, and left
    behind here only when empty)."""
    if old == new:
        return
    key = path[-1] if path else ""
    if key in IGNORED or path in skip:
        return
    prefix = f"{where}: " if where else ""
    if isinstance(old, dict) and isinstance(new, dict):
        for k in [*new, *(k for k in old if k not in new)]:
            _diff(old.get(k), new.get(k), (*path, k), lines, where, skip, labels)
        return
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(v, dict) for v in old + new):
            _diff_dict_list(old, new, path, lines, where, skip, labels)
            return
        if all(not isinstance(v, dict | list) for v in old + new):
            a, b = [show(v, key) for v in old], [show(v, key) for v in new]
            matcher = difflib.SequenceMatcher(None, a, b)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag in ("delete", "replace"):
                    lines += [
                        f"{prefix}{label(path, labels)}: bỏ {quoted(shorten(x))}." for x in a[i1:i2]
                    ]
                if tag in ("insert", "replace"):
                    lines += [
                        f"{prefix}{label(path, labels)}: thêm {quoted(shorten(x))}."
                        for x in b[j1:j2]
                    ]
            return
    lines.append(f"{prefix}{label(path, labels)}: {show(old, key)} {ARROW} {show(new, key)}.")


def _diff_dict_list(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    path: tuple[str, ...],
    lines: list[str],
    where: str,
    skip: frozenset[tuple[str, ...]],
    labels: Labels,
) -> None:
    prefix = f"{where}: " if where else ""
    named = all("name" in v for v in old + new)
    if named:
        before = {str(v["name"]): v for v in old}
        after = {str(v["name"]): v for v in new}
        for name in after:
            if name not in before:
                lines.append(f"{prefix}{label(path, labels)}: thêm {quoted(name)}.")
        for name in before:
            if name not in after:
                lines.append(f"{prefix}{label(path, labels)}: bỏ {quoted(name)}.")
        for name, item in after.items():
            if name in before:
                inner = f"{where + ', ' if where else ''}{label(path, labels)} {quoted(name)}"
                _diff(before[name], item, path, lines, inner, skip, labels)
        return
    for index in range(max(len(old), len(new))):
        a = old[index] if index < len(old) else None
        b = new[index] if index < len(new) else None
        here = _item_label(path, b if b is not None else a, index, labels)
        if a is None:
            lines.append(f"{prefix}thêm {here}.")
        elif b is None:
            lines.append(f"{prefix}bỏ {here}.")
        else:
            _diff(a, b, path, lines, f"{where + ', ' if where else ''}{here}", skip, labels)


def content_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], *, labels: Labels
) -> list[Section]:
    """What changed between two template contexts, as titled sections of lines,
    keys named by ``labels`` (the document kind's changelog names).

    Sections with no lines are left out; an empty result means the content
    is the same.
    """
    old_entries: dict[tuple[str, ...], dict[str, _Entry]] = {}
    new_entries: dict[tuple[str, ...], dict[str, _Entry]] = {}
    old_rest = _extract_entries(dict(old), (), None, old_entries, labels)
    new_rest = _extract_entries(dict(new), (), None, new_entries, labels)
    sections = [
        _entries_section(path, old_entries.get(path, {}), new_entries.get(path, {}), labels)
        for path in [*new_entries, *(p for p in old_entries if p not in new_entries)]
    ]
    sections.append(
        _articles_section(old_rest.pop("articles", []), new_rest.pop("articles", []), labels)
    )
    other = Section("Nội dung khác")
    skip = frozenset(old_entries) | frozenset(new_entries)
    _diff(old_rest, new_rest, (), other.lines, "", skip, labels)
    sections.append(other)
    return [s for s in sections if s.lines]


@dataclass(frozen=True)
class ChangelogHeader:
    """Who and what a changelog is about."""

    document_title: str
    output_name: str
    number: int
    created: str
    previous: int | None = None
    git_commit: str | None = None


def render_changelog(
    header: ChangelogHeader,
    old_context_json: str | None,
    new_context_json: str,
    *,
    other_reasons: list[str] | None = None,
    labels: Labels,
) -> str:
    """The changelog of a version as Markdown (Vietnamese).

    ``old_context_json`` is the previous version's canonical context (None
    for the first version); ``other_reasons`` are changes outside the content
    (a new template, a new renderer) in reviewers' words; ``labels`` are the
    document kind's names for its context keys.
    """
    lines = [
        f"# {header.output_name}: Dự thảo lần {header.number}",
        "",
        header.document_title,
        "",
        f"- Thời điểm tạo: {header.created.replace('T', ' ').removesuffix('+00:00')} (UTC)",
    ]
    if header.git_commit:
        lines.append(f"- Phiên bản nội dung (git): {header.git_commit[:12]}")
    if old_context_json is None or header.previous is None:
        lines += ["", "Dự thảo đầu tiên.", ""]
        return "\n".join(lines)
    lines.append(f"- So với: Dự thảo lần {header.previous}")
    sections = content_changes(
        json.loads(old_context_json), json.loads(new_context_json), labels=labels
    )
    if not sections:
        lines += ["", "Nội dung không thay đổi."]
    for section in sections:
        lines += ["", f"## {section.title}", ""]
        # "… 2023.”." reads badly: a quote that ends a sentence takes no full stop
        lines += [
            f"- {line.removesuffix('.') if line.endswith('”.') else line}" for line in section.lines
        ]
    if other_reasons:
        lines += ["", "## Thay đổi khác", ""]
        lines += [f"- {reason}" for reason in other_reasons]
    lines.append("")
    return "\n".join(lines)
