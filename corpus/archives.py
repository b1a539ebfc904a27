"""Articles from a zip archive (a batch upload), with their metadata, checked before unpacking.

The archive holds `.txt`/`.html` files in any folders, with the metadata the `ingest` command
reads from disk (a folder `metadata.json` keyed by file name, or a sidecar `NAME.meta.json`;
see `corpus.files`). The archive is unpacked into a temporary folder and read by the same code
as a folder on disk, after checks that keep a hostile archive harmless: at most
`MAX_MEMBERS` members and `max_total` bytes unpacked in all (a zip bomb is refused before a
byte is written), and a member over the per-document limit is reported, not unpacked.
Member names cannot escape the folder (`zipfile` drops absolute paths and `..`).
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from corpus.files import ARTICLE_SUFFIXES, FOLDER_METADATA, SIDECAR_SUFFIX, collect_article_files
from corpus.services import DocumentMetadata

MAX_MEMBERS = 10_000


class ArchiveRejected(Exception):
    """The upload is not a usable zip archive; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ArchiveArticle:
    name: str  # the member's path inside the archive
    raw: bytes
    metadata: DocumentMetadata | None
    error: str | None = None  # set when the member cannot be ingested (too large, bad metadata)


def read_archive(upload: IO[bytes], *, max_document_bytes: int, max_total: int) -> list[ArchiveArticle]:
    """The articles in a zip archive, in member-name order."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveRejected(f"not a zip archive ({exc})") from exc
    with archive, tempfile.TemporaryDirectory(prefix="sanad-zip-") as tmp:
        members = [m for m in archive.infolist() if not m.is_dir() and not _is_noise(m.filename)]
        if len(members) > MAX_MEMBERS:
            raise ArchiveRejected(f"{len(members):,} files in the archive, over the limit of {MAX_MEMBERS:,}")
        articles = [m for m in members if m.filename.lower().endswith(ARTICLE_SUFFIXES)]
        if not articles:
            raise ArchiveRejected(f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in the archive")
        too_large = {m.filename for m in articles if m.file_size > max_document_bytes}
        wanted = [m for m in members if m.filename not in too_large and _is_wanted(m.filename)]
        total = sum(m.file_size for m in wanted)
        if total > max_total:
            raise ArchiveRejected(f"the archive unpacks to {total:,} bytes, over the limit of {max_total:,}")
        root = Path(tmp)
        try:
            for member in wanted:
                archive.extract(member, root)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ArchiveRejected(f"cannot unpack the archive ({exc})") from exc
        by_path = {
            item.path.relative_to(root).as_posix(): item
            for item in collect_article_files([root])
            if item.path.is_file()
        }
        found: list[ArchiveArticle] = []
        for member in sorted(articles, key=lambda m: m.filename):
            name = member.filename
            if name in too_large:
                found.append(
                    ArchiveArticle(
                        name,
                        b"",
                        None,
                        f"file is {member.file_size:,} bytes, over the {max_document_bytes:,}-byte limit",
                    )
                )
                continue
            item = by_path.get(PurePosixPath(name).as_posix())
            if item is None:  # a name zipfile had to rewrite (absolute, `..`): skipped, and said so
                found.append(ArchiveArticle(name, b"", None, "unsafe file name in the archive"))
                continue
            found.append(ArchiveArticle(name, item.path.read_bytes(), item.metadata, item.error))
        return found


def _is_noise(name: str) -> bool:
    """Folders and files archivers add that hold no article (macOS resource forks)."""
    parts = PurePosixPath(name).parts
    return any(part == "__MACOSX" or part.startswith("._") for part in parts)


def _is_wanted(name: str) -> bool:
    lower = name.lower()
    return (
        lower.endswith(ARTICLE_SUFFIXES)
        or lower.endswith(SIDECAR_SUFFIX)
        or lower.rsplit("/", 1)[-1] == FOLDER_METADATA
    )
