"""The package reader's limits, in both modes: trusted (our own files) and untrusted."""

from __future__ import annotations

import dataclasses
import io
import warnings
import zipfile

import pytest

from drafter.ooxml import MIB, TRUSTED, UNTRUSTED, Mode, Package, PackageError, write_package
from drafter.ooxml.package import read_parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_XML = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
    "<w:body><w:p><w:r><w:t>Điều 1.</w:t></w:r></w:p></w:body></w:document>"
).encode()
MODES: list[Mode] = ["trusted", "untrusted"]


def make_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicates we want
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def nested(levels: int) -> bytes:
    """A document part ``levels`` elements deep, the root counted."""
    inner = "<w:customXml>" * (levels - 1) + "</w:customXml>" * (levels - 1)
    return f'<w:document xmlns:w="{W}"><w:body/>{inner}</w:document>'.encode()


@pytest.mark.parametrize("mode", MODES)
def test_a_plain_package_reads_in_both_modes(mode: Mode) -> None:
    data = make_zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", DOCUMENT_XML)])
    with Package(data, mode) as package:
        assert package.names == ["[Content_Types].xml", "word/document.xml"]
        assert package.read("word/document.xml") == DOCUMENT_XML
        assert package.read("word/styles.xml") is None


@pytest.mark.parametrize("mode", MODES)
def test_duplicate_entries_are_refused_in_both_modes(mode: Mode) -> None:
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("word/document.xml", b"<other/>")])
    with pytest.raises(PackageError, match=r"hai mục cùng tên 'word/document\.xml'"):
        Package(data, mode)


def test_a_bomb_like_ratio_is_refused_when_untrusted() -> None:
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("word/zeros.bin", bytes(4 * MIB))])
    with pytest.raises(PackageError, match="tỉ lệ nén quá cao"):
        Package(data, "untrusted")


def test_a_highly_compressed_part_of_our_own_is_read_when_trusted() -> None:
    # A 10,000-row table's XML compresses far beyond the untrusted ratio.
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("word/zeros.bin", bytes(4 * MIB))])
    with Package(data, "trusted") as package:
        assert package.read("word/zeros.bin") == bytes(4 * MIB)


def test_trusted_packages_still_have_size_caps() -> None:
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("word/zeros.bin", bytes(2 * MIB))])
    # The header declares 2 MiB: a cap of 1 MiB refuses it before inflating.
    small = dataclasses.replace(TRUSTED, max_entry_bytes=MIB)
    with pytest.raises(PackageError, match="kích thước giải nén quá lớn"):
        Package(data, "trusted", small)
    # Each part fits under a total of 3 MiB; both together do not.
    total = dataclasses.replace(TRUSTED, max_total_uncompressed=3 * MIB)
    data = make_zip(
        [
            ("word/document.xml", DOCUMENT_XML),
            ("word/a.bin", bytes(2 * MIB)),
            ("word/b.bin", bytes(2 * MIB)),
        ]
    )
    with pytest.raises(PackageError, match="tổng kích thước giải nén"):
        Package(data, "trusted", total)


def test_a_part_is_capped_while_it_is_read_not_only_by_its_header() -> None:
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("word/zeros.bin", bytes(3 * MIB))])
    with Package(data, "trusted") as package:
        # As if the header had understated the size: the cap holds on the bytes read.
        package.limits = dataclasses.replace(TRUSTED, max_entry_bytes=2 * MIB)
        with pytest.raises(PackageError, match="giải nén ra quá lớn"):
            package.read("word/zeros.bin")


@pytest.mark.parametrize("mode", MODES)
def test_too_many_entries_are_refused_in_both_modes(mode: Mode) -> None:
    limits = UNTRUSTED if mode == "untrusted" else TRUSTED
    entries = [("word/document.xml", DOCUMENT_XML)]
    entries += [(f"word/media/{n}.png", b"") for n in range(limits.max_entries)]
    with pytest.raises(PackageError, match="quá nhiều mục"):
        Package(make_zip(entries), mode)


@pytest.mark.parametrize("mode", MODES)
def test_entity_declarations_are_refused_in_both_modes(mode: Mode) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="' + W.encode() + b'"><w:body>&b;</w:body></w:document>'
    )
    package = Package(make_zip([("word/document.xml", bomb)]), mode)
    with package, pytest.raises(PackageError, match="DOCTYPE"):
        package.xml("word/document.xml")


@pytest.mark.parametrize("mode", MODES)
def test_escaping_entry_names_are_refused_in_both_modes(mode: Mode) -> None:
    data = make_zip([("word/document.xml", DOCUMENT_XML), ("../evil.xml", b"<x/>")])
    with pytest.raises(PackageError, match=r"'\.\.'"):
        Package(data, mode)


def test_depth_beyond_the_untrusted_limit_is_refused() -> None:
    depth = UNTRUSTED.max_depth
    assert depth is not None
    with Package(make_zip([("word/document.xml", nested(depth))]), "untrusted") as package:
        assert package.xml("word/document.xml") is not None
    package = Package(make_zip([("word/document.xml", nested(depth + 1))]), "untrusted")
    with package, pytest.raises(PackageError, match="quá sâu"):
        package.xml("word/document.xml")


def test_depth_beyond_the_parsers_cap_is_refused_when_trusted() -> None:
    with Package(make_zip([("word/document.xml", nested(240))]), "trusted") as package:
        assert package.xml("word/document.xml") is not None
    package = Package(make_zip([("word/document.xml", nested(400))]), "trusted")
    with package, pytest.raises(PackageError, match="XML"):
        package.xml("word/document.xml")


def test_written_packages_are_reproducible_and_read_back() -> None:
    parts = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", DOCUMENT_XML)]
    first, second = write_package(parts), write_package(parts)
    assert first == second
    assert list(read_parts(first, "trusted").items()) == parts
    with zipfile.ZipFile(io.BytesIO(write_package(parts, permissions=0o600))) as archive:
        info = archive.getinfo("word/document.xml")
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o600
