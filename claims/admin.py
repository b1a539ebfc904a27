"""The curators' workplace: claims, facts, entities and their history.

Every change goes through `claims.services`, which checks the optimistic-lock version and
writes revisions in the same transaction. Arabic and Persian text is shown with `dir="auto"`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from claims import admin_review, selectors, services
from claims.admin_display import claim_snippet, claim_value, consensus_text, fact_title, highlighted, property_label
from claims.admin_facts import FactForm, fact_comparison, fact_save
from claims.admin_filters import ConfidenceFilter, DocumentFilter, MissingFilter, VerdictFilter
from claims.admin_history import RevisionHistoryMixin, history_table
from claims.admin_search import FoldedSearchMixin
from claims.models import (
    Claim,
    ClaimStatus,
    Cue,
    Entity,
    EntityAlias,
    Evidence,
    Fact,
    MentionReview,
    Property,
    Revision,
    UnitFamily,
    ValueType,
)
from claims.validators import validate_unit
from claims.vocabulary import services as vocabulary


def normalize_alias(name: str) -> str:
    from claims.domain.phrases import normalize_alias as fold_alias

    return fold_alias(name)


# --- entities and properties -----------------------------------------------------------


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    fields = ["name", "language", "strict", "status", "origin", "normalized"]
    readonly_fields = ["origin", "normalized"]
    extra = 1


@admin.register(Entity)
class EntityAdmin(FoldedSearchMixin, RevisionHistoryMixin, admin.ModelAdmin):
    """Entities and their aliases, written through the vocabulary services (revisions, version)."""

    list_display = ["name", "kind", "status", "country_code", "event_type", "event_date_lower"]
    list_filter = ["status", "kind", "event_type", "origin", "pack"]
    search_fields = ["name", "slug", "aliases__name"]
    folded_search_fields = ("name", "aliases__name")
    readonly_fields = ["origin", "pack"]
    autocomplete_fields = ["place"]
    inlines = [EntityAliasInline]
    actions = ["confirm", "merge"]

    def get_search_results(self, request, queryset, search_term):
        # Aliases match across letter variants (ي/ی, ك/ک, ة/ه, hamza, diacritics).
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(aliases__normalized__icontains=normalize_alias(search_term))
            may_have_duplicates = True
        return results, may_have_duplicates

    def save_model(self, request, obj: Entity, form, change: bool) -> None:
        fields = {f: form.cleaned_data[f] for f in form.changed_data if f in vocabulary.ENTITY_FIELDS}
        if change:
            current = Entity.objects.get(pk=obj.pk)
            saved = vocabulary.entity_update(entity=current, user=request.user, via="admin", **fields)
        else:
            fields.pop("name", None)
            fields.pop("kind", None)
            saved = vocabulary.entity_create(
                name=obj.name, kind=obj.kind, slug=obj.slug, user=request.user, via="admin", **fields
            )
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        for alias in formset.save(commit=False):
            if alias.pk is None:
                vocabulary.alias_create(
                    entity=form.instance,
                    name=alias.name,
                    language=alias.language,
                    strict=alias.strict,
                    status=alias.status,
                    user=request.user,
                    via="admin",
                )
            else:
                current = EntityAlias.objects.get(pk=alias.pk)
                changes = {f: getattr(alias, f) for f in vocabulary.ALIAS_FIELDS}
                vocabulary.alias_update(alias=current, user=request.user, via="admin", **changes)
        for alias in formset.deleted_objects:
            vocabulary.alias_delete(alias=alias, user=request.user, via="admin")

    @admin.action(description="Confirm the selected proposed entities")
    def confirm(self, request: HttpRequest, queryset: QuerySet[Entity]) -> None:
        for entity in queryset.filter(status="proposed"):
            vocabulary.entity_confirm(entity=entity, user=request.user, via="admin")

    @admin.action(description="Merge the selected entities into the confirmed (else the oldest) one")
    def merge(self, request: HttpRequest, queryset: QuerySet[Entity]) -> None:
        entities = list(queryset.order_by("id"))
        confirmed = [e for e in entities if e.status == "confirmed"]
        target = confirmed[0] if len(confirmed) == 1 else entities[0]
        for source in entities:
            if source.pk != target.pk:
                try:
                    vocabulary.entity_merge(source=source, target=target, user=request.user, via="admin")
                except vocabulary.MergeRefused as exc:
                    self.message_user(request, str(exc), level=messages.ERROR)
                    return
        self.message_user(request, f"merged {len(entities) - 1} into {target}")


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ["slug", "label_en", "label_ar", "label_fa", "value_type", "unit_family", "cumulative", "origin"]
    list_filter = ["value_type", "unit_family", "cumulative", "time_varying", "origin"]
    search_fields = ["slug", "label_en", "label_ar", "label_fa"]
    readonly_fields = ["origin", "pack"]

    def save_model(self, request, obj: Property, form, change: bool) -> None:
        fields = {f: form.cleaned_data[f] for f in form.changed_data if f in vocabulary.PROPERTY_FIELDS}
        if change:
            vocabulary.property_update(prop=Property.objects.get(pk=obj.pk), user=request.user, via="admin", **fields)
            return
        for f in ("label_en", "value_type"):
            fields.pop(f, None)
        saved = vocabulary.property_create(
            slug=obj.slug, label_en=obj.label_en, value_type=obj.value_type, user=request.user, via="admin", **fields
        )
        obj.pk = saved.pk


@admin.register(Cue)
class CueAdmin(admin.ModelAdmin):
    """Cue words; candidates learnt from corrections wait as `proposed` until a curator accepts."""

    list_display = ["id", "property", "event_type", "language", "words", "status", "origin", "weak", "confidence"]
    list_filter = ["status", "origin", "language", "event_type", "pack"]
    search_fields = ["property__slug", "note"]
    readonly_fields = ["origin", "pack"]
    autocomplete_fields = ["subject"]
    actions = ["accept", "reject"]

    def save_model(self, request, obj: Cue, form, change: bool) -> None:
        fields = {f: form.cleaned_data[f] for f in form.changed_data if f in vocabulary.CUE_FIELDS}
        if change:
            vocabulary.cue_update(cue=Cue.objects.get(pk=obj.pk), user=request.user, via="admin", **fields)
            return
        fields.pop("words", None)
        obj.pk = vocabulary.cue_create(words=obj.words, user=request.user, via="admin", **fields).pk

    @admin.action(description="Accept the selected cue candidates")
    def accept(self, request: HttpRequest, queryset: QuerySet[Cue]) -> None:
        for cue in queryset.filter(status="proposed"):
            vocabulary.cue_update(cue=cue, user=request.user, via="admin", status="confirmed")

    @admin.action(description="Reject (delete) the selected cue candidates")
    def reject(self, request: HttpRequest, queryset: QuerySet[Cue]) -> None:
        for cue in queryset.filter(status="proposed"):
            vocabulary.cue_delete(cue=cue, user=request.user, via="admin")


@admin.register(UnitFamily)
class UnitFamilyAdmin(admin.ModelAdmin):
    """Read here; a pack file changes them (they must list units the extractor knows)."""

    list_display = ["name", "units", "currencies", "unit_required", "minimum", "maximum", "pack"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MentionReview)
class MentionReviewAdmin(admin.ModelAdmin):
    """What `propose` made of each mention: the figures left without a claim, with the reason."""

    list_display = ["text", "kind", "outcome", "reason", "detail", "document", "claim"]
    list_filter = ["outcome", "reason", "kind", "document__language"]
    search_fields = ["text", "detail"]
    list_select_related = ["document", "claim"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


# --- claims -----------------------------------------------------------------------------


class ClaimForm(forms.ModelForm):
    """The claim form carries the version it was read at; a stale one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = [
            "subject",
            "property",
            "qualifiers",
            "fact",
            "status",
            "nominal",
            "modifier",
            "lower",
            "lower_open",
            "upper",
            "upper_open",
            "unit",
            "date_lower",
            "date_upper",
            "date_precision",
            "calendar",
            "as_of",
            "confidence",
            "version",
        ]

    def clean_unit(self) -> str:
        unit = self.cleaned_data["unit"]
        if "unit" in self.changed_data:  # a unit stored before the rule stays until changed
            validate_unit(unit)
        return unit

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("version") != current:
                raise forms.ValidationError(
                    "This claim was changed by someone else while you were editing it "
                    f"(your version {cleaned.get('version')}, now {current}). Reload the page and apply your edit again.",
                    code="stale_version",
                )
            self._service_check(cleaned)
        return cleaned

    def changes(self) -> dict:
        """The fields the curator changed, as the service takes them."""
        return {f: self.cleaned_data[f] for f in self.changed_data if f in services.CLAIM_EDITABLE_FIELDS}

    def _service_check(self, cleaned: dict) -> None:
        """The service's own checks (`claims.domain.values`, identity) shown beside the fields,
        before anything is saved: the form adds none of its own."""
        if self.errors:
            return
        stored = Claim.objects.select_related("property", "subject").get(pk=self.instance.pk)
        try:
            services.claim_update_check(claim=stored, changes=self.changes())
        except services.DuplicateClaim as exc:
            self.add_error(None, str(exc))
        except DjangoValidationError as exc:
            for field, messages_ in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages_)


@admin.register(Claim)
class ClaimAdmin(FoldedSearchMixin, RevisionHistoryMixin, admin.ModelAdmin):
    form = ClaimForm
    # Readable at 1440 px and on a phone without scrolling sideways (claims/admin.css stacks the
    # cells of a row on narrow screens): the value as said, the state, what it is about, who says
    # it and the words that say it.
    list_display = [
        "value_display",
        "status_display",
        "subject",
        "property_display",
        "source_name",
        "quote_display",
    ]
    list_filter = [
        "status",
        VerdictFilter,
        MissingFilter,
        ConfidenceFilter,
        "property",
        "document__language",
        "document__source",
        DocumentFilter,
        "origin",
    ]
    list_select_related = ["subject", "property", "fact", "document__source"]
    search_fields = ["evidence__quote", "subject__name", "subject__aliases__name"]
    folded_search_fields = ("evidence__quote", "subject__name", "subject__aliases__name")
    search_help_text = "Quotes and subject names, in any digit script and Arabic/Persian spelling."
    empty_value_display = "—"
    autocomplete_fields = ["subject"]
    actions = ["accept", "reject", "back_to_proposed"]
    readonly_fields = ["evidence_display", "context_display", "provenance", "history"]
    fieldsets = [
        (None, {"fields": ["evidence_display", "context_display", "provenance"]}),
        ("Claim", {"fields": ["subject", "property", "qualifiers", "fact", "status", "as_of", "confidence"]}),
        (
            "Value",
            {
                "fields": [
                    "nominal",
                    "modifier",
                    ("lower", "lower_open"),
                    ("upper", "upper_open"),
                    "unit",
                    ("date_lower", "date_upper"),
                    ("date_precision", "calendar"),
                    "version",
                ]
            },
        ),
        ("History", {"fields": ["history"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return selectors.claim_list()

    def get_fieldsets(self, request, obj=None):
        # Date claims are edited as dates (their numeric bounds are day ordinals derived from
        # them); quantity claims as numbers.
        fieldsets = [list(f) for f in super().get_fieldsets(request, obj)]
        if obj is None:
            return fieldsets
        drop = (
            {("lower", "lower_open"), ("upper", "upper_open"), "unit"}
            if obj.value_type == ValueType.DATE
            else {("date_lower", "date_upper"), ("date_precision", "calendar")}
        )
        for index, (name, options) in enumerate(fieldsets):
            if name == "Value":
                fieldsets[index] = (name, {**options, "fields": [f for f in options["fields"] if f not in drop]})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["version"].initial = obj.version if obj else 1
        return form

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims are proposed from documents or created through the API with evidence.
        return False

    # columns

    @admin.display(description="value", ordering="lower")
    def value_display(self, obj: Claim) -> str:
        return claim_value(obj)

    @admin.display(description="property", ordering="property__slug")
    def property_display(self, obj: Claim) -> str:
        return property_label(obj.property) if obj.property_id else "—"

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Claim):
        return format_html('<span class="sanad-status sanad-status-{}">{}</span>', obj.status, obj.status)

    @admin.display(description="source", ordering="document__source__name")
    def source_name(self, obj: Claim):
        return format_html(
            '<span dir="auto">{}</span> <span class="sanad-lang">{}</span>',
            obj.document.source.name,
            obj.document.language,
        )

    @admin.display(description="evidence")
    def quote_display(self, obj: Claim):
        return claim_snippet(obj, window=40)

    # detail

    @admin.display(description="evidence")
    def evidence_display(self, obj: Claim):
        parts = [
            highlighted(ev.sentence.text, ev.start - ev.sentence.start, ev.end - ev.sentence.start)
            for ev in obj.evidence.all()
        ]
        return format_html_join("", "{}", ((p,) for p in parts)) if parts else "—"

    @admin.display(description="context")
    def context_display(self, obj: Claim):
        evidence = obj.evidence.all()
        if not evidence:
            return "—"
        ev = evidence[0]
        rows = []
        for sentence in selectors.sentences_around(ev.sentence):
            if sentence.pk == ev.sentence_id:
                rows.append((highlighted(sentence.text, ev.start - sentence.start, ev.end - sentence.start),))
            else:
                rows.append((format_html('<div dir="auto" class="sanad-context">{}</div>', sentence.text),))
        return format_html_join("", "{}", rows)

    @admin.display(description="source")
    def provenance(self, obj: Claim):
        doc = obj.document
        return format_html(
            '{} · <span dir="auto">{}</span> · {} · published {} ({}) · origin {} · rule {} · cue <span dir="auto">{}</span>',
            doc.source.name,
            doc.title,
            doc.language,
            doc.published_on or "unknown",
            doc.published_basis,
            obj.origin,
            obj.rule or "—",
            obj.cue or "—",
        )

    @admin.display(description="history")
    def history(self, obj: Claim):
        return history_table(obj)

    # writes go through the services

    def save_model(self, request, obj: Claim, form, change: bool) -> None:
        stored = Claim.objects.get(pk=obj.pk)
        try:
            services.claim_update(
                claim=stored,
                expected_version=form.cleaned_data["version"],
                user=request.user,
                via="admin",
                **form.changes(),
            )
        except (services.StaleVersion, services.DuplicateClaim) as exc:
            messages.error(request, str(exc))
        except DjangoValidationError as exc:  # changed between the form's check and the save
            messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()))

    def delete_model(self, request, obj: Claim) -> None:
        services.claim_delete(claim=obj, user=request.user, via="admin")

    def delete_queryset(self, request, queryset: QuerySet[Claim]) -> None:
        # The bulk "delete selected" action: one service call per claim, so each writes its
        # revision and its fact's verdict is refreshed.
        with transaction.atomic():
            for claim in queryset.order_by("id"):
                services.claim_delete(claim=claim, user=request.user, via="admin")

    def _set_status(self, request, queryset: QuerySet[Claim], status: str) -> None:
        try:
            changed = services.claims_set_status(claims=list(queryset), status=status, user=request.user, via="admin")
        except services.StaleVersion as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        except DjangoValidationError as exc:
            self.message_user(request, "Nothing was changed: " + " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, f"{changed} claim(s) set to {status}.", messages.SUCCESS)

    @admin.action(description="Accept selected claims", permissions=["change"])
    def accept(self, request, queryset):
        self._set_status(request, queryset, ClaimStatus.ACCEPTED)

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, ClaimStatus.REJECTED)

    @admin.action(description="Send selected claims back to proposed", permissions=["change"])
    def back_to_proposed(self, request, queryset):
        self._set_status(request, queryset, ClaimStatus.PROPOSED)

    class Media:
        css = {"all": ["claims/admin.css"]}


# --- facts ------------------------------------------------------------------------------


@admin.register(Fact)
class FactAdmin(FoldedSearchMixin, RevisionHistoryMixin, admin.ModelAdmin):
    """Facts named by what they are about; the change page compares the sources (claims/admin_facts.py)."""

    form = FactForm
    change_form_template = "admin/claims/fact/comparison.html"
    list_display = ["name_display", "verdict_display", "consensus_display", "source_count", "claim_count"]
    list_filter = ["verdict", "property"]
    list_select_related = ["subject", "property"]
    search_fields = ["subject__name", "subject__aliases__name", "property__slug", "property__label_en"]
    folded_search_fields = ("subject__name", "subject__aliases__name", "property__label_ar", "property__label_fa")
    search_help_text = "Subject names and property labels, in any script."
    fields = ["preferred_claim", "resolution_note", "version"]

    def get_queryset(self, request):
        return selectors.fact_list().annotate(
            n_claims=Count("claims", distinct=True),
            n_sources=Count("claims__document__source", filter=Q(claims__status=ClaimStatus.ACCEPTED), distinct=True),
        )

    def has_add_permission(self, request) -> bool:
        return False  # facts are made by claims' subject + property + qualifiers

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a fact would leave its claims' subject and property pointing at no fact, with
        # no revision: a fact goes away when its claims are moved or deleted, through the services.
        return False

    @admin.display(description="fact", ordering="subject__name")
    def name_display(self, obj: Fact):
        return format_html('<span dir="auto">{}</span>', fact_title(obj))

    @admin.display(description="verdict", ordering="verdict")
    def verdict_display(self, obj: Fact):
        return format_html(
            '<span class="sanad-verdict sanad-verdict-{}">{}</span>',
            obj.verdict or "none",
            (obj.verdict or "—").replace("_", " "),
        )

    @admin.display(description="consensus")
    def consensus_display(self, obj: Fact) -> str:
        return consensus_text(obj)

    @admin.display(description="sources", ordering="n_sources")
    def source_count(self, obj: Fact) -> int:
        return obj.n_sources

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj: Fact) -> int:
        return obj.n_claims

    class Media:
        css = {"all": ["claims/admin.css"]}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        fact = self.get_object(request, object_id)
        comparison = fact_comparison(fact) if fact is not None else {}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **comparison})

    def save_model(self, request, obj: Fact, form, change: bool) -> None:
        try:
            fact_save(request=request, fact=obj, form=form)
        except services.StaleVersion as exc:
            messages.error(request, str(exc))


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "via", "model", "object_id", "action", "object_repr"]
    list_filter = ["model", "via", "action"]
    list_select_related = ["user"]
    readonly_fields = ["created_at", "user", "via", "model", "object_id", "object_repr", "action", "changes"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence is read here, never edited: a span and its quote change only through the claim
    services, which check the quote against the document and write a revision."""

    list_display = ["__str__", "claim", "document", "quote"]
    list_select_related = ["document"]
    raw_id_fields = ["claim", "document", "sentence"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    # The delete permission stays (deleting a claim in the admin deletes its evidence, and
    # Django asks this admin about it); evidence alone is never deleted here.
    def get_actions(self, request, action_location=None) -> dict:
        return {}

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied("Evidence is deleted with its claim, through the claim's page.")


# The review page and the queue live on the document admin's URLs.
admin_review.register(admin.site)

# API tokens (superusers only) have their own module.
from claims import admin_tokens  # noqa: E402, F401
