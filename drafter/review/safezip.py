"""Open untrusted DOCX files (returned by reviewers) under size and XML guards.

A returned Word file is input from outside: it may be damaged, or crafted to
exhaust memory (zip bombs, the "billion laughs" XML bomb) or to reach files
through external entities.  Everything here refuses such files with an
:class:`UnsafeDocxError` whose message says why, in Vietnamese, so the caller
can report it as a :class:`drafter.errors.Problem`.

The archive is checked once when opened (entry count, names, encryption and
declared sizes); each part is then decompressed in chunks while counting what
comes out, so a lying header cannot make us hold more than the limits allow.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from lxml import etree

MIB = 1024 * 1024

DOCUMENT_PART = "word/document.xml"

#: The parts :func:`read_docx_parts` reads unless told otherwise: the text, the
#: comments, Word's reply threads, the document properties and the
#: relationships that say where comments live.
DEFAULT_PARTS: tuple[str, ...] = (
    DOCUMENT_PART,
    "word/comments.xml",
    "word/commentsExtended.xml",
    "docProps/core.xml",
    "word/_rels/document.xml.rels",
)

# Entries smaller than this are not held to the compression-ratio limit: a
# short run of repeated characters (an empty settings part, say) compresses
# far beyond any sane ratio yet can do no harm.
RATIO_FLOOR = 1 * MIB

_CHUNK = 64 * 1024

# A central directory record is 46 bytes plus its name and extra fields; DOCX
# entry names are short, so a directory much larger than this per entry is
# not a Word file, and parsing it would cost memory before any other check.
_CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 1024

_EOCD_SIGNATURE = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_ZIP_COMMENT = 0xFFFF

_DRIVE_PATH = re.compile(r"^[A-Za-z]:")


class UnsafeDocxError(Exception):
    """A returned Word file that cannot be read safely; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class DocxLimits:
    """How much an untrusted DOCX may weigh, packed and unpacked."""

    max_file_bytes: int = 50 * MIB
    max_total_uncompressed: int = 200 * MIB
    max_ratio: float = 100
    max_entries: int = 2000


Source = str | os.PathLike[str] | bytes


class SafeDocx:
    """A DOCX archive opened under :class:`DocxLimits`, whose parts are read lazily.

    Opening checks the whole archive's directory; :meth:`read` decompresses
    one part in chunks and stops as soon as a limit is passed.  Use it as a
    context manager, or call :meth:`close`.
    """

    def __init__(self, source: Source, limits: DocxLimits | None = None) -> None:
        self.limits = limits or DocxLimits()
        self._read_total = 0
        self._file = _open_source(source, self.limits)
        try:
            _check_central_directory(self._file, self.limits)
            try:
                self._zip = zipfile.ZipFile(self._file)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
                raise UnsafeDocxError(
                    f"tệp không phải là tệp Word (DOCX): không đọc được dạng nén zip ({exc})"
                ) from exc
            self._entries = _check_entries(self._zip.infolist(), self.limits)
            if DOCUMENT_PART not in self._entries:
                raise UnsafeDocxError(
                    f"tệp không phải là tệp Word (DOCX): thiếu phần {DOCUMENT_PART}"
                )
        except BaseException:
            self._file.close()
            raise

    def __enter__(self) -> SafeDocx:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the archive and the underlying file."""
        self._zip.close()
        self._file.close()

    def has(self, name: str) -> bool:
        """Whether the archive holds a part named ``name`` (no leading slash)."""
        return name in self._entries

    def read(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None if the archive has no such part.

        Raises :class:`UnsafeDocxError` when the part, or all parts read so far
        together, decompress to more than the limits allow.
        """
        info = self._entries.get(name)
        if info is None:
            return None
        budget = self.limits.max_total_uncompressed - self._read_total
        try:
            with self._zip.open(info) as stream:
                data = read_bounded(
                    stream,
                    name=name,
                    compressed_size=info.compress_size,
                    max_bytes=budget,
                    max_ratio=self.limits.max_ratio,
                )
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
            raise UnsafeDocxError(f"phần {name} trong tệp bị hỏng ({exc})") from exc
        self._read_total += len(data)
        return data


def read_docx_parts(
    path_or_bytes: Source,
    *,
    max_file_bytes: int = 50 * MIB,
    max_total_uncompressed: int = 200 * MIB,
    max_ratio: float = 100,
    max_entries: int = 2000,
    parts: Iterable[str] = DEFAULT_PARTS,
) -> dict[str, bytes]:
    """Read the named parts of an untrusted DOCX (a path or its bytes).

    Returns a dict from part name (``word/document.xml``) to its bytes, holding
    only the parts present; ``word/document.xml`` is always there.  Raises
    :class:`UnsafeDocxError` for anything that is not a safe Word file: not a
    zip, no ``word/document.xml``, too large a file, too many entries, an
    entry too large or too compressed (checked while decompressing, not only
    in the header), an encrypted entry, or an entry name with ``..`` or an
    absolute path.
    """
    limits = DocxLimits(max_file_bytes, max_total_uncompressed, max_ratio, max_entries)
    found: dict[str, bytes] = {}
    with SafeDocx(path_or_bytes, limits) as docx:
        for name in parts:
            data = docx.read(name)
            if data is not None:
                found[name] = data
    return found


def read_bounded(
    stream: IO[bytes],
    *,
    name: str,
    compressed_size: int,
    max_bytes: int,
    max_ratio: float,
) -> bytes:
    """Read ``stream`` to its end in chunks, refusing more than the limits allow.

    ``max_bytes`` caps the decompressed size; once past :data:`RATIO_FLOOR`,
    the bytes read so far may not exceed ``max_ratio`` times
    ``compressed_size``.  Stops at the first chunk that breaks a limit, so at
    most one chunk more than the limit is ever held.
    """
    buffer = io.BytesIO()
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return buffer.getvalue()
        size += len(chunk)
        if size > max_bytes:
            raise UnsafeDocxError(
                f"phần {name} giải nén ra quá lớn (hơn {_mib(max_bytes)}): có thể là bom zip"
            )
        if size > RATIO_FLOOR and size > max_ratio * max(compressed_size, 1):
            raise UnsafeDocxError(
                f"phần {name} có tỉ lệ nén quá cao (hơn {max_ratio:g} lần): có thể là bom zip"
            )
        buffer.write(chunk)


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part of an untrusted file and return its root element.

    Entities are not expanded, no DTD or network resource is loaded, and any
    document that declares a DOCTYPE is refused outright (Office never writes
    one; it is how entity bombs and external entities get in).  Raises
    :class:`UnsafeDocxError` for a DOCTYPE or malformed XML.
    """
    if _declares_doctype(data):
        raise UnsafeDocxError(
            "tệp XML có khai báo DOCTYPE (có thể là bom XML hoặc thực thể ngoài): từ chối đọc"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeDocxError(f"nội dung XML bị hỏng: {exc}") from exc
    # The byte scan above cannot see a DOCTYPE in an encoding it does not
    # decode; the parsed tree can.
    docinfo = root.getroottree().docinfo
    doctype: str = getattr(docinfo, "doctype", "")  # missing from lxml-stubs
    if doctype or docinfo.internalDTD is not None:
        raise UnsafeDocxError(
            "tệp XML có khai báo DOCTYPE (có thể là bom XML hoặc thực thể ngoài): từ chối đọc"
        )
    return root


def _declares_doctype(data: bytes) -> bool:
    """Whether the XML prolog holds ``<!DOCTYPE``, in UTF-8/ASCII or UTF-16."""
    if b"<!DOCTYPE" in data:
        return True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "<!DOCTYPE" in data.decode("utf-16", errors="replace")
    return False


def _open_source(source: Source, limits: DocxLimits) -> IO[bytes]:
    """Open a path or wrap bytes, refusing a file larger than the limit first."""
    if isinstance(source, bytes):
        if len(source) > limits.max_file_bytes:
            raise UnsafeDocxError(_too_big_file(len(source), limits))
        return io.BytesIO(source)
    try:
        size = os.stat(source).st_size
        if size > limits.max_file_bytes:
            raise UnsafeDocxError(_too_big_file(size, limits))
        # Closed by SafeDocx.close.
        return open(source, "rb")
    except OSError as exc:
        raise UnsafeDocxError(f"không mở được tệp: {exc.strerror or exc}") from exc


def _too_big_file(size: int, limits: DocxLimits) -> str:
    return f"tệp quá lớn ({_mib(size)}, tối đa {_mib(limits.max_file_bytes)})"


def _check_central_directory(file: IO[bytes], limits: DocxLimits) -> None:
    """Refuse an archive whose directory is too big before zipfile parses it.

    zipfile builds an object per directory record up front, so a directory of
    a million tiny records would cost memory before we could count them.  The
    end-of-directory record at the end of the file gives both numbers cheaply.
    A file without one is left for zipfile to refuse.
    """
    file.seek(0, os.SEEK_END)
    size = file.tell()
    tail_size = min(size, _EOCD_SIZE + _MAX_ZIP_COMMENT)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    file.seek(0)
    start = tail.rfind(_EOCD_SIGNATURE)
    if start < 0 or len(tail) - start < _EOCD_SIZE:
        return
    entries, directory_size = struct.unpack_from("<HI", tail, start + 10)
    if entries > limits.max_entries:
        raise UnsafeDocxError(_too_many_entries(entries, limits))
    if directory_size > limits.max_entries * _CENTRAL_DIRECTORY_BYTES_PER_ENTRY:
        raise UnsafeDocxError(
            f"danh mục của tệp nén quá lớn ({directory_size} byte): "
            "không phải tệp Word thông thường"
        )


def _too_many_entries(count: int, limits: DocxLimits) -> str:
    return f"tệp nén có quá nhiều mục ({count}, tối đa {limits.max_entries})"


def _check_entries(infos: list[zipfile.ZipInfo], limits: DocxLimits) -> dict[str, zipfile.ZipInfo]:
    """Check every entry's name, encryption and declared sizes; index them by name."""
    if len(infos) > limits.max_entries:
        raise UnsafeDocxError(_too_many_entries(len(infos), limits))
    entries: dict[str, zipfile.ZipInfo] = {}
    declared_total = 0
    for info in infos:
        name = info.filename
        _check_entry_name(name)
        if name in entries:
            # Readers disagree on which copy wins: one file, two contents.
            raise UnsafeDocxError(f"tệp nén có hai mục cùng tên {name!r}")
        if info.flag_bits & 0x1:
            raise UnsafeDocxError(f"mục {name} được mã hóa (đặt mật khẩu): không đọc được")
        if info.file_size > limits.max_total_uncompressed:
            raise UnsafeDocxError(
                f"mục {name} khai báo kích thước giải nén quá lớn ({_mib(info.file_size)}, "
                f"tối đa {_mib(limits.max_total_uncompressed)}): có thể là bom zip"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise UnsafeDocxError(
                f"mục {name} có tỉ lệ nén quá cao (hơn {limits.max_ratio:g} lần): có thể là bom zip"
            )
        declared_total += info.file_size
        if declared_total > limits.max_total_uncompressed:
            raise UnsafeDocxError(
                f"tổng kích thước giải nén của tệp quá lớn "
                f"(hơn {_mib(limits.max_total_uncompressed)}): có thể là bom zip"
            )
        entries[name] = info
    return entries


def _check_entry_name(name: str) -> None:
    """Refuse absolute names and names that climb out with ``..``."""
    if name.startswith(("/", "\\")) or _DRIVE_PATH.match(name):
        raise UnsafeDocxError(f"mục {name!r} trong tệp nén có đường dẫn tuyệt đối")
    if ".." in re.split(r"[/\\]", name):
        raise UnsafeDocxError(f"mục {name!r} trong tệp nén có đường dẫn chứa '..'")


def _mib(size: float) -> str:
    return f"{size / MIB:.0f} MiB" if size >= MIB else f"{size:.0f} byte"
