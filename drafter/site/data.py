"""What the reviewers' site shows, gathered from what publishing left behind:
the version registry (drafts, dates, files, changelogs), the feedback
registers (``feedback/<document>.yaml``) and the published files on disk.
Never the templates or the renderer.

Everything here is plain data for the page templates; nothing is written.
Dates are shown in Vietnam's time (UTC+7, no daylight saving), so the same
registry always gives the same pages.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.content.feedback_models import FeedbackEntry
from drafter.content.models import ReviewState
from drafter.errors import DrafterError, Problem, Severity
from drafter.site.changelog_view import ChangelogView, parse_changelog
from drafter.site.paths import registry_folder
from drafter.vietnamese import format_number

if TYPE_CHECKING:
    from drafter.content.refs import Registries
    from drafter.project import Document, Project
    from drafter.publish.registry import Registry, VersionRecord

#: Vietnam's time zone: the drafts' dates are shown as the team lives them.
VIETNAM = dt.timezone(dt.timedelta(hours=7))

#: The team's answers, and the state of a comment not answered yet, in the
#: order the site lists them; each with the key the filter uses.
OPEN_RESPONSE = "chưa xử lý"
RESPONSES: tuple[tuple[str, str], ...] = (
    ("tiếp thu", "tiep-thu"),
    ("tiếp thu một phần", "tiep-thu-mot-phan"),
    ("giải trình", "giai-trinh"),
    (OPEN_RESPONSE, "chua-xu-ly"),
)
RESPONSE_KEYS = dict(RESPONSES)

#: The filter key of comments whose unit is not known yet.
NO_UNIT = "chua-ro-don-vi"
NO_UNIT_NAME = "Chưa xác định đơn vị"

KIND_LABELS = {"comment": "Ý kiến", "insertion": "Đề nghị thêm", "deletion": "Đề nghị bỏ"}

#: The site's pages and files, relative to the site's root.
HOME = "index.html"


def document_page(doc_id: str) -> str:
    return f"{doc_id}/index.html"


def draft_folder(doc_id: str, number: int) -> str:
    return f"{doc_id}/du-thao-{number:02d}"


def changelog_page(doc_id: str, number: int) -> str:
    return f"{draft_folder(doc_id, number)}/thay-doi.html"


def comments_page(doc_id: str, number: int | None) -> str:
    if number is None:
        return f"{doc_id}/gop-y-chua-ro-du-thao.html"
    return f"{draft_folder(doc_id, number)}/gop-y.html"


def thumbnail_file(doc_id: str, number: int) -> str:
    return f"{draft_folder(doc_id, number)}/trang-1.png"


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class FileLink:
    """A published file of a draft: where it is (from the output folder) and what it is."""

    role: str
    label: str
    href: str
    size: str


@dataclass(frozen=True)
class Tally:
    """Comments received and still open."""

    received: int = 0
    open: int = 0


@dataclass(frozen=True)
class DraftView:
    number: int
    #: "Dự thảo lần N"
    name: str
    created: dt.datetime
    summary: str
    changelog: ChangelogView
    files: tuple[FileLink, ...]
    changelog_page: str
    #: the PNG of the PDF's first page (site-relative), when the PDF is there
    thumbnail: str | None
    #: the PDF to draw it from, and its registered hash
    pdf: Path | None
    pdf_sha256: str | None
    comments: Tally
    comments_page: str | None

    @property
    def date_text(self) -> str:
        return self.created.strftime("%d/%m/%Y")

    @property
    def iso(self) -> str:
        return self.created.isoformat()

    def file(self, role: str) -> FileLink | None:
        return next((f for f in self.files if f.role == role), None)


@dataclass(frozen=True)
class CommentView:
    id: str
    unit_key: str
    unit_name: str
    author: str
    when_text: str
    when_iso: str
    kind: str
    location: str
    anchor: str
    text: str
    response: str
    response_key: str
    explanation: str


@dataclass(frozen=True)
class UnitTally:
    """One unit's comments on one draft, by response (in :data:`RESPONSES` order)."""

    key: str
    name: str
    total: int
    by_response: tuple[int, ...]


@dataclass(frozen=True)
class CommentsView:
    """The comments on one draft of one document (``number`` None: draft unknown)."""

    number: int | None
    page: str
    comments: tuple[CommentView, ...]
    units: tuple[UnitTally, ...]
    totals: tuple[int, ...]

    @property
    def heading(self) -> str:
        if self.number is None:
            return "Ý kiến góp ý chưa rõ về dự thảo nào"
        return f"Ý kiến góp ý về dự thảo lần {self.number}"

    @property
    def tally(self) -> Tally:
        return Tally(len(self.comments), self.totals[-1])


@dataclass(frozen=True)
class DocumentView:
    id: str
    title: str
    kind: str
    status: str
    status_key: str
    #: newest first
    drafts: tuple[DraftView, ...]
    #: newest draft first, comments with no known draft last
    comments: tuple[CommentsView, ...]
    page: str

    @property
    def latest(self) -> DraftView | None:
        return self.drafts[0] if self.drafts else None

    @property
    def tally(self) -> Tally:
        return Tally(
            sum(c.tally.received for c in self.comments),
            sum(c.tally.open for c in self.comments),
        )


@dataclass(frozen=True)
class SiteView:
    title: str
    documents: tuple[DocumentView, ...]


# --------------------------------------------------------------------------- gathering


def file_size(size: int) -> str:
    """A file size as a reader reads it: "850 byte", "45 KB", "1,2 MB"."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{format_number(round(size / 1024))} KB"
    return f"{format_number(Decimal(size) / (1024 * 1024), 1)} MB"


def _when(value: dt.datetime | dt.date | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M"), value.isoformat()
    return value.strftime("%d/%m/%Y"), value.isoformat()


def status_of(review: ReviewState | None, tally: Tally) -> tuple[str, str]:
    """The document's status as shown (and a key for its style).

    The team states it in drafter.yaml (``review:``); without that, a
    document is in drafting until comments arrive, then they are being
    synthesised.
    """
    if review is None:
        if tally.received:
            return "Đang tổng hợp ý kiến", "tong-hop"
        return "Đang soạn thảo", "soan-thao"
    if review.stage == "lấy ý kiến":
        until = review.comments_until
        text = "Đang lấy ý kiến" + (f" đến hết ngày {until:%d/%m/%Y}" if until else "")
        return text, "lay-y-kien"
    if review.stage == "tổng hợp ý kiến":
        return "Đang tổng hợp ý kiến", "tong-hop"
    if review.stage == "đã trình":
        on = review.submitted_on
        return "Đã trình" + (f" ngày {on:%d/%m/%Y}" if on else ""), "da-trinh"
    return "Đang soạn thảo", "soan-thao"


def display_title(title: str, kind_label: str) -> str:
    """The document's name as a reader says it: the kind's type word(s) and
    the summary line ("Quyết định ban hành Danh mục …", "Đề án Tăng cường …",
    "Bảng tổng hợp, … đối với dự thảo …").

    The summary line usually repeats the kind's name after its type words
    (kind "Quyết định ban hành Danh mục …", title "Ban hành Danh mục … của
    Ủy ban Dân tộc"): then only the type words are put before it.
    """
    if not title or not kind_label:
        return title or kind_label
    words, opening = kind_label.lower().split(), title.lower().split()[:3]
    for i in range(1, len(words)):
        if words[i : i + len(opening)] == opening[: len(words) - i]:
            return " ".join(kind_label.split()[:i]) + " " + title[:1].lower() + title[1:]
    return f"{kind_label} {title}"


_FILE_LABELS = {
    "docx": "Bản Word (DOCX)",
    "pdf": "Bản PDF",
    "redline": "Bản so sánh với dự thảo trước (DOCX, theo dõi thay đổi)",
    "changelog": "Nhật ký thay đổi (Markdown)",
}
_FILE_ORDER = ("pdf", "docx", "redline", "changelog")


def _files(output: Path, doc_id: str, version: VersionRecord) -> tuple[FileLink, ...]:
    links = []
    for role in _FILE_ORDER:
        record = version.files.get(role)
        if record is None or not (output / doc_id / record.name).is_file():
            continue
        links.append(
            FileLink(role, _FILE_LABELS[role], f"{doc_id}/{record.name}", file_size(record.size))
        )
    return tuple(links)


def comment_view(entry: FeedbackEntry, reg: Registries) -> CommentView:
    unit = reg.units.get(entry.unit) if entry.unit else None
    response = entry.response or OPEN_RESPONSE
    when_text, when_iso = _when(entry.date)
    return CommentView(
        id=entry.id,
        unit_key=entry.unit or NO_UNIT,
        unit_name=unit.name if unit else (entry.unit or NO_UNIT_NAME),
        author=entry.author,
        when_text=when_text,
        when_iso=when_iso,
        kind=KIND_LABELS.get(entry.kind, entry.kind),
        location=entry.location or "",
        anchor=entry.anchor or "",
        text=entry.text,
        response=response,
        response_key=RESPONSE_KEYS[response],
        explanation=entry.explanation or "",
    )


def comments_view(
    doc_id: str, number: int | None, comments: list[CommentView], reg: Registries
) -> CommentsView:
    """The comments on one draft, with their counts per unit (units in the
    organisation registry's order, an unknown unit last)."""
    order = {unit_id: i for i, unit_id in enumerate(reg.units)}
    keys = sorted(
        {c.unit_key: c.unit_name for c in comments}.items(),
        key=lambda item: (order.get(item[0], len(order)), item[0]),
    )
    units = []
    for key, name in keys:
        mine = [c for c in comments if c.unit_key == key]
        counts = tuple(sum(1 for c in mine if c.response_key == k) for _, k in RESPONSES)
        units.append(UnitTally(key, name, len(mine), counts))
    totals = tuple(sum(1 for c in comments if c.response_key == k) for _, k in RESPONSES)
    return CommentsView(
        number, comments_page(doc_id, number), tuple(comments), tuple(units), totals
    )


def group_comments(
    doc_id: str, entries: list[FeedbackEntry], reg: Registries
) -> dict[int | None, CommentsView]:
    """The register's comments by the draft they were made on (register order kept)."""
    by_draft: dict[int | None, list[CommentView]] = {}
    for entry in entries:
        by_draft.setdefault(entry.version, []).append(comment_view(entry, reg))
    return {n: comments_view(doc_id, n, found, reg) for n, found in by_draft.items()}


def draft_view(
    output: Path,
    doc_id: str,
    version: VersionRecord,
    changelog: str,
    comments: CommentsView | None,
    *,
    thumbnails: bool,
) -> DraftView:
    files = _files(output, doc_id, version)
    pdf = next((f for f in files if f.role == "pdf"), None)
    view = parse_changelog(changelog)
    return DraftView(
        number=version.number,
        name=f"Dự thảo lần {version.number}",
        created=dt.datetime.fromisoformat(version.created).astimezone(VIETNAM),
        summary=view.summary(),
        changelog=view,
        files=files,
        changelog_page=changelog_page(doc_id, version.number),
        thumbnail=thumbnail_file(doc_id, version.number) if pdf and thumbnails else None,
        pdf=output / pdf.href if pdf else None,
        pdf_sha256=version.files["pdf"].sha256 if pdf else None,
        comments=comments.tally if comments else Tally(),
        comments_page=comments.page if comments else None,
    )


def _published_title(registry: Registry, doc_id: str, number: int) -> str | None:
    """The title as the latest draft printed it (the registry's context snapshot)."""
    raw = registry.context_json(doc_id, number)
    try:
        title = json.loads(raw).get("title") if raw else None
    except (ValueError, AttributeError):
        return None
    return title if isinstance(title, str) and title else None


def read_feedback(project: Project, doc: Document) -> tuple[list[FeedbackEntry], list[Problem]]:
    """The entries of a document's feedback register (none if it has none).

    A register that cannot be read is reported as a warning: the drafts are
    published by then, and the site shows the document without comments.
    """
    from drafter.review.register import read_register, register_path

    path = register_path(project.root, doc.spec.id)
    try:
        register = read_register(path, doc.spec.id, project.registries)
    except DrafterError as exc:
        warned = [
            Problem(p.file, p.line, p.column, p.path, p.message, Severity.WARNING)
            for p in exc.problems
        ]
        note = Problem(
            warned[0].file if warned else path.name,
            message="the review site shows this document without its comments",
            severity=Severity.WARNING,
        )
        return [], [*warned, note]
    return list(register.entries), []


def document_view(
    project: Project,
    doc: Document,
    registry: Registry | None,
    output: Path,
    entries: list[FeedbackEntry],
    *,
    thumbnails: bool = True,
) -> DocumentView:
    doc_id = doc.spec.id
    comments = group_comments(doc_id, entries, project.registries)
    versions = registry.versions(doc_id) if registry else []
    drafts = tuple(
        draft_view(
            output,
            doc_id,
            version,
            registry.changelog(doc_id, version.number) if registry else "",
            comments.get(version.number),
            thumbnails=thumbnails,
        )
        for version in reversed(versions)
    )
    title = None
    if registry and versions:
        title = _published_title(registry, doc_id, versions[-1].number)
    title = title or str(getattr(doc.content, "title", "") or doc_id)
    numbered = sorted((n for n in comments if n is not None), reverse=True)
    ordered = [comments[n] for n in numbered] + ([comments[None]] if None in comments else [])
    tally = Tally(sum(c.tally.received for c in ordered), sum(c.tally.open for c in ordered))
    status, status_key = status_of(doc.spec.review, tally)
    return DocumentView(
        id=doc_id,
        title=display_title(title, doc.kind.label),
        kind=doc.kind.label,
        status=status,
        status_key=status_key,
        drafts=drafts,
        comments=tuple(ordered),
        page=document_page(doc_id),
    )


def site_view(
    project: Project, output: Path, *, thumbnails: bool = True
) -> tuple[SiteView, list[Problem]]:
    """Everything the site shows, and the warnings met while gathering it."""
    from drafter.publish.registry import read_registry

    problems: list[Problem] = []
    documents = []
    with read_registry(registry_folder(project.root)) as registry:
        for doc in project.documents:
            entries, found = read_feedback(project, doc)
            problems += found
            documents.append(
                document_view(project, doc, registry, output, entries, thumbnails=thumbnails)
            )
    return SiteView(project.file.project.title, tuple(documents)), problems
