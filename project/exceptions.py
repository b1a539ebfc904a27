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

The write path's refusals are mapped here once for every view: a Django `ValidationError` from
a service is a 400 naming its fields, `errors.StaleVersion` a 412 and `errors.DuplicateObject`
a 409 whose `Location` names the object that already exists.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from project import errors
from project.middleware import database_unavailable
from project.renderers import ORJSONRenderer


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response: Response | None
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        response = Response(
            {"detail": f"Request body is over the {limit:,}-byte limit."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        response = Response({"detail": _too_many(exc)}, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, errors.StaleVersion):
        set_rollback()
        detail = f"The {exc.model} changed since you read it (ETag mismatch); fetch it again."
        response = Response({"detail": detail}, status=status.HTTP_412_PRECONDITION_FAILED)
    elif isinstance(exc, errors.DuplicateObject):
        set_rollback()
        response = _duplicate(exc, context["request"])
    elif isinstance(exc, DjangoValidationError):
        response = exception_handler(validation_error(exc), context)
    else:
        response = exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        _render_as_json(request)
    return response


def validation_error(exc: DjangoValidationError) -> ValidationError:
    """A service's refusal as DRF's 400: by field when it names fields, else `non_field_errors`."""
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


def _duplicate(exc: errors.DuplicateObject, request) -> Response:
    """409: the object exists already; `Location` (and the body) name it."""
    url = request.build_absolute_uri(reverse(exc.route, args=[exc.existing_pk]))
    body = {"detail": str(exc), "code": exc.code, "existing": url, "id": exc.existing_pk}
    return Response(body, status=status.HTTP_409_CONFLICT, headers={"Location": url})


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
