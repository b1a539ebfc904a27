"""Request guards that answer in JSON under /api/.

`RejectUnstorableInputMiddleware` refuses request URLs that no database can store or compare.
PostgreSQL rejects NUL in text where SQLite accepts it, and a lone surrogate cannot be encoded
at all; left to the database either becomes a 500 on one backend and a silent miss on the other.
Both are refused up front, the same way on every backend: 400 with the offending parameter. It
also reads the query first, so a query of more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS
(Django's `TooManyFieldsSent`, else Django's HTML 400 page) is a JSON 400 that says so.

`DatabaseUnavailableMiddleware` turns a lost database (connection refused, server gone,
`database is locked`) under /api/ into a 503 in the API's error shape, with Retry-After: the
client did nothing wrong and may retry, which a 500 does not tell it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from urllib.parse import unquote, unquote_to_bytes

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

# NUL and the C0 controls other than tab/newline/carriage return, and UTF-16 surrogates.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


TOO_MANY_PARAMETERS = "More than {:,} query parameters: send fewer."


class RejectUnstorableInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _BAD.search(request.path) or _BAD.search(unquote(request.META.get("PATH_INFO", ""))):
            return JsonResponse(
                {"detail": "The URL path contains a control character or a lone surrogate."}, status=400
            )
        try:
            # Django decodes undecodable bytes to U+FFFD silently; a query that is not UTF-8
            # (an encoded lone surrogate, say) is refused instead of searched for.
            unquote_to_bytes(request.META.get("QUERY_STRING", "").replace("+", " ")).decode("utf-8")
        except UnicodeDecodeError:
            return JsonResponse({"query": ["The query string is not valid UTF-8."]}, status=400)
        try:
            query = list(request.GET.lists())
        except TooManyFieldsSent:
            if not request.path.startswith("/api/"):
                raise  # Django's own 400 page, as for the admin's forms
            return JsonResponse(
                {"query": [TOO_MANY_PARAMETERS.format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)]}, status=400
            )
        for key, values in query:
            if _BAD.search(key) or any(_BAD.search(v) for v in values):
                return JsonResponse(
                    {key if not _BAD.search(key) else "query": ["Contains a control character or a lone surrogate."]},
                    status=400,
                )
        return self.get_response(request)


DATABASE_UNAVAILABLE = "The database is unavailable; try again shortly."
RETRY_AFTER_SECONDS = 30


def database_unavailable() -> JsonResponse:
    response = JsonResponse({"detail": DATABASE_UNAVAILABLE}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view that lost its database answers 503 JSON under /api/ (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") and isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", request.path, exc_info=exception)
            return database_unavailable()
        return None
