"""The import's machinery: references checked per batch, the parsing thread, the collector pause."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from claims.exchange import claims_import, export_rows, importing, parsing, postgres, read_rows, write_csv
from claims.exchange.validation import ReadyRow
from claims.models import Claim, Evidence, Fact, Revision
from corpus.models import Sentence
from tests.conftest import ROOT

FIXTURE = ROOT / "fixtures" / "curated" / "seeds.json"


def _rows() -> list[tuple[int, dict[str, Any]]]:
    """The curated seed claims as import rows (line numbers from 2), their claims and facts removed."""
    call_command("loaddata", str(FIXTURE), verbosity=0)
    rows = list(export_rows())
    Claim.objects.all().delete()
    Fact.objects.all().delete()
    return list(enumerate(rows, start=2))


def _counts() -> tuple[int, int, int]:
    return Claim.objects.count(), Evidence.objects.count(), Revision.objects.count()


@pytest.mark.django_db(transaction=True)
class TestReferencesGoneBeforeTheWrite:
    """Rows are validated before their batch's transaction begins; a sentence deleted in between
    must fail the batch, whether the database's triggers or the batch itself check references."""

    @pytest.mark.parametrize("batch_checks", [True, False], ids=["batch-checks-references", "triggers-check"])
    def test_the_batch_fails_and_writes_nothing(self, monkeypatch, batch_checks) -> None:
        if connection.vendor != "postgresql" and batch_checks:
            pytest.skip("only PostgreSQL batches check their references themselves")
        monkeypatch.setattr(postgres, "checks_references_itself", lambda: batch_checks)
        rows = _rows()
        before = _counts()
        original = importing.validate_batch

        def validate_then_delete(*args: Any) -> tuple[list[ReadyRow], list]:
            ready, errors = original(*args)
            Sentence.objects.filter(pk=ready[-1].sentence_id).delete()
            return ready, errors

        monkeypatch.setattr(importing, "validate_batch", validate_then_delete)

        with pytest.raises(IntegrityError):
            claims_import(rows=rows)

        assert _counts() == before

    @pytest.mark.postgres
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="session_replication_role is a PostgreSQL setting")
    def test_the_triggers_are_back_on_after_the_batch(self) -> None:
        rows = _rows()

        result = claims_import(rows=rows)

        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"
        assert result.created == len(rows)
        assert _counts() == (len(rows), len(rows), len(rows))


@pytest.mark.django_db
class TestReading:
    def test_rows_that_are_not_a_file_are_read_in_the_callers_thread(self) -> None:
        """They may come from the database, which another thread would see through another connection."""
        rows = _rows()
        threads = set()

        def from_the_database() -> Iterator[tuple[int, dict[str, Any]]]:
            for line, row in rows:
                threads.add(threading.current_thread())
                yield line, row

        result = claims_import(rows=from_the_database(), batch_size=10)

        assert threads == {threading.current_thread()}
        assert result.created == len(rows)

    def test_a_file_is_read_and_parsed_ahead_only_where_the_database_stores_out_of_process(
        self, tmp_path, monkeypatch
    ) -> None:
        rows = _rows()
        path = tmp_path / "claims.csv"
        write_csv(path, [row for _, row in rows])
        threads = set()
        original = parsing._csv_rows

        def csv_rows(handle: Any) -> Iterator[tuple[int, dict[str, Any]]]:
            for item in original(handle):
                threads.add(threading.current_thread())
                yield item

        monkeypatch.setattr(parsing, "_csv_rows", csv_rows)

        result = claims_import(rows=read_rows(path), batch_size=10)

        assert len(threads) == 1
        # PostgreSQL: in the helper thread; SQLite: in the caller's (see `_ParseAhead`).
        assert (threading.current_thread() in threads) is not importing.writer().PARSES_AHEAD
        assert result.created == len(rows)

    def test_the_garbage_collector_is_back_on_after_an_import_that_fails(self) -> None:
        def broken() -> Iterator[tuple[int, dict[str, Any]]]:
            raise RuntimeError("the source broke")
            yield  # pragma: no cover

        with pytest.raises(RuntimeError):
            claims_import(rows=broken())

        assert gc.isenabled()
