"""Charts reused when their data did not change.

Drawing a chart costs matplotlib's import (about half a second the first
time in a process) and a few hundred milliseconds a chart, paid whenever a
document's context is built: on every rebuild under ``drafter watch`` and in
every build after a shared input (a registry) changed.  A chart is a pure
function of its arguments (drawing is deterministic, see
:mod:`drafter.context.charts`), so :func:`cached_chart` keeps what it drew,
keyed by:

- the function and its arguments, as plain values (dates, enums,
  dataclasses, sequences and mappings of them);
- what else decides the pixels: the source of the function's module, of
  ``charts.py`` and ``vietnamese.py`` (number formatting), the current values
  of those modules' upper-case constants (colours, dpi, style version),
  matplotlib's version, and the font files' sizes and times.

Two levels: this process's memory (the last :data:`MEMORY_ENTRIES` charts),
and, once :func:`use_directory` names one (a build does:
``output/.drafter/cache/charts``), files that later processes read.  Charts
drawn meanwhile are written there only by :func:`flush`, which a build calls
once it has succeeded (a failed build leaves output/ as it was).  A file is
the PNG and a JSON of the picture's other fields, written to a temporary
name and renamed; one that does not read back whole is drawn again.  Nothing
is unpickled.  Arguments that are not plain values are not cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

#: Charts kept in memory (a few per document).
MEMORY_ENTRIES = 32
#: Chart files kept on disk; the least recently written go first.
DISK_ENTRIES = 64
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PACKAGE = Path(__file__).resolve().parents[1]

_memory: OrderedDict[str, Any] = OrderedDict()
_directory: Path | None = None
#: Charts drawn since the last flush, to be written under _directory.
_pending: dict[str, Any] = {}
#: Times each chart function really drew (tests and the bench read it).
draws: dict[str, int] = {}


def use_directory(path: Path | None) -> None:
    """Read charts from files under ``path``, and write new ones there on
    :func:`flush` (None: in memory only)."""
    global _directory
    if path != _directory:
        _pending.clear()
    _directory = path


def flush() -> None:
    """Write the charts drawn since the last flush under the directory (best effort)."""
    for key, picture in list(_pending.items()):
        _store(key, picture)
    _pending.clear()


def clear_memory() -> None:
    """Forget the charts kept in memory (files stay)."""
    _memory.clear()


class _NotPlain(Exception):
    pass


def _plain(value: Any) -> Any:
    """``value`` as JSON-able plain values, or :class:`_NotPlain`."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return [type(value).__name__, _plain(value.value)]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return [type(value).__name__, fields]
    if isinstance(value, Mapping):
        return sorted([json.dumps(_plain(k)), _plain(v)] for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise _NotPlain(type(value).__name__)


@functools.cache
def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


@functools.cache
def _environment(module_file: str) -> list[Any]:
    """What decides a chart's pixels besides its arguments."""
    from importlib.metadata import PackageNotFoundError, version

    from drafter.context.charts import BOLD_FONT_FILE, FONT_FILE

    try:
        matplotlib = version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        matplotlib = "?"
    sources = [Path(module_file), _PACKAGE / "context" / "charts.py", _PACKAGE / "vietnamese.py"]
    fonts = []
    for font in (FONT_FILE, BOLD_FONT_FILE):
        try:
            stat = font.stat()
            fonts.append([str(font), stat.st_size, stat.st_mtime_ns])
        except OSError:
            fonts.append([str(font), None, None])
    return [matplotlib, [_file_hash(p) for p in sources], fonts]


def chart_key(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """The cache key of ``fn(*args, **kwargs)``; None when an argument is not plain."""
    try:
        call = [_plain(list(args)), _plain(dict(sorted(kwargs.items())))]
    except _NotPlain:
        return None
    module = getattr(sys.modules.get(fn.__module__), "__file__", None) or ""
    constants = []
    for name in (fn.__module__, "drafter.context.charts"):
        namespace = vars(sys.modules[name]) if name in sys.modules else {}
        for key, value in sorted(namespace.items()):
            if key.isupper():
                try:
                    constants.append([name, key, _plain(value)])
                except _NotPlain:
                    continue
    text = json.dumps(
        [fn.__module__, fn.__qualname__, call, constants, _environment(module)],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _remember(key: str, picture: Any) -> None:
    _memory[key] = picture
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.popitem(last=False)


def _load(key: str, kind: type) -> Any | None:
    """The picture stored under ``key``, or None (absent, unreadable, or of an
    older shape)."""
    if _directory is None:
        return None
    try:
        png = (_directory / f"{key}.png").read_bytes()
        fields = json.loads((_directory / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = {f.name for f in dataclasses.fields(kind)}
    if not png.startswith(_PNG_SIGNATURE) or not isinstance(fields, dict):
        return None
    if set(fields) | {"png"} != names:
        return None
    try:
        return kind(png=png, **fields)
    except TypeError:
        return None


def _store(key: str, picture: Any) -> None:
    """Write the picture's PNG and other fields under ``key`` (best effort)."""
    if _directory is None or not dataclasses.is_dataclass(picture):
        return
    fields = {f.name: getattr(picture, f.name) for f in dataclasses.fields(picture)}
    png = fields.pop("png", None)
    if not isinstance(png, bytes):
        return
    try:
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        if json.loads(text) != fields:  # e.g. tuples, which would come back as lists
            return
        _directory.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".png", png), (".json", text.encode())):
            handle, temporary = tempfile.mkstemp(dir=_directory, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, _directory / f"{key}{suffix}")
        _prune(_directory)
    except (OSError, TypeError, ValueError):
        return


def _prune(directory: Path) -> None:
    charts = sorted(directory.glob("*.png"), key=lambda p: p.stat().st_mtime_ns)
    for old in charts[: max(0, len(charts) - DISK_ENTRIES)]:
        old.unlink(missing_ok=True)
        old.with_suffix(".json").unlink(missing_ok=True)


def cached_chart(fn: F) -> F:
    """Decorate a chart function (returning a :class:`~drafter.context.charts.Picture`)
    so that a call with the same data gives back what was drawn before."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = chart_key(fn, args, kwargs)
        if key is None:
            return fn(*args, **kwargs)
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
        from drafter.context.charts import Picture

        picture = _load(key, Picture)
        if picture is None:
            picture = fn(*args, **kwargs)
            draws[fn.__qualname__] = draws.get(fn.__qualname__, 0) + 1
            if _directory is not None:
                _pending[key] = picture
        _remember(key, picture)
        return picture

    return cast(F, wrapper)
