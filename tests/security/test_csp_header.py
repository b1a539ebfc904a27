"""Every answer carries the Content-Security-Policy; the Django 5.2 fallback sends the same one."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from project.csp import ContentSecurityPolicyMiddleware, policy_header


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/", "/admin/login/", "/api/docs/", "/healthz"])
def test_is_sent_on_every_kind_of_page(client, path) -> None:
    header = client.get(path)["Content-Security-Policy"]

    assert "default-src 'self'" in header
    assert "script-src 'self'" in header
    assert "frame-ancestors 'none'" in header
    assert "unsafe-inline" not in header


def test_the_fallback_middleware_sends_the_settings_policy(settings) -> None:
    settings.SECURE_CSP = {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))

    response = middleware(RequestFactory().get("/"))

    assert response["Content-Security-Policy"] == "default-src 'self'; img-src 'self' data:"


def test_policy_header_joins_directives() -> None:
    assert policy_header({"a": ["x", "y"], "b": ["z"]}) == "a x y; b z"
