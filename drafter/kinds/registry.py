"""Finding the document kinds: drafter's own and a project's.

drafter's own kinds are the modules of this package that export a
:class:`~drafter.kinds.base.DocumentKind` as ``KIND``; they are discovered,
not listed.  A project adds kinds without touching drafter: a module in a
``kinds/`` folder beside drafter.yaml, or one named under ``kinds:`` in
drafter.yaml, exporting ``KIND`` the same way.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from drafter.kinds.base import DocumentKind

#: the folder beside drafter.yaml whose modules are the project's own kinds
KIND_FOLDER = "kinds"
#: the name each kind module exports its kind under
EXPORT = "KIND"
#: the prefix of the module names project kind modules are imported under
_PROJECT_PREFIX = "drafter_project_kind_"


@functools.cache
def builtin_kinds() -> tuple[DocumentKind[Any], ...]:
    """Every kind module of :mod:`drafter.kinds`, in module name order."""
    import drafter.kinds as package

    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        kind = getattr(module, EXPORT, None)
        if isinstance(kind, DocumentKind):
            found.append(kind)
    return tuple(found)


class KindRegistry:
    """The kinds a project may use, by name."""

    def __init__(self, kinds: Iterable[DocumentKind[Any]] = ()) -> None:
        self._kinds: dict[str, DocumentKind[Any]] = {}
        for kind in kinds:
            clash = self.add(kind)
            if clash:
                raise ValueError(clash)

    def add(self, kind: DocumentKind[Any]) -> str | None:
        """Register ``kind``; a message (and no change) if its name is taken."""
        if kind.name in self._kinds:
            return f"a document kind named '{kind.name}' is already defined"
        self._kinds[kind.name] = kind
        return None

    def get(self, name: str) -> DocumentKind[Any] | None:
        return self._kinds.get(name)

    def names(self) -> list[str]:
        return sorted(self._kinds)

    def __iter__(self) -> Iterator[DocumentKind[Any]]:
        return iter(self._kinds.values())


def load_kind_module(path: Path) -> tuple[DocumentKind[Any] | None, str]:
    """Import the kind module at ``path`` and return its ``KIND``.

    A module that fails to import, or exports no kind, is the project's
    mistake: the kind is None and the message says why (with the line of the
    module that failed).
    """
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    name = f"{_PROJECT_PREFIX}{path.stem}_{digest}"
    # Imported afresh on every load, so `drafter watch` sees an edited module.
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None, "not a Python module"
    module = importlib.util.module_from_spec(spec)
    # registered first: dataclasses and pydantic look their module up by name
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the project's code: its mistake, reported, not raised
        del sys.modules[name]
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
        where = f" (line {frames[-1].lineno})" if frames else ""
        return None, f"cannot import the kind module{where}: {type(exc).__name__}: {exc}"
    kind = getattr(module, EXPORT, None)
    if not isinstance(kind, DocumentKind):
        return None, f"a kind module must export a DocumentKind as {EXPORT}"
    return kind, ""
