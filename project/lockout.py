"""The answer to a locked-out login (django-axes' `AXES_LOCKOUT_CALLABLE`).

Under `/api/` it is the API's own error shape, `{"detail": …}` with 429 and Retry-After, as the
schema declares for every operation; elsewhere (the admin's login page) a short plain page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    message = f"Too many failed logins for this account or address; try again in {minutes} minutes."
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(minutes * 60)
    return response
