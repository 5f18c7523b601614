"""Third-party internals: a library that drops one is named, with its version,
by `drafter check` (and by the accessors at the point of use)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import DrafterError
from drafter.render import compat


def _messages() -> list[str]:
    return [p.format() for p in compat.missing_internals()]


def test_every_internal_is_there_in_the_installed_versions() -> None:
    assert compat.missing_internals() == []


def test_a_docxtpl_method_gone_is_named_by_check(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docxtpl import DocxTemplate

    monkeypatch.delattr(DocxTemplate, "map_tree")
    version = metadata.version("docxtpl")
    assert _messages() == [
        f"docxtpl {version}: DocxTemplate.map_tree, which drafter relies on, is gone in "
        f"docxtpl {version}; install the version pyproject.toml allows (pip install -e .) "
        "or adapt drafter/render/compat.py"
    ]
    result = CliRunner().invoke(main, ["check", "--project", str(mini)])
    assert result.exit_code == 2, result.output
    assert f"docxtpl {version}: DocxTemplate.map_tree" in result.output
    assert "Traceback" not in result.output


def test_a_docxtpl_method_renamed_parameter_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from docxtpl import DocxTemplate

    def fix_tables(self: Any, xml: str, extra: int = 0) -> Any:
        raise AssertionError

    monkeypatch.setattr(DocxTemplate, "fix_tables", fix_tables)
    [message] = _messages()
    version = metadata.version("docxtpl")
    assert message.startswith(f"docxtpl {version}: DocxTemplate.fix_tables(xml)")


def test_python_docx_body_cache_gone_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx.document

    original = docx.document.Document.__init__

    def init(self: Any, *args: Any) -> None:
        original(self, *args)
        del self._Document__body

    monkeypatch.setattr(docx.document.Document, "__init__", init)
    [message] = _messages()
    assert message.startswith(f"python-docx {metadata.version('python-docx')}: Document.__body")


def test_weasyprint_page_box_gone_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.document

    original = weasyprint.document.Page.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        del self._page_box

    monkeypatch.setattr(weasyprint.document.Page, "__init__", init)
    [message] = _messages()
    version = metadata.version("weasyprint")
    assert message.startswith(f"weasyprint {version}: Page._page_box, which drafter relies on")


def test_weasyprint_table_flags_gone_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.formatting_structure.boxes import TableBox

    def gone(self: Any) -> bool:
        raise AttributeError("skip_cell_border_top")

    # a data descriptor wins over the instance attribute its layout sets: as if renamed
    flag = property(gone, lambda self, value: None)
    monkeypatch.setattr(TableBox, "skip_cell_border_top", flag, raising=False)
    [message] = _messages()
    version = metadata.version("weasyprint")
    assert message.startswith(f"weasyprint {version}: TableBox.skip_cell_border_top and")


def test_pypdf_catalogue_gone_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    class Writer:
        pass

    monkeypatch.setattr(pypdf, "PdfWriter", Writer)
    assert _messages() == [
        f"pypdf {metadata.version('pypdf')}: PdfWriter.root_object, which drafter relies on, "
        f"is gone in pypdf {metadata.version('pypdf')}; install the version pyproject.toml "
        "allows (pip install -e .) or adapt drafter/render/compat.py"
    ]
    with pytest.raises(DrafterError, match=r"pypdf .*PdfWriter.root_object"):
        compat.set_document_language(Writer(), "vi-VN")


def test_accessors_name_the_library_at_the_point_of_use() -> None:
    class Page:
        pass

    with pytest.raises(compat.InternalsGone) as caught:
        compat.page_box(Page())
    [problem] = caught.value.problems
    assert problem.file == f"weasyprint {metadata.version('weasyprint')}"
    assert "Page._page_box" in problem.message
    with pytest.raises(compat.InternalsGone, match="skip_cell_border_top"):
        compat.draw_split_row_borders(Page())


def test_pyproject_bounds_every_library_whose_internals_are_used() -> None:
    import tomllib

    from helpers import REPO

    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    for library in compat.LIBRARIES:
        [spec] = [d for d in deps if d.split(">")[0].split("<")[0].strip() == library]
        assert "<" in spec, f"{spec}: no upper bound"
        from packaging.specifiers import SpecifierSet

        bound = SpecifierSet(spec[len(library) :])
        assert metadata.version(library) in bound, f"installed {library} outside {spec}"
