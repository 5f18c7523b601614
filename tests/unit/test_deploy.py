"""The scheduled examples in deploy/ alert on every exit other than 0 and 10."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import REPO

DEPLOY = REPO / "deploy"
#: exit codes of the build (or of the git pull before it) and whether they alert
CODES = [(0, False), (10, False), (1, True), (2, True), (3, True), (137, True)]


def _fake_drafter(root: Path, code: int, *, pull_fails: bool = False) -> dict[str, str]:
    """A /srv/drafter stand-in whose drafter (and git) exit as told; the env to run in."""
    bin_dir = root / "bin"
    (root / ".venv" / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    for path, status in ((root / ".venv" / "bin" / "drafter", code), (bin_dir / "git", 0)):
        path.write_text(f"#!/bin/sh\nexit {status}\n")
        path.chmod(0o755)
    if pull_fails:
        (bin_dir / "git").write_text("#!/bin/sh\nexit 1\n")
    # the scheduled run the cron line calls, and the .git folder its flock lives in
    (root / ".git").mkdir()
    (root / "deploy").mkdir()
    script = root / "deploy" / "scheduled-build.sh"
    script.write_bytes((DEPLOY / "scheduled-build.sh").read_bytes())
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def _cron_command(root: Path) -> str:
    line = next(
        line
        for line in (DEPLOY / "drafter.cron").read_text().splitlines()
        if line and not line.startswith("#")
    )
    command = re.split(r"\s+", line, maxsplit=5)[5]
    return command.replace("/srv/drafter", str(root)).replace("/var/log", str(root))


@pytest.mark.parametrize(("code", "alerts"), CODES)
def test_cron_line_alerts_on_every_failure(tmp_path: Path, code: int, alerts: bool) -> None:
    env = _fake_drafter(tmp_path, code)
    out = subprocess.run(
        ["sh", "-c", _cron_command(tmp_path)], env=env, capture_output=True, text=True
    )
    assert bool(out.stdout.strip()) is alerts, out.stdout
    if alerts:
        assert f"exit {code}" in out.stdout


def test_cron_line_alerts_when_git_pull_fails(tmp_path: Path) -> None:
    env = _fake_drafter(tmp_path, 0, pull_fails=True)
    out = subprocess.run(
        ["sh", "-c", _cron_command(tmp_path)], env=env, capture_output=True, text=True
    )
    assert "drafter build failed (exit 1" in out.stdout


@pytest.mark.parametrize(("code", "alerts"), [*CODES, ("KILL", True)])
def test_systemd_unit_alerts_on_every_failure(code: int | str, alerts: bool) -> None:
    unit = (DEPLOY / "drafter-build.service").read_text()
    assert "SuccessExitStatus=10" in unit
    command = re.search(r"^ExecStopPost=/bin/sh -c '(.*)'$", unit, re.MULTILINE)
    assert command is not None
    # logger stands in for the journal: print instead
    script = command.group(1).replace("logger -p user.err -t drafter", "cat")
    env = {**os.environ, "EXIT_STATUS": str(code), "SERVICE_RESULT": "exit-code"}
    out = subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True)
    assert bool(out.stdout.strip()) is alerts, out.stdout


@pytest.mark.parametrize(("code", "alerts"), CODES)
def test_ci_workflow_fails_on_every_failure(tmp_path: Path, code: int, alerts: bool) -> None:
    workflow = yaml.safe_load((DEPLOY / "github-actions.yml").read_text())
    step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("id") == "build")
    env = _fake_drafter(tmp_path, code)
    env["GITHUB_OUTPUT"] = str(tmp_path / "github-output")
    out = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert (out.returncode != 0) is alerts
