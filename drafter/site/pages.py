"""The site's pages, rendered from :mod:`drafter.site.data` with the Jinja
templates shipped in this package (autoescaped: a title holding ``<``,
``&`` or quotes shows exactly that).

Every link is relative, so the site opens from disk (``file://``) as well as
from any web server serving the output folder.  Pages hold nothing that
changes between two builds of the same drafts (no build time), and a page
of one document shows nothing of another, so a change to one document
rewrites only its pages and the home page.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from drafter.site.data import HOME, RESPONSES, DocumentView, SiteView

if TYPE_CHECKING:
    import jinja2

#: Files copied as they are from the package's static/ folder.
STATIC_FILES = ("site.css", "filter.js")


def environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("drafter.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _relative(page: str) -> tuple[str, str]:
    """From ``page`` (site-relative): the way up to the site's root, and to the
    output folder that holds the site and the drafts."""
    up = "../" * page.count("/")
    return up, up + "../"


def _render(env: jinja2.Environment, template: str, page: str, **values: Any) -> bytes:
    base, out = _relative(page)
    text = env.get_template(template).render(
        base=base, out=out, home=base + HOME, responses=RESPONSES, **values
    )
    return text.encode("utf-8")


def home_page(env: jinja2.Environment, site: SiteView) -> bytes:
    return _render(env, "home.html", HOME, site=site)


def document_pages(env: jinja2.Environment, doc: DocumentView) -> dict[str, bytes]:
    """The document's page, a changelog page per draft and a comments page
    per draft commented on, by site-relative path."""
    pages = {doc.page: _render(env, "document.html", doc.page, doc=doc)}
    drafts = {d.number: d for d in doc.drafts}
    for draft in doc.drafts:
        pages[draft.changelog_page] = _render(
            env, "changelog.html", draft.changelog_page, doc=doc, draft=draft
        )
    for comments in doc.comments:
        commented = drafts.get(comments.number) if comments.number is not None else None
        pages[comments.page] = _render(
            env, "comments.html", comments.page, doc=doc, comments=comments, draft=commented
        )
    return pages


def static_files() -> dict[str, bytes]:
    folder = resources.files("drafter.site") / "static"
    return {name: (folder / name).read_bytes() for name in STATIC_FILES}


def render_site(site: SiteView) -> dict[str, bytes]:
    """Every page and static file of the site, by path relative to its root
    (thumbnails apart: see :mod:`drafter.site.write`)."""
    env = environment()
    files = static_files()
    files[HOME] = home_page(env, site)
    for doc in site.documents:
        files.update(document_pages(env, doc))
    return files
