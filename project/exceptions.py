"""API error handling: Django's own request errors become JSON answers with the right status.

DRF reads the body through `HttpRequest.body`, where Django enforces
DATA_UPLOAD_MAX_MEMORY_SIZE by raising `RequestDataTooBig`; left alone that is a bare 400.
A body over the limit is a 413 with a message naming the limit.

URLs that match no route never reach DRF: Django answers them with its HTML 404 page. Under
/api/ that broke the contract (every API answer is JSON), e.g. for `/api/v1/facts/0.5/`, which
the detail routes' `[^/.]+` pattern does not match; `not_found` answers those like DRF does.
`bad_request` and `server_error` do the same for Django's 400 (a `SuspiciousOperation`, such as
a multipart body of too many fields) and 500 pages: under /api/ every error is JSON. A 500
that is the database going away is a 503 (see `project.middleware`), also when it happens
outside a view (the session or the throttle's cache table).
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from project.middleware import database_unavailable
from project.renderers import ORJSONRenderer


def api_exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        response = Response(
            {"detail": f"Request body is over the {limit:,}-byte limit."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        response = Response({"detail": _too_many(exc)}, status=status.HTTP_400_BAD_REQUEST)
    else:
        response = exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        _render_as_json(request)
    return response


def _render_as_json(request) -> None:
    """An error from a view whose renderers are not JSON (the schema's YAML, the docs' HTML page)
    is rendered as JSON all the same; the browsable API keeps its page for a browser."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format not in ("json", "api"):
        request.accepted_renderer = ORJSONRenderer()
        request.accepted_media_type = ORJSONRenderer.media_type


def _too_many(exc: SuspiciousOperation) -> str:
    if isinstance(exc, TooManyFilesSent):
        return f"The body has more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,} files."
    return f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields or parameters."


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler404`: DRF's JSON body under /api/, Django's page elsewhere (the admin)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler400`: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
            return JsonResponse({"detail": _too_many(exception)}, status=400)
        return JsonResponse({"detail": "Bad request."}, status=400)
    return django_bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: JSON under /api/ (503 when the database is what failed), the page elsewhere."""
    if request.path.startswith("/api/"):
        if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
            return database_unavailable()
        return JsonResponse({"detail": "Server error: the request could not be completed."}, status=500)
    return django_server_error(request)
