"""The review workspace in the admin: the queue of documents to review and one document's review page.

Registered on the corpus `Document` admin's URLs (this module replaces corpus's `DocumentAdmin`
with a subclass; corpus never imports claims):

    /admin/corpus/document/review-queue/              the queue, newest article first
    /admin/corpus/document/review-queue/next/?after=  `n`: the next document with work left
    /admin/corpus/document/<id>/review/               the review page
    /admin/corpus/document/<id>/review/state/         its state as JSON
    /admin/corpus/document/<id>/review/claims/<id>/status/   POST {status, version}
    /admin/corpus/document/<id>/review/claims/<id>/          POST {version, field: value…}
    /admin/corpus/document/<id>/review/mentions/<id>/claim/  POST {property, subject?}
    /admin/corpus/document/<id>/review/entities/             POST {name, kind[, claim, version]}
    /admin/corpus/document/review/lookup/{entities,properties}/?q=

The JSON endpoints are small views behind `admin_view` (staff login, CSRF), check the model
permission they need, call one `claims.curation` function and answer the document's whole
review state, so the page redraws from one source of truth without losing its place.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import curation, review, services
from claims.models import Claim, Entity, EntityKind, Modifier, Property, ValueType
from corpus.admin import DocumentAdmin, SentenceInline
from corpus.models import DateBasis, Document, Mention

KEYS = [
    ("j", "next mark"),
    ("k", "previous mark"),
    ("a", "accept, then go to the next proposal"),
    ("r", "reject, then go to the next proposal"),
    ("u", "back to proposed"),
    ("e", "edit the value and qualifiers"),
    ("s", "pick the subject (type in any script; Enter picks)"),
    ("p", "pick the property (on a mention with no claim: makes one)"),
    ("w", "new entity from the words selected in the text"),
    ("o", "open the claim's full page"),
    ("n", "next document with work left"),
    ("?", "show or hide these keys"),
    ("Esc", "close a picker or editor"),
]


def _bad_request(message: str, fields: dict[str, Any] | None = None, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "fields": fields or {}}, status=status)


def _payload(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError("The request body is not JSON.") from exc
    if not isinstance(data, dict):
        raise ValidationError("The request body must be a JSON object.")
    return data


def _int(data: dict[str, Any], key: str, *, required: bool = True) -> int | None:
    value = data.get(key)
    if value in (None, "") and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValidationError({key: f"{key} must be a whole number."})
    return int(value)


def _qualifiers(raw: Any, prop: Property | None) -> dict[str, Any]:
    """Qualifier fields as typed: digits become integers (a year), empty fields are dropped."""
    if not isinstance(raw, dict):
        raise ValidationError({"qualifiers": "Qualifiers must be an object."})
    allowed = set(prop.qualifier_keys or []) if prop else set()
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in allowed:
            raise ValidationError({"qualifiers": f"{prop.slug if prop else 'This property'} has no qualifier {key!r}."})
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
            if re.fullmatch(r"-?\d{1,15}", value):
                value = int(value)
        out[key] = value
    return out


class ValueForm(forms.Form):
    """The value fields `e` edits; only the fields sent are applied."""

    nominal = forms.CharField(max_length=40, required=False)
    modifier = forms.ChoiceField(choices=Modifier.choices, required=False)
    lower = forms.DecimalField(max_digits=30, decimal_places=6, required=False)
    upper = forms.DecimalField(max_digits=30, decimal_places=6, required=False)
    lower_open = forms.BooleanField(required=False)
    upper_open = forms.BooleanField(required=False)
    unit = forms.CharField(max_length=20, required=False)
    date_lower = forms.DateField(required=False)
    date_upper = forms.DateField(required=False)
    as_of = forms.DateField(required=False)


def _changes(data: dict[str, Any], claim: Claim) -> dict[str, Any]:
    """The claim changes a review request asks for, validated and typed."""
    changes: dict[str, Any] = {}
    if "subject" in data:
        subject_id = _int(data, "subject", required=False)
        changes["subject"] = get_object_or_404(Entity, pk=subject_id) if subject_id else None
    prop = claim.property
    if "property" in data:
        property_id = _int(data, "property", required=False)
        prop = get_object_or_404(Property, pk=property_id) if property_id else None
        if prop is not None and (prop.value_type == ValueType.DATE) != (claim.value_type == ValueType.DATE):
            raise curation.CurationRefused(
                f"{prop.slug} takes {prop.value_type} values; this claim is a {claim.value_type}."
            )
        changes["property"] = prop
        if "qualifiers" not in data:
            # Qualifiers the new property does not allow would scope the fact wrongly.
            allowed = set(prop.qualifier_keys or []) if prop else set()
            kept = {k: v for k, v in (claim.qualifiers or {}).items() if k in allowed}
            if kept != (claim.qualifiers or {}):
                changes["qualifiers"] = kept
    if "qualifiers" in data:
        changes["qualifiers"] = _qualifiers(data["qualifiers"], prop)
    value_keys = [k for k in ValueForm.base_fields if k in data]
    if value_keys:
        form = ValueForm({k: data[k] for k in value_keys if data[k] is not None and data[k] is not False})
        if not form.is_valid():
            raise ValidationError({k: " ".join(v) for k, v in form.errors.items()})
        for key in value_keys:
            value = form.cleaned_data.get(key)
            if key in ("unit", "nominal") and value is None:
                value = ""
            changes[key] = value
    return changes


class SentenceTextInline(SentenceInline):
    """Corpus's sentence table, its text styled by class: the site's CSP refuses style attributes."""

    @admin.display(description="text")
    def sentence_text(self, obj):
        return format_html('<div dir="auto" class="sanad-text">{}</div>', obj.text)


class ReviewDocumentAdmin(DocumentAdmin):
    """The corpus document admin, plus the review page and the queue."""

    list_display = [*DocumentAdmin.list_display, "review_link"]
    change_list_template = "admin/claims/review/document_change_list.html"  # adds a "Review queue" button
    change_form_template = "admin/claims/review/document_change_form.html"  # adds a "Review" button
    inlines = [SentenceTextInline]

    class Media:
        css = {"all": ["claims/admin.css"]}

    @admin.display(description="text")
    def text_rtl(self, obj: Document):
        return format_html('<div dir="auto" class="sanad-text">{}</div>', obj.text)

    @admin.display(description="review")
    def review_link(self, obj: Document):
        return format_html('<a href="{}">review</a>', reverse("admin:corpus_document_review", args=[obj.pk]))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("review-queue/", wrap(self.queue_view), name="corpus_document_review_queue"),
            path("review-queue/next/", wrap(self.next_view), name="corpus_document_review_next"),
            path("review/lookup/entities/", wrap(self.entity_lookup_view), name="corpus_document_review_entities"),
            path(
                "review/lookup/properties/", wrap(self.property_lookup_view), name="corpus_document_review_properties"
            ),
            path("<int:document_id>/review/", wrap(self.review_view), name="corpus_document_review"),
            path("<int:document_id>/review/state/", wrap(self.state_view), name="corpus_document_review_state"),
            path(
                "<int:document_id>/review/claims/<int:claim_id>/status/",
                wrap(self.status_view),
                name="corpus_document_review_status",
            ),
            path(
                "<int:document_id>/review/claims/<int:claim_id>/",
                wrap(self.edit_view),
                name="corpus_document_review_edit",
            ),
            path(
                "<int:document_id>/review/mentions/<int:mention_id>/claim/",
                wrap(self.create_view),
                name="corpus_document_review_create",
            ),
            path(
                "<int:document_id>/review/entities/", wrap(self.new_entity_view), name="corpus_document_review_entity"
            ),
            *super().get_urls(),
        ]

    # --- permissions ----------------------------------------------------------------------

    def _check_view(self, request: HttpRequest) -> None:
        if not (self.has_view_permission(request) and request.user.has_perm("claims.view_claim")):
            raise PermissionDenied

    def _check_change(self, request: HttpRequest) -> None:
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied

    # --- pages ----------------------------------------------------------------------------

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        self._check_view(request)
        documents = list(review.review_queue()[:500])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Documents to review",
            "documents": documents,
            "left": sum(d.proposed for d in documents),
        }
        return TemplateResponse(request, "admin/claims/review/queue.html", context)

    def next_view(self, request: HttpRequest) -> HttpResponse:
        self._check_view(request)
        after = request.GET.get("after", "")
        next_id = review.review_next(after=int(after) if after.isdigit() else None)
        if next_id is None:
            return redirect("admin:corpus_document_review_queue")
        return redirect("admin:corpus_document_review", next_id)

    def review_view(self, request: HttpRequest, document_id: int) -> HttpResponse:
        self._check_view(request)
        document = get_object_or_404(Document.objects.with_source(), pk=document_id)
        state, marks = review.document_review(document)
        rtl = document.language in ("ar", "fa")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {document}",
            "is_nav_sidebar_enabled": False,  # the article needs the width
            "document": document,
            "rtl": rtl,
            "segments": review.article_segments(document, marks),
            "state": state,
            "basis": DateBasis(document.published_basis).label,
            "trusted": document.published_basis in (DateBasis.STATED, DateBasis.INFERRED),
            "keys": KEYS,
            "entity_kinds": EntityKind.choices,
            "modifiers": Modifier.choices,
            "can_change": request.user.has_perm("claims.change_claim"),
            "urls": {
                "state": reverse("admin:corpus_document_review_state", args=[document.pk]),
                "status": reverse("admin:corpus_document_review_status", args=[document.pk, 0]),
                "edit": reverse("admin:corpus_document_review_edit", args=[document.pk, 0]),
                "create": reverse("admin:corpus_document_review_create", args=[document.pk, 0]),
                "entity": reverse("admin:corpus_document_review_entity", args=[document.pk]),
                "entities": reverse("admin:corpus_document_review_entities"),
                "properties": reverse("admin:corpus_document_review_properties"),
                "next": reverse("admin:corpus_document_review_next") + f"?after={document.pk}",
                "queue": reverse("admin:corpus_document_review_queue"),
            },
        }
        return TemplateResponse(request, "admin/claims/review/document.html", context)

    # --- JSON -----------------------------------------------------------------------------

    def _state(self, document: Document, **extra: Any) -> JsonResponse:
        state, _marks = review.document_review(document)
        return JsonResponse({**state, **extra})

    @staticmethod
    def _document(document_id: int) -> Document:
        # The JSON carries no text: the page has it already.
        return get_object_or_404(Document.objects.defer("text"), pk=document_id)

    @staticmethod
    def _claim(document: Document, claim_id: int) -> Claim:
        claim = Claim.objects.select_related("subject", "property").filter(document=document, pk=claim_id).first()
        if claim is None:
            raise Http404("No such claim on this document.")
        return claim

    def _write(self, request: HttpRequest, document: Document, action) -> JsonResponse:
        """Run one write; answer the new state, or the refusal with the current state."""
        try:
            result = action()
        except curation.CurationRefused as exc:
            return self._refused(document, str(exc), 400)
        except (services.StaleVersion, services.DuplicateClaim) as exc:
            return self._refused(document, str(exc), 409)
        except ValidationError as exc:
            fields = exc.message_dict if hasattr(exc, "error_dict") else {}
            message = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()) if fields else " ".join(exc.messages)
            return self._refused(document, message, 400, fields)
        return self._state(document, **(result or {}))

    def _refused(self, document: Document, message: str, status: int, fields=None) -> JsonResponse:
        state, _marks = review.document_review(document)
        return JsonResponse({"error": message, "fields": fields or {}, "state": state}, status=status)

    @staticmethod
    def _version(data: dict[str, Any]) -> int:
        return _int(data, "version")

    def state_view(self, request: HttpRequest, document_id: int) -> JsonResponse:
        self._check_view(request)
        return self._state(self._document(document_id))

    def status_view(self, request: HttpRequest, document_id: int, claim_id: int) -> JsonResponse:
        if request.method != "POST":
            return _bad_request("POST only.", status=405)
        self._check_change(request)
        document = self._document(document_id)
        claim = self._claim(document, claim_id)

        def action():
            data = _payload(request)
            curation.claim_set_status(
                claim=claim, status=str(data.get("status", "")), expected_version=self._version(data), user=request.user
            )

        return self._write(request, document, action)

    def edit_view(self, request: HttpRequest, document_id: int, claim_id: int) -> JsonResponse:
        if request.method != "POST":
            return _bad_request("POST only.", status=405)
        self._check_change(request)
        document = self._document(document_id)
        claim = self._claim(document, claim_id)

        def action():
            data = _payload(request)
            version = self._version(data)
            changes = _changes(data, claim)
            if changes:
                curation.claim_edit(claim=claim, expected_version=version, user=request.user, **changes)

        return self._write(request, document, action)

    def create_view(self, request: HttpRequest, document_id: int, mention_id: int) -> JsonResponse:
        if request.method != "POST":
            return _bad_request("POST only.", status=405)
        if not request.user.has_perm("claims.add_claim"):
            raise PermissionDenied
        document = self._document(document_id)
        mention = get_object_or_404(Mention.objects.select_related("document"), document=document, pk=mention_id)

        def action():
            data = _payload(request)
            prop = get_object_or_404(Property, pk=_int(data, "property"))
            subject_id = _int(data, "subject", required=False)
            subject = get_object_or_404(Entity, pk=subject_id) if subject_id else None
            claim = curation.claim_from_mention(mention=mention, prop=prop, subject=subject, user=request.user)
            return {"selected": f"c{claim.pk}"}

        return self._write(request, document, action)

    def new_entity_view(self, request: HttpRequest, document_id: int) -> JsonResponse:
        if request.method != "POST":
            return _bad_request("POST only.", status=405)
        if not request.user.has_perm("claims.add_entity"):
            raise PermissionDenied
        document = self._document(document_id)

        def action():
            data = _payload(request)
            entity = curation.entity_create(
                name=str(data.get("name", "")),
                language=document.language,
                kind=str(data.get("kind") or EntityKind.ORGANIZATION),
                user=request.user,
            )
            claim_id = _int(data, "claim", required=False)
            if claim_id:
                self._check_change(request)
                claim = self._claim(document, claim_id)
                curation.claim_edit(
                    claim=claim, expected_version=self._version(data), user=request.user, subject=entity
                )
            return {"entity": {"id": entity.pk, "label": entity.name, "hint": entity.kind}}

        return self._write(request, document, action)

    def entity_lookup_view(self, request: HttpRequest) -> JsonResponse:
        self._check_view(request)
        return JsonResponse({"results": review.entity_choices(request.GET.get("q", "")[:100])})

    def property_lookup_view(self, request: HttpRequest) -> JsonResponse:
        self._check_view(request)
        value_type = request.GET.get("type") or None
        return JsonResponse({"results": review.property_choices(request.GET.get("q", "")[:100], value_type=value_type)})


def register(site: admin.AdminSite) -> None:
    """Put the review admin in place of corpus's document admin (called from `claims.admin`)."""
    if site.is_registered(Document):
        site.unregister(Document)
    site.register(Document, ReviewDocumentAdmin)
