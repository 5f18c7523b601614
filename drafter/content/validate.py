"""Turn raw YAML data into typed models, translating every pydantic error into
a located, readable :class:`~drafter.errors.Problem`.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from drafter.content.load import PathKey, SourceMap
from drafter.errors import Problem

M = TypeVar("M", bound=BaseModel)

_PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9-]*$": (
        "is not a valid id (lower-case letters, digits and '-', e.g. csdl-dan-toc)"
    ),
    "^[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$": (
        "is not a valid symbol (parts starting upper-case joined by '-', no spaces, "
        "e.g. QĐ-UBDT, TTr-UBDT)"
    ),
    "^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$": (
        "must be a plain file name (letters, digits, '-' and '_'), with no folder or '..'"
    ),
    "^[a-z][a-z0-9_]*$": "is not a valid kind name (lower-case letters, digits and '_')",
}

_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "date_type": "a date (YYYY-MM-DD)",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "float_type": "a number",
    "decimal_type": "a number",
    "int_from_float": "a whole number",
}


def _listing(values: tuple[Any, ...]) -> str:
    return ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in values)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 60 else f"'{value[:57]}...'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated/list wrappers down to a model or a Literal."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif (
            origin is not None and getattr(origin, "__name__", "") == "Annotated"
        ) or origin is list:
            annotation = get_args(annotation)[0]
        elif hasattr(annotation, "__metadata__"):
            annotation = annotation.__origin__
        else:
            return annotation


def _field_annotation(model: type[BaseModel], path: PathKey) -> Any:
    """The annotation at ``path`` below ``model`` (None when unknown)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        current = _unwrap(current)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    return current


def _allowed_values(annotation: Any) -> tuple[Any, ...]:
    inner = _unwrap(annotation)
    return get_args(inner) if get_origin(inner) is Literal else ()


def _data_path(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """Keep the parts of a pydantic ``loc`` that index into the data."""
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and isinstance(part, str):
            if part in current:
                current = current[part]
                path.append(part)
            elif i == len(loc) - 1 or not any(
                p in current for p in loc[i + 1 :] if isinstance(p, str)
            ):
                path.append(part)
                current = None
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
    return tuple(path)


def _message(model: type[BaseModel], path: PathKey, error: Any) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        values = _allowed_values(_field_annotation(model, path))
        listed = f" (one of: {_listing(values)})" if values else ""
        return f"missing{listed}"
    if kind == "extra_forbidden":
        parent = _unwrap(_field_annotation(model, path[:-1])) if len(path) > 1 else model
        known: list[str] = []
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            known = list(parent.model_fields)
        hint = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        suggestion = (
            f"; did you mean '{hint[0]}'?"
            if hint
            else (f"; allowed keys: {', '.join(known)}" if known else "")
        )
        return f"unknown key '{path[-1]}'{suggestion}"
    if kind == "literal_error":
        values = _allowed_values(_field_annotation(model, path))
        expected = _listing(values) if values else ctx.get("expected", "")
        return f"{_describe(value)} is not allowed (one of: {expected})"
    if kind == "string_pattern_mismatch":
        pattern_hint = _PATTERN_HINTS.get(
            str(ctx.get("pattern")), f"does not match {ctx.get('pattern')}"
        )
        return f"{_describe(value)} {pattern_hint}"
    if kind in _TYPE_NAMES and value is None:
        return f"is empty; expected {_TYPE_NAMES[kind]}"
    if kind in _TYPE_NAMES:
        extra = (
            " (put it in quotes to make it text)"
            if kind == "string_type" and not isinstance(value, (dict, list)) and value is not None
            else ""
        )
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}{extra}"
    if kind == "too_short" and isinstance(value, list):
        return f"must have at least {ctx.get('min_length', 1)} item(s)"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def validate(model: type[M], data: Any, source: SourceMap) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` (from ``source``) against ``model``.

    Returns the model instance (None if invalid) and every problem found.
    """
    if data is None:
        return None, []
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = _data_path(data, error["loc"])
            message = _message(model, path, error)
            problems.append(source.problem(path, message, key=error["type"] == "extra_forbidden"))
        return None, problems
