"""Failures half-way through a write leave nothing behind, and running the job again finishes it.

An ingest is one transaction per document (document, sentences, proposals) and an import one
transaction per batch (entities, facts, claims, evidence, revisions). A process that dies in
the middle must not leave a document without its sentences, claims without evidence or
revisions without claims: the exception is injected after some rows of the unit are written,
and the tests run with real commits (`transaction=True`), as the commands do. Also: the
PostgreSQL connection carries the configured `statement_timeout`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from claims import proposals
from claims.exchange import claims_import, export_rows, importing
from claims.models import Claim, Entity, Evidence, Fact, Revision
from corpus.models import Document, Sentence
from tests.conftest import ROOT, SEED_FILES

CURATED_FIXTURE = ROOT / "fixtures" / "curated" / "seeds.json"


class Killed(RuntimeError):
    """Stands in for the process dying at this point."""


def _fail_on_call(number: int, original: Callable[..., Any]) -> Callable[..., Any]:
    """`original`, except that its `number`-th call raises `Killed` (earlier calls go through)."""
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == number:
            raise Killed(f"killed on call {number}")
        return original(*args, **kwargs)

    return wrapper


def _ingest(path: Path) -> str:
    out = io.StringIO()
    call_command("ingest", "--no-progress", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "sentences": Sentence.objects.count(),
        "claims": Claim.objects.count(),
        "evidence": Evidence.objects.count(),
        "revisions": Revision.objects.count(),
        "entities": Entity.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("starter_vocabulary")
class TestIngestKilledHalfWay:
    @pytest.fixture
    def after_the_sentences(self, monkeypatch) -> None:
        """The document row and all its sentence rows are written, then the process dies."""
        original = Sentence.objects.bulk_create

        def write_then_die(*args: Any, **kwargs: Any) -> Any:
            original(*args, **kwargs)
            raise Killed("killed after the sentences")

        monkeypatch.setattr(Sentence.objects, "bulk_create", write_then_die)

    @pytest.fixture
    def in_the_middle_of_the_proposals(self, monkeypatch) -> None:
        """Two proposed claims (with evidence and revisions) are written, then the process dies."""
        monkeypatch.setattr(proposals, "evidence_build", _fail_on_call(3, proposals.evidence_build))

    @pytest.mark.parametrize("fault", ["after_the_sentences", "in_the_middle_of_the_proposals"])
    def test_leaves_nothing_and_the_next_run_completes_it(self, request, monkeypatch, fault: str) -> None:
        article = SEED_FILES[0]
        empty = _counts()
        request.getfixturevalue(fault)

        with pytest.raises(Killed):
            _ingest(article)
        left = _counts()
        monkeypatch.undo()
        output = _ingest(article)

        assert left == empty
        assert output.strip().endswith("ingested 1, unchanged 0, failed 0")
        document = Document.objects.get()
        assert document.sentences.count() > 0
        assert Claim.objects.filter(document=document, status="proposed").count() > 2
        assert Evidence.objects.count() == Claim.objects.count()


@pytest.mark.django_db(transaction=True)
class TestImportKilledHalfWay:
    """The curated fixture brings its own properties (the starter vocabulary would clash with their ids)."""

    BATCH = 20

    @pytest.fixture
    def rows(self) -> list[tuple[int, dict[str, Any]]]:
        """The curated seed claims as import rows (line numbers from 2), their claims and facts removed."""
        call_command("loaddata", str(CURATED_FIXTURE), verbosity=0)
        rows = list(export_rows())
        Claim.objects.all().delete()
        Fact.objects.all().delete()
        return list(enumerate(rows, start=2))

    def test_a_batch_that_dies_while_writing_evidence_leaves_nothing_and_a_rerun_imports_it(
        self, rows, monkeypatch
    ) -> None:
        assert len(rows) > 2 * self.BATCH, "the file must have a batch after the one that dies"
        before = _counts()
        # The first batch writes its evidence (call 1); the second dies on its evidence (call 2),
        # after its entities, facts and claims are already inserted.
        inserted_models: list[str] = []
        original_insert = importing.insert_rows

        def insert(model: Any, names: list[str], data: list[tuple]) -> None:
            inserted_models.append(model.__name__)
            if model is Evidence and inserted_models.count("Evidence") == 2:
                raise Killed("killed while writing the second batch's evidence")
            original_insert(model, names, data)

        monkeypatch.setattr(importing, "insert_rows", insert)

        with pytest.raises(Killed):
            claims_import(rows=rows, batch_size=self.BATCH)
        after_failure = _counts()
        orphan_facts = Fact.objects.filter(claims__isnull=True).count()
        monkeypatch.undo()
        rerun = claims_import(rows=rows, batch_size=self.BATCH)

        assert inserted_models[-2:] == ["Claim", "Evidence"], "the fault must hit after the batch's claims"
        first_batch = {"claims": self.BATCH, "evidence": self.BATCH, "revisions": self.BATCH}
        assert {k: after_failure[k] - before[k] for k in first_batch} == first_batch
        assert orphan_facts == 0
        assert (rerun.created, rerun.skipped, rerun.errors) == (len(rows) - self.BATCH, self.BATCH, [])
        assert Claim.objects.count() == Evidence.objects.count() == len(rows)
        assert Revision.objects.count() - before["revisions"] == len(rows)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is a PostgreSQL setting")
@pytest.mark.skipif(
    bool(os.environ.get("SANAD_STATEMENT_TIMEOUT_MS")), reason="SANAD_STATEMENT_TIMEOUT_MS overrides the default"
)
@pytest.mark.django_db
class TestStatementTimeout:
    def test_the_connection_cancels_statements_after_30_seconds(self) -> None:
        """A runaway query must not hold a worker and a connection for ever: settings pass
        `-c statement_timeout=…` to every connection."""
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            (timeout,) = cursor.fetchone()

        assert timeout == "30s"
