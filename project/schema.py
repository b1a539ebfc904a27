"""OpenAPI generation: every operation also declares the error answers it can give.

drf-spectacular documents only the success response. A client generated from the schema (and
schemathesis, which checks every answer against it in CI) then meets DRF's ordinary error
answers as contract violations. They are the same for every view, so they are added here once
instead of in every `extend_schema`; a view's own `extend_schema(responses=...)` wins for any
status code it declares (the claim updates declare 412/428 that way).

- 400 everywhere: filter, body and path validation, and `RejectUnstorableInputMiddleware`, which
  refuses a control character in any query string or path, whatever the operation declares;
- 401 and 403 everywhere: a bad or expired token, or no permission;
- 404 on routes with a path parameter (no such object) and on paginated lists (a page past the
  last, DRF's answer);
- 413 and 415 on operations with a body: over DATA_UPLOAD_MAX_MEMORY_SIZE, or not JSON;
- 429 everywhere: the anonymous throttle;
- 503 everywhere: the database is unavailable (`project.middleware`), retry later.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """DRF's error body for everything but validation: `{"detail": "..."}`."""

    detail = serializers.CharField()


# Validation errors map field names (or `non_field_errors`, or `detail` for a malformed body)
# to messages: a list of strings, or a nested object for nested serializers.
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field name to its messages (a list of strings, or an object for a nested field).",
    "additionalProperties": {},
}

DESCRIPTIONS = {
    "400": "Invalid query, path or body.",
    "401": "Missing, malformed, unknown or expired token.",
    "403": "Not allowed (anonymous writes, or no permission for the model).",
    "404": "No such object, or a page past the last.",
    "413": "The body is over the size limit.",
    "415": "The body is not JSON.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
    "503": "The database is unavailable; retry after the number of seconds in Retry-After.",
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        codes = ["400", "401", "403", "429", "503"]
        if "{" in path or (self._is_list_view() and self._get_paginator() is not None):
            codes.append("404")
        if "requestBody" in operation:
            codes += ["413", "415"]
        responses = operation["responses"]
        for code in sorted(codes):
            if code not in responses:
                responses[code] = self._error_response(code)
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_response(self, code: str) -> dict:
        if code == "400":
            component = ResolvedComponent(
                name="ValidationError", type=ResolvedComponent.SCHEMA, schema=VALIDATION_ERROR, object="ValidationError"
            )
            self.registry.register_on_missing(component)
            return {
                "description": DESCRIPTIONS[code],
                "content": {"application/json": {"schema": component.ref}},
            }
        return self._get_response_for_code(OpenApiResponse(ErrorSerializer, description=DESCRIPTIONS[code]), code)
