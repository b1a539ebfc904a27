"""`manage.py audit`: the shipped curated fixture passes; each kind of tampering fails by name."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import ROOT

CURATED = ROOT / "fixtures" / "curated"
FIXTURE = CURATED / "seeds.json"
EXPECTATIONS = CURATED / "expectations.json"


def _objects() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _find(objects: list[dict], model: str, **fields) -> dict:
    return next(o for o in objects if o["model"] == model and all(o["fields"][k] == v for k, v in fields.items()))


def _write(tmp_path: Path, objects: list[dict], name: str = "tampered.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    return path


def _audit(*args: str, default_db: Path | None = None) -> tuple[bool, str]:
    """Run `manage.py audit` in a child process, as CI does: the audit creates and drops its own
    database, which Django's test case would refuse in-process. On SQLite the child's `default`
    is a file that must never be created; on PostgreSQL it is the suite's `DATABASE_URL`."""
    env = dict(os.environ)
    if not env.get("DATABASE_URL", "").startswith("postgres") and default_db is not None:
        env["DATABASE_URL"] = f"sqlite:///{default_db}"
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "audit", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode == 0, done.stdout + done.stderr


class TestAuditOfTheShippedFixture:
    def test_passes_with_the_page_header_of_seed_004_as_a_warning(self) -> None:
        passed, output = _audit()

        assert passed, output
        assert "audit PASSED, 2 warnings" in output
        assert "004_93b21bcfa360256c.txt" in output
        # A curator rejected `البلدين` ("the two countries") as a figure; the extractor now agrees.
        assert "no longer finds a mention at 'البلدين' [1028, 1035) (the claim is rejected)" in output
        assert "page-header date Friday 2024-03-29 is untrustworthy" in output
        assert "6 dual-calendar pairs" in output

    def test_json_output_lists_no_failures(self) -> None:
        passed, output = _audit("--format", "json")

        report = json.loads(output)
        assert passed
        assert report["passed"] is True
        assert report["failures"] == []
        assert report["counts"]["claims"] == 52

    def test_never_touches_the_default_database(self, tmp_path) -> None:
        default_db = tmp_path / "default.sqlite3"

        passed, _ = _audit(default_db=default_db)

        assert passed
        assert not default_db.exists()


class TestAuditOfTamperedFixtures:
    def test_a_changed_character_of_a_document_fails_provenance_naming_the_document(self, tmp_path) -> None:
        objects = _objects()
        document = _find(objects, "corpus.document", file_name="002_d43b59b6488a0f92.txt")
        text = document["fields"]["text"]
        document["fields"]["text"] = text[:10] + ("x" if text[10] != "x" else "y") + text[11:]

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert f"document {document['pk']} (002_d43b59b6488a0f92.txt): sha256 of the text" in output

    def test_a_shifted_evidence_offset_fails_naming_the_claim(self, tmp_path) -> None:
        objects = _objects()
        evidence = _find(objects, "claims.evidence", quote="80 بلداً")
        evidence["fields"]["start"] += 1
        evidence["fields"]["end"] += 1

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert f"claim {evidence['fields']['claim']} " in output
        assert "does not match the document text" in output

    def test_a_claim_whose_identity_span_is_not_its_evidence_fails_naming_it(self, tmp_path) -> None:
        objects = _objects()
        evidence = _find(objects, "claims.evidence", quote="80 بلداً")
        claim = next(o for o in objects if o["model"] == "claims.claim" and o["pk"] == evidence["fields"]["claim"])
        claim["fields"]["span_start"] -= 1

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert f"claim {claim['pk']}" in output
        assert "is none of its evidence spans" in output

    def test_an_edited_quote_fails_naming_the_claim(self, tmp_path) -> None:
        objects = _objects()
        evidence = _find(objects, "claims.evidence", quote="۸۰ کشور")
        evidence["fields"]["quote"] = "۸۱ کشور"

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert f"claim {evidence['fields']['claim']} (evidence {evidence['pk']}" in output
        assert "quote '۸۱ کشور' does not match" in output

    @pytest.mark.parametrize(
        ("upper", "reason"),
        [("81.000000", "upper is 81, the extractor derives 80"), ("79.000000", "lower end 80.000000 lies above 79")],
    )
    def test_a_changed_bound_fails_naming_the_claim(self, tmp_path, upper: str, reason: str) -> None:
        objects = _objects()
        claim = _find(objects, "claims.claim", nominal="80", unit="country")
        claim["fields"]["upper"] = upper

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert f"claim {claim['pk']} (80 in document 1)" in output
        assert reason in output

    def test_an_accepted_claim_the_extractor_no_longer_finds_fails(self, tmp_path) -> None:
        # The rejected `البلدين` is only a warning; had a curator accepted it, it would fail.
        objects = _objects()
        claim = _find(objects, "claims.claim", noun="البلدين")
        claim["fields"]["status"] = "accepted"

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert "no longer finds a mention at 'البلدين'" in output
        assert "(the claim is rejected)" not in output

    def test_a_flipped_expected_verdict_fails_naming_the_fact(self, tmp_path) -> None:
        expectations = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))
        fact = next(f for f in expectations["facts"] if f["property"] == "member_count")
        fact["verdict"] = "conflict"
        path = tmp_path / "expectations.json"
        path.write_text(json.dumps(expectations), encoding="utf-8")

        passed, output = _audit("--expectations", str(path))

        assert not passed
        assert "fact global_coalition.member_count: verdict is consistent, expected conflict" in output

    def test_dual_calendar_dates_that_disagree_fail(self, tmp_path) -> None:
        objects = _objects()
        claim = _find(objects, "claims.claim", calendar="solar_hijri", date_lower="2019-03-23")
        claim["fields"] |= {
            "date_lower": "2019-03-24",
            "date_upper": "2019-03-24",
            "lower": "737142",
            "upper": "737142",
        }

        passed, output = _audit(str(_write(tmp_path, objects)))

        assert not passed
        assert "calendars     FAIL" in output
        assert f"claim {claim['pk']} " in output


class TestAuditDiff:
    def test_identical_fixtures_have_no_differences(self) -> None:
        out = io.StringIO()

        call_command("audit", "--diff", str(FIXTURE), str(FIXTURE), "--format", "json", stdout=out)

        assert json.loads(out.getvalue()) == {
            "facts": {},
            "claims_added": [],
            "claims_removed": [],
            "claims_restatused": [],
        }

    def test_one_changed_figure_reports_exactly_its_fact(self, tmp_path) -> None:
        objects = _objects()
        claim = _find(objects, "claims.claim", nominal="110000", modifier="exact")
        claim["fields"] |= {"nominal": "120000", "lower": "120000.000000", "upper": "120000.000000"}
        out = io.StringIO()

        call_command("audit", "--diff", str(FIXTURE), str(_write(tmp_path, objects)), "--format", "json", stdout=out)

        diff = json.loads(out.getvalue())
        assert list(diff["facts"]) == ["isis.territory_area"]
        changes = diff["facts"]["isis.territory_area"]
        assert any("value exact 110000 [110,000, 110,000] → exact 120000 [120,000, 120,000]" in c for c in changes)
        assert "verdict consistent_within_rounding → consistent" in changes
        assert diff["claims_added"] == diff["claims_removed"] == diff["claims_restatused"] == []

    def test_a_rejected_claim_is_listed_as_re_statused(self, tmp_path) -> None:
        objects = _objects()
        claim = _find(objects, "claims.claim", nominal="178300000")
        claim["fields"]["status"] = "rejected"
        out = io.StringIO()

        call_command("audit", "--diff", str(FIXTURE), str(_write(tmp_path, objects)), stdout=out)

        assert "claims re-statused: 1" in out.getvalue()
        assert "(united_arab_emirates.aid_amount): accepted → rejected" in out.getvalue()
