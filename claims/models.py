"""Entities, properties, claims with their evidence, facts and the revision history.

A claim's value is an interval: `lower`/`upper` (None = unbounded) with explicit open ends.
Date claims store the same interval twice: as dates (`date_lower`/`date_upper`, for people)
and as proleptic Gregorian day ordinals in `lower`/`upper`, so one numeric SQL scan finds
conflicts among figures and dates alike. Evidence offsets are Python code points,
`[start, end)`, into `Document.text`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact, GreaterThanOrEqual

from claims.domain import crosscheck, vocabulary
from claims.domain.display import fact_name
from claims.domain.proposer import Reason
from claims.querysets import ClaimQuerySet, EntityQuerySet, FactQuerySet
from claims.validators import validate_qualifiers, validate_visible_text
from corpus.extraction import mentions
from corpus.extraction.intervals import ROUNDING_MODIFIERS
from corpus.models import Document, Sentence


class EntityKind(models.TextChoices):
    ORGANIZATION = "organization"
    COUNTRY = "country"
    PERSON = "person"
    PLACE = "place"
    EVENT = "event"
    OPERATION = "operation"
    DOCUMENT = "document"


class ValueType(models.TextChoices):
    QUANTITY = "quantity"
    DATE = "date"
    ENTITY = "entity"
    TEXT = "text"


class ClaimStatus(models.TextChoices):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ClaimOrigin(models.TextChoices):
    EXTRACTED = "extracted"
    CURATED = "curated"
    IMPORTED = "imported"


def _choices_of(enum: type[StrEnum]) -> type[models.TextChoices]:
    """Database choices mirroring a pure-core enum, so the two vocabularies cannot drift."""
    return models.TextChoices(enum.__name__, [(member.name, member.value) for member in enum])


Modifier = _choices_of(mentions.Modifier)
DatePrecision = _choices_of(mentions.Precision)
Calendar = _choices_of(mentions.Calendar)
Verdict = _choices_of(crosscheck.Verdict)


# The columns that hold a claim's value: the interval, how it was stated, and for dates the
# precision and calendar. Services, import/export and benchmarks build their column lists on it.
CLAIM_VALUE_FIELDS = (
    "nominal",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "modifier",
    "rule",
    "unit",
    "noun",
    "date_lower",
    "date_upper",
    "date_precision",
    "calendar",
)


class VocabularyStatus(models.TextChoices):
    """A vocabulary row the matcher uses (`confirmed`) or one waiting for a curator (`proposed`):
    an entity created from an article's text, a cue or alias learnt from a curator's correction."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"


class VocabularyOrigin(models.TextChoices):
    """Where a vocabulary row came from: a pack file, a curator, the text of an article (an
    event or entity proposed by `propose`), or a curator's correction (`learned`)."""

    PACK = "pack"
    CURATED = "curated"
    TEXT = "text"
    LEARNED = "learned"


EventType = models.TextChoices("EventType", [(t.upper(), t) for t in vocabulary.EVENT_TYPES])


class NaturalSlugManager(models.Manager):
    """Rows named by their slug in fixtures, so a fixture's vocabulary lands on the rows that the
    migrations and packs created in any database, whatever their ids."""

    def get_by_natural_key(self, key: str):
        return self.get(**{self.model.NATURAL_KEY: key})


class EntityManager(NaturalSlugManager.from_queryset(EntityQuerySet)):
    pass


class Entity(models.Model):
    """Something claims are about: an organization, a country, an event…

    An event is identified by its `event_type`, `place` and the days it happened in
    (`event_date_lower`/`event_date_upper`), so reports of one earthquake from different outlets
    and languages land on one entity. Entities proposed from an article's text are `proposed`
    until a curator confirms them or merges them into another.
    """

    name = models.CharField(max_length=300, validators=[validate_visible_text])
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    wikidata_id = models.CharField(max_length=20, blank=True, help_text="e.g. Q18637045")
    slug = models.SlugField(max_length=100, unique=True, help_text="Stable key used by packs, fixtures and the API.")
    status = models.CharField(max_length=10, choices=VocabularyStatus.choices, default=VocabularyStatus.CONFIRMED)
    origin = models.CharField(max_length=10, choices=VocabularyOrigin.choices, default=VocabularyOrigin.CURATED)
    pack = models.CharField(max_length=40, blank=True, help_text="The vocabulary pack that loaded it.")
    country_code = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 alpha-2 (CLDR) of a country.")
    event_type = models.CharField(max_length=20, choices=EventType.choices, blank=True)
    place = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where it lies or happened.",
    )
    event_date_lower = models.DateField(null=True, blank=True, help_text="First day the event may have happened on.")
    event_date_upper = models.DateField(null=True, blank=True, help_text="Last day the event may have happened on.")

    NATURAL_KEY = "slug"
    objects = EntityManager()

    class Meta:
        verbose_name_plural = "entities"
        constraints = [
            models.CheckConstraint(
                condition=Q(event_type="") | Q(kind=EntityKind.EVENT), name="entity_event_type_only_for_events"
            ),
            models.CheckConstraint(
                condition=Q(event_date_lower__isnull=True)
                | Q(event_date_upper__isnull=True)
                | Q(event_date_lower__lte=F("event_date_upper")),
                name="entity_event_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["country_code"], condition=~Q(country_code=""), name="entity_country_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "event_type", "place"], name="entity_event_key")]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class EntityAliasManager(models.Manager):
    def get_by_natural_key(self, entity_slug: str, normalized: str, language: str):
        return self.get(entity__slug=entity_slug, normalized=normalized, language=language)


class EntityAlias(models.Model):
    """A name of an entity in one language (empty: any); `normalized` is its folded form for
    matching across ي/ی, ك/ک, ة/ه, hamza forms, diacritics and tatweel. `strict` aliases name
    the entity only in articles of their language. Only `confirmed` aliases are matched."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, validators=[validate_visible_text])
    language = models.CharField(max_length=2, blank=True)
    normalized = models.CharField(max_length=300, db_index=True)
    strict = models.BooleanField(default=False, help_text="Names the entity only in articles of its language.")
    status = models.CharField(max_length=10, choices=VocabularyStatus.choices, default=VocabularyStatus.CONFIRMED)
    origin = models.CharField(max_length=10, choices=VocabularyOrigin.choices, default=VocabularyOrigin.CURATED)

    objects = EntityAliasManager()

    class Meta:
        verbose_name_plural = "entity aliases"
        constraints = [
            models.UniqueConstraint(fields=["entity", "normalized", "language"], name="alias_unique_per_entity"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str, str]:
        return (*self.entity.natural_key(), self.normalized, self.language)

    natural_key.dependencies = ["claims.entity"]


class UnitFamily(models.Model):
    """The units a property's figures may carry (`person`, `currency`, `percent`…).

    `units` are the extractor's unit codes (`corpus.extraction.units`); `currencies` adds every
    known ISO 4217 code, so a currency the extractor learns is accepted without an edit here.
    """

    name = models.SlugField(max_length=30, unique=True)
    units = models.JSONField(default=list, blank=True)
    currencies = models.BooleanField(default=False)
    unit_required = models.BooleanField(default=False, help_text="A bare figure (no unit) is refused.")
    minimum = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    maximum = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    pack = models.CharField(max_length=40, blank=True, help_text="The vocabulary pack that loaded it.")

    NATURAL_KEY = "name"
    objects = NaturalSlugManager()

    class Meta:
        verbose_name_plural = "unit families"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class Property(models.Model):
    """What a claim states about its subject (`member_count`, `founded_on`…).

    `unit_family` names the units its figures may carry (a vocabulary pack's `[unit_family]`);
    `cumulative` figures grow as they are counted (tolls) and form a timeline; `subject_kinds`
    are the entity kinds a subject may have, most likely first; `event_types` narrows an event
    subject (a magnitude is an earthquake's).
    """

    slug = models.SlugField(max_length=60, unique=True)
    label_en = models.CharField(max_length=120)
    label_ar = models.CharField(max_length=120, blank=True)
    label_fa = models.CharField(max_length=120, blank=True)
    value_type = models.CharField(max_length=10, choices=ValueType.choices)
    unit = models.CharField(max_length=20, blank=True)
    unit_family = models.CharField(max_length=30, blank=True, help_text="Units its figures may carry (a unit family).")
    time_varying = models.BooleanField(
        default=False, help_text="The true value changes over time (membership); claims are compared per period."
    )
    cumulative = models.BooleanField(
        default=False, help_text="Figures grow as they are counted (a death toll): a timeline, not a conflict."
    )
    qualifier_keys = models.JSONField(default=list, blank=True, help_text='Qualifiers that scope a fact, e.g. ["year"]')
    subject_kinds = models.JSONField(default=list, blank=True, help_text='Entity kinds of its subject, e.g. ["event"]')
    event_types = models.JSONField(default=list, blank=True, help_text="Event types of an event subject, if limited.")
    day_only = models.BooleanField(default=False, help_text="Dates only: the property takes a single day.")
    origin = models.CharField(max_length=10, choices=VocabularyOrigin.choices, default=VocabularyOrigin.CURATED)
    pack = models.CharField(max_length=40, blank=True, help_text="The vocabulary pack that loaded it.")

    NATURAL_KEY = "slug"
    objects = NaturalSlugManager()

    class Meta:
        verbose_name_plural = "properties"

    def __str__(self) -> str:
        return self.slug

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Cue(models.Model):
    """Words that tie a nearby figure to a property, or that name a kind of event.

    Exactly one of `property` and `event_type` is set. `words` and `context` are phrases in the
    syntax of `claims.domain.phrases`; `language` empty means any language. Only `confirmed`
    cues are matched; cues learnt from a curator's correction wait as `proposed`.
    """

    class Side(models.TextChoices):
        EITHER = "either"
        BEFORE = "before"
        AFTER = "after"

    property = models.ForeignKey(Property, on_delete=models.CASCADE, null=True, blank=True, related_name="cues")
    event_type = models.CharField(max_length=20, choices=EventType.choices, blank=True)
    language = models.CharField(max_length=2, blank=True)
    words = models.JSONField(default=list, help_text='Phrases that suggest the property, e.g. ["killed", "death toll"]')
    side = models.CharField(max_length=6, choices=Side.choices, default=Side.EITHER)
    context = models.JSONField(default=list, blank=True, help_text="Phrases one of which must be in the sentence.")
    units = models.JSONField(default=list, blank=True, help_text="Units the figure may carry, if not the property's.")
    qualifiers = models.JSONField(default=dict, blank=True, validators=[validate_qualifiers])
    qualifier_from_mention = models.CharField(max_length=10, blank=True)
    subject = models.ForeignKey(Entity, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    weak = models.BooleanField(default=False, help_text="A counted noun: gives way to any other cue of its clause.")
    confidence = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.8"))
    status = models.CharField(max_length=10, choices=VocabularyStatus.choices, default=VocabularyStatus.CONFIRMED)
    origin = models.CharField(max_length=10, choices=VocabularyOrigin.choices, default=VocabularyOrigin.CURATED)
    pack = models.CharField(max_length=40, blank=True, help_text="The vocabulary pack that loaded it.")
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(property__isnull=False) & Q(event_type=""))
                | (Q(property__isnull=True) & ~Q(event_type="")),
                name="cue_property_or_event_type",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="cue_confidence_in_unit_range"
            ),
        ]
        indexes = [models.Index(fields=["status", "pack"], name="cue_status_pack")]

    def __str__(self) -> str:
        return f"cue {self.pk} ({self.language or 'any language'})"


class VocabularyVersion(models.Model):
    """One row counting changes to what the matcher reads. Every vocabulary write bumps it in
    its own transaction, so each process rebuilds its cached matcher when the row moves.

    `token` is new at every bump: a count alone could come back to a value it had before with
    other contents (a rolled-back transaction), a random token does not.
    """

    version = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="vocabulary_version_single_row")]

    def __str__(self) -> str:
        return f"vocabulary version {self.version}"


class Fact(models.Model):
    """The group of claims the cross-check compares: subject + property + qualifiers."""

    subject = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="facts")
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="facts")
    qualifiers = models.JSONField(default=dict, blank=True, validators=[validate_qualifiers])
    key = models.CharField(max_length=400, unique=True, help_text="subject|property|sorted qualifiers")
    resolution_note = models.TextField(blank=True, validators=[validate_visible_text])
    preferred_claim = models.ForeignKey("Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    verdict = models.CharField(max_length=30, choices=Verdict.choices, blank=True)
    consensus_lower = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    consensus_upper = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    consensus_lower_open = models.BooleanField(default=False)
    consensus_upper_open = models.BooleanField(default=False)
    claim_count = models.PositiveIntegerField(default=0, help_text="Claims compared (accepted ones).")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["verdict", "id"], name="fact_verdict_id")]

    def __str__(self) -> str:
        """ "Islamic State · territory area" when subject and property are loaded (the selectors
        join them), else "fact 12": never a query, never the key `2|2|{}`."""
        cached = self._state.fields_cache
        if "subject" in cached and "property" in cached and self.subject and self.property:
            return fact_name(self.subject.name, self.property.label_en or self.property.slug, self.qualifiers)
        return f"fact {self.pk}"


def rounding_width_sql() -> Case:
    """The SQL twin of `domain.intervals.rounding_width`, for the stored rounded bounds of a claim.

    The conflict scan needs each claim's rounding width inside one grouped SQL query, and a
    database-generated column is right on every write path at once (ORM saves, conditional
    UPDATEs, `loaddata`, the import's COPY and executemany). It is never wider than the Python
    rule, so the scan's candidates stay a superset of the engine's conflicts: it widens only a
    `nominal` of plain ASCII digits with at most one leading minus; anything else Python may
    still read as a number ("50.0", Arabic-Indic digits) gets 0 here, which at worst leaves one
    more candidate for the engine to confirm. `tests/claims/test_selectors_conflicts.py` checks
    it against the Python rule.
    """
    digits = Case(
        When(nominal__startswith="-", then=Substr("nominal", 2)),
        default=F("nominal"),
        output_field=models.CharField(),
    )
    significant = models.Func(digits, Value("0"), function="RTRIM", output_field=models.CharField())
    non_digits = models.Func(digits, Value("0123456789"), function="TRIM", output_field=models.CharField())
    zeros = Length(digits) - Length(significant)
    # Half a unit of the last significant digit; from three zeros on only whole thousand-groups
    # count (see `rounding_width`). A decimal(30, 6) holds at most 24 integer digits.
    widths = [When(Exact(zeros, 1), then=Value(5)), When(Exact(zeros, 2), then=Value(50))]
    widths += [When(GreaterThanOrEqual(zeros, group), then=Value(5 * 10 ** (group - 1))) for group in range(24, 2, -3)]
    integer_figure = (
        Q(value_type="quantity", modifier__in=sorted(ROUNDING_MODIFIERS))
        & Exact(non_digits, Value(""))
        & ~Exact(significant, Value(""))
    )
    return Case(
        When(integer_figure, then=Case(*widths, default=Value(0))),
        default=Value(0),
        output_field=models.DecimalField(max_digits=30, decimal_places=6),
    )


# The unique constraints that make a claim's identity; the importer tells their violation (a
# concurrent import stored the same rows) from other errors by name.
CLAIM_IDENTITY_CONSTRAINTS = ("claim_identity_span_property", "claim_identity_span_no_property")


class Claim(models.Model):
    """One figure or date about one thing, as stated by one source.

    **Identity.** A claim is the statement of one property at one span of one document:
    (`document`, `span_start`, `span_end`, `property`) is unique, and so is (`document`,
    `span_start`, `span_end`) among claims with no property yet. The subject is not part of it:
    the importer keys its rows the same way, so an export imported back updates the claim a
    curator re-attributed instead of adding a second one, and a figure said of two subjects at
    once ("each of the two lost 50 soldiers") is one statement, whose second subject is a
    curator's note, not a second vote in the cross-check. The span is the claim's evidence span
    (`Evidence`, which holds the quote), kept on the claim so the database can enforce the
    identity; claims stored before it (or written by hand without evidence) have none and are
    not constrained.
    """

    fact = models.ForeignKey(Fact, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    subject = models.ForeignKey(Entity, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    property = models.ForeignKey(Property, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    qualifiers = models.JSONField(default=dict, blank=True, validators=[validate_qualifiers])
    document = models.ForeignKey(
        "corpus.Document", on_delete=models.CASCADE, related_name="claims", help_text="The source document."
    )
    span_start = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Start of the evidence span (code points), for the identity."
    )
    span_end = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="End of the evidence span (exclusive), for the identity."
    )
    mention = models.ForeignKey(
        "corpus.Mention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The stored mention the claim was proposed from; empty for claims a curator typed in.",
    )

    value_type = models.CharField(max_length=10, choices=ValueType.choices, default=ValueType.QUANTITY)
    nominal = models.CharField(max_length=40, blank=True, help_text="The figure or date as stated.")
    lower = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    upper = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    lower_open = models.BooleanField(default=False)
    upper_open = models.BooleanField(default=False)
    modifier = models.CharField(max_length=10, choices=Modifier.choices, default=Modifier.EXACT)
    rule = models.CharField(max_length=60, blank=True, help_text="Policy rule that set the bounds.")
    unit = models.CharField(max_length=20, blank=True)
    noun = models.CharField(max_length=120, blank=True, help_text="The counted noun as written.")
    date_lower = models.DateField(null=True, blank=True)
    date_upper = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True)
    calendar = models.CharField(max_length=12, choices=Calendar.choices, blank=True)
    as_of = models.DateField(null=True, blank=True, help_text="When the claim holds; defaults to the article date.")
    # The bounds widened by the rounding of the stated figure (policy `rounding`), kept by the
    # database for the conflict scan: reading them costs less than widening 1 M bounds per scan.
    rounded_lower = models.GeneratedField(
        expression=F("lower") - rounding_width_sql(),
        output_field=models.DecimalField(max_digits=30, decimal_places=6),
        db_persist=True,
        help_text="`lower` widened by the rounding of the stated figure; set by the database.",
    )
    rounded_upper = models.GeneratedField(
        expression=F("upper") + rounding_width_sql(),
        output_field=models.DecimalField(max_digits=30, decimal_places=6),
        db_persist=True,
        help_text="`upper` widened by the rounding of the stated figure; set by the database.",
    )

    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PROPOSED)
    origin = models.CharField(max_length=10, choices=ClaimOrigin.choices, default=ClaimOrigin.EXTRACTED)
    confidence = models.DecimalField(max_digits=4, decimal_places=3, default=0)
    cue = models.CharField(max_length=200, blank=True, help_text="The lexicon cue that suggested subject/property.")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: bumped by every change.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lte=F("upper")),
                name="claim_lower_not_above_upper",
            ),
            models.CheckConstraint(
                condition=~(Q(lower__isnull=True) & Q(lower_open=True)) & ~(Q(upper__isnull=True) & Q(upper_open=True)),
                name="claim_unbounded_end_is_not_open",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_in_unit_range"
            ),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True) | Q(span_start__lt=F("span_end")),
                name="claim_span_start_before_end",
            ),
            # The identity (see the docstring). Plain columns, no NULLS NOT DISTINCT, so that it
            # holds alike on SQLite and PostgreSQL: a NULL property is never equal to another,
            # so the second, partial constraint covers claims without one.
            models.UniqueConstraint(
                fields=["document", "span_start", "span_end", "property"], name=CLAIM_IDENTITY_CONSTRAINTS[0]
            ),
            models.UniqueConstraint(
                fields=["document", "span_start", "span_end"],
                condition=Q(property__isnull=True),
                name=CLAIM_IDENTITY_CONSTRAINTS[1],
            ),
        ]
        indexes = [
            models.Index(fields=["fact", "status"], name="claim_fact_status"),
            models.Index(fields=["status", "id"], name="claim_status_id"),
            # Covers the conflict scan (accepted claims grouped by fact, their bounds widened by
            # their rounding, counted by id; `as_of` for the periods of time-varying facts): an
            # index-only scan in fact order, no sort and no table reads. Key columns, not
            # `include`, so that it covers on SQLite too.
            models.Index(
                fields=["status", "fact", "rounded_lower", "rounded_upper", "lower_open", "upper_open", "id", "as_of"],
                name="claim_scan_rounded_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"claim {self.pk}: {self.nominal} {self.unit}".strip()

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True) -> None:
        """Validate as Django does, leaving out the database-generated rounded bounds.

        Why: to check the constraints Django resolves the expression of every generated field,
        and the rounding expression is large: 0.13 s a claim, 80 % of ingesting an article
        (measured for docs/ingest-bench.md). No constraint reads the rounded bounds, and the
        database computes them, so there is nothing to validate in them.
        """
        exclude = {*(exclude or ()), "rounded_lower", "rounded_upper"}
        super().full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints)


def evidence_validate(*, document: Document, sentence: Sentence, start: int, end: int, quote: str) -> None:
    """Refuse evidence whose quote is not the document text at its span.

    Here, beside `Evidence`, because its `save()` runs it on every path; the services call it too.
    """
    errors: dict[str, str] = {}
    if not 0 <= start < end <= len(document.text):
        errors["start"] = f"span [{start}, {end}) is outside the document (length {len(document.text)})"
    elif document.text[start:end] != quote:
        errors["quote"] = (
            f"quote {quote!r} differs from the document text at [{start}, {end}): {document.text[start:end]!r}"
        )
    if sentence.document_id != document.pk:
        errors["sentence"] = "sentence belongs to another document"
    elif not (sentence.start <= start and end <= sentence.end):
        errors["sentence"] = f"span [{start}, {end}) is outside sentence [{sentence.start}, {sentence.end})"
    if errors:
        raise ValidationError(errors)


class Evidence(models.Model):
    """Where a claim is stated: a `[start, end)` code-point span of the document text.

    `quote` is the text at that span; `prefix`/`suffix` (a few words around it) let a span be
    re-found if the text shifts (the W3C TextQuoteSelector idea).
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey("corpus.Document", on_delete=models.CASCADE, related_name="evidence")
    sentence = models.ForeignKey("corpus.Sentence", on_delete=models.CASCADE, related_name="evidence")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="evidence_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="evidence_start_before_end"),
            models.UniqueConstraint(fields=["claim", "start", "end"], name="evidence_unique_span_per_claim"),
        ]
        indexes = [models.Index(fields=["document", "start", "end"], name="evidence_document_span")]

    def __str__(self) -> str:
        return f"evidence [{self.start}, {self.end})"

    def save(self, *args, **kwargs) -> None:
        # Provenance guard: evidence whose quote is not the document text at its span is never
        # stored, whichever code path saves it (fixtures loaded raw are checked by the audit).
        self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        evidence_validate(
            document=self.document, sentence=self.sentence, start=self.start, end=self.end, quote=self.quote
        )


class MentionReview(models.Model):
    """What `propose` made of one mention (a figure or date of a stored sentence).

    `proposed`: a claim was proposed (`claim`); `unclaimed`: none was, and `reason` says why in
    terms a curator can act on (no cue word, a unit the property does not take…); `claimed`: a
    claim already held the span before (a curator's or an earlier proposal's). Rewritten by each
    `propose` run, so the reasons follow the vocabulary; `vocabulary_version` says which one.
    Offsets are code points `[start, end)` into `Document.text`, as for `Evidence`.
    """

    class Outcome(models.TextChoices):
        PROPOSED = "proposed"
        UNCLAIMED = "unclaimed"
        CLAIMED = "claimed"

    Reason = models.TextChoices("Reason", [(r.name, r.value) for r in Reason])

    document = models.ForeignKey("corpus.Document", on_delete=models.CASCADE, related_name="mention_reviews")
    sentence = models.ForeignKey("corpus.Sentence", on_delete=models.CASCADE, related_name="mention_reviews")
    mention = models.ForeignKey(
        "corpus.Mention", on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=12, help_text="quantity, date, identifier or time")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    detail = models.CharField(max_length=300, blank=True, help_text="The reason in words a curator can read.")
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    vocabulary_version = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="mention_review_start_before_end"),
            models.UniqueConstraint(fields=["document", "start", "end"], name="mention_review_unique_span"),
        ]
        indexes = [models.Index(fields=["outcome", "reason", "id"], name="mention_review_outcome")]

    def __str__(self) -> str:
        return f"mention [{self.start}, {self.end}) {self.outcome}"


class Revision(models.Model):
    """One recorded change: who changed which fields of which object, from what to what.

    Written by the service that makes the change, in the same transaction (never by signals).
    """

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"

    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    via = models.CharField(max_length=20, help_text="admin, api, command, import")
    model = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text="{field: [old, new]}")
    # The change feed's order (`claims.api.revisions`): on PostgreSQL the id of the transaction
    # that wrote the row, filled in by the database (a column default set by migration 0010);
    # 0 on SQLite, where writers never overlap and the row id alone is the commit order.
    txid = models.BigIntegerField(
        db_default=models.Value(0), editable=False, help_text="Writing transaction (PostgreSQL), for the change feed."
    )

    class Meta:
        indexes = [
            models.Index(fields=["model", "object_id", "created_at"], name="revision_object"),
            models.Index(fields=["txid", "id"], name="revision_feed_order"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.model} {self.object_id}"


class ApiToken(models.Model):
    """An API token, stored hashed (sha256) and expiring; the key is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for.")
    prefix = models.CharField(max_length=8, db_index=True, help_text="First characters of the key, to identify it.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class IngestJob(models.Model):
    """A batch of articles submitted together and ingested by Celery tasks, one per document.

    The job's counts are its items' states (`IngestJobItem`); `status` moves queued → running →
    done, or failed when not one of its documents could be stored. A job with some failed
    documents is `done`: its failures are listed item by item.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    propose = models.BooleanField(default=True, help_text="Propose claims for each new document.")
    via = models.CharField(max_length=20, help_text="api, command")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]), name="job_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"ingest job {self.pk} ({self.status})"


class IngestJobItem(models.Model):
    """One document of a job: its bytes until a task has ingested them, then the outcome.

    `raw` is emptied once the document is stored (the document keeps its text); a failed item
    keeps its bytes so the failure can be looked into. `index` is the position in the submitted
    list, `file_name` the name in the zip (or the one the client gave).
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        INGESTED = "ingested"
        UNCHANGED = "unchanged"
        FAILED = "failed"

    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    index = models.PositiveIntegerField()
    file_name = models.CharField(max_length=255, blank=True)
    raw = models.BinaryField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=500, blank=True)
    document = models.ForeignKey("corpus.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Task runs that reached this item.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="job_item_unique_index"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ingested", "unchanged", "failed"]), name="job_item_status_known"
            ),
        ]
        indexes = [models.Index(fields=["job", "status"], name="job_item_status")]

    def __str__(self) -> str:
        return f"job item {self.index} ({self.status})"
