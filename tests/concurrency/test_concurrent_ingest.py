"""The same file ingested by two processes at once ends as one document.

`document_ingest` checks the sha256 first and lets the unique constraint decide a race (the
loser reports `unchanged`). This runs the real command twice in parallel, in two processes on
two connections, against a database both can see: on PostgreSQL the test database itself
(committed data, hence `transaction=True`); on SQLite a migrated temporary file, because the
test database is in memory and invisible to other processes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.conftest import ROOT, SEED_FILES

TIMEOUT = 180


def _postgres_url() -> str:
    """The URL of the test database pytest-django created (`test_<name>`)."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{quote(db['USER'])}{password}@{host}/{quote(db['NAME'])}"


def _manage(*args: str, database_url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=TIMEOUT)
    return process.returncode, out, err


class Store:
    """Counts rows in the database the subprocesses wrote to."""

    def __init__(self, sqlite_path: Path | None) -> None:
        self.sqlite_path = sqlite_path

    def scalar(self, sql: str) -> tuple:
        if self.sqlite_path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()
        with sqlite3.connect(self.sqlite_path) as db:
            return db.execute(sql).fetchone()


@pytest.fixture
def database(tmp_path: Path, transactional_db) -> tuple[str, Store]:
    """(DATABASE_URL for the subprocesses, a way to count what they stored)."""
    if connection.vendor == "postgresql":
        return _postgres_url(), Store(None)
    path = tmp_path / "race.sqlite3"
    url = f"sqlite:///{path}"
    code, _, err = _finish(_manage("migrate", "--noinput", database_url=url))
    assert code == 0, err
    return url, Store(path)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("starter_vocabulary")
class TestConcurrentIngest:
    def test_two_processes_ingesting_the_same_file_store_one_document(self, database: tuple[str, Store]) -> None:
        url, store = database
        article = SEED_FILES[0]

        processes = [_manage("ingest", "--no-progress", str(article), database_url=url) for _ in range(2)]
        results = [_finish(process) for process in processes]

        assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
        summaries = sorted(out.strip().splitlines()[-1] for _, out, _ in results)
        assert summaries == ["ingested 0, unchanged 1, failed 0", "ingested 1, unchanged 0, failed 0"]
        assert store.scalar("SELECT COUNT(*) FROM corpus_document") == (1,)
        sentences, indexes = store.scalar('SELECT COUNT(*), COUNT(DISTINCT "index") FROM corpus_sentence')
        assert sentences == indexes > 0
        claims, spans = store.scalar(
            "SELECT COUNT(*), COUNT(DISTINCT document_id || ':' || start || ':' || \"end\") FROM claims_evidence"
        )
        assert claims == spans > 0, "proposals were made twice"
