"""Refuse request URLs that no database can store or compare.

PostgreSQL rejects NUL in text where SQLite accepts it, and a lone surrogate cannot be encoded
at all; left to the database either becomes a 500 on one backend and a silent miss on the other.
Both are refused up front, the same way on every backend: 400 with the offending parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse

# NUL and the C0 controls other than tab/newline/carriage return, and UTF-16 surrogates.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


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
        for key, values in request.GET.lists():
            if _BAD.search(key) or any(_BAD.search(v) for v in values):
                return JsonResponse(
                    {key if not _BAD.search(key) else "query": ["Contains a control character or a lone surrogate."]},
                    status=400,
                )
        return self.get_response(request)
