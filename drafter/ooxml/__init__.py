"""The one place that opens a Word package (DOCX).

- :mod:`~drafter.ooxml.ns`: every namespace, spelled once;
- :mod:`~drafter.ooxml.limits`, :mod:`~drafter.ooxml.package`,
  :mod:`~drafter.ooxml.xml`: the reader, with limits in two modes (trusted:
  our templates and outputs; untrusted: reviewers' returned files), and the
  reproducible writer;
- :mod:`~drafter.ooxml.props`, :mod:`~drafter.ooxml.styles`: formatting
  properties and style resolution;
- :mod:`~drafter.ooxml.blocks`, :mod:`~drafter.ooxml.inline`: paragraphs and
  tables, and the paragraph/run/field event stream;
- :mod:`~drafter.ooxml.tables`: the table grid with merged cells;
- :mod:`~drafter.ooxml.sections`: sections, page setup, headers and footers;
- :mod:`~drafter.ooxml.document`: a document read for rendering.
"""

from __future__ import annotations

from drafter.ooxml.errors import PackageError
from drafter.ooxml.limits import MIB, TRUSTED, UNTRUSTED, Limits, Mode
from drafter.ooxml.package import DOCUMENT_PART, Package, Source, write_package

__all__ = [
    "DOCUMENT_PART",
    "MIB",
    "TRUSTED",
    "UNTRUSTED",
    "Limits",
    "Mode",
    "Package",
    "PackageError",
    "Source",
    "write_package",
]
