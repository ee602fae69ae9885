"""Reading what the operator hands the importer (files, folders, .zip archives) without trusting
it: sizes are checked before anything is read, archives are checked for bombs and for entry
names that climb out of the archive, and binary data never reaches the parsers."""

from __future__ import annotations

import os
import posixpath
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

PAGE_EXTENSIONS = {".txt", ".text", ".html", ".htm", ".md", ".markdown"}
ASSET_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".css", ".js", ".json"}
ARCHIVE_EXTENSIONS = {".zip"}


def limit(name: str) -> int:
    return getattr(settings, name)


@dataclass
class SourceItem:
    """One candidate page: its name (path inside the folder or archive), its bytes or the
    reason it cannot be read, and a way to read files beside it (an HTML page's images)."""

    name: str
    data: bytes | None = None
    error: str | None = None
    sibling: Callable[[str], bytes | None] | None = None


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


def iter_sources(paths: list[str | os.PathLike]) -> Iterator[SourceItem]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield SourceItem(str(raw), error=_("not found"))
        elif path.is_dir():
            yield from _iter_folder(path)
        elif path.suffix.lower() in ARCHIVE_EXTENSIONS or _is_zip(path):
            yield from iter_zip(path, str(raw))
        else:
            yield _read_file(path, str(raw))


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _iter_folder(folder: Path) -> Iterator[SourceItem]:
    root = folder.resolve()
    for directory, subdirectories, files in os.walk(folder, followlinks=False):
        subdirectories.sort()
        for filename in sorted(files):
            path = Path(directory) / filename
            name = str(path.relative_to(folder))
            suffix = path.suffix.lower()
            if suffix in ASSET_EXTENSIONS or filename.startswith("."):
                continue
            if path.is_symlink():
                yield SourceItem(name, error=_("symbolic link: not followed"))
            elif suffix in ARCHIVE_EXTENSIONS:
                yield from iter_zip(path, name)
            elif suffix not in PAGE_EXTENSIONS:
                yield SourceItem(name, error=_unsupported(suffix))
            else:
                item = _read_file(path, name)
                item.sibling = _folder_sibling(root, path.parent)
                yield item


def _folder_sibling(root: Path, base: Path) -> Callable[[str], bytes | None]:
    def read(relative: str) -> bytes | None:
        if "://" in relative or relative.startswith(("/", "data:")):
            return None
        target = (base / relative.split("?")[0].split("#")[0]).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return None
        if target.stat().st_size > limit("KENNISBANK_IMPORT_MAX_IMAGE_BYTES"):
            return None
        return target.read_bytes()

    return read


def _read_file(path: Path, name: str) -> SourceItem:
    try:
        size = path.stat().st_size
        if size > limit("KENNISBANK_IMPORT_MAX_FILE_BYTES"):
            return SourceItem(name, error=_too_large(size))
        return SourceItem(name, data=path.read_bytes())
    except OSError as error:
        return SourceItem(
            name, error=_("cannot be read: %(error)s") % {"error": error.strerror or error}
        )


def _too_large(size: int) -> str:
    return _("too large: %(size)s, the limit for one page is %(limit)s") % {
        "size": human_size(size),
        "limit": human_size(limit("KENNISBANK_IMPORT_MAX_FILE_BYTES")),
    }


def _unsupported(suffix: str) -> str:
    if not suffix:
        return _("unsupported file type (none)")
    return _("unsupported file type %(suffix)s") % {"suffix": suffix}


def safe_entry_name(name: str) -> str | None:
    """The entry's path inside the archive, or None when it would leave it (absolute paths,
    drive letters, '..')."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    normalised = posixpath.normpath(name)
    if normalised.startswith("../") or normalised == ".." or "\x00" in normalised:
        return None
    if any(part == ".." for part in PurePosixPath(name).parts):
        return None
    return normalised


def iter_zip(path: Path | object, label: str) -> Iterator[SourceItem]:
    """Pages in a .zip archive. The whole archive is refused when it declares more than the
    allowed total; an entry is refused when its name escapes the archive, when it is a link, or
    when it expands more than the allowed ratio. Entries are read with a hard cap, so an archive
    that lies about its sizes is stopped too."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        yield SourceItem(label, error=_("not a valid zip archive (%(error)s)") % {"error": error})
        return
    with archive:
        infos = archive.infolist()
        max_total = limit("KENNISBANK_IMPORT_MAX_ZIP_TOTAL_BYTES")
        max_ratio = limit("KENNISBANK_IMPORT_MAX_ZIP_RATIO")
        max_file = limit("KENNISBANK_IMPORT_MAX_FILE_BYTES")
        if len(infos) > limit("KENNISBANK_IMPORT_MAX_ZIP_ENTRIES"):
            yield SourceItem(
                label,
                error=_("zip archive refused: %(count)s entries") % {"count": len(infos)},
            )
            return
        declared = sum(info.file_size for info in infos)
        if declared > max_total:
            yield SourceItem(
                label,
                error=_(
                    "zip archive refused (possible zip bomb): it expands to %(size)s, "
                    "the limit is %(limit)s"
                )
                % {"size": human_size(declared), "limit": human_size(max_total)},
            )
            return
        names = {safe_entry_name(info.filename): info for info in infos if not info.is_dir()}
        names.pop(None, None)
        budget = [max_total]

        def read_entry(info: zipfile.ZipInfo, cap: int) -> bytes:
            with archive.open(info) as handle:
                data = handle.read(min(cap, budget[0]) + 1)
            if len(data) > min(cap, budget[0]):
                raise ValueError(_("expands beyond its declared size or the limits"))
            budget[0] -= len(data)
            return data

        def sibling_reader(base: str) -> Callable[[str], bytes | None]:
            def read(relative: str) -> bytes | None:
                if "://" in relative or relative.startswith(("/", "data:")):
                    return None
                target = safe_entry_name(posixpath.join(base, relative.split("?")[0]))
                info = names.get(target)
                if info is None:
                    return None
                try:
                    return read_entry(info, limit("KENNISBANK_IMPORT_MAX_IMAGE_BYTES"))
                except (ValueError, zipfile.BadZipFile, RuntimeError):
                    return None

            return read

        for info in infos:
            if info.is_dir():
                continue
            entry = f"{label}:{info.filename}"
            name = safe_entry_name(info.filename)
            suffix = PurePosixPath(info.filename).suffix.lower()
            if name is None:
                yield SourceItem(entry, error=_("unsafe path in zip entry (leaves the archive)"))
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield SourceItem(entry, error=_("symbolic link in zip archive: not followed"))
                continue
            if suffix in ASSET_EXTENSIONS or PurePosixPath(name).name.startswith("."):
                continue
            if suffix in ARCHIVE_EXTENSIONS:
                yield SourceItem(entry, error=_("nested archive: unpack it first"))
                continue
            if suffix not in PAGE_EXTENSIONS:
                yield SourceItem(entry, error=_unsupported(suffix))
                continue
            if info.file_size > max_file:
                yield SourceItem(entry, error=_too_large(info.file_size))
                continue
            if info.compress_size and info.file_size / info.compress_size > max_ratio:
                yield SourceItem(
                    entry,
                    error=_(
                        "zip entry refused (possible zip bomb): compressed %(ratio).0f to 1, "
                        "the limit is %(limit)s to 1"
                    )
                    % {"ratio": info.file_size / info.compress_size, "limit": max_ratio},
                )
                continue
            try:
                data = read_entry(info, max_file)
            except ValueError as error:
                yield SourceItem(entry, error=_("zip entry refused: %(error)s") % {"error": error})
                continue
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:
                yield SourceItem(
                    entry, error=_("zip entry cannot be read (%(error)s)") % {"error": error}
                )
                continue
            yield SourceItem(entry, data=data, sibling=sibling_reader(posixpath.dirname(name)))


def decode(data: bytes) -> str:
    """Bytes to text, refusing binary data. UTF-8 (with or without BOM) first; anything else is
    read as Windows-1252, the old platform's encoding, and left to the encoding repair."""
    from .parsed import ItemError

    if not data.strip():
        raise ItemError(_("empty file"))
    head = data[:8192]
    if b"\x00" in head:
        raise ItemError(_("not text: the file is binary"))
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if control > len(head) * 0.02:
        raise ItemError(_("not text: the file is binary"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ItemError(_("empty file"))
    return text
