"""Read YAML into plain data while remembering where every value was written.

PyYAML's composer gives nodes with start marks; we build the Python values
ourselves from those nodes so that each value's ``(line, column)`` is kept in
a :class:`SourceMap` keyed by its path (``("databases", 17, "update_cycle")``).
Later stages report a problem at a path and the map turns it into a place.
"""

from __future__ import annotations

import datetime as dt
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


class _Builder:
    """Turns a composed node tree into Python values, recording positions."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: PathKey) -> Any:
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
    if node is None:
        return Loaded(None, source, [Problem(label, 1, 1, "", "the file is empty")])
    builder = _Builder(source)
    data = builder.build(node, ())
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Loaded(
            None, source, [Problem(label, line, 0, "", "not UTF-8 text; save the file as UTF-8")]
        )
    if not text.strip():
        return Loaded(None, source, [Problem(label, 1, 1, "", "the file is empty")])
    return load_text(text, label)
