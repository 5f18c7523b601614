"""Read YAML into plain data while remembering where every value was written.

PyYAML's composer gives nodes with start marks; we build the Python values
ourselves from those nodes so that each value's ``(line, column)`` is kept in
a :class:`SourceMap` keyed by its path (``("databases", 17, "update_cycle")``).
Later stages report a problem at a path and the map turns it into a place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import Problem, Severity

PathKey = tuple[str | int, ...]

#: Content files larger than this are refused before parsing: a 50 MB YAML file
#: is a mistake (a pasted export, a wrong file), and parsing it would take minutes.
MAX_CONTENT_BYTES = 8 * 1024 * 1024

#: Values an alias may expand to, over a whole file.  An alias repeats a value
#: written once (``&anchor`` … ``*anchor``); nested aliases multiply (the
#: "billion laughs"), so their expansion is bounded, not their count.
MAX_ALIAS_VALUES = 10_000
#: How deeply values may nest (content files need a handful of levels).
MAX_DEPTH = 64

try:  # the C loader is an order of magnitude faster on large registries
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


def format_path(path: PathKey) -> str:
    """``("databases", 17, "update_cycle")`` -> ``databases[17].update_cycle``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class SourceMap:
    """Where each value of one YAML file was written (1-based line and column)."""

    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    #: SHA-256 of the bytes read from the file ("" when it was not read): what a
    #: build records as read, so that a save made meanwhile is not taken as seen
    digest: str = ""

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The place of ``path``, or of its nearest written ancestor."""
        table = self.keys if key and path in self.keys else self.values
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self, path: PathKey, message: str, *, severity: Severity = Severity.ERROR, key: bool = False
    ) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.file, line, column, format_path(path), message, severity)


@dataclass
class Loaded:
    """A parsed file: its data (None when unreadable), its source map, its problems."""

    data: Any
    source: SourceMap
    problems: list[Problem]


class _Refused(Exception):
    """The file is refused as a whole (a bound was crossed): one located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Turns a composed node tree into Python values, recording positions.

    The composed tree shares the node of an anchor with each of its aliases,
    so it can hold a cycle (an alias inside its own anchor) or expand to far
    more values than the file holds: both are refused (:class:`_Refused`)
    at the key holding the alias, with the path of the value.
    """

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._seen: set[int] = set()  # nodes built at least once
        self._open: set[int] = set()  # nodes being built (the current branch)
        self._aliased = 0  # values built again through an alias
        self._in_alias = 0  # how many aliases the current branch goes through
        self._alias_at: PathKey = ()  # where the current branch's first alias is used

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _refuse(self, node: yaml.Node, path: PathKey, message: str) -> _Refused:
        # at the nearest key holding the value (where an alias is written), else the node
        probe = path
        while probe and probe not in self.source.keys:
            probe = probe[:-1]
        line, column = self.source.keys.get(probe) or self._mark(node)
        return _Refused(Problem(self.source.file, line, column, format_path(path), message))

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        key = id(node)
        if key in self._open:
            line = node.start_mark.line + 1
            message = f"an alias (*name) refers to its own anchor (&name, line {line})"
            raise self._refuse(node, path, message)
        if len(path) > MAX_DEPTH:
            raise self._refuse(node, path, f"values nest more than {MAX_DEPTH} levels deep")
        alias = key in self._seen
        self._seen.add(key)
        if alias and not self._in_alias:
            self._alias_at = path
        self._in_alias += alias
        if self._in_alias:
            self._aliased += 1
            if self._aliased > MAX_ALIAS_VALUES:
                raise self._refuse(
                    node,
                    self._alias_at,
                    f"aliases (*name) expand to more than {MAX_ALIAS_VALUES:,} values; "
                    "write the values out or use fewer nested aliases",
                )
        self._open.add(key)
        try:
            return self._build(node, path)
        finally:
            self._open.discard(key)
            self._in_alias -= alias

    def _build(self, node: yaml.Node, path: PathKey) -> Any:
        self.source.values[path] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        if node.tag == "tag:yaml.org,2002:merge":  # pragma: no cover - never composed
            return result
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, path, "YAML merge keys (<<) are not supported")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain word")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                first = self.source.keys[child]
                self._problem(
                    key_node, child, f"duplicate key '{key}' (first written at line {first[0]})"
                )
                continue
            self.source.keys[child] = self._mark(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.Node, path: PathKey) -> Any:
        constructor = self._constructor.yaml_constructors.get(node.tag)
        if constructor is None:
            self._problem(node, path, f"unsupported YAML tag {node.tag}")
            return None
        try:
            value = constructor(self._constructor, node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self._problem(node, path, f"'{node.value}' is not a valid date (YYYY-MM-DD)")
            else:
                self._problem(node, path, f"'{node.value}' cannot be read: {exc}")
            return None
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value

    def _problem(self, node: yaml.Node, path: PathKey, message: str) -> None:
        line, column = self._mark(node)
        self.problems.append(Problem(self.source.file, line, column, format_path(path), message))


def _yaml_error(label: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    reason = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        context += f" started at line {context_mark.line + 1}"
    message = f"malformed YAML: {reason}" + (f" ({context})" if context else "")
    if "\t" in reason or "tab" in reason.lower():
        message += "; indent with spaces, not tabs"
    return Problem(label, line, column, "", message)


def load_text(text: str, label: str) -> Loaded:
    """Parse YAML text; ``label`` names the file in problems."""
    source = SourceMap(label)
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(
                Problem(
                    label,
                    number,
                    len(line) - len(stripped) + 1,
                    "",
                    "tab used for indentation; indent with spaces",
                )
            )
    if problems:
        return Loaded(None, source, problems)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return Loaded(None, source, [_yaml_error(label, exc)])
    except RecursionError:  # brackets nested thousands deep, before any value is built
        message = f"values nest more than {MAX_DEPTH} levels deep"
        return Loaded(None, source, [Problem(label, 1, 1, "", message)])
    if node is None:
        return Loaded(None, source, [Problem(label, 1, 1, "", "the file is empty")])
    builder = _Builder(source)
    try:
        data = builder.build(node, ())
    except _Refused as refused:
        return Loaded(None, SourceMap(label), [refused.problem])
    return Loaded(data, source, builder.problems)


def load_file(path: Path, label: str) -> Loaded:
    """Read and parse one YAML file, refusing missing, huge or non-UTF-8 files."""
    source = SourceMap(label)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Loaded(None, source, [Problem(label, 0, 0, "", "file not found")])
    except OSError as exc:
        return Loaded(None, source, [Problem(label, 0, 0, "", f"cannot read: {exc.strerror}")])
    if path.is_dir():
        return Loaded(None, source, [Problem(label, 0, 0, "", "is a folder, not a YAML file")])
    if size > MAX_CONTENT_BYTES:
        return Loaded(
            None,
            source,
            [
                Problem(
                    label,
                    0,
                    0,
                    "",
                    f"file is {size / 1_048_576:.1f} MB; content files are limited to "
                    f"{MAX_CONTENT_BYTES // 1_048_576} MB (is this the right file?)",
                )
            ],
        )
    raw = path.read_bytes()
    source.digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Loaded(
            None, source, [Problem(label, line, 0, "", "not UTF-8 text; save the file as UTF-8")]
        )
    if not text.strip():
        return Loaded(None, source, [Problem(label, 1, 1, "", "the file is empty")])
    loaded = load_text(text, label)
    loaded.source.digest = source.digest
    return loaded
