"""Content-Security-Policy for Django versions without their own (the 5.2 pin on Python 3.11).

Django >= 6.0 sends `SECURE_CSP` through `django.middleware.csp.ContentSecurityPolicyMiddleware`,
which settings use when it exists. This sends the same header from the same setting, without
nonces (the policy uses none), so a deployment on the older pin is not left without one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def policy_header(policy: dict[str, list[str]]) -> str:
    """`{"default-src": ["'self'"]}` -> `default-src 'self'` (directives joined by "; ")."""
    return "; ".join(" ".join([directive, *values]) for directive, values in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(getattr(settings, "SECURE_CSP", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and HEADER not in response:
            response[HEADER] = self.header
        return response
