"""API permissions.

DRF's `DjangoModelPermissions` asks no permission for GET, so reads need a rule of their own:
anonymous reads are allowed only while `ANONYMOUS_READS` is on (the default); writes always
need an authenticated user holding the model permission (the `curator` group).
"""

from django.conf import settings
from rest_framework import permissions


class ReadOpenOrModelPermissions(permissions.DjangoModelPermissions):
    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return settings.ANONYMOUS_READS or bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)
