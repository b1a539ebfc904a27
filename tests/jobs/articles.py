"""Articles for the job tests, written for them: distinct bytes, a figure and a date in each."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

TOWNS = ("Aldmere", "Brackwater", "Corvel", "Dunhollow", "Eastreach", "Fallowby", "Greyford", "Hollin")


def article(n: int) -> str:
    """A short English report, different for every `n` (so every one is a new document)."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Storm report {n} from {town}\n"
        f"The storm damaged {100 + n} houses in {town} on 2 March 2024, the council said.\n"
        f"About {n + 3} roads stayed closed and more than {2 * n + 10} families moved to shelters.\n"
    )


def write_articles(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    metadata = {}
    for n in range(start, start + count):
        path = folder / f"report-{n:04d}.txt"
        path.write_text(article(n), encoding="utf-8")
        metadata[path.name] = {"source": "Coastal Courier", "language": "en"}
        paths.append(path)
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return paths


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
