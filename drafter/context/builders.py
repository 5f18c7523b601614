"""Which context builder makes each document kind's template context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.content.models import Model
from drafter.content.refs import Registries
from drafter.context.board import board_decision_context
from drafter.context.decisions import database_list_context, open_data_list_context
from drafter.context.progress import progress_report_context
from drafter.context.project_doc import project_context
from drafter.context.synthesis import synthesis_context

Builder = Callable[..., dict[str, Any]]

BUILDERS: dict[str, Builder] = {
    "database_list_decision": database_list_context,
    "open_data_list_decision": open_data_list_context,
    "progress_report": progress_report_context,
    "board_decision": board_decision_context,
    "comment_synthesis": synthesis_context,
    "project": project_context,
}


def build_context(
    kind: str, content: Model, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """The template context of one document (plain dicts, lists and strings)."""
    builder = BUILDERS[kind]
    return builder(content, reg, draft_marker=draft_marker)
