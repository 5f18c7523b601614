"""Guards on opening untrusted DOCX files: zip bombs, XML bombs, odd archives.

(These were review/safezip.py's tests; the guards now live in drafter.ooxml.)"""

from __future__ import annotations

import io
import struct
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.ooxml import MIB, Limits, Package, PackageError, Source
from drafter.ooxml.package import read_bounded
from drafter.ooxml.xml import parse_xml

UnsafeDocxError = PackageError

#: The parts read_docx_parts reads: those the review reader needs.
DEFAULT_PARTS = (
    "word/document.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "docProps/core.xml",
    "word/_rels/document.xml.rels",
)


def read_docx_parts(
    source: Source,
    *,
    max_file_bytes: int = 50 * MIB,
    max_total_uncompressed: int = 200 * MIB,
    max_ratio: float = 100,
    max_entries: int = 2000,
) -> dict[str, bytes]:
    """The named parts of an untrusted DOCX present in it, read under the limits."""
    limits = Limits(max_file_bytes, max_total_uncompressed, max_ratio, max_entries)
    found: dict[str, bytes] = {}
    with Package(source, "untrusted", limits) as package:
        for name in DEFAULT_PARTS:
            data = package.read(name)
            if data is not None:
                found[name] = data
    return found


DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Điều 1.</w:t></w:r></w:p></w:body></w:document>"
).encode()


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_zeros_entry(path: Path, name: str, size: int) -> None:
    """A DOCX-like zip whose entry ``name`` is ``size`` zero bytes, streamed in."""
    chunk = bytes(MIB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", DOCUMENT_XML)
        with archive.open(name, "w") as entry:
            for _ in range(size // MIB):
                entry.write(chunk)


def patch_headers(
    data: bytes, name: str, central_offset: int, local_offset: int, fmt: str, value: int
) -> bytes:
    """Overwrite one field of ``name``'s central and local headers, as an attacker can."""
    patched = bytearray(data)
    encoded = name.encode()
    for signature, name_length_at, name_at, offset in (
        (b"PK\x01\x02", 28, 46, central_offset),
        (b"PK\x03\x04", 26, 30, local_offset),
    ):
        start = patched.find(signature)
        while start >= 0:
            (length,) = struct.unpack_from("<H", patched, start + name_length_at)
            if patched[start + name_at : start + name_at + length] == encoded:
                struct.pack_into(fmt, patched, start + offset, value)
            start = patched.find(signature, start + 4)
    return bytes(patched)


class EndlessZeros(io.RawIOBase):
    """A stream that never ends, counting what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        buffer[:] = bytes(size)
        self.taken += size
        return size


# --- archives --------------------------------------------------------------


def test_real_docx_parts_are_read() -> None:
    document = docx.Document()
    document.add_paragraph("Điều 1. Ban hành.")
    buffer = io.BytesIO()
    document.save(buffer)
    parts = read_docx_parts(buffer.getvalue())
    assert "Điều 1. Ban hành.".encode() in parts["word/document.xml"]
    assert "docProps/core.xml" in parts
    assert "word/comments.xml" not in parts


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(UnsafeDocxError, match="zip"):
        read_docx_parts(b"%PDF-1.7 this is not a Word file")


def test_zip_without_document_part_is_refused() -> None:
    with pytest.raises(UnsafeDocxError, match=r"word/document\.xml"):
        read_docx_parts(make_zip({"word/styles.xml": b"<styles/>"}))


def test_missing_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(UnsafeDocxError, match="không mở được"):
        read_docx_parts(tmp_path / "khong-co.docx")


def test_file_over_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    with path.open("wb") as file:
        file.truncate(60 * MIB)  # sparse: nothing is written, nothing need be read
    with pytest.raises(UnsafeDocxError, match="quá lớn"):
        read_docx_parts(path)


def test_bytes_over_size_limit_are_refused() -> None:
    with pytest.raises(UnsafeDocxError, match="quá lớn"):
        read_docx_parts(make_zip({"word/document.xml": DOCUMENT_XML}), max_file_bytes=100)


def test_too_many_entries_are_refused() -> None:
    entries = {f"word/media/image{i}.png": b"x" for i in range(30)}
    entries["word/document.xml"] = DOCUMENT_XML
    with pytest.raises(UnsafeDocxError, match="quá nhiều mục"):
        read_docx_parts(make_zip(entries), max_entries=10)


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/x", "word/../../x.xml", "/etc/passwd", "C:/Windows/x.xml", "..\\x.xml"],
)
def test_entry_names_that_escape_are_refused(name: str) -> None:
    data = make_zip({"word/document.xml": DOCUMENT_XML, name: b"x"})
    with pytest.raises(UnsafeDocxError, match=r"tuyệt đối|'\.\.'"):
        read_docx_parts(data)


def test_encrypted_entry_is_refused() -> None:
    data = make_zip({"word/document.xml": DOCUMENT_XML})
    encrypted = patch_headers(data, "word/document.xml", 8, 6, "<H", 0x1)
    with pytest.raises(UnsafeDocxError, match="mã hóa"):
        read_docx_parts(encrypted)


def test_duplicate_entry_names_are_refused() -> None:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we want
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", DOCUMENT_XML)
            archive.writestr("word/document.xml", b"<other/>")
    with pytest.raises(UnsafeDocxError, match="cùng tên"):
        read_docx_parts(buffer.getvalue())


# --- zip bombs ---------------------------------------------------------------


def test_large_zip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    write_zeros_entry(path, "word/comments.xml", 300 * MIB)
    assert path.stat().st_size < 2 * MIB
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeDocxError, match="bom zip"):
            read_docx_parts(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MIB


def test_highly_compressed_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ti-le.docx"
    write_zeros_entry(path, "word/media/image1.png", 20 * MIB)
    with pytest.raises(UnsafeDocxError, match="tỉ lệ nén"):
        read_docx_parts(path)


def test_total_uncompressed_size_is_limited(tmp_path: Path) -> None:
    path = tmp_path / "tong.docx"
    write_zeros_entry(path, "word/comments.xml", 3 * MIB)
    with pytest.raises(UnsafeDocxError, match="bom zip"):
        read_docx_parts(path, max_total_uncompressed=2 * MIB, max_ratio=10_000)


def test_header_understating_the_size_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "noi-doi.docx"
    write_zeros_entry(path, "word/comments.xml", 20 * MIB)
    # Claim 1 kB unpacked, so that every check made on the header passes.
    lying = patch_headers(path.read_bytes(), "word/comments.xml", 24, 22, "<I", 1000)
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeDocxError, match=r"word/comments\.xml"):
            read_docx_parts(lying)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MIB


def test_reading_stops_once_the_size_limit_is_passed() -> None:
    stream = EndlessZeros()
    with pytest.raises(UnsafeDocxError, match="quá lớn"):
        read_bounded(
            io.BufferedReader(stream, 4096),
            name="word/document.xml",
            compressed_size=10 * MIB,
            max_bytes=MIB,
            max_ratio=100,
        )
    assert stream.taken <= MIB + 128 * 1024


def test_reading_stops_once_the_ratio_limit_is_passed() -> None:
    stream = EndlessZeros()
    with pytest.raises(UnsafeDocxError, match="tỉ lệ nén"):
        read_bounded(
            io.BufferedReader(stream, 4096),
            name="word/document.xml",
            compressed_size=1000,
            max_bytes=100 * MIB,
            max_ratio=100,
        )
    assert stream.taken <= 2 * MIB


def test_bounded_read_returns_everything_within_limits() -> None:
    data = bytes(range(256)) * 5000
    assert (
        read_bounded(
            io.BytesIO(data), name="x", compressed_size=len(data), max_bytes=len(data), max_ratio=1
        )
        == data
    )


# --- XML ---------------------------------------------------------------------


def test_plain_xml_is_parsed() -> None:
    root = parse_xml(DOCUMENT_XML)
    assert root.tag.endswith("}document")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(UnsafeDocxError, match="DOCTYPE"):
        parse_xml(BILLION_LAUGHS)


def test_billion_laughs_inside_a_docx_is_refused() -> None:
    from drafter.review.reader import read_feedback

    with pytest.raises(UnsafeDocxError, match="DOCTYPE"):
        read_feedback(make_zip({"word/document.xml": BILLION_LAUGHS}))


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]><x>&e;</x>'
    ).encode()
    with pytest.raises(UnsafeDocxError, match="DOCTYPE"):
        parse_xml(xml)


def test_doctype_in_utf16_is_refused() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(UnsafeDocxError, match="DOCTYPE"):
        parse_xml(xml.encode("utf-16"))


def test_malformed_xml_is_refused() -> None:
    with pytest.raises(UnsafeDocxError, match="XML"):
        parse_xml(b"<w:document><w:body></w:document>")
