"""The one reader (and writer) of Word packages: a zip of XML parts.

:class:`Package` opens a DOCX under :class:`~drafter.ooxml.limits.Limits`,
trusted (our templates and outputs) or untrusted (files returned by
reviewers).  The archive is checked once when opened (entry count, names,
duplicates, encryption and declared sizes); each part is then decompressed in
chunks while counting what comes out, so a lying header cannot make us hold
more than the limits allow.  Everything refused raises
:class:`~drafter.ooxml.errors.PackageError` with the reason in Vietnamese.

:func:`write_package` writes parts back with fixed timestamps, so the same
parts always give the same bytes.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from types import TracebackType
from typing import IO

from lxml import etree

from drafter.ooxml.errors import PackageError
from drafter.ooxml.limits import RATIO_FLOOR, Limits, Mode, limits_for, mib
from drafter.ooxml.xml import parse_xml

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES_PART = "[Content_Types].xml"

#: What a caller may catch when a third-party library (docxtpl) opens a package.
BadZipFile = zipfile.BadZipFile

#: Zip entries get this timestamp so the same parts give the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_CHUNK = 64 * 1024

# A central directory record is 46 bytes plus its name and extra fields; DOCX
# entry names are short, so a directory much larger than this per entry is
# not a Word file, and parsing it would cost memory before any other check.
_CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 1024

_EOCD_SIGNATURE = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_ZIP_COMMENT = 0xFFFF

_DRIVE_PATH = re.compile(r"^[A-Za-z]:")

Source = str | os.PathLike[str] | bytes


class Package:
    """A DOCX archive opened under limits, whose parts are read lazily.

    ``mode`` picks the default limits (:data:`~drafter.ooxml.limits.TRUSTED`
    or :data:`~drafter.ooxml.limits.UNTRUSTED`); ``limits`` overrides them.
    Opening checks the whole archive's directory and that it holds
    ``word/document.xml``; :meth:`read` decompresses one part in chunks and
    stops as soon as a limit is passed.  Use it as a context manager, or call
    :meth:`close`.
    """

    def __init__(self, source: Source, mode: Mode, limits: Limits | None = None) -> None:
        self.mode = mode
        self.limits = limits or limits_for(mode)
        self._read_total = 0
        self._file = _open_source(source, self.limits)
        try:
            _check_central_directory(self._file, self.limits)
            try:
                self._zip = zipfile.ZipFile(self._file)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
                raise PackageError(
                    f"tệp không phải là tệp Word (DOCX): không đọc được dạng nén zip ({exc})"
                ) from exc
            self._entries = _check_entries(self._zip.infolist(), self.limits)
            if DOCUMENT_PART not in self._entries:
                raise PackageError(f"tệp không phải là tệp Word (DOCX): thiếu phần {DOCUMENT_PART}")
        except BaseException:
            self._file.close()
            raise

    def __enter__(self) -> Package:
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

    @property
    def names(self) -> list[str]:
        """The part names in archive order (directory entries left out)."""
        return [name for name, info in self._entries.items() if not info.is_dir()]

    def has(self, name: str) -> bool:
        """Whether the archive holds a part named ``name`` (no leading slash)."""
        return name in self._entries

    def read(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None if the archive has no such part.

        Raises :class:`PackageError` when the part, or all parts read so far
        together, decompress to more than the limits allow.
        """
        info = self._entries.get(name)
        if info is None:
            return None
        budget = min(self.limits.max_total_uncompressed - self._read_total, self.limits.entry_bytes)
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
            raise PackageError(f"phần {name} trong tệp bị hỏng ({exc})") from exc
        self._read_total += len(data)
        return data

    def xml(
        self, name: str, *, remove_comments: bool = False, remove_pis: bool = False
    ) -> etree._Element | None:
        """Part ``name`` parsed under the package's XML limits, or None if absent."""
        data = self.read(name)
        if data is None:
            return None
        return parse_xml(
            data,
            max_depth=self.limits.max_depth,
            remove_comments=remove_comments,
            remove_pis=remove_pis,
        )

    def parse(
        self, data: bytes, *, remove_comments: bool = False, remove_pis: bool = False
    ) -> etree._Element:
        """Bytes read from this package parsed under its XML limits."""
        return parse_xml(
            data,
            max_depth=self.limits.max_depth,
            remove_comments=remove_comments,
            remove_pis=remove_pis,
        )

    def relationships(self, part: str) -> dict[str, str]:
        """Relationship id -> target part name for ``part`` (external targets left out)."""
        root = self.xml(rels_part(part), remove_comments=True)
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root:
            if rel.get("TargetMode") == "External":
                continue
            out[rel.get("Id", "")] = resolve_target(part, rel.get("Target", ""))
        return out


def rels_part(part: str) -> str:
    """The relationships part of ``part``: ``word/_rels/document.xml.rels``."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(part: str, target: str) -> str:
    """The part name a relationship of ``part`` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def read_parts(source: Source, mode: Mode, limits: Limits | None = None) -> dict[str, bytes]:
    """Every part of a package, in archive order, read under the limits."""
    with Package(source, mode, limits) as package:
        out: dict[str, bytes] = {}
        for name in package.names:
            data = package.read(name)
            assert data is not None
            out[name] = data
        return out


def write_package(parts: Iterable[tuple[str, bytes]], *, permissions: int = 0o644) -> bytes:
    """Zip ``(name, bytes)`` pairs in the given order, deflated, with fixed
    timestamps and ``permissions``: the same parts always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = permissions << 16
            target.writestr(info, data)
    return buffer.getvalue()


def read_bounded(
    stream: IO[bytes],
    *,
    name: str,
    compressed_size: int,
    max_bytes: int,
    max_ratio: float | None,
) -> bytes:
    """Read ``stream`` to its end in chunks, refusing more than the limits allow.

    ``max_bytes`` caps the decompressed size; once past :data:`RATIO_FLOOR`,
    the bytes read so far may not exceed ``max_ratio`` times
    ``compressed_size`` (None: no ratio limit).  Stops at the first chunk that
    breaks a limit, so at most one chunk more than the limit is ever held.
    """
    buffer = io.BytesIO()
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return buffer.getvalue()
        size += len(chunk)
        if size > max_bytes:
            raise PackageError(
                f"phần {name} giải nén ra quá lớn (hơn {mib(max_bytes)}): có thể là bom zip"
            )
        if (
            max_ratio is not None
            and size > RATIO_FLOOR
            and size > max_ratio * max(compressed_size, 1)
        ):
            raise PackageError(
                f"phần {name} có tỉ lệ nén quá cao (hơn {max_ratio:g} lần): có thể là bom zip"
            )
        buffer.write(chunk)


def _open_source(source: Source, limits: Limits) -> IO[bytes]:
    """Open a path or wrap bytes, refusing a file larger than the limit first."""
    if isinstance(source, bytes):
        if limits.max_file_bytes is not None and len(source) > limits.max_file_bytes:
            raise PackageError(_too_big_file(len(source), limits.max_file_bytes))
        return io.BytesIO(source)
    try:
        size = os.stat(source).st_size
        if limits.max_file_bytes is not None and size > limits.max_file_bytes:
            raise PackageError(_too_big_file(size, limits.max_file_bytes))
        # Closed by Package.close.
        return open(source, "rb")
    except OSError as exc:
        raise PackageError(f"không mở được tệp: {exc.strerror or exc}") from exc


def _too_big_file(size: int, limit: int) -> str:
    return f"tệp quá lớn ({mib(size)}, tối đa {mib(limit)})"


def _check_central_directory(file: IO[bytes], limits: Limits) -> None:
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
        raise PackageError(_too_many_entries(entries, limits))
    if directory_size > limits.max_entries * _CENTRAL_DIRECTORY_BYTES_PER_ENTRY:
        raise PackageError(
            f"danh mục của tệp nén quá lớn ({directory_size} byte): "
            "không phải tệp Word thông thường"
        )


def _too_many_entries(count: int, limits: Limits) -> str:
    return f"tệp nén có quá nhiều mục ({count}, tối đa {limits.max_entries})"


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Check every entry's name, encryption and declared sizes; index them by name."""
    if len(infos) > limits.max_entries:
        raise PackageError(_too_many_entries(len(infos), limits))
    entries: dict[str, zipfile.ZipInfo] = {}
    declared_total = 0
    for info in infos:
        name = info.filename
        _check_entry_name(name)
        if name in entries:
            # Readers disagree on which copy wins: one file, two contents.
            raise PackageError(f"tệp nén có hai mục cùng tên {name!r}")
        if info.flag_bits & 0x1:
            raise PackageError(f"mục {name} được mã hóa (đặt mật khẩu): không đọc được")
        if info.file_size > limits.entry_bytes:
            raise PackageError(
                f"mục {name} khai báo kích thước giải nén quá lớn ({mib(info.file_size)}, "
                f"tối đa {mib(limits.entry_bytes)}): có thể là bom zip"
            )
        if (
            limits.max_ratio is not None
            and info.file_size > RATIO_FLOOR
            and info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise PackageError(
                f"mục {name} có tỉ lệ nén quá cao (hơn {limits.max_ratio:g} lần): có thể là bom zip"
            )
        declared_total += info.file_size
        if declared_total > limits.max_total_uncompressed:
            raise PackageError(
                f"tổng kích thước giải nén của tệp quá lớn "
                f"(hơn {mib(limits.max_total_uncompressed)}): có thể là bom zip"
            )
        entries[name] = info
    return entries


def _check_entry_name(name: str) -> None:
    """Refuse absolute names and names that climb out with ``..``."""
    if name.startswith(("/", "\\")) or _DRIVE_PATH.match(name):
        raise PackageError(f"mục {name!r} trong tệp nén có đường dẫn tuyệt đối")
    if ".." in re.split(r"[/\\]", name):
        raise PackageError(f"mục {name!r} trong tệp nén có đường dẫn chứa '..'")
