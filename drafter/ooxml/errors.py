"""The one error a Word package's reader raises."""

from __future__ import annotations


class PackageError(Exception):
    """A Word package that cannot be read safely; ``reason`` says why, in Vietnamese.

    Callers turn it into a :class:`drafter.errors.Problem` naming the file.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
