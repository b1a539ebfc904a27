"""Finding article files and their metadata on disk (no database).

Metadata may come from a folder-level `metadata.json` (an object keyed by file name) or a
sidecar `<file name>.meta.json`; the sidecar wins. Keys: source, source_url, source_country,
language (`fa-IR` reads as `fa`), title, url, published_on (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`:
it wins over the date found in the text) and published_precision. A bad entry (an invalid URL,
an unknown language) makes that one file fail with the reason; the others go on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from corpus.services import DocumentMetadata, DocumentRejected, metadata_from_mapping

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FOLDER_METADATA = "metadata.json"
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class ArticleFile:
    path: Path
    metadata: DocumentMetadata | None
    error: str | None = None  # set when the file cannot be ingested before reading it


def collect_article_files(paths: list[Path]) -> list[ArticleFile]:
    """Expand files and folders (recursively, sorted) into article files with their metadata."""
    found: list[ArticleFile] = []
    for path in paths:
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            found.extend(_with_metadata(p) for p in candidates)
        elif path.is_file():
            found.append(_with_metadata(path))
        else:
            found.append(ArticleFile(path, None, "no such file or folder"))
    return found


def _with_metadata(path: Path) -> ArticleFile:
    try:
        merged: dict[str, str] = {}
        folder_file = path.parent / FOLDER_METADATA
        if folder_file.is_file():
            merged.update(_read_json_object(folder_file).get(path.name, {}))
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        if sidecar.is_file():
            merged.update(_read_json_object(sidecar))
        metadata = metadata_from_mapping(merged) if merged else None
    except ValueError as exc:
        return ArticleFile(path, None, str(exc))
    except DocumentRejected as exc:
        return ArticleFile(path, None, f"metadata for {path.name}: {exc.reason}")
    return ArticleFile(path, metadata)


def _read_json_object(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a JSON object")
    return data
