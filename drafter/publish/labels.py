"""How the changelog names and shows context keys.

The names themselves belong to each document kind
(``DocumentKind.changelog_labels`` in :mod:`drafter.kinds`): a Board member is
not a database.  A key is looked up by its dotted path without list indices
first (``signature.title``), then by its last part (``update_cycle``); a key
found in neither is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Keys that only number or identify things: a change there is a consequence
#: of another change (an entry added above), not news for a reviewer.
IGNORED: frozenset[str] = frozenset({"id", "stt", "numeral", "draft_marker"})

#: Values from a closed vocabulary, capitalised in table cells but written in
#: lower case inside a changelog sentence ("hàng tháng → hàng quý").
LOWERCASE_VALUES: frozenset[str] = frozenset(
    {"collection_mode", "update_cycle", "update_frequency", "sharing"}
)

#: Units written after an amount, by key.
UNITS: dict[str, str] = {"amount": "đồng", "cost": "đồng"}


def label(path: tuple[str, ...], labels: Mapping[str, str]) -> str:
    """The Vietnamese label of a context key given its path of keys."""
    last = path[-1] if path else ""
    return labels.get(".".join(path)) or labels.get(last, last)
