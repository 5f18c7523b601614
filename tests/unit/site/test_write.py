"""Writing the review site: deterministic bytes, nothing written when nothing
changed, one document's change rewrites only its pages and the home page."""

from __future__ import annotations

import shutil
import threading
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import tree_snapshot

from drafter.build import BuildOptions, build
from drafter.cli import main
from drafter.site import SITE_DIR, write_site
from drafter.site import write as site_write
from drafter.site.serve import site_server
from drafter.site.thumbnails import first_page_png

NO_PDF = BuildOptions(pdf=False, jobs=1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pages(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in snapshot.items() if not name.startswith(".")}


@pytest.fixture
def built(mini: Path) -> Path:
    build(mini, NO_PDF)
    return mini


def site_of(content: Path) -> Path:
    return content.parent / "output" / SITE_DIR


def test_build_writes_the_site_beside_the_drafts(built: Path) -> None:
    site = site_of(built)
    names = set(tree_snapshot(site))
    assert {"index.html", "site.css", "filter.js"} <= names
    assert {"qd-csdl/index.html", "qd-csdl/du-thao-01/thay-doi.html"} <= names
    assert {"qd-dlm/index.html", "qd-dlm/du-thao-01/thay-doi.html"} <= names


def test_no_op_build_writes_nothing_in_the_site(built: Path) -> None:
    site = site_of(built)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    report = build(built, NO_PDF)
    assert report.written == [] and report.removed == []
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_site_is_current_without_loading_the_project(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the project was loaded")

    monkeypatch.setattr("drafter.project.load_project", fail)
    assert write_site(built, built.parent / "output").written == []


def test_same_drafts_give_the_same_bytes(built: Path) -> None:
    site = site_of(built)
    before = tree_snapshot(site)
    shutil.rmtree(site)
    write_site(built, built.parent / "output")
    assert tree_snapshot(site) == before


def test_one_document_change_rewrites_its_pages_and_home_only(built: Path) -> None:
    site = site_of(built)
    edit(built / "documents/qd-dlm.yaml", "kể từ ngày ký", "kể từ ngày 01 tháng 7 năm 2023")
    report = build(built, NO_PDF)
    written = sorted(p.relative_to(site).as_posix() for p in report.written if site in p.parents)
    assert written == [
        "index.html",
        "qd-dlm/du-thao-02/thay-doi.html",
        "qd-dlm/index.html",
    ]


def test_comment_change_rewrites_that_documents_pages_only(built: Path) -> None:
    site = site_of(built)
    (built / "feedback").mkdir()
    (built / "feedback" / "qd-dlm.yaml").write_text(
        "document: qd-dlm\nentries:\n"
        "  - {id: x1, document: qd-dlm, version: 1, unit: vp, author: A, kind: comment,"
        " text: Góp ý.}\n",
        encoding="utf-8",
    )
    report = build(built, NO_PDF)
    assert report.cut == []
    written = sorted(p.relative_to(site).as_posix() for p in report.written)
    assert written == ["index.html", "qd-dlm/du-thao-01/gop-y.html", "qd-dlm/index.html"]


def test_pages_of_a_removed_document_are_removed(built: Path) -> None:
    site = site_of(built)
    text = (built / "drafter.yaml").read_text(encoding="utf-8")
    (built / "drafter.yaml").write_text(text[: text.index("  - id: qd-dlm")], encoding="utf-8")
    stray = site / "qd-dlm" / "ghi-chu.txt"  # not the site's: left alone
    stray.write_text("x", encoding="utf-8")
    report = build(built, NO_PDF)
    removed = sorted(p.relative_to(site).as_posix() for p in report.removed)
    assert removed == ["qd-dlm/du-thao-01/thay-doi.html", "qd-dlm/index.html"]
    assert not (site / "qd-dlm" / "du-thao-01").exists() and stray.is_file()


def test_a_damaged_page_is_restored(built: Path) -> None:
    page = site_of(built) / "qd-csdl" / "index.html"
    good = page.read_bytes()
    page.write_bytes(b"broken")
    report = build(built, NO_PDF)
    assert report.written == [page] and page.read_bytes() == good


def test_preview_build_leaves_the_site_alone(built: Path) -> None:
    shutil.rmtree(site_of(built))
    build(built, BuildOptions(pdf=False, jobs=1, preview=True))
    assert not site_of(built).exists()


def test_thumbnail_is_the_first_pdf_page_drawn_once(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(mini, BuildOptions(only=["qd-dlm"], jobs=1))
    site = site_of(mini)
    thumbnail = site / "qd-dlm" / "du-thao-01" / "trang-1.png"
    image = thumbnail.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = mini.parent / "output" / "qd-dlm" / "QD-DLM_du-thao-01.pdf"
    assert first_page_png(pdf) == image  # same PDF, same bytes
    assert b'src="../qd-dlm/du-thao-01/trang-1.png"' in (site / "qd-dlm/index.html").read_bytes()

    # a page change re-renders the pages, but the PDF is unchanged: not redrawn
    def no_drawing(pdf: Path, width: int = 0) -> bytes | None:
        raise AssertionError("thumbnail redrawn")

    monkeypatch.setattr(site_write, "first_page_png", no_drawing)
    (site / "index.html").unlink()
    report = write_site(mini, mini.parent / "output")
    assert [p.name for p in report.written] == ["index.html"]


def test_without_a_pdf_there_is_no_thumbnail(built: Path) -> None:
    page = (site_of(built) / "qd-csdl" / "index.html").read_bytes()
    assert b"<img" not in page
    assert not list(site_of(built).rglob("*.png"))


def test_cli_site_writes_then_says_up_to_date(mini: Path) -> None:
    build(mini, NO_PDF)
    shutil.rmtree(site_of(mini))
    runner = CliRunner()
    first = runner.invoke(main, ["site", "-p", str(mini)])
    assert first.exit_code == 0, first.output
    assert "site/index.html" in first.output
    second = runner.invoke(main, ["site", "-p", str(mini)])
    assert second.exit_code == 0 and second.output.endswith("up to date\n")


def test_server_listens_on_this_machine_only_and_serves_the_site(built: Path) -> None:
    output = built.parent / "output"
    with site_server(output, 0) as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/site/index.html") as answer:
                assert answer.status == 200
                assert b'<html lang="vi">' in answer.read()
            url = f"http://127.0.0.1:{port}/qd-csdl/QD-CSDL_du-thao-01.docx"
            with urllib.request.urlopen(url) as answer:
                assert answer.read()[:2] == b"PK"
        finally:
            server.shutdown()
            thread.join()


def test_light_paths_agree_with_the_models() -> None:
    from drafter.content.feedback_models import FEEDBACK_DIR
    from drafter.content.models import RegistryPaths
    from drafter.project import PROJECT_FILE
    from drafter.site import paths

    assert paths.PROJECT_FILE == PROJECT_FILE
    assert paths.FEEDBACK_DIR == FEEDBACK_DIR
    assert RegistryPaths().organisation == paths.DEFAULT_ORGANISATION


def test_checking_a_current_site_imports_no_models(built: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path; from drafter.site import write_site;"
        f"r = write_site(Path({str(built)!r}), Path({str(built.parent / 'output')!r}));"
        "print(len(r.written), 'pydantic' in sys.modules, 'jinja2' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False", "False"]


def _lock_is_held(content: Path) -> bool:
    """Whether some build holds the build lock of ``content`` (tried from a
    descriptor of our own, as another process would)."""
    import fcntl
    import os

    from drafter.publish.registry import LOCK_NAME, state_dir

    fd = os.open(state_dir(content) / LOCK_NAME, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_publishing_build_writes_the_site_under_its_lock(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[bool] = []
    real = site_write.write_site

    def noting(project: object, output: Path) -> object:
        held.append(_lock_is_held(mini))
        return real(project, output)  # type: ignore[arg-type]

    monkeypatch.setattr("drafter.site.write_site", noting)
    build(mini, NO_PDF)
    edit(mini / "registries/databases.yaml", "name: ", "name: Hệ thống ")
    build(mini, NO_PDF)
    assert held == [True, True]


def test_a_no_op_build_leaves_the_site_to_the_build_holding_the_lock(built: Path) -> None:
    from drafter.publish.lock import build_lock
    from drafter.publish.registry import LOCK_NAME, state_dir

    shutil.rmtree(site_of(built))
    with build_lock(state_dir(built) / LOCK_NAME, wait=False):
        report = build(built, NO_PDF)  # would have waited, or written a stale site
    assert report.written == [] and not site_of(built).exists()
    build(built, NO_PDF)
    assert (site_of(built) / "index.html").is_file()
