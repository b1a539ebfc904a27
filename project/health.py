"""`GET /healthz`: 200 when the application can reach its database, 503 when it cannot.

Anonymous callers (a load balancer, a monitor, anyone) learn only up or down: the database's
error text names hosts, ports and users, and the vendor is one more fact for an attacker.
Staff, signed in, also see which database answered; why one did not is in the server's log.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # No staff check here: telling who is staff needs the database that just failed.
        logger.error("healthz: database unreachable: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return JsonResponse({"status": "error"}, status=503)
    body = {"status": "ok"}
    if request.user.is_active and request.user.is_staff:
        body["database"] = connection.vendor
    return JsonResponse(body)
