"""What a build is asked to do, how it tells its progress, and what it did.

Plain data shared by the planner, the render workers, the publishing
transaction and the commands; no behaviour and no heavy import here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.errors import Problem
    from drafter.plan import BuildPlan
    from drafter.project import Project
    from drafter.publish.registry import VersionRecord
    from drafter.render.pdf import LayoutProgress


@dataclass
class BuildOptions:
    only: list[str] | None = None
    pdf: bool = True
    strict: bool = False
    output: Path | None = None
    #: render to output/<doc>/preview/ without cutting a version
    preview: bool = False
    #: wait for another build's lock (else fail at once)
    wait: bool = True
    #: worker processes for rendering; None = one per core, up to the stale count
    jobs: int | None = None
    #: render unchanged documents again; cut a draft of those whose files differ
    rerender: bool = False


@dataclass
class BuildEvents:
    """Callbacks through which a build reports progress (the CLI prints them)."""

    message: Callable[[str], None] = lambda text: None
    render_started: Callable[[int], None] = lambda total: None
    rendered: Callable[[str], None] = lambda doc_id: None
    #: pages of a document's PDF laid out so far (called often: keep it cheap)
    laid_out: Callable[[str, LayoutProgress], None] = lambda doc_id, progress: None
    #: a file written, as soon as it is (a preview's, while others still render)
    wrote: Callable[[Path], None] = lambda path: None


@dataclass
class BuildReport:
    #: None when the no-op shortcut answered without loading the project
    project: Project | None
    output: Path
    #: versions cut by this build
    cut: list[VersionRecord] = field(default_factory=list)
    #: documents whose latest version's files were restored
    repaired: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    plan: BuildPlan | None = None

    @property
    def changed(self) -> bool:
        """Whether new versions were cut (the scheduled job's "something to send")."""
        return bool(self.cut)
