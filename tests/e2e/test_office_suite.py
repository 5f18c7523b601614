"""drafter against a real office suite (LibreOffice, headless).

- The drafting team edits the Word templates in an office suite: every
  shipped template, opened in LibreOffice and saved back as a Word file with
  nothing changed, still passes ``drafter check``, and the sample set builds
  from the saved templates with the PDF saying what the DOCX says.
- LibreOffice is the reference renderer: for every document of the sample
  set, its PDF of our DOCX has about as many pages as ours, and neither PDF
  leaves out a word of the DOCX."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import (
    SAMPLE,
    TEMPLATES,
    copy_project,
    libreoffice_convert_all,
)
from parity import docx_words, parity_problems
from pypdf import PdfReader

from drafter.cli import main


def latest_docx(output: Path) -> dict[str, Path]:
    """Document id -> its latest DOCX (``<name>.docx``, not a numbered draft)."""
    return {
        d.name: next(p for p in d.glob("*.docx") if "_du-thao-" not in p.name)
        for d in sorted(output.iterdir())
        if any(d.glob("*_du-thao-*.docx"))  # a document's folder (not site/, say)
    }


def build(content: Path) -> Path:
    result = CliRunner().invoke(main, ["build", "--project", str(content)])
    assert result.exit_code == 0, result.output
    return content.parent / "output"


# --------------------------------------------------------------------------- round trip


@pytest.fixture(scope="module")
def round_tripped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project whose templates were saved back by LibreOffice."""
    root = tmp_path_factory.mktemp("round-trip")
    content = copy_project(SAMPLE, root)
    shipped = sorted(TEMPLATES.glob("*.docx"))
    saved = libreoffice_convert_all(shipped, root / "saved", "docx:MS Word 2007 XML")
    for path in saved:
        assert path.read_bytes() != (TEMPLATES / path.name).read_bytes()
        shutil.copyfile(path, root / "templates" / path.name)
    return content


def test_check_accepts_templates_saved_by_libreoffice(round_tripped: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--project", str(round_tripped)])
    assert result.exit_code == 0, result.output


def test_sample_builds_from_templates_saved_by_libreoffice(round_tripped: Path) -> None:
    output = build(round_tripped)
    documents = latest_docx(output)
    assert len(documents) >= 6
    for doc, docx in documents.items():
        pdf = docx.with_suffix(".pdf").read_bytes()
        assert parity_problems(docx.read_bytes(), pdf, doc) == []


# --------------------------------------------------------------------------- reference render


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Document id -> (our DOCX, our PDF, LibreOffice's PDF of our DOCX)."""
    root = tmp_path_factory.mktemp("reference")
    output = build(copy_project(SAMPLE, root))
    documents = latest_docx(output)
    theirs = libreoffice_convert_all(list(documents.values()), root / "libreoffice", "pdf")
    return {
        doc: (docx, docx.with_suffix(".pdf"), lo)
        for (doc, docx), lo in zip(documents.items(), theirs, strict=True)
    }


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text)))


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pypdf reads it (the same reader for both PDFs; poppler's
    pdftotext joins a word broken at its hyphen with the next column's text)."""
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_page_counts_agree_with_libreoffice(
    rendered: dict[str, tuple[Path, Path, Path]],
) -> None:
    counts = {doc: (pages(ours), pages(lo)) for doc, (_, ours, lo) in rendered.items()}
    off = {
        doc: (ours, lo)
        for doc, (ours, lo) in counts.items()
        if abs(ours - lo) > max(1, round(0.1 * lo))
    }
    assert off == {}, counts


def test_no_word_of_the_docx_is_missing_from_either_pdf(
    rendered: dict[str, tuple[Path, Path, Path]],
) -> None:
    missing = {}
    for doc, (docx, ours, lo) in rendered.items():
        expected = words(" ".join(docx_words(docx.read_bytes())))
        for name, pdf in (("ours", ours), ("libreoffice", lo)):
            if gone := sorted(expected - words(pdf_text(pdf))):
                missing[f"{doc} ({name})"] = gone
    assert missing == {}
