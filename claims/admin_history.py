"""One history per object: the admin's "History" page shows the `Revision` rows.

Every change made through the services (admin, API, commands, imports) writes a `Revision`
with who, when, via what and each field's value before and after; Django's own log only knows
the admin's saves, as "Changed Nominal.". `RevisionHistoryMixin` replaces the history page of
claims, facts and entities with the revisions, and keeps any admin log entry that has no
revision beside it (an entity saved by the stock form, for instance), so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import format_html, format_html_join

from claims import selectors
from claims.models import Claim, Entity, Fact, Property

# Revision changes name related objects by id; these fields are shown with the object's name.
_RELATED = {"subject": Entity, "property": Property, "fact": Fact, "preferred_claim": Claim}


@dataclass(frozen=True, slots=True)
class HistoryRow:
    when: Any
    who: str
    via: str
    action: str
    changes: list[tuple[str, str, str]]
    note: str = ""


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items())) or "—"
    if isinstance(value, list | tuple):  # e.g. the aliases a revision added: names, not a repr
        return ", ".join(_text(item) for item in value) or "—"
    return str(value)


def _names(revisions) -> dict[tuple[str, Any], str]:
    """The names of the objects revisions refer to by id, one query per model."""
    wanted: dict[type[models.Model], set] = {}
    for revision in revisions:
        for field, pair in revision.changes.items():
            model = _RELATED.get(field)
            if model is not None:
                wanted.setdefault(model, set()).update(v for v in pair if isinstance(v, int))
    names: dict[tuple[str, Any], str] = {}
    for model, ids in wanted.items():
        queryset = model.objects.filter(pk__in=ids)
        if model is Fact:
            queryset = queryset.select_related("subject", "property")
        elif model is Claim:
            queryset = queryset.select_related("document__source")
        for obj in queryset:
            label = f"claim {obj.pk} ({obj.document.source.name})" if model is Claim else str(obj)
            names[(model.__name__, obj.pk)] = label
    return names


def history_rows(obj: models.Model) -> list[HistoryRow]:
    """The object's revisions and its unmatched admin log entries, oldest first."""
    revisions = list(selectors.revisions_for(obj))
    names = _names(revisions)
    rows = []
    for revision in revisions:
        changes = []
        for field, (before, after) in revision.changes.items():
            model = _RELATED.get(field)
            if model is not None:
                before = names.get((model.__name__, before), before)
                after = names.get((model.__name__, after), after)
            changes.append((field.replace("_", " "), _text(before), _text(after)))
        rows.append(
            HistoryRow(
                when=revision.created_at,
                who=revision.user.get_username() if revision.user else "—",
                via=revision.via,
                action=revision.action,
                changes=changes,
            )
        )
    content_type = ContentType.objects.get_for_model(obj)
    logged = LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("user")
    for entry in logged:
        # A revision written in the same second by the same user is the same change, told better.
        if any(
            r.via == "admin"
            and r.who == entry.user.get_username()
            and abs((r.when - entry.action_time).total_seconds()) < 2
            for r in rows
        ):
            continue
        rows.append(
            HistoryRow(
                when=entry.action_time,
                who=entry.user.get_username(),
                via="admin (no revision)",
                action={1: "create", 2: "update", 3: "delete"}.get(entry.action_flag, "update"),
                changes=[],
                note=entry.get_change_message(),
            )
        )
    rows.sort(key=lambda row: row.when)
    return rows


class RevisionHistoryMixin:
    """For a ModelAdmin: the history page lists `history_rows` instead of Django's log."""

    object_history_template = "admin/claims/revision_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        rows = history_rows(obj) if obj is not None else []
        return super().history_view(request, object_id, extra_context={**(extra_context or {}), "history": rows})


def history_table(obj: models.Model):
    """The same history as a small table, for the object's own change page."""
    rows = history_rows(obj)
    if not rows:
        return "no changes recorded"
    return format_html(
        '<table class="sanad-history"><tr><th>when</th><th>who</th><th>via</th><th>action</th><th>changes</th></tr>'
        "{}</table>",
        format_html_join(
            "",
            '<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td dir="auto">{}</td></tr>',
            (
                (
                    row.when.strftime("%Y-%m-%d %H:%M:%S"),
                    row.who,
                    row.via,
                    row.action,
                    "; ".join(f"{field}: {before} → {after}" for field, before, after in row.changes) or row.note,
                )
                for row in rows
            ),
        ),
    )
