"""Conditional requests and created resources, as RFC 9110 has them, in one place.

Claims and facts carry a `version`; their ETag is the strong tag `"<version>"`. A change must
send `If-Match` (RFC 9110 §13.1.1):

- `*` matches any current representation: the resource exists (the view has found it);
- a list of tags matches when any tag in it matches;
- comparison is *strong* (§8.8.3.2): a weak tag (`W/"3"`) never matches, since a weak tag
  only promises an equivalent representation and a write needs the exact one;
- no `If-Match` at all is a 428 (RFC 6585): changes without one would silently overwrite;
- a header that is not an entity-tag list is a 400 naming `If-Match`.

Tags are compared as text, never converted to numbers, so a tag of thousands of digits is one
more tag that does not match (412), not an integer conversion error (it was a 500).

A 201 names what it created in `Location` (§10.2.2), relative to the request's collection.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from project.schema import ErrorSerializer


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it (ETag mismatch); fetch it again."
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag you read (or *) to change or delete this."
    default_code = "precondition_required"


# One element of the list: optional weak prefix, then an opaque tag (RFC 9110 §8.8.3: any
# visible character but the double quote), then a comma or the end.
_ELEMENT = re.compile(r'[ \t]*(?:(W/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)')


def _tags(header: str) -> list[tuple[bool, str]] | None:
    """The (weak, opaque) tags of an entity-tag list, or None when it is not one."""
    tags: list[tuple[bool, str]] = []
    position = 0
    while position < len(header):
        match = _ELEMENT.match(header, position)
        if match is None or match.end() == position:
            return None
        if match.group(2) is not None:
            tags.append((bool(match.group(1)), match.group(2)))
        position = match.end()
    return tags


def etag(version: int) -> str:
    """The strong ETag of a versioned resource."""
    return f'"{version}"'


class VersionedResourceMixin:
    """For the views of a versioned resource (claims, facts): one place for ETag and If-Match.

    The detail and every answer to a change carry the ETag (`versioned_response`); a change is
    made against the version `If-Match` names (`expected_version`), and a service that finds
    the row changed since raises `errors.StaleVersion`, which the exception handler answers
    with 412. `versioned` names the resource in the messages; `present(obj)` is its body,
    the serializer's data unless the view has a presenter.
    """

    versioned = "resource"

    def present(self, obj: Any) -> Any:
        return self.get_serializer(obj).data  # type: ignore[attr-defined]

    def versioned_response(self, obj: Any, *, status: int = status.HTTP_200_OK) -> Response:
        """`obj` presented, with the ETag of the version its body shows (read with the body, so
        a change that landed in between cannot give the body one version and the tag another)."""
        data = self.present(obj)
        response = Response(data, status=status)
        response["ETag"] = etag(data["version"] if isinstance(data, dict) and "version" in data else obj.version)
        return response

    def expected_version(self, obj: Any) -> int:
        return matched_version(self.request, current=obj.version, what=self.versioned)  # type: ignore[attr-defined]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.versioned_response(self.get_object())  # type: ignore[attr-defined]


def matched_version(request: Request, *, current: int, what: str = "resource") -> int:
    """The version a change may be made against, if the request's `If-Match` matches `current`.

    Returns `current`: the service's conditional UPDATE (`WHERE version = current`) then
    refuses a change that raced another one after this check. Raises 428 without `If-Match`,
    400 for a malformed one and 412 (naming `what`) when nothing in it matches.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        return current
    tags = _tags(header)
    if tags is None:
        raise ValidationError({"If-Match": ['Not an entity-tag list: send "*" or the ETag as read, e.g. "3".']})
    if any(not weak and opaque == str(current) for weak, opaque in tags):
        return current
    raise PreconditionFailed(f"The {what} changed since you read it (ETag mismatch); fetch it again.")


def if_match_parameter(what: str) -> OpenApiParameter:
    """`If-Match` in the schema. The pattern lets a client generator (and the CI fuzzer) send
    well-formed values, which reach body validation."""
    return OpenApiParameter(
        "If-Match",
        {"type": "string", "pattern": r'^(\*|"[0-9]{1,9}"(, *"[0-9]{1,9}")*)$'},
        OpenApiParameter.HEADER,
        required=True,
        description=(
            f"The ETag of the {what} as last read (or a list of them, or `*` for any); 412 when the {what} "
            "changed since. Weak tags (W/…) never match."
        ),
    )


def precondition_responses(what: str) -> dict[int, Any]:
    """The two answers of a conditional request, besides the errors every operation declares."""
    return {
        412: OpenApiResponse(ErrorSerializer, description=f"If-Match does not match the {what}'s current ETag."),
        428: OpenApiResponse(ErrorSerializer, description="If-Match is missing."),
    }


def created_location(request: Request, pk: Any) -> str:
    """The URL of a resource just created by a POST to its collection (`…/claims/` → `…/claims/7/`)."""
    return f"{request.path.rstrip('/')}/{pk}/"


class LocationOnCreateMixin:
    """For DRF's `CreateModelMixin`: the 201 carries `Location`, the new object's URL."""

    def get_success_headers(self, data: Any) -> dict[str, str]:
        if isinstance(data, dict) and data.get("id") is not None:
            return {"Location": created_location(self.request, data["id"])}  # type: ignore[attr-defined]
        return {}
