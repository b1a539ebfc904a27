"""Sources, documents and sentences: the text every claim points into.

Offsets everywhere are Python code points (not bytes, not UTF-16 units), half-open
`[start, end)`, into `Document.text`.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.db.models import F, Q

from corpus.extraction import mentions
from corpus.querysets import DocumentQuerySet, MentionQuerySet, SentenceQuerySet


class Language(models.TextChoices):
    ARABIC = "ar", "Arabic"
    PERSIAN = "fa", "Persian/Dari"
    ENGLISH = "en", "English"


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


class DateBasis(models.TextChoices):
    """Why we believe `published_on`: only `stated` and `inferred` dates are trusted as the
    reference for relative dates; a `page_header` date is the day a page was saved."""

    STATED = "stated", "stated in the article"
    PAGE_HEADER = "page_header", "page header (not the article's own date)"
    INFERRED = "inferred", "inferred from the text"
    UNKNOWN = "unknown", "unknown"


def _choices_of(enum: type[StrEnum]) -> type[models.TextChoices]:
    """Database choices mirroring a pure-core enum, so the two vocabularies cannot drift."""
    return models.TextChoices(enum.__name__, [(member.name, member.value) for member in enum])


MentionKind = _choices_of(mentions.Kind)
Modifier = _choices_of(mentions.Modifier)
MentionPrecision = _choices_of(mentions.Precision)
Calendar = _choices_of(mentions.Calendar)


class Source(models.Model):
    """An outlet or publisher."""

    name = models.CharField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """An article as received.

    `text` is the received text after Unicode NFC and nothing else: page chrome stays in it
    (it simply gets no sentences), so offsets into it are offsets into what the outlet
    published. `sha256` is the hash of the raw bytes, which makes ingesting twice a no-op.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="documents")
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)
    file_name = models.CharField(max_length=255, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    published_basis = models.CharField(max_length=12, choices=DateBasis.choices, default=DateBasis.UNKNOWN)
    published_note = models.CharField(
        max_length=500, blank=True, help_text="How the date was found, or why it is not trusted."
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | ~Q(published_precision=""),
                name="document_published_has_precision",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[c.value for c in Language]),
                name="document_language_known",
            ),
        ]
        indexes = [models.Index(fields=["language", "published_on"], name="document_lang_published")]

    def __str__(self) -> str:
        return self.title or self.file_name or f"document {self.pk}"

    @property
    def trusted_date(self):
        """The article date to resolve relative dates against, or None when not trusted."""
        if self.published_basis in (DateBasis.STATED, DateBasis.INFERRED):
            return self.published_on
        return None


class Sentence(models.Model):
    """A sentence of a document: the span `[start, end)` of `Document.text` in code points.

    Invariant: `document.text[start:end] == text` (checked by `corpus.services` on write and by
    tests on every seed); the database enforces what it can: `0 <= start < end`.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sentences")
    index = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()

    objects = SentenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="sentence_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="sentence_start_before_end"),
            models.UniqueConstraint(fields=["document", "index"], name="sentence_unique_index"),
        ]

    def __str__(self) -> str:
        return f"sentence {self.index} [{self.start}, {self.end})"


class Mention(models.Model):
    """A figure, date, identifier or clock time the extractor found in a sentence, as stored at ingest.

    The extractor runs once per document, at ingest, and its findings are kept: proposals, the
    admin and the API read these rows instead of re-analysing the text, and every row names the
    `extractor_version` that found it, so `manage.py reextract` can refresh what an older
    extractor found. `[start, end)` are code points of `Document.text`, and `text` is the
    document text at that span. The value columns mirror a claim's: an interval with explicit
    open and unbounded ends (`lower`/`upper` for quantities, `date_lower`/`date_upper` for
    dates), the nominal as stated, the modifier and the policy `rule` that set the bounds.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="mentions")
    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=MentionKind.choices)
    nominal = models.CharField(max_length=60, blank=True)
    lower = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    upper = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    lower_open = models.BooleanField(default=False)
    upper_open = models.BooleanField(default=False)
    modifier = models.CharField(max_length=10, choices=Modifier.choices, default=Modifier.EXACT)
    rule = models.CharField(max_length=60, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    noun = models.CharField(max_length=120, blank=True)
    date_lower = models.DateField(null=True, blank=True)
    date_upper = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=MentionPrecision.choices, blank=True)
    calendar = models.CharField(max_length=12, choices=Calendar.choices, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="What the extractor noted beside the value.")
    extractor_version = models.CharField(max_length=40)

    objects = MentionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="mention_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="mention_start_before_end"),
            models.UniqueConstraint(fields=["document", "start", "end", "kind"], name="mention_unique_span_kind"),
        ]
        indexes = [models.Index(fields=["document", "start"], name="mention_document_start")]

    def __str__(self) -> str:
        return f"{self.kind} mention [{self.start}, {self.end})"
