"""Import and export of claims: idempotence, bad rows by line, bounded queries, round trips."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.exchange import claims_import, export_rows, read_rows, write_annotations, write_csv, write_jsonl
from claims.models import Claim, Evidence, Fact, Revision
from tests.conftest import ROOT

FIXTURE = ROOT / "fixtures" / "curated" / "seeds.json"


def _snapshot() -> dict[tuple, tuple]:
    """Claims by where they are stated, with everything but ids, origin and bookkeeping."""
    fields = ("subject__slug", "property__slug", "qualifiers", "nominal", "lower", "upper", "lower_open")
    fields += ("upper_open", "modifier", "rule", "unit", "date_lower", "date_upper", "calendar", "status", "as_of")
    rows = Evidence.objects.values_list("document__sha256", "start", "end", "quote", *[f"claim__{f}" for f in fields])
    return {row[:4]: row[4:] for row in rows}


@pytest.fixture
def curated(db):
    """The curated seed fixture, exported as rows, then its claims and facts removed."""
    call_command("loaddata", str(FIXTURE), verbosity=0)
    snapshot = _snapshot()
    rows = list(export_rows())
    Claim.objects.all().delete()
    Fact.objects.all().delete()
    return snapshot, rows


def _numbered(rows: list[dict]) -> list[tuple[int, dict]]:
    return [(line, row) for line, row in enumerate(rows, start=2)]


@pytest.mark.django_db
class TestImport:
    def test_export_then_import_reproduces_the_claims(self, curated, tmp_path) -> None:
        snapshot, rows = curated
        path = tmp_path / "claims.csv"
        write_csv(path, rows)

        result = claims_import(rows=read_rows(path))

        assert (result.created, result.updated, result.skipped, result.errors) == (52, 0, 0, [])
        assert _snapshot() == snapshot
        assert set(Claim.objects.values_list("origin", flat=True)) == {"imported"}
        fact = Fact.objects.get(subject__slug="global_coalition", property__slug="member_count")
        assert fact.verdict == "consistent"

    def test_importing_twice_changes_nothing(self, curated, tmp_path) -> None:
        _, rows = curated
        path = tmp_path / "claims.jsonl"
        write_jsonl(path, rows)
        claims_import(rows=read_rows(path))
        before = (list(Claim.objects.values().order_by("id")), Evidence.objects.count(), Revision.objects.count())

        result = claims_import(rows=read_rows(path))

        assert (result.created, result.updated, result.skipped) == (0, 0, 52)
        assert (
            list(Claim.objects.values().order_by("id")),
            Evidence.objects.count(),
            Revision.objects.count(),
        ) == before

    def test_a_changed_row_updates_its_claim_with_a_revision(self, curated) -> None:
        _, rows = curated
        claims_import(rows=_numbered(rows))
        row = next(r for r in rows if r["quote"] == "80 بلداً")
        changed = {**row, "nominal": "63", "lower": "63", "upper": "63"}

        result = claims_import(rows=[(2, changed)])

        claim = Claim.objects.get(evidence__quote="80 بلداً")
        assert (result.updated, claim.lower, claim.version) == (1, Decimal(63), 2)
        revision = Revision.objects.filter(model="claim", object_id=claim.pk, action="update").get()
        assert (revision.via, revision.changes["lower"]) == ("import", ["80", "63"])
        fact = Fact.objects.get(subject__slug="global_coalition", property__slug="member_count")
        assert fact.verdict == "conflict"

    def test_a_bad_row_is_reported_by_line_and_nothing_of_its_batch_is_written(self, curated, tmp_path) -> None:
        _, rows = curated
        bad = {**rows[1], "quote": rows[1]["quote"] + "x"}
        path = tmp_path / "claims.csv"
        write_csv(path, [rows[0], bad, rows[2]])
        err = io.StringIO()

        with pytest.raises(CommandError):
            call_command("import", str(path), "--batch-size", "2", "--no-progress", stdout=io.StringIO(), stderr=err)

        start, end = rows[1]["start"], rows[1]["end"]
        assert err.getvalue().splitlines() == [f"claims.csv:3: quote does not match document text at [{start}, {end})"]
        assert list(Evidence.objects.values_list("quote", flat=True)) == [rows[2]["quote"]]

    @pytest.mark.parametrize(
        ("change", "reason"),
        [
            ({"document_sha256": "0" * 64}, "no stored document has sha256 0000000000000000"),
            ({"property": "nope"}, "unknown property 'nope'"),
            ({"lower": "90", "upper": "80", "value_type": "quantity", "property": "member_count"}, "lower bound 90"),
            ({"start": "abc"}, "start 'abc' is not an integer"),
            ({"status": "maybe"}, "status 'maybe' is not one of"),
            ({"unit": "contry"}, "Unknown unit 'contry'"),
        ],
    )
    def test_bad_rows_say_why(self, curated, change, reason) -> None:
        _, rows = curated
        row = next(r for r in rows if r["quote"] == "80 بلداً")

        result = claims_import(rows=[(7, {**row, **change})])

        assert [e.line for e in result.errors] == [7]
        assert reason in result.errors[0].reason
        assert not Claim.objects.exists()

    def test_queries_per_batch_do_not_depend_on_its_rows(self, curated) -> None:
        _, rows = curated
        with CaptureQueriesContext(connection) as few:
            claims_import(rows=_numbered(rows[:2]))
        with CaptureQueriesContext(connection) as many:
            claims_import(rows=_numbered(rows[2:30]))

        # properties, documents, sentences, entities, fact lookup, fact insert, evidence at the
        # spans, claim ids, claims, evidence, revisions, then the fact refresh (rows, facts,
        # update), plus the savepoints of the batch and refresh transactions; on PostgreSQL also the
        # privilege check, the batch's settings and one statement locking its references.
        assert Claim.objects.count() == 30
        assert len(many) == len(few)

    def test_the_command_reports_what_it_did(self, curated, tmp_path) -> None:
        _, rows = curated
        path = tmp_path / "claims.csv"
        write_csv(path, rows)
        out = io.StringIO()

        call_command("import", str(path), "--no-progress", stdout=out)
        call_command("import", str(path), "--no-progress", stdout=out)

        first, second = out.getvalue().splitlines()
        assert first.startswith("created 52, updated 0, skipped 0")
        assert second.startswith("created 0, updated 0, skipped 52")


@pytest.mark.django_db
class TestExport:
    def test_writes_a_fixture_a_csv_and_web_annotations(self, tmp_path) -> None:
        call_command("loaddata", str(FIXTURE), verbosity=0)

        call_command("export", "--out", str(tmp_path), stdout=io.StringIO())

        fixture = json.loads((tmp_path / "fixture.json").read_text(encoding="utf-8"))
        assert sum(1 for o in fixture if o["model"] == "claims.claim") == 52
        assert len(list(read_rows(tmp_path / "claims.csv"))) == 52
        annotations = json.loads((tmp_path / "annotations.jsonld").read_text(encoding="utf-8"))
        assert annotations["total"] == 52

    def test_an_annotation_selects_the_quote_by_text_and_position(self, tmp_path) -> None:
        call_command("loaddata", str(FIXTURE), verbosity=0)
        path = tmp_path / "a.jsonld"

        write_annotations(path, (r for r in export_rows() if r["quote"] == "۸۰ کشور"))

        [item] = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
        quote, position = item["target"]["selector"]
        assert item["type"] == "Annotation"
        assert (quote["type"], quote["exact"]) == ("TextQuoteSelector", "۸۰ کشور")
        assert position["type"] == "TextPositionSelector"
        assert position["end"] - position["start"] == len("۸۰ کشور")


@pytest.mark.django_db
class TestLoadCurated:
    def test_loads_into_an_empty_database_once(self) -> None:
        out = io.StringIO()

        call_command("load_curated", stdout=out)
        counts = (Claim.objects.count(), Evidence.objects.count(), Fact.objects.count())
        call_command("load_curated", stdout=out)

        assert counts == (52, 52, 31)
        assert (Claim.objects.count(), Evidence.objects.count(), Fact.objects.count()) == counts
        assert "nothing to do" in out.getvalue().splitlines()[-1]

    def test_is_skipped_when_the_seeds_were_ingested(self, seeded) -> None:
        out = io.StringIO()

        call_command("load_curated", stdout=out)

        assert "already stored" in out.getvalue()
        assert not Claim.objects.exists()

    def test_is_skipped_on_a_database_with_other_documents(self) -> None:
        from tests.factories import DocumentFactory

        DocumentFactory()
        err = io.StringIO()

        call_command("load_curated", stdout=io.StringIO(), stderr=err)

        assert "skipped" in err.getvalue()
        assert not Claim.objects.exists()
