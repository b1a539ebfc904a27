"""The fact page as a comparison: every source's claim side by side, why the verdict is what it
is, a chart of the claims' intervals against time, and the preferred claim chosen by source and
quote, saved only over the version the curator saw.

The chart is drawn in the browser by Chart.js (vendored under claims/static/claims/vendor, no
network) from the JSON `fact_chart_data` builds here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse

from claims import curation, selectors
from claims.admin_display import claim_interval, claim_value, consensus_text, fact_title, highlighted
from claims.domain.crosscheck import Report
from claims.models import Claim, ClaimStatus, Fact, ValueType
from claims.reports import report_terms

_EPOCH = dt.date(1970, 1, 1).toordinal()


def claim_source(claim: Claim) -> str:
    return f"{claim.document.source.name} ({claim.document.language})"


def claim_date(claim: Claim) -> dt.date | None:
    """When a claim holds, for the timeline: its as-of date, else its article's date."""
    return claim.as_of or claim.document.published_on


def preferred_label(claim: Claim) -> str:
    """A preferred-claim choice: who says it, what, and in which words."""
    evidence = claim.evidence.all()
    quote = evidence[0].quote if evidence else ""
    # First-strong isolates keep a right-to-left quote from reordering the label around it.
    return f"{claim_source(claim)} · {claim_value(claim)} · «\u2068{quote}\u2069» · {claim.status}"


class PreferredClaimField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Claim) -> str:
        return preferred_label(obj)


class FactForm(forms.ModelForm):
    """The curator's resolution of a fact, carrying the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Fact
        fields = ["preferred_claim", "resolution_note", "version"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "version" in self.fields and self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        if "preferred_claim" in self.fields:
            self.fields["preferred_claim"] = PreferredClaimField(
                queryset=selectors.claim_list().filter(fact_id=self.instance.pk).order_by("id"),
                required=False,
                widget=forms.RadioSelect,
                empty_label="no preferred claim",
                help_text="The claim to show when the sources conflict.",
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Fact.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("version") != current:
                raise forms.ValidationError(
                    "This fact was changed by someone else while you were reading it "
                    f"(your version {cleaned.get('version')}, now {current}): nothing was saved. "
                    "Reload the page and choose again.",
                    code="stale_version",
                )
        return cleaned


@dataclass(frozen=True, slots=True)
class Card:
    """One source's claim in the comparison."""

    claim: Claim
    source: str
    title: str
    date: dt.date | None
    date_basis: str
    value: str
    interval: str
    quote: Any
    preferred: bool
    outlier: bool
    url: str
    review_url: str
    widened: str = ""  # "[75, 85] countries (rounding_half_unit, ±5)" when the verdict widened it


def _number(value: Decimal | None, *, is_date: bool) -> float | None:
    if value is None:
        return None
    return float(int(value) - _EPOCH) if is_date else float(value)


def _report_sets(report: Report | None) -> tuple[set[int], list[tuple[Any, dt.date | None, dt.date | None]]]:
    """The outlying claims and the consensus bands (interval, from, to) of a report."""
    if report is None:
        return set(), []
    if report.periods:
        outliers: set[int] = set()
        bands = []
        for period in report.periods:
            sub_outliers, sub_bands = _report_sets(period)
            outliers |= sub_outliers
            start, end = period.period or (None, None)
            bands += [(band, start, end) for band, _s, _e in sub_bands]
        return outliers, bands
    band = report.consensus if report.consensus is not None else report.majority_interval
    return set(report.outliers), ([(band, None, None)] if band is not None and not band.is_empty else [])


def fact_comparison(fact: Fact) -> dict[str, Any]:
    """The comparison page's context: cards, explanation sentences and the chart's data."""
    claims = sorted(
        selectors.fact_claims(fact.pk),
        key=lambda c: (claim_date(c) or dt.date.max, c.pk),
    )
    report = selectors.fact_report(fact)
    outliers, bands = _report_sets(report)
    sources = {c.pk: claim_source(c) for c in claims}
    terms = report_terms(fact.property, claims)
    widened = _widened_texts(report, terms)
    cards = []
    for claim in claims:
        evidence = claim.evidence.all()
        quote = (
            highlighted(
                evidence[0].sentence.text,
                evidence[0].start - evidence[0].sentence.start,
                evidence[0].end - evidence[0].sentence.start,
            )
            if evidence
            else "—"
        )
        cards.append(
            Card(
                claim=claim,
                source=sources[claim.pk],
                title=str(claim.document),
                date=claim_date(claim),
                date_basis="as of" if claim.as_of else "article date",
                value=claim_value(claim),
                interval=claim_interval(claim),
                quote=quote,
                preferred=fact.preferred_claim_id == claim.pk,
                outlier=claim.pk in outliers,
                url=reverse("admin:claims_claim_change", args=[claim.pk]),
                review_url=reverse("admin:corpus_document_review", args=[claim.document_id]) + f"#c{claim.pk}",
                widened=widened.get(claim.pk, ""),
            )
        )
    return {
        "fact_name": fact_title(fact),
        "cards": cards,
        "explanation": curation.fact_explanation(report),
        "consensus": consensus_text(fact),
        "latest": (
            f"{terms.interval(report.latest)} ({report.latest_on or 'undated'})"
            if report is not None and report.latest is not None
            else ""
        ),
        "sources": report.sources if report is not None else 0,
        "chart": fact_chart_data(fact, claims, outliers, bands),
    }


def _widened_texts(report: Report | None, terms) -> dict[int, str]:
    """Claim id -> its interval as the verdict widened it, with the rule and width."""
    if report is None:
        return {}
    out = {}
    for r in (report, *report.periods):
        for w in r.widenings:
            if w.widened is not None:
                out[w.claim] = f"{terms.interval(w.widened)} ({w.rule}, ±{terms.figure(w.width)})"
    return out


def fact_chart_data(fact: Fact, claims: list[Claim], outliers: set[int], bands) -> dict[str, Any]:
    """What fact_chart.js draws: one floating bar per claim (its interval) at its date, and the
    consensus band(s). Dates are days since 1970 on the value axis of a date fact."""
    is_date = fact.property.value_type == ValueType.DATE
    return {
        "is_date": is_date,
        "unit": fact.property.unit,
        "verdict": fact.verdict or "none",
        "claims": [
            {
                "id": c.pk,
                "source": claim_source(c),
                "date": claim_date(c).isoformat() if claim_date(c) else "undated",
                "lower": _number(c.lower, is_date=is_date),
                "upper": _number(c.upper, is_date=is_date),
                "lower_open": c.lower_open,
                "upper_open": c.upper_open,
                "status": c.status,
                "outlier": c.pk in outliers,
                "value": claim_value(c),
            }
            for c in claims
            if c.status != ClaimStatus.REJECTED
        ],
        "bands": [
            {
                "lower": _number(band.lower, is_date=is_date),
                "upper": _number(band.upper, is_date=is_date),
                "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None,
                "label": "consensus" if fact.verdict != "conflict" else "largest agreeing group",
            }
            for band, start, end in bands
        ],
    }


def fact_save(*, request, fact: Fact, form: FactForm) -> None:
    """Save the resolution through `curation.fact_resolve` at the version the form was read at."""
    changes = {f: form.cleaned_data[f] for f in form.changed_data if f in ("resolution_note", "preferred_claim")}
    # The form has already written its values onto `fact`; the service compares with what is stored.
    stored = Fact.objects.with_relations().get(pk=fact.pk)
    curation.fact_resolve(fact=stored, expected_version=form.cleaned_data["version"], user=request.user, **changes)
