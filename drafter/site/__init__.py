"""The reviewers' site: a static site of every document's drafts, what
changed in each and what became of the comments on it, written after
publishing into ``<output>/site/``.

It reads only what publishing left (the version registry, the published
files) and the feedback registers; pages are rendered with the Jinja
templates in ``templates/`` and styled by ``static/site.css``.  Stages:
:mod:`~drafter.site.data` (what the pages show), :mod:`~drafter.site.pages`
(rendering), :mod:`~drafter.site.write` (writing only what changed),
:mod:`~drafter.site.serve` (a local look).
"""

from __future__ import annotations

from drafter.site.paths import SITE_DIR
from drafter.site.write import SiteReport, write_site

__all__ = ["SITE_DIR", "SiteReport", "write_site"]
