"""`manage.py ingest`: folders, summary line, bad files among good ones."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from corpus.models import Document
from tests.conftest import SEED_FILES, SEEDS_DIR


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
class TestIngestCommand:
    def test_seed_folder_is_ingested_then_unchanged(self) -> None:
        out, _ = _run(str(SEEDS_DIR))
        again, _ = _run(str(SEEDS_DIR))

        assert out.strip().endswith("ingested 5, unchanged 0, failed 0")
        assert again.strip().endswith("ingested 0, unchanged 5, failed 0")
        assert Document.objects.count() == 5

    def test_one_bad_file_fails_alone_and_the_command_exits_non_zero(self, tmp_path: Path) -> None:
        for path in SEED_FILES[:2]:
            shutil.copy(path, tmp_path / path.name)
        (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00garbage\x00")

        err = StringIO()
        with pytest.raises(CommandError, match="1 file"):
            call_command("ingest", "--no-progress", str(tmp_path), stdout=StringIO(), stderr=err)

        assert "broken.txt: failed: binary file" in err.getvalue()
        assert Document.objects.count() == 2

    def test_sidecar_metadata_names_the_source_and_title(self, tmp_path: Path) -> None:
        article = tmp_path / "note.txt"
        article.write_text("العنوان\nويضم التحالف الدولي 80 بلداً ومنظمة دولية.\n", encoding="utf-8")
        (tmp_path / "note.txt.meta.json").write_text(
            '{"source": "Test Outlet", "title": "A title", "url": "https://example.org/a"}', encoding="utf-8"
        )

        _run(str(article))

        doc = Document.objects.get()
        assert (doc.source.name, doc.title, doc.url) == ("Test Outlet", "A title", "https://example.org/a")

    def test_missing_path_is_reported(self, tmp_path: Path) -> None:
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("ingest", "--no-progress", str(tmp_path / "nope.txt"), stdout=StringIO(), stderr=err)

        assert "nope.txt: failed: no such file or folder" in err.getvalue()
