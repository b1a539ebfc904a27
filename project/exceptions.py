"""API error handling: Django's own request errors become JSON answers with the right status.

DRF reads the body through `HttpRequest.body`, where Django enforces
DATA_UPLOAD_MAX_MEMORY_SIZE by raising `RequestDataTooBig`; left alone that is a bare 400.
A body over the limit is a 413 with a message naming the limit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
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
