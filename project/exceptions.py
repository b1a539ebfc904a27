"""API error handling: Django's own request errors become JSON answers with the right status.

DRF reads the body through `HttpRequest.body`, where Django enforces
DATA_UPLOAD_MAX_MEMORY_SIZE by raising `RequestDataTooBig`; left alone that is a bare 400.
A body over the limit is a 413 with a message naming the limit.

URLs that match no route never reach DRF: Django answers them with its HTML 404 page. Under
/api/ that broke the contract (every API answer is JSON), e.g. for `/api/v1/facts/0.5/`, which
the detail routes' `[^/.]+` pattern does not match; `not_found` answers those like DRF does.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {"detail": f"Request body is over the {limit:,}-byte limit."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    return exception_handler(exc, context)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler404`: DRF's JSON body under /api/, Django's page elsewhere (the admin)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
