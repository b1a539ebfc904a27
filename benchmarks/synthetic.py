"""Synthetic claims at scale for the benchmarks (`benchmarks.api`, `benchmarks.load`).

The generator writes rows directly (PostgreSQL `COPY`, SQLite `executemany`) because the ORM or
the services would take hours at a million claims. It still keeps every invariant the services
keep: each evidence quote is the document text at its span, each sentence is its document's
text, fact keys are `services.fact_key`, and stored fact verdicts are the engine's verdict over
the fact's accepted claims (tests/claims/test_bench_generator.py checks them).

Memory stays bounded whatever the size: facts are generated in chunks of about
`CHUNK_CLAIMS` claims, each chunk's claims shuffled (so a page of the claims list mixes facts
as real data would) and written with consecutive ids in its own transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max, Min, Model
from django.utils import timezone

from claims import selectors
from claims.domain.crosscheck import crosscheck
from claims.models import CLAIM_VALUE_FIELDS, Claim, Entity, Evidence, Fact, Property
from claims.services import fact_key
from corpus.models import Document, Sentence, Source

SEED = 20261123
# Claims generated, shuffled and written at a time: about 1 GB of Python objects.
CHUNK_CLAIMS = 1_000_000
FACTS_PER_ENTITY = 5
SOURCES = 40
CONFLICT_RATE = 0.02  # share of facts given a claim that contradicts the others
TIMELINE_RATE = 0.25  # share of time-varying facts whose claims span several years
ROUNDED_RATE = 0.05  # share of quantity facts with one figure rounded (agrees within rounding)
STATUS_WEIGHTS = (("accepted", 0.92), ("proposed", 0.06), ("rejected", 0.02))
QUANTITY_MODIFIERS = (
    ("exact", 50),
    ("about", 20),
    ("range", 10),
    ("more_than", 8),
    ("at_least", 5),
    ("less_than", 4),
    ("at_most", 3),
)
HEDGE_AR = {
    "exact": "",
    "about": "نحو ",
    "more_than": "أكثر من ",
    "at_least": "ما لا يقل عن ",
    "less_than": "أقل من ",
    "at_most": "حتى ",
}
MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
# property slug -> (text before the figure, text after it, counted noun)
PROPERTY_TEXT = {
    "member_count": ("أعلن التحالف أن عدد أعضائه بلغ", "دولة ومنظمة", "عضو"),
    "territory_area": ("قدّرت التقارير مساحة الأراضي الخاضعة للسيطرة بـ", "كيلومتر مربع", "كيلومتر"),
    "meeting_attendance": ("شارك في الاجتماع", "دولة", "دولة"),
    "invited_count": ("وجّهت الدعوة إلى", "دولة", "دولة"),
    "pledged_amount": ("تعهّد المانحون بتقديم", "دولار", "دولار"),
    "pledge_target": ("حدّد المؤتمر هدفاً للتعهدات قدره", "دولار", "دولار"),
    "aid_amount": ("بلغت قيمة المساعدات", "دولار", "دولار"),
    "people_liberated": ("أفادت المصادر بتحرير", "شخص", "شخص"),
    "killed": ("أسفر الهجوم عن مقتل", "شخصاً", "شخص"),
    "displaced": ("تسبّب القتال في نزوح", "شخص", "شخص"),
    "detained": ("قالت السلطات إنها احتجزت", "شخصاً", "شخص"),
    "founded_on": ("تأسّس التنظيم في", "بحسب المصادر", ""),
    "occurred_on": ("وقع الحادث في", "وفق الرواية الرسمية", ""),
}
DEFAULT_TEXT = ("ذكرت المصادر أن العدد بلغ", "", "")
QUALIFIER_VALUES = {"year": lambda rng: rng.randint(2014, 2024), "victim_group": lambda rng: "civilians"}


class BenchRefused(Exception):
    """The target database is not one the benchmark may write into."""


# --- guard ----------------------------------------------------------------------------------


def database_label() -> str:
    """The configured database as a person would name it: the PostgreSQL db name or SQLite path."""
    return str(settings.DATABASES["default"]["NAME"])


def ensure_safe_target(*, force: bool = False, confirm_database: str | None = None) -> None:
    """Refuse to generate into a database that already holds claims.

    A non-empty claims table means real (or earlier benchmark) data; writing a million rows
    next to it would spoil it. `--force` overrides this only together with
    `--confirm-database NAME` naming the configured database, so a stray flag or a wrong
    DATABASE_URL cannot reach the real ledger.
    """
    if not Claim.objects.exists():
        return
    if not force:
        raise BenchRefused(
            f"database {database_label()!r} already holds claims; run the benchmark on a scratch database "
            "(DATABASE_URL=...), or pass --force --confirm-database NAME"
        )
    if confirm_database != database_label():
        raise BenchRefused(
            f"--force needs --confirm-database {database_label()!r} (the configured database) to write into it"
        )


# --- generation -----------------------------------------------------------------------------


@dataclass(slots=True)
class ClaimSpec:
    """One generated claim with the document sentence that states it (before ids are given)."""

    fact: int  # index into the generated facts
    value_type: str
    nominal: str
    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool
    upper_open: bool
    modifier: str
    rule: str
    date_lower: dt.date | None
    date_upper: dt.date | None
    date_precision: str
    as_of: dt.date
    status: str
    text: str
    start: int
    end: int


@dataclass
class FactSpec:
    entity: int  # index into the generated entities
    prop: Property
    qualifiers: dict
    verdict: str = ""
    claim_count: int = 0
    consensus: tuple | None = None


@dataclass
class Generated:
    """What was written, with the first id of each table (ids are consecutive from there)."""

    claims: int
    facts: int
    entities: int
    documents: int
    sources: int
    seconds: float
    first_ids: dict[str, int]
    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def claim_ids(self) -> range:
        return range(self.first_ids["claim"], self.first_ids["claim"] + self.claims)


def generate(
    *,
    claims: int,
    facts: int,
    seed: int = SEED,
    conflict_rate: float = CONFLICT_RATE,
    chunk_claims: int = CHUNK_CLAIMS,
    log: Callable[[str], None] = lambda _msg: None,
) -> Generated:
    """Write `claims` claims in `facts` facts, with documents, sentences and evidence.

    One document (one sentence) per claim states its figure or date; the evidence span is
    where the figure sits in that sentence. Claim ids are shuffled across the facts of a chunk
    (about `chunk_claims` claims; one transaction each), so a page of the claims list mixes
    facts as real data would. Fact verdicts are computed here with the engine (the same
    function the services call), so no refresh pass is needed afterwards.
    """
    if facts < 1 or claims < facts:
        raise ValueError("need at least one fact and at least one claim per fact")
    started = time.perf_counter()
    rng = random.Random(seed)
    props = list(Property.objects.order_by("id"))
    if not props:
        raise BenchRefused("no properties: run `migrate` first (the starter vocabulary is a migration)")
    first = {name: _next_id(model) for name, model in _MODELS.items()}
    now = timezone.now()
    stamp = now if connection.vendor == "postgresql" else timezone.make_naive(now, dt.UTC)

    fact_specs = _fact_specs(rng, facts, props)
    counts = _claims_per_fact(rng, claims, facts)
    # Only facts with two claims or more can conflict: raise their odds so ~conflict_rate of all facts do.
    p_conflict = min(1.0, conflict_rate * facts / max(1, sum(c >= 2 for c in counts)))
    serials = itertools.count(first["document"])
    entities = -(-facts // FACTS_PER_ENTITY)
    writer = _Writer()
    with _no_statement_timeout():
        with transaction.atomic():
            writer.write(Source, ["id", "name", "homepage", "country"], _source_rows(first["source"]))
            writer.write(Entity, ENTITY_COLUMNS, _entity_rows(first["entity"], entities))
        written = 0
        for lo, hi in _chunks(counts, chunk_claims):
            specs: list[ClaimSpec] = []
            for index in range(lo, hi):
                count = counts[index]
                conflict = count >= 2 and rng.random() < p_conflict
                fact_claims = _claims_of_fact(rng, serials, index, fact_specs[index], count, conflict=conflict)
                _fact_verdict(fact_specs[index], fact_claims)
                specs.extend(fact_claims)
            rng.shuffle(specs)
            # This chunk's rows get consecutive ids from `written` on (facts: from `lo` on).
            at = {**first, **{name: first[name] + written for name in ("document", "sentence", "claim", "evidence")}}
            with transaction.atomic():
                writer.write(
                    Fact, FACT_COLUMNS, _fact_rows({**first, "fact": first["fact"] + lo}, fact_specs[lo:hi], stamp)
                )
                writer.write(Document, DOCUMENT_COLUMNS, _document_rows(at, specs, stamp))
                writer.write(Sentence, ["id", "document", "index", "start", "end", "text"], _sentence_rows(at, specs))
                writer.write(Claim, CLAIM_COLUMNS, _claim_rows(at, specs, fact_specs, stamp))
                writer.write(Evidence, EVIDENCE_COLUMNS, _evidence_rows(at, specs))
            written += len(specs)
            log(f"  {written:,} claims written at {time.perf_counter() - started:.1f} s")
        _reset_sequences()
        _analyze()
        log(f"  analyzed at {time.perf_counter() - started:.1f} s")
    verdicts: dict[str, int] = {}
    for fact in fact_specs:
        verdicts[fact.verdict or "none"] = verdicts.get(fact.verdict or "none", 0) + 1
    return Generated(
        claims=claims,
        facts=facts,
        entities=entities,
        documents=claims,
        sources=SOURCES,
        seconds=time.perf_counter() - started,
        first_ids=first,
        verdicts=verdicts,
    )


@contextlib.contextmanager
def _no_statement_timeout() -> Iterator[None]:
    """Lift the server's statement_timeout (settings: 30 s) for this session: one COPY of a million
    rows, its deferred foreign-key checks and VACUUM take longer than any request should."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


_MODELS: dict[str, type[Model]] = {
    "source": Source,
    "entity": Entity,
    "fact": Fact,
    "document": Document,
    "sentence": Sentence,
    "claim": Claim,
    "evidence": Evidence,
}


def _chunks(counts: list[int], size: int) -> Iterator[tuple[int, int]]:
    """Ranges [lo, hi) of fact indexes holding about `size` claims each (whole facts)."""
    lo, total = 0, 0
    for index, count in enumerate(counts):
        total += count
        if total >= size:
            yield lo, index + 1
            lo, total = index + 1, 0
    if lo < len(counts):
        yield lo, len(counts)


def _next_id(model: type[Model]) -> int:
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def _fact_specs(rng: random.Random, facts: int, props: list[Property]) -> list[FactSpec]:
    """Facts as (entity, property, qualifiers): each entity gets distinct properties, so keys are unique."""
    out: list[FactSpec] = []
    per_entity = min(FACTS_PER_ENTITY, len(props))
    chosen: list[Property] = []
    for index in range(facts):
        if index % per_entity == 0:
            chosen = rng.sample(props, per_entity)
        prop = chosen[index % per_entity]
        qualifiers = {key: QUALIFIER_VALUES.get(key, lambda r: "x")(rng) for key in prop.qualifier_keys}
        out.append(FactSpec(entity=index // per_entity, prop=prop, qualifiers=qualifiers))
    return out


def _claims_per_fact(rng: random.Random, claims: int, facts: int) -> list[int]:
    """At least one claim per fact, the rest spread at random (a long-ish tail, like real coverage)."""
    counts = [1] * facts
    for index in rng.choices(range(facts), k=claims - facts):
        counts[index] += 1
    return counts


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _claims_of_fact(
    rng: random.Random, serials: Iterator[int], index: int, fact: FactSpec, count: int, *, conflict: bool
) -> list[ClaimSpec]:
    """The claims of one fact: agreeing ones, maybe one rounded figure, maybe one contradiction.

    Time-varying facts may span several periods (as_of years apart, the figure growing), which
    the SQL scan sees as disjoint but the engine calls a timeline.
    """
    prop = fact.prop
    if prop.value_type == "date":
        truth = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randint(0, 34 * 365))
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 13 * 365))
        out = [
            _date_claim(rng, serials, index, prop, truth, rng.choice(("day", "day", "month", "year")), start)
            for _ in range(count)
        ]
        if conflict:
            shifted = truth.replace(year=truth.year + rng.choice((-7, -5, 5, 7)), day=min(truth.day, 28))
            out[0] = _date_claim(rng, serials, index, prop, shifted, "day", start)
            out[0].as_of = out[1].as_of
    else:
        value = int(10 ** rng.uniform(1.3, 6.5))
        periods = 1
        if prop.time_varying and count >= 2 and rng.random() < TIMELINE_RATE:
            periods = rng.randint(2, min(4, count))
        first_year = rng.randint(2012, 2024 - 2 * (periods - 1))
        anchors = [dt.date(first_year + 2 * p, rng.randint(1, 12), 15) for p in range(periods)]
        out = []
        for n in range(count):
            period = n % periods
            truth = value if period == 0 else int(value * 1.25**period)
            if prop.time_varying:
                as_of = anchors[period] + dt.timedelta(days=rng.randint(-60, 60 if periods > 1 else 300))
            else:
                as_of = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 13 * 365))
            out.append(_quantity_claim(rng, serials, index, prop, truth, as_of))
        if count >= 2 and not conflict and rng.random() < ROUNDED_RATE:
            # A figure rounded the way outlets round ("120 thousand"): agrees only within rounding.
            unit = 1000 if value >= 10_000 else 10
            rounded = max(unit, round(value / unit) * unit)
            if rounded != value:
                out[-1] = _quantity_claim(
                    rng, serials, index, prop, value, out[0].as_of, modifier="exact", nominal=rounded
                )
        if conflict:
            # Claim 1 states the plain figure; claim 0 contradicts it in the same period.
            out[1] = _quantity_claim(rng, serials, index, prop, value, out[0].as_of, modifier="exact")
            wrong = ("exact", value * 3) if rng.random() < 0.5 else ("less_than", max(1, value // 3))
            out[0] = _quantity_claim(
                rng, serials, index, prop, value, out[0].as_of, modifier=wrong[0], nominal=wrong[1]
            )
    for claim in out:
        claim.status = _pick(rng, STATUS_WEIGHTS)
    if conflict:
        out[0].status = out[1].status = "accepted"
    return out


def _quantity_claim(
    rng: random.Random,
    serials: Iterator[int],
    index: int,
    prop: Property,
    truth: int,
    as_of: dt.date,
    *,
    modifier: str | None = None,
    nominal: int | None = None,
) -> ClaimSpec:
    """A figure about `truth`, hedged so that its interval contains it (unless `nominal` says otherwise)."""
    modifier = modifier or _pick(rng, QUANTITY_MODIFIERS)
    lower_open = upper_open = False
    if nominal is not None:
        n = nominal
    elif modifier == "about":
        n = max(1, round(truth * rng.uniform(0.95, 1.05)))
    elif modifier in ("more_than", "at_least"):
        n = max(1, int(truth * rng.uniform(0.75, 0.95)))
    elif modifier in ("less_than", "at_most"):
        n = int(truth * rng.uniform(1.05, 1.3)) + 1
    else:
        n = truth
    d = Decimal(n)
    if modifier == "about":
        lower, upper = d * Decimal("0.9"), d * Decimal("1.1")
    elif modifier == "range":
        low, high = int(truth * rng.uniform(0.8, 0.98)), int(truth * rng.uniform(1.02, 1.2)) + 1
        n, lower, upper = low, Decimal(low), Decimal(high)
    elif modifier == "more_than":
        lower, upper, lower_open = d, None, True
    elif modifier == "at_least":
        lower, upper = d, None
    elif modifier == "less_than":
        lower, upper, upper_open = None, d, True
    elif modifier == "at_most":
        lower, upper = None, d
    else:
        lower = upper = d
    figure = f"بين {lower} و{upper}" if modifier == "range" else f"{HEDGE_AR[modifier]}{n}"
    before, after, _noun = PROPERTY_TEXT.get(prop.slug, DEFAULT_TEXT)
    text, start, end = _sentence(before, figure, after, index, next(serials))
    return ClaimSpec(
        fact=index,
        value_type="quantity",
        nominal=str(n),
        lower=lower,
        upper=upper,
        lower_open=lower_open,
        upper_open=upper_open,
        modifier=modifier,
        rule=f"hedge.{modifier}",
        date_lower=None,
        date_upper=None,
        date_precision="",
        as_of=as_of,
        status="accepted",
        text=text,
        start=start,
        end=end,
    )


def _date_claim(
    rng: random.Random,
    serials: Iterator[int],
    index: int,
    prop: Property,
    truth: dt.date,
    precision: str,
    published_from: dt.date,
) -> ClaimSpec:
    """A date stated to the day, the month or the year; its interval always contains `truth`."""
    if precision == "day":
        lower = upper = truth
        figure, nominal = f"{truth.day} {MONTHS_AR[truth.month - 1]} {truth.year}", truth.isoformat()
    elif precision == "month":
        lower = truth.replace(day=1)
        upper = (lower + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        figure, nominal = f"{MONTHS_AR[truth.month - 1]} {truth.year}", f"{truth.year:04d}-{truth.month:02d}"
    else:
        lower, upper = dt.date(truth.year, 1, 1), dt.date(truth.year, 12, 31)
        figure, nominal = f"عام {truth.year}", str(truth.year)
    before, after, _noun = PROPERTY_TEXT.get(prop.slug, DEFAULT_TEXT)
    text, begin, end = _sentence(before, figure, after, index, next(serials))
    return ClaimSpec(
        fact=index,
        value_type="date",
        nominal=nominal,
        lower=Decimal(lower.toordinal()),
        upper=Decimal(upper.toordinal()),
        lower_open=False,
        upper_open=False,
        modifier="exact",
        rule=f"date.{precision}",
        date_lower=lower,
        date_upper=upper,
        date_precision=precision,
        as_of=published_from + dt.timedelta(days=rng.randint(0, 400)),
        status="accepted",
        text=text,
        start=begin,
        end=end,
    )


def _sentence(before: str, figure: str, after: str, fact_index: int, serial: int) -> tuple[str, int, int]:
    """The document text (one sentence) and the span of the figure in it.

    The serial (counted from the first free document id) makes every text, hence every
    `sha256`, unique, also next to documents of an earlier run.
    """
    start = len(before) + 1
    text = f"{before} {figure} {after} (تقرير رقم {fact_index}-{serial})."
    return text, start, start + len(figure)


def _fact_verdict(fact: FactSpec, claims: list[ClaimSpec]) -> None:
    """The engine's verdict over the accepted claims, as `services.facts_refresh` would store it."""
    values = [
        selectors.claim_value_from_row(
            {
                "id": n,
                "value_type": c.value_type,
                "nominal": c.nominal,
                "lower": c.lower,
                "upper": c.upper,
                "lower_open": c.lower_open,
                "upper_open": c.upper_open,
                "modifier": c.modifier,
                "rule": c.rule,
                "as_of": c.as_of,
            }
        )
        for n, c in enumerate(claims)
        if c.status == "accepted"
    ]
    fact.claim_count = len(values)
    if not values:
        return
    report = crosscheck(values, time_varying=fact.prop.time_varying, cumulative=fact.prop.cumulative, explain=False)
    fact.verdict = str(report.verdict)
    if report.consensus is not None:
        c = report.consensus
        fact.consensus = (c.lower, c.upper, c.lower_open, c.upper_open)


# --- rows -------------------------------------------------------------------------------------

FACT_COLUMNS = [
    "id",
    "subject",
    "property",
    "qualifiers",
    "key",
    "resolution_note",
    "preferred_claim",
    "verdict",
    "consensus_lower",
    "consensus_upper",
    "consensus_lower_open",
    "consensus_upper_open",
    "claim_count",
    "version",
    "updated_at",
]
DOCUMENT_COLUMNS = [
    "id",
    "source",
    "url",
    "title",
    "language",
    "text",
    "sha256",
    "file_name",
    "published_on",
    "published_precision",
    "published_basis",
    "published_note",
    "ingested_at",
]
CLAIM_COLUMNS = [
    "id",
    "fact",
    "subject",
    "property",
    "qualifiers",
    "document",
    "span_start",
    "span_end",
    "mention",
    "value_type",
    *CLAIM_VALUE_FIELDS,
    "as_of",
    "status",
    "origin",
    "confidence",
    "cue",
    "version",
    "created_at",
    "updated_at",
]
EVIDENCE_COLUMNS = ["id", "claim", "document", "sentence", "start", "end", "quote", "prefix", "suffix"]


def _source_rows(first: int) -> Iterator[tuple]:
    for n in range(SOURCES):
        yield first + n, f"وكالة الاختبار {n + 1} (bench)", "", ""


ENTITY_COLUMNS = [
    "id", "name", "kind", "wikidata_id", "slug", "status", "origin", "pack", "country_code", "event_type", "place",
    "event_date_lower", "event_date_upper",
]  # fmt: skip


def _entity_rows(first: int, count: int) -> Iterator[tuple]:
    kinds = ("organization", "country", "event", "operation")
    for n in range(count):
        name, kind, slug = f"كيان الاختبار {n + 1}", kinds[n % len(kinds)], f"bench_entity_{first + n}"
        yield first + n, name, kind, "", slug, "confirmed", "curated", "", "", "", None, None, None


def _fact_rows(first: dict[str, int], facts: list[FactSpec], stamp) -> Iterator[tuple]:
    for n, fact in enumerate(facts):
        subject = first["entity"] + fact.entity
        lower, upper, lower_open, upper_open = fact.consensus or (None, None, False, False)
        yield (
            first["fact"] + n,
            subject,
            fact.prop.pk,
            json.dumps(fact.qualifiers, ensure_ascii=False),
            fact_key(subject_id=subject, property_id=fact.prop.pk, qualifiers=fact.qualifiers),
            "",
            None,
            fact.verdict,
            lower,
            upper,
            lower_open,
            upper_open,
            fact.claim_count,
            1,
            stamp,
        )


def _document_rows(first: dict[str, int], specs: list[ClaimSpec], stamp) -> Iterator[tuple]:
    for n, spec in enumerate(specs):
        yield (
            first["document"] + n,
            first["source"] + n % SOURCES,
            "",
            f"تقرير اختبار {n + 1}",
            "ar",
            spec.text,
            hashlib.sha256(spec.text.encode()).hexdigest(),
            "",
            spec.as_of,
            "day",
            "stated",
            "",
            stamp,
        )


def _sentence_rows(first: dict[str, int], specs: list[ClaimSpec]) -> Iterator[tuple]:
    for n, spec in enumerate(specs):
        yield first["sentence"] + n, first["document"] + n, 0, 0, len(spec.text), spec.text


def _claim_rows(first: dict[str, int], specs: list[ClaimSpec], facts: list[FactSpec], stamp) -> Iterator[tuple]:
    for n, spec in enumerate(specs):
        fact = facts[spec.fact]
        _before, _after, noun = PROPERTY_TEXT.get(fact.prop.slug, DEFAULT_TEXT)
        yield (
            first["claim"] + n,
            first["fact"] + spec.fact,
            first["entity"] + fact.entity,
            fact.prop.pk,
            json.dumps(fact.qualifiers, ensure_ascii=False),
            first["document"] + n,
            spec.start,
            spec.end,
            None,  # synthetic claims have no stored mention
            spec.value_type,
            spec.nominal,
            spec.lower,
            spec.upper,
            spec.lower_open,
            spec.upper_open,
            spec.modifier,
            spec.rule,
            fact.prop.unit,
            noun,
            spec.date_lower,
            spec.date_upper,
            spec.date_precision,
            "gregorian" if spec.value_type == "date" else "",
            spec.as_of,
            spec.status,
            "extracted" if n % 10 else "curated",
            Decimal("0.900"),
            "",
            1,
            stamp,
            stamp,
        )


def _evidence_rows(first: dict[str, int], specs: list[ClaimSpec]) -> Iterator[tuple]:
    for n, spec in enumerate(specs):
        yield (
            first["evidence"] + n,
            first["claim"] + n,
            first["document"] + n,
            first["sentence"] + n,
            spec.start,
            spec.end,
            spec.text[spec.start : spec.end],
            spec.text[max(0, spec.start - 32) : spec.start],
            spec.text[spec.end : spec.end + 32],
        )


class _Writer:
    """Bulk rows into a table: COPY on PostgreSQL, executemany on SQLite (inside the caller's transaction)."""

    def write(self, model: type[Model], fields: list[str], rows: Iterable[tuple]) -> None:
        concrete = {f.name for f in model._meta.concrete_fields if not f.generated}  # the database fills those
        missing = concrete - set(fields)
        if missing:  # a new NOT NULL column would otherwise fail much later, or silently default
            raise RuntimeError(f"bench generator does not fill {model.__name__} fields: {sorted(missing)}")
        qn = connection.ops.quote_name
        columns = ", ".join(qn(model._meta.get_field(name).column) for name in fields)
        table = qn(model._meta.db_table)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the DB-API cursor under Django's wrapper
            if connection.vendor == "postgresql":
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join("?" * len(fields))
                raw.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def _reset_sequences() -> None:
    """Explicit ids bypass PostgreSQL sequences: move them past the generated rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(_MODELS.values()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _analyze() -> None:
    """Planner statistics (and, on PostgreSQL, the visibility map) as autovacuum would leave them,
    then a checkpoint so that flushing the new rows does not overlap the measurements."""
    tables = [m._meta.db_table for m in _MODELS.values()]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        # VACUUM and CHECKPOINT cannot run in a transaction (the tests run the generator inside one).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        if not connection.in_atomic_block:
            with contextlib.suppress(DatabaseError):  # needs superuser or pg_checkpoint: only a nicety
                cursor.execute("CHECKPOINT")


def existing_claims() -> tuple[int, int]:
    """The lowest claim id and the number of claims already in the database (for `--reuse`)."""
    stats = Claim.objects.aggregate(first=Min("id"), count=Count("id"))
    return stats["first"] or 0, stats["count"]


def cleanup(generated: Generated) -> None:
    """Delete the generated rows (ids from the recorded first ids on), children first."""
    order = ["evidence", "claim", "fact", "sentence", "document", "entity", "source"]
    with _no_statement_timeout(), transaction.atomic(), connection.cursor() as cursor:
        for name in order:
            model = _MODELS[name]
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE id >= %s",
                [generated.first_ids[name]],
            )
