"""The audit of a fixture of curated claims: does every claim still match its source, and does
every fact have the verdict the fixture promises?

Each check is a function over already-fetched rows that returns `Finding`s; `audit_database`
fetches the rows of one database (by alias, so the command can point it at a scratch database)
and runs them all. The checks, by name:

- `provenance`: every document's `sha256` is the hash of its text (the seeds are NFC and UTF-8
  already, so the hash of `text.encode()` equals the hash of the raw bytes that ingestion
  stored), every sentence is the document text at its offsets, every evidence quote is the
  document text at its offsets;
- `rederivation`: every `extracted` claim's value and modifier are what today's extractor
  derives for its span (run on the evidence sentence, with the document's trusted date), so an
  extractor regression shows up as a named claim;
- `calendars`: one date written in two calendars side by side (`۲۵ جون ۲۰۱۹ / ۴ سرطان ۱۳۹۸`,
  or one in parentheses after the other) must denote the same days;
- `dates`: a weekday named with a date must be that date's weekday, and a document dated by a
  `stated` date must not contradict itself ("yesterday, Monday" on a Friday). A `page_header`
  date that the text contradicts is reported as a warning: ingestion already distrusts it;
- `verdicts`: each fact's cross-check verdict over its accepted claims equals the expected one,
  and equals the verdict stored on the fact;
- `integrity`: no accepted claim without evidence, no interval whose lower end lies above its
  upper end, no evidence outside its document or its sentence.

**Modules.** `findings` (findings, the report and labels), one module per check family
(`provenance`, `rederivation`, `dates`, `verdicts`), `database` (the whole audit over one
database), `scratch` (the isolated database fixtures are loaded into), `fixtures` (fixtures read
as JSON) and `diff` (`--diff`). The names below are the public API.
"""

from claims.audit.database import audit_database
from claims.audit.dates import WEEKDAYS, calendar_pairs, check_calendars, check_document_dates, check_weekdays
from claims.audit.diff import FixtureDiff, fixture_diff
from claims.audit.findings import (
    CHECKS,
    FAILURE,
    WARNING,
    AuditReport,
    Finding,
    claim_label,
    document_label,
    fact_label,
)
from claims.audit.fixtures import FixtureData, check_fixture_rows, read_fixtures
from claims.audit.provenance import check_claims, check_documents, check_evidence, check_sentences
from claims.audit.rederivation import check_rederivation, sentence_mentions
from claims.audit.scratch import scratch_database
from claims.audit.verdicts import Expectation, FactRow, check_verdicts, claim_value, load_expectations

__all__ = [
    "CHECKS",
    "FAILURE",
    "WARNING",
    "WEEKDAYS",
    "AuditReport",
    "Expectation",
    "FactRow",
    "Finding",
    "FixtureData",
    "FixtureDiff",
    "audit_database",
    "calendar_pairs",
    "check_calendars",
    "check_claims",
    "check_document_dates",
    "check_documents",
    "check_evidence",
    "check_fixture_rows",
    "check_rederivation",
    "check_sentences",
    "check_verdicts",
    "check_weekdays",
    "claim_label",
    "claim_value",
    "document_label",
    "fact_label",
    "fixture_diff",
    "load_expectations",
    "read_fixtures",
    "sentence_mentions",
    "scratch_database",
]
