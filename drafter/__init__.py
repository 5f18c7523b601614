"""drafter: YAML content -> Decree 30 Word documents -> PDF made from them -> numbered drafts."""

from __future__ import annotations

__version__ = "0.1.0"
