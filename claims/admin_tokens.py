"""API tokens in the admin: listed and revoked by superusers only (curators cannot see them).

A token's key is shown once, by `manage.py create_token` or `POST /api/v1/tokens/`; the admin
shows its prefix, owner and dates, and revokes by deleting. Registered from `claims.admin`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from claims.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at", "is_expired"]
    list_filter = ["user"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at"]
    fields = readonly_fields
    ordering = ["-created_at", "-id"]
    actions = ["revoke"]

    @admin.display(boolean=True, description="expired")
    def is_expired(self, token: ApiToken) -> bool:
        return token.expires_at <= timezone.now()

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        deleted, _ = queryset.delete()
        self.message_user(request, f"Revoked {deleted} token(s).", messages.SUCCESS)

    # Superusers only, whatever permissions a group is given: tokens are credentials.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a key is shown once, by create_token or POST /api/v1/tokens/

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
