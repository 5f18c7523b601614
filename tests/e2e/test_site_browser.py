"""The review site in a real browser: Debian's Chromium, headless, driven by
Selenium through chromedriver (both installed by tools/setup-system.sh).

The sample set is built, one registry value is edited and it is built
again, so one document has a second draft.  The site is opened from disk
(file://), every link is followed, the comments are filtered, and every page
is photographed (the screenshots' folder is printed; look at them).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from helpers import SAMPLE, copy_project, require_tool
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from drafter.cli import main
from drafter.commands.history import history

EDITED = "qd-danh-muc-csdl"
#: Launch flags: headless, nothing fetched from the network, a fresh profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample set built twice, with an edit to one database in between."""
    content = copy_project(SAMPLE, tmp_path_factory.mktemp("site"))
    runner = CliRunner()
    first = runner.invoke(main, ["build", "-p", str(content)])
    assert first.exit_code == 0, first.output
    databases = content / "registries" / "databases.yaml"
    text = databases.read_text(encoding="utf-8")
    assert "    update_cycle: khi có thay đổi\n" in text
    databases.write_text(
        text.replace("    update_cycle: khi có thay đổi\n", "    update_cycle: hàng quý\n", 1),
        encoding="utf-8",
    )
    second = runner.invoke(main, ["build", "-p", str(content)])
    assert second.exit_code == 0, second.output
    assert f"{EDITED}: Dự thảo lần 2" in second.output
    return content


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project.parent / "output" / "site"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nreview site screenshots: {folder}", file=sys.stderr)
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = require_tool("chromium")
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1200,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(require_tool("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser: WebDriver, path: Path) -> None:
    browser.get(path.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"


def console_errors(browser: WebDriver) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(browser: WebDriver, shots: Path, name: str, width: int = 1200) -> Path:
    """The whole page at ``width`` CSS pixels, saved as ``name``.png."""
    browser.set_window_size(width, 900)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(int(height) + 120, 6000))
    browser.execute_script("window.scrollTo(0, 0)")
    path = shots / f"{name}.png"
    assert browser.save_screenshot(str(path))
    browser.set_window_size(1200, 900)
    return path


def local_target(url: str) -> tuple[Path, str]:
    parts = urlsplit(url)
    assert parts.scheme == "file", f"a link leaves the disk: {url}"
    return Path(unquote(parts.path)), parts.fragment


def test_every_link_resolves_and_no_page_logs_an_error(
    browser: WebDriver, site: Path, shots: Path
) -> None:
    home = site / "index.html"
    queue, seen = [home], {home}
    checked = 0
    while queue:
        page = queue.pop(0)
        open_page(browser, page)
        name = page.relative_to(site).as_posix().removesuffix(".html").replace("/", "_")
        screenshot(browser, shots, name)
        links = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href], link[href], img[src],"
            " script[src]')).map(e => e.href || e.src)"
        )
        for url in links:
            if url.startswith("data:"):
                continue
            target, fragment = local_target(url)
            assert target.is_file(), f"{page.relative_to(site)}: broken link {url}"
            checked += 1
            if target.suffix == ".html" and target not in seen and site in target.parents:
                seen.add(target)
                queue.append(target)
            if fragment:
                ids = target.read_text(encoding="utf-8")
                assert f'id="{fragment}"' in ids, f"{page}: no #{fragment} in {target.name}"
        broken = browser.execute_script(
            "return Array.from(document.images).filter(i => !i.complete || !i.naturalWidth)"
            ".map(i => i.src)"
        )
        assert broken == [], f"{page}: images not shown: {broken}"
        outline = browser.execute_script(
            "return [document.documentElement.lang,"
            " Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))"
            ".map(h => Number(h.tagName[1])),"
            " Array.from(document.images).filter(i => !i.alt.trim()).length]"
        )
        lang, levels, without_alt = outline
        assert lang == "vi" and without_alt == 0, page
        assert levels[0] == 1 and levels.count(1) == 1, f"{page}: headings {levels}"
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), page
        assert console_errors(browser) == [], page
    assert len(seen) >= 14 and checked > 60


def test_latest_draft_numbers_shown_match_the_registry(
    browser: WebDriver, project: Path, site: Path
) -> None:
    open_page(browser, site / "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "tr[data-document]")
    # every document of drafter.yaml, however many the sample holds
    assert len(rows) == (project / "drafter.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    for row in rows:
        doc_id = row.get_attribute("data-document")
        assert doc_id is not None
        latest = history(project, doc_id)[-1].number
        cell = row.find_element(By.CSS_SELECTOR, "td[data-latest]")
        assert cell.text == f"Dự thảo lần {latest}"
        assert cell.get_attribute("data-latest") == str(latest)
    edited = browser.find_element(By.CSS_SELECTOR, f'tr[data-document="{EDITED}"]')
    assert "Dự thảo lần 2" in edited.text


def test_home_reads_on_a_phone_without_sideways_scrolling(
    browser: WebDriver, site: Path, shots: Path
) -> None:
    open_page(browser, site / "index.html")
    browser.set_window_size(390, 844)
    # neither the page nor the documents table (in its scrolling box) is wider than the screen
    overflow = browser.execute_script(
        "const width = document.documentElement.clientWidth;"
        "return [document.documentElement.scrollWidth - width,"
        " document.querySelector('table.documents').getBoundingClientRect().right - width]"
    )
    screenshot(browser, shots, "index-phone", width=390)
    assert max(overflow) <= 0, "the home page scrolls sideways on a phone"


def test_second_draft_shows_its_reason_changelog_and_redline(
    browser: WebDriver, site: Path, shots: Path
) -> None:
    open_page(browser, site / EDITED / "index.html")
    drafts = browser.find_elements(By.CSS_SELECTOR, "section.draft h3")
    assert [d.text.split(" mới nhất")[0] for d in drafts] == ["Dự thảo lần 2", "Dự thảo lần 1"]
    newest = browser.find_element(By.ID, "du-thao-2")
    assert "Chu kỳ cập nhật: khi có thay đổi → hàng quý" in newest.text
    links = {a.text: a.get_attribute("href") for a in newest.find_elements(By.TAG_NAME, "a")}
    redline = next(href for text, href in links.items() if text.startswith("Bản so sánh"))
    assert redline is not None and redline.endswith("_du-thao-02_redline.docx")
    changes = links["Những thay đổi của dự thảo lần 2"]
    assert changes is not None
    browser.get(changes)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Những thay đổi của dự thảo lần 2"
    assert "Chu kỳ cập nhật: khi có thay đổi → hàng quý" in browser.page_source
    assert "So với: Dự thảo lần 1" in browser.page_source
    screenshot(browser, shots, "changelog-phone", width=390)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, "the changelog page scrolls sideways on a phone"


def visible_comments(browser: WebDriver) -> list[tuple[str, str]]:
    return [
        (li.get_attribute("data-unit") or "", li.get_attribute("data-response") or "")
        for li in browser.find_elements(By.CSS_SELECTOR, "li.comment")
        if li.is_displayed()
    ]


def test_filtering_by_unit_shows_only_that_units_comments(
    browser: WebDriver, site: Path, shots: Path
) -> None:
    # the sample's comments were made on draft 1, as a fresh build numbers it
    open_page(browser, site / EDITED / "du-thao-01" / "gop-y.html")
    everything = visible_comments(browser)
    assert len(everything) == 16
    totals = {
        row.get_attribute("data-unit"): int(row.find_elements(By.TAG_NAME, "td")[0].text)
        for row in browser.find_elements(By.CSS_SELECTOR, "table.units tbody tr")
    }
    assert sum(totals.values()) == 16
    unit = Select(browser.find_element(By.ID, "loc-don-vi"))
    for key, total in totals.items():
        assert key is not None
        unit.select_by_value(key)
        shown = visible_comments(browser)
        assert len(shown) == total and {u for u, _ in shown} == {key}
        count = browser.find_element(By.ID, "so-y-kien").text
        assert count == f"Đang hiển thị {total} trên 16 ý kiến"
    unit.select_by_value("vu-pc")
    screenshot(browser, shots, "comments-filtered-vu-pc")
    response = Select(browser.find_element(By.ID, "loc-ket-qua"))
    response.select_by_value("giai-trinh")
    # Vụ Pháp chế's two comments answered "giải trình" (the Decision already meets Decree 47)
    assert visible_comments(browser) == [("vu-pc", "giai-trinh")] * 2
    unit.select_by_value("")
    response.select_by_value("chua-xu-ly")
    assert {r for _, r in visible_comments(browser)} == {"chua-xu-ly"}
    assert len(visible_comments(browser)) == 4
    assert console_errors(browser) == []


def test_screenshots_are_saved(shots: Path) -> None:
    taken = sorted(p.name for p in shots.glob("*.png"))
    assert "index.png" in taken and f"{EDITED}_index.png" in taken
    assert all((shots / name).stat().st_size > 5_000 for name in taken)
