"""Files inside a zip or a folder, read within limits.

An archive is never extracted to disk: members are read into memory one at a time.
Limits guard against zip bombs and hostile names: member count, each member's and the
total uncompressed size (as declared, and again while reading, since headers can lie),
and names that climb out (``..``) or are absolute.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from netkort.io.base import FormatError

MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 512 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
MAX_FOLDER_FILES = 50_000
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DRIVE = re.compile(r"^[A-Za-z]:")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) in _ZIP_MAGIC
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # relative, "/"-separated, as the archive or folder names it
    size: int

    @property
    def basename(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    @property
    def depth(self) -> int:
        return self.name.count("/")


class ZipSource:
    """A zip read member by member; the constructor validates every name and size."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (*_ZIP_ERRORS, OSError) as error:
            raise FormatError(
                path, f"this zip is broken ({error}); download the export again"
            ) from error
        self._infos = {i.filename: i for i in infos if not i.is_dir()}
        self._check(infos)

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise FormatError(
                self.path,
                f"the zip holds {len(infos)} files, more than the {MAX_MEMBERS} an export "
                "has; unzip it and import the files you need",
            )
        total = 0
        for info in infos:
            if not safe_name(info.filename):
                raise FormatError(
                    self.path,
                    f"the zip contains the unsafe file name {info.filename!r}; "
                    "it was not made by LinkedIn, so it is not imported",
                )
            if info.file_size > MAX_MEMBER_BYTES:
                raise FormatError(
                    self.path, f"{info.filename} in the zip is too large ({info.file_size} bytes)"
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise FormatError(
                self.path,
                f"the zip unpacks to {total // 2**20} MiB, more than {MAX_TOTAL_BYTES // 2**20} "
                "MiB; unzip it and import the files you need",
            )

    def members(self) -> list[Member]:
        return [Member(name, info.file_size) for name, info in self._infos.items()]

    def read(self, member: Member) -> bytes:
        info = self._infos[member.name]
        try:
            with self._zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (*_ZIP_ERRORS, OSError) as error:
            raise FormatError(
                self.path, f"{member.name} in the zip cannot be unpacked ({error})"
            ) from error
        self._read_total += len(data)
        if len(data) > MAX_MEMBER_BYTES or self._read_total > MAX_TOTAL_BYTES:
            raise FormatError(self.path, f"{member.name} unpacks to more than its stated size")
        return data

    def head(self, member: Member, size: int = 65536) -> bytes:
        try:
            with self._zip.open(self._infos[member.name]) as handle:
                return handle.read(size)
        except (*_ZIP_ERRORS, OSError) as error:
            raise FormatError(
                self.path, f"{member.name} in the zip cannot be unpacked ({error})"
            ) from error

    def close(self) -> None:
        self._zip.close()


class FolderSource:
    """The files of a folder and its subfolders (an unzipped archive)."""

    def __init__(self, path: Path, max_depth: int = 3) -> None:
        self.path = path
        self._files: dict[str, Path] = {}
        for root, dirs, files in os.walk(path):
            rel = Path(root).relative_to(path)
            if len(rel.parts) >= max_depth:
                dirs.clear()
            dirs.sort()
            for name in sorted(files):
                self._files[(rel / name).as_posix()] = Path(root) / name
                if len(self._files) > MAX_FOLDER_FILES:
                    raise FormatError(path, f"the folder holds more than {MAX_FOLDER_FILES} files")

    def members(self) -> list[Member]:
        out = []
        for name, file in self._files.items():
            try:
                out.append(Member(name, file.stat().st_size))
            except OSError:
                continue
        return out

    def read(self, member: Member) -> bytes:
        file = self._files[member.name]
        try:
            if file.stat().st_size > MAX_MEMBER_BYTES:
                raise FormatError(file, "the file is too large")
            return file.read_bytes()
        except OSError as error:
            raise FormatError(file, f"cannot read the file ({error.strerror or error})") from error

    def head(self, member: Member, size: int = 65536) -> bytes:
        return _head(self._files[member.name], size)

    def close(self) -> None:
        pass


class FileSource:
    """One file, seen as a source with a single member."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def members(self) -> list[Member]:
        try:
            return [Member(self.path.name, self.path.stat().st_size)]
        except OSError as error:
            raise FormatError(self.path, f"cannot read the file ({error.strerror})") from error

    def read(self, member: Member) -> bytes:
        try:
            if self.path.stat().st_size > MAX_MEMBER_BYTES:
                raise FormatError(self.path, "the file is too large")
            return self.path.read_bytes()
        except OSError as error:
            raise FormatError(self.path, f"cannot read the file ({error.strerror})") from error

    def head(self, member: Member, size: int = 65536) -> bytes:
        return _head(self.path, size)

    def close(self) -> None:
        pass


Source = ZipSource | FolderSource | FileSource


def open_source(path: Path) -> Source:
    if path.is_dir():
        return FolderSource(path)
    if is_zip(path):
        return ZipSource(path)
    return FileSource(path)


def safe_name(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return False
    return ".." not in re.split(r"[/\\]", name)


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise FormatError(path, f"cannot read the file ({error.strerror or error})") from error
