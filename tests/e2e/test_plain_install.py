"""A plain `pip install` (no extras) into a fresh virtual environment is enough
to build a database list longer than one PDF chunk, with its PDF: every module
the package imports at run time (pypdf joins the chunks) is a declared
dependency.

Slow (a virtual environment with WeasyPrint, matplotlib, lxml…; wheels come
from the local index and pip's cache), so it is marked ``install``; it runs
in `make test` like every other test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO

pytestmark = pytest.mark.install

ENTRIES = 1_000


def _copy_package(dest: Path) -> Path:
    """The installable part of the repository (no .venv, output/ or build/ left
    behind in the worktree by setuptools)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(
        REPO / "drafter", dest / "drafter", ignore=shutil.ignore_patterns("__pycache__")
    )
    return dest


def _generate_project() -> Any:
    """bench/generate.py's ``generate_project`` (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_project


def test_plain_install_builds_a_long_list_with_its_pdf(tmp_path: Path) -> None:
    from drafter.render.pdf import CHUNK_ROWS

    assert ENTRIES > CHUNK_ROWS  # the PDF is joined from parts by pypdf
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    source = _copy_package(tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(source)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "pytest" not in listed and "hypothesis" not in listed  # no dev extra

    project = _generate_project()(tmp_path / "project", ENTRIES)
    build = subprocess.run(
        [str(venv / "bin" / "drafter"), "build", "-p", str(project), "-d", "qd-danh-muc-csdl"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Traceback" not in build.stderr
    pdfs = list((tmp_path / "project" / "output" / "qd-danh-muc-csdl").glob("*_du-thao-01.pdf"))
    assert len(pdfs) == 1, build.stdout

    from pypdf import PdfReader

    reader = PdfReader(pdfs[0])
    assert len(reader.pages) > 20
    last = reader.pages[-1].extract_text() + reader.pages[-2].extract_text()
    assert "1000" in last.replace(".", "")  # the last entry's row number
