"""``drafter build``: plan, check, render and publish, in that order.

No click here, and no stage's work either: this module only runs the stages
(:mod:`drafter.plan`, :mod:`drafter.commands.check`, :mod:`drafter.workers`,
:mod:`drafter.publish.transaction`), after asking the plan's stamp whether a
build with nothing to do may skip all of them.

The order of a build is what keeps output/ safe:

1. load and validate the project, plan, check the templates of stale
   documents and render them in memory: any mistake stops here and nothing
   is written;
2. take the build lock, re-read the registry and re-plan if another build
   committed meanwhile;
3. publish (:mod:`drafter.publish.transaction`): files written atomically,
   one registry commit, then the latest copies and leftovers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.options import BuildEvents, BuildOptions, BuildReport

if TYPE_CHECKING:
    from drafter.plan import DocumentPlan
    from drafter.publish.transaction import Hooks
    from drafter.workers import RenderResult, WarmPool

# The stages are imported where they run: a build with nothing to do reads its
# stamp and returns, and pays for no renderer, model or check it does not use.

__all__ = ["BuildEvents", "BuildOptions", "BuildReport", "build"]


def build(
    root: Path,
    options: BuildOptions | None = None,
    events: BuildEvents | None = None,
    *,
    hooks: Hooks | None = None,
) -> BuildReport:
    """Build the stale documents of the project at ``root``: new versions,
    repaired files, refreshed copies.  See the module docstring for the order;
    ``hooks`` see each step of the publishing transaction.

    Raises :class:`DrafterError` for user mistakes (nothing written then) and
    :class:`drafter.publish.lock.BuildLocked` when another build holds the
    lock and ``options.wait`` is false.
    """
    from drafter.plan import nothing_changed

    options = options or BuildOptions()
    events = events or BuildEvents()
    shortcut = not options.preview and not options.only and not options.rerender
    current = nothing_changed(root, options) if shortcut else None
    if current is not None:
        report = BuildReport(None, current)
        _site_if_free(report, root, options)
        return report
    from drafter.context import chart_cache
    from drafter.workers import warm_pool

    # Workers now: they import the renderers while this process loads and plans.
    pool = warm_pool(options)
    try:
        report = _build(root, options, events, shortcut, pool, hooks)
        chart_cache.flush()  # charts drawn for this build, kept for the next (see chart_cache)
    finally:
        if pool is not None:
            pool.close()
    return report


def _write_site(report: BuildReport, root: Path, options: BuildOptions) -> None:
    """The review site (drafter.site) rewritten where the drafts or comments
    changed; called under the build lock, so that the site a build leaves
    is the one of the state it published, not of one another build replaced."""
    if options.preview:
        return
    from drafter.site import write_site

    site = write_site(report.project or root, report.output)
    report.written += site.written
    report.removed += site.removed
    report.warnings += site.problems


def _site_if_free(report: BuildReport, root: Path, options: BuildOptions) -> None:
    """The site of a build that publishes nothing (it may have been deleted),
    under the lock when no other build holds it; when one does, that build
    writes the site as it finishes, from the newer state."""
    from drafter.publish.lock import BuildLocked, build_lock
    from drafter.publish.registry import LOCK_NAME, state_dir

    try:
        with build_lock(state_dir(root.resolve()) / LOCK_NAME, wait=False):
            _write_site(report, root, options)
    except BuildLocked:
        return


def _build(
    root: Path,
    options: BuildOptions,
    events: BuildEvents,
    shortcut: bool,
    pool: WarmPool | None,
    hooks: Hooks | None,
) -> BuildReport:
    from drafter import workers
    from drafter.commands.check import raise_if_errors, template_problems, undrawable_text
    from drafter.context import chart_cache
    from drafter.errors import DrafterError
    from drafter.plan import (
        judge,
        load,
        output_dir,
        plan,
        replan,
        state_folder,
        versions_of,
        write_plan_stamp,
    )
    from drafter.publish.registry import LOCK_NAME, read_registry
    from drafter.publish.stamp import bytes_read
    from drafter.publish.transaction import publish
    from drafter.publish.versions import CACHE_DIR, CHARTS_DIR

    project = load(root)
    raise_if_errors(project.warnings, strict=options.strict)
    chart_cache.use_directory(output_dir(project, options.output) / CACHE_DIR / CHARTS_DIR)
    if options.preview:
        from drafter.commands.preview import preview

        return preview(project, options, events, pool=pool)

    # the inputs as this build read them, so a save during the build is not stamped
    read = bytes_read(project.inputs, project.read)
    the_plan = plan(project, options)
    report = BuildReport(project, the_plan.output, warnings=list(project.warnings))
    report.plan = the_plan
    stale = the_plan.stale
    cache = the_plan.output / CACHE_DIR
    if not stale:
        if shortcut and cache.is_dir() and not project.warnings:
            write_plan_stamp(project, the_plan, options, read)
        _site_if_free(report, root, options)
        return report
    for item in stale:
        events.message(f"{item.doc_id}: {'; '.join(item.reasons)}")
    to_render = [i for i in stale if i.action in ("new", "repair")]
    problems = template_problems(project, [i.document for i in to_render])
    if options.pdf and to_render:
        problems += undrawable_text(project)
    raise_if_errors(problems + project.warnings, strict=options.strict)
    report.warnings += problems
    jobs = [workers.make_job(project, i, number=i.number, pdf=options.pdf) for i in to_render]
    rendered = (
        workers.render_all(jobs, workers=options.jobs, events=events, pool=pool) if jobs else {}
    )

    def rerender(item: DocumentPlan, pdf: bool) -> RenderResult:
        return workers.render_job(workers.make_job(project, item, number=item.number, pdf=pdf))

    # Everything is rendered and valid: only now is output/ touched.
    from drafter.publish.legacy import LEGACY_REGISTRY, import_legacy_registry
    from drafter.publish.lock import build_lock
    from drafter.publish.registry import open_registry

    out, state = the_plan.output, state_folder(project)
    with build_lock(state / LOCK_NAME, wait=options.wait, on_wait=events.message):
        from drafter.publish.stamp import remove_stamp

        remove_stamp(cache)
        registry = open_registry(state)
        try:
            imported = import_legacy_registry(out, registry)
            if imported:
                events.message(
                    f"moved the numbers of {imported} drafts from {out / LEGACY_REGISTRY}"
                    f" to {state}: commit that folder with the content"
                )
            items, moved = replan(project, out, registry, stale, pdf=options.pdf)
            for item in moved:
                rendered[item.doc_id] = rerender(item, options.pdf)
                if rendered[item.doc_id].problems:
                    raise DrafterError(rendered[item.doc_id].problems)
            publish(project, out, registry, items, rendered, report, rerender=rerender, hooks=hooks)
        finally:
            registry.close()
        if shortcut and not project.warnings:
            # re-judge against the new registry rows; contexts are unchanged
            with read_registry(state) as fresh:
                for item in the_plan.documents:
                    item.latest, item.previous = versions_of(fresh, item.doc_id)
                    item.action, item.reasons = "none", []
                    judge(item, out / item.doc_id, pdf=options.pdf)
            write_plan_stamp(project, the_plan, options, read)
        _write_site(report, root, options)
    return report
