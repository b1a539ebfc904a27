"""Request body parsing with a size limit.

Django enforces DATA_UPLOAD_MAX_MEMORY_SIZE only when `request.body` is read; DRF's parsers read
the stream directly, so the limit is enforced here: a body over it is answered 413 before it is
parsed, whether or not the client sent a Content-Length.
"""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import parsers, status
from rest_framework.exceptions import APIException


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body is too large."
    default_code = "request_too_large"


class LimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise RequestTooLarge(f"Request body is over the {limit:,}-byte limit.")
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise RequestTooLarge(f"Request body is over the {limit:,}-byte limit.")
        return super().parse(io.BytesIO(data), media_type, parser_context)
