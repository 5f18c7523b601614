"""Where the site finds what it reads, known without importing the content
models, so that checking whether the site is current stays fast (a no-op
build loads no models)."""

from __future__ import annotations

from pathlib import Path

#: The site's folder inside the output folder.
SITE_DIR = "site"
#: The project file (as :data:`drafter.project.PROJECT_FILE`).
PROJECT_FILE = "drafter.yaml"
#: The feedback registers' folder (as :data:`drafter.content.feedback_models.FEEDBACK_DIR`).
FEEDBACK_DIR = "feedback"
#: The organisation registry when drafter.yaml names none (as ``RegistryPaths``).
DEFAULT_ORGANISATION = "registries/organisation.yaml"


def registry_folder(root: Path) -> Path:
    """Where publishing keeps the version registry of the project in ``root``
    (the one place the site knows it): the state folder beside drafter.yaml."""
    from drafter.publish.registry import state_dir

    return state_dir(root)
