"""How much a Word package may weigh, in the two modes the reader knows.

*Untrusted* is for files from outside (reviewers' returned drafts): small
limits, every part held to a compression ratio, and the XML's depth checked
explicitly.  *Trusted* is for our own templates and outputs: a 10,000-row
table unpacks to hundreds of megabytes of very repetitive XML, so there is no
ratio limit and the caps are wide, but a package is still never unpacked
without bound, and duplicate entries, DOCTYPEs and escaping names are refused
in both modes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MIB = 1024 * 1024

Mode = Literal["trusted", "untrusted"]


@dataclass(frozen=True)
class Limits:
    """The limits a package is opened under.

    ``max_file_bytes``: the packed file (None: no limit).
    ``max_total_uncompressed``: all parts together, declared and as read.
    ``max_ratio``: unpacked over packed size of a part bigger than
    :data:`RATIO_FLOOR` (None: no limit).
    ``max_entries``: entries in the zip directory.
    ``max_entry_bytes``: one part unpacked (None: ``max_total_uncompressed``).
    ``max_depth``: levels of elements in an XML part (the root is level 1),
    checked on the parsed tree
    (None: the XML parser's own cap of 256 levels still holds).
    """

    max_file_bytes: int | None = 50 * MIB
    max_total_uncompressed: int = 200 * MIB
    max_ratio: float | None = 100
    max_entries: int = 2000
    max_entry_bytes: int | None = None
    max_depth: int | None = 200

    @property
    def entry_bytes(self) -> int:
        """The cap on one part's unpacked size."""
        if self.max_entry_bytes is None:
            return self.max_total_uncompressed
        return min(self.max_entry_bytes, self.max_total_uncompressed)


#: Files from outside: what :mod:`drafter.review` opens.
UNTRUSTED = Limits()

#: Our templates and our own outputs (the DOCX → HTML step, the redline).
TRUSTED = Limits(
    max_file_bytes=None,
    max_total_uncompressed=512 * MIB,
    max_ratio=None,
    max_entries=5000,
    max_entry_bytes=256 * MIB,
    max_depth=None,
)

#: Entries smaller than this are not held to the compression-ratio limit: a
#: short run of repeated characters (an empty settings part, say) compresses
#: far beyond any sane ratio yet can do no harm.
RATIO_FLOOR = 1 * MIB


def limits_for(mode: Mode) -> Limits:
    """The default limits of ``mode``."""
    return TRUSTED if mode == "trusted" else UNTRUSTED


def mib(size: float) -> str:
    """A size for a message: ``12 MiB`` or ``300 byte``."""
    return f"{size / MIB:.0f} MiB" if size >= MIB else f"{size:.0f} byte"
