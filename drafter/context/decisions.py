"""Context of the two list Decisions: the database list and the open data list."""

from __future__ import annotations

from typing import Any

from drafter.content.models import DatabaseEntry, DecisionContent, OpenDataset
from drafter.content.refs import Registries
from drafter.context.common import articles_context, attached_line, cite, header_context
from drafter.vietnamese import period, roman


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def decision_context(
    content: DecisionContent, reg: Registries, values: dict[str, object], *, draft_marker: str
) -> dict[str, Any]:
    context = header_context(content, reg, draft_marker=draft_marker)
    context.update(
        {
            "competence": content.competence,
            "legal_bases": [f"Căn cứ {cite(reg.legal_documents[i])}" for i in content.legal_bases],
            "proposal": content.proposal,
            "articles": articles_context(content.articles, values),
            "appendix": {
                "label": "Phụ lục",
                "title": (content.appendix.title if content.appendix else content.title).upper(),
                "attached": attached_line(content, reg, "Quyết định"),
            },
        }
    )
    return context


def _phase_label(reg: Registries, phase_id: str) -> str:
    phase = reg.phase_by_id[phase_id]
    return period(phase.start, phase.end).removeprefix("giai đoạn ")


def database_row(number: int, db: DatabaseEntry, reg: Registries) -> dict[str, str]:
    return {
        "id": db.id,  # not shown: lets the changelog match entries across versions
        "stt": str(number),
        "name": db.name,
        "unit": reg.units[db.managing_unit].name,
        "data_source": db.data_source,
        "collection_mode": _capital(db.collection_mode),
        "mechanism": db.mechanism,
        "update_cycle": _capital(db.update_cycle),
        "sharing": "; ".join(_capital(s) for s in db.sharing),
        "priority": str(db.priority),
        "phase": _phase_label(reg, db.phase),
    }


def database_list_context(
    content: DecisionContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    """The database list Decision: entries grouped by sector in registry order,
    numbered 1..N across groups, groups numbered I, II, …
    """
    by_sector: dict[str, list[DatabaseEntry]] = {s.id: [] for s in reg.databases.sectors}
    for db in reg.databases.databases:
        by_sector[db.sector].append(db)
    groups = []
    number = 0
    for g, sector in enumerate(reg.databases.sectors, start=1):
        rows = []
        for db in by_sector[sector.id]:
            number += 1
            rows.append(database_row(number, db, reg))
        groups.append({"numeral": roman(g), "name": sector.name, "rows": rows})
    values: dict[str, object] = {"so_luong": f"{number:02d}", "so_nhom": f"{len(groups):02d}"}
    context = decision_context(content, reg, values, draft_marker=draft_marker)
    context["groups"] = groups
    context["total"] = number
    return context


def open_data_row(number: int, ds: OpenDataset, reg: Registries) -> dict[str, str]:
    return {
        "id": ds.id,  # not shown: lets the changelog match entries across versions
        "stt": str(number),
        "name": ds.name,
        "description": ds.description,
        "unit": reg.units[ds.publishing_unit].name,
        "fields": "; ".join(ds.fields),
        "formats": ", ".join(ds.formats),
        "licence": ds.licence,
        "update_frequency": _capital(ds.update_frequency),
        "phase": _phase_label(reg, ds.phase),
        "source": reg.database_by_id[ds.source_database].name,
    }


def open_data_list_context(
    content: DecisionContent, reg: Registries, *, draft_marker: str
) -> dict[str, Any]:
    rows = [open_data_row(n, ds, reg) for n, ds in enumerate(reg.open_data.open_datasets, start=1)]
    values: dict[str, object] = {"so_luong": f"{len(rows):02d}"}
    context = decision_context(content, reg, values, draft_marker=draft_marker)
    context["rows"] = rows
    context["total"] = len(rows)
    return context
