"""A version's changelog, read back from the Markdown the publishing stage
wrote (:func:`drafter.publish.changelog.render_changelog`), so the site's
changelog page says exactly what the ``.changelog.md`` file says.

The Markdown is ours and simple: a ``#`` heading, paragraphs, ``- `` items,
``##`` section headings.  Anything else is kept as a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangelogSection:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ChangelogView:
    """The parts of one changelog, ready for a page."""

    heading: str
    #: paragraphs before the first section ("Dự thảo đầu tiên.", the document title)
    paragraphs: tuple[str, ...]
    #: the facts list under the heading (time made, git commit, compared with)
    facts: tuple[str, ...]
    sections: tuple[ChangelogSection, ...]

    @property
    def change_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def summary(self) -> str:
        """The reason the draft was cut, in one line: its first change (and
        how many more), else its note ("Dự thảo đầu tiên.")."""
        if self.sections:
            first = self.sections[0]
            item = first.items[0] if first.items else ""
            line = f"{first.title}: {item[:1].lower()}{item[1:]}" if item else first.title
            more = self.change_count - 1
            return f"{line} (và {more} thay đổi khác)" if more > 0 else line
        notes = list(self.paragraphs[1:]) or list(self.paragraphs)
        return notes[-1] if notes else ""


@dataclass
class _Builder:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)


def parse_changelog(markdown: str) -> ChangelogView:
    """The heading, paragraphs, facts and sections of a changelog in our Markdown."""
    built = _Builder()
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            built.sections.append((line[3:].strip(), []))
        elif line.startswith("# ") and not built.heading:
            built.heading = line[2:].strip()
        elif line.startswith("- "):
            item = line[2:].strip()
            if built.sections:
                built.sections[-1][1].append(item)
            else:
                built.facts.append(item)
        elif built.sections:
            built.sections[-1][1].append(line)
        else:
            built.paragraphs.append(line)
    return ChangelogView(
        built.heading,
        tuple(built.paragraphs),
        tuple(built.facts),
        tuple(ChangelogSection(title, tuple(items)) for title, items in built.sections),
    )
