"""Who may do what, route by route: a matrix generated from the URLconf.

Every route the resolver knows under `/api/`, `/healthz` and `/admin/` is declared below with
the rule it follows. `TestRouteTable` fails when a route is added (or removed) without being
classified here, so a new endpoint cannot ship with whatever permissions it happens to get.
Each API route is then requested by an anonymous client, a viewer and a curator with GET, POST,
PUT, PATCH and DELETE (valid bodies and a current `If-Match`, so a refusal comes from the role
and not from a malformed request), and every admin route must send a visitor without staff
rights to the login page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims.accounts import groups_ensure
from claims.jobs import JobDocument, ingest_job_create
from claims.models import Claim, Cue, EntityAlias, MentionReview, Property
from claims.services import fact_for
from claims.tokens import token_create
from corpus.models import Mention
from tests.factories import EntityFactory, claim_with_evidence

Role = Literal["anonymous", "viewer", "curator"]
ROLES: tuple[Role, ...] = ("anonymous", "viewer", "curator")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
VIEWER_PASSWORD = "x-viewer-pass-1"
CURATOR_PASSWORD = "x-curator-pass-1"  # the `curator` fixture's (tests/conftest.py)

# Endpoints that compute an answer from the request without storing anything: their POST is a
# read, so it follows the read rule (anonymous allowed while ANONYMOUS_READS is on). They are the
# only routes where an anonymous non-GET request may succeed.
COMPUTE_ONLY_ALLOW_LIST = frozenset({"api/v1/extract/", "api/v1/crosscheck/"})
# The endpoint that trades a username and password (in the body) for a token: it must be open to
# clients that are not signed in yet, and what it creates belongs to the user whose password it is.
CREDENTIAL_ROUTES = frozenset({"api/v1/tokens/"})


# --- the declared table ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """Expected status of each role's request while anonymous reads are on.

    `read` is the method that reads (GET, or POST for compute-only endpoints): 200 for every
    role; None for a route that has none (the token endpoint). Any other method gets the role's
    status, which may differ per method.
    """

    name: str
    read: str | None
    anonymous: int
    viewer: int
    curator: int | Mapping[str, int]
    public: bool = False  # readable even with ANONYMOUS_READS off (health check, API schema)

    def expected(self, role: Role, method: str) -> int:
        if self.read is not None and method == self.read:
            return 200
        status = getattr(self, role)
        return status[method] if isinstance(status, Mapping) else status


# Health check and API documentation: no data, always readable, nothing to write.
PUBLIC = Rule("public", read="GET", anonymous=405, viewer=405, curator=405, public=True)
# Corpus documents, sentences and mentions: read-only for everyone; curators lack the corpus model
# permissions, so their writes are refused (403) before the method is even looked at.
CORPUS = Rule("corpus", read="GET", anonymous=401, viewer=403, curator=403)
# Read-only claims resources (entities, properties, facts, conflicts): curators hold the model
# permissions, so the view itself answers that the method does not exist.
READ_ONLY = Rule("read-only", read="GET", anonymous=401, viewer=403, curator=405)
# DRF's API root ignores model permissions: signed-in users reach the view, which allows GET only.
API_ROOT = Rule("api-root", read="GET", anonymous=401, viewer=405, curator=405)
COMPUTE = Rule("compute", read="POST", anonymous=405, viewer=405, curator=405)
# The vocabulary: curators write through services; the matrix's empty bodies are refused (400),
# an empty PATCH changes nothing (200). Entities are merged, never deleted; properties neither.
VOCABULARY_LIST = Rule(
    "vocabulary-list",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 400, "PUT": 405, "PATCH": 405, "DELETE": 405},
)
ENTITY_DETAIL = Rule(
    "entity-detail",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 405, "PUT": 400, "PATCH": 200, "DELETE": 400},
)
PROPERTY_DETAIL = Rule(
    "property-detail",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 405, "PUT": 400, "PATCH": 200, "DELETE": 405},
)
VOCABULARY_DETAIL = Rule(
    "vocabulary-detail",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 405, "PUT": 400, "PATCH": 200, "DELETE": 204},
)
# A cue's fields all have defaults: an empty PUT is a valid (if pointless) full update.
CUE_DETAIL = Rule(
    "cue-detail", read="GET", anonymous=401, viewer=403, curator={"POST": 405, "PUT": 200, "PATCH": 200, "DELETE": 204}
)
CLAIM_LIST = Rule(
    "claim-list", read="GET", anonymous=401, viewer=403, curator={"POST": 201, "PUT": 405, "PATCH": 405, "DELETE": 405}
)
# Documents: curators may add one (POST ingests an article) and nothing else.
DOCUMENT_LIST = Rule(
    "document-list",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 201, "PUT": 403, "PATCH": 403, "DELETE": 403},
)
DOCUMENT_DETAIL = Rule(
    "document-detail",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 405, "PUT": 403, "PATCH": 403, "DELETE": 403},
)
# Facts: curators resolve one with PATCH (If-Match); there is no PUT, POST or DELETE.
FACT_DETAIL = Rule(
    "fact-detail", read="GET", anonymous=401, viewer=403, curator={"POST": 405, "PUT": 405, "PATCH": 200, "DELETE": 405}
)
# Ingest jobs: curators submit them (202); a job is then only read.
JOB_LIST = Rule(
    "job-list", read="GET", anonymous=401, viewer=403, curator={"POST": 202, "PUT": 405, "PATCH": 405, "DELETE": 405}
)
_CREDENTIALS = {"GET": 405, "POST": 201, "PUT": 405, "PATCH": 405, "DELETE": 405}
TOKENS = Rule("credentials", read=None, anonymous=_CREDENTIALS, viewer=_CREDENTIALS, curator=_CREDENTIALS, public=True)
CLAIM_DETAIL = Rule(
    "claim-detail",
    read="GET",
    anonymous=401,
    viewer=403,
    curator={"POST": 405, "PUT": 200, "PATCH": 200, "DELETE": 204},
)


def _router_routes(prefix: str, detail: Rule, listing: Rule | None = None) -> dict[str, Rule]:
    """The four routes a DRF router makes for one viewset: list and detail, each with `.<format>`."""
    listing = listing or detail
    return {
        f"api/v1/{prefix}/": listing,
        f"api/v1/{prefix}.<format>": listing,
        f"api/v1/{prefix}/<pk>/": detail,
        f"api/v1/{prefix}/<pk>.<format>": detail,
    }


API_ROUTES: dict[str, Rule] = {
    "healthz": PUBLIC,
    "favicon.ico": PUBLIC,
    "api/schema/": PUBLIC,
    "api/docs/": PUBLIC,
    "api/v1/": API_ROOT,
    "api/v1/<drf_format_suffix:format>": API_ROOT,
    "api/v1/extract/": COMPUTE,
    "api/v1/crosscheck/": COMPUTE,
    "api/v1/tokens/": TOKENS,
    "api/v1/revisions/": READ_ONLY,
    "api/v1/exports/claims.csv": READ_ONLY,
    "api/v1/exports/claims.jsonl": READ_ONLY,
    "api/v1/exports/claims.jsonld": READ_ONLY,
    **_router_routes("documents", DOCUMENT_DETAIL, listing=DOCUMENT_LIST),
    **_router_routes("sentences", CORPUS),
    **_router_routes("sources", CORPUS),
    **_router_routes("mentions", CORPUS),
    **_router_routes("entities", ENTITY_DETAIL, listing=VOCABULARY_LIST),
    **_router_routes("properties", PROPERTY_DETAIL, listing=VOCABULARY_LIST),
    **_router_routes("entity-aliases", VOCABULARY_DETAIL, listing=VOCABULARY_LIST),
    **_router_routes("cues", CUE_DETAIL, listing=VOCABULARY_LIST),
    **_router_routes("mention-reviews", READ_ONLY),
    **_router_routes("claims", CLAIM_DETAIL, listing=CLAIM_LIST),
    **_router_routes("facts", FACT_DETAIL, listing=READ_ONLY),
    **_router_routes("ingest-jobs", READ_ONLY, listing=JOB_LIST),
    "api/v1/facts/<pk>/crosscheck/": READ_ONLY,
    "api/v1/facts/<pk>/crosscheck.<format>": READ_ONLY,
    "api/v1/conflicts/": READ_ONLY,
    "api/v1/conflicts.<format>": READ_ONLY,
}
ADMIN_SITE_ROUTES = frozenset(
    {
        "admin/",
        "admin/login/",
        "admin/logout/",
        "admin/password_change/",
        "admin/password_change/done/",
        "admin/autocomplete/",
        "admin/jsi18n/",
        "admin/r/<path:content_type_id>/<path:object_id>/",
        "admin/auth/user/<id>/password/",
        "admin/(?P<app_label>auth|axes|corpus|claims)/",
        "admin/(?P<url>.*)",
    }
)
ADMIN_MODELS = (
    "auth/group",
    "auth/user",
    "corpus/source",
    "corpus/document",
    "claims/entity",
    "claims/property",
    "claims/claim",
    "claims/fact",
    "claims/revision",
    "claims/evidence",
    "claims/cue",
    "claims/unitfamily",
    "claims/mentionreview",
    "claims/apitoken",
    # django-axes' records of login attempts and lockouts (a superuser unlocks by deleting them).
    "axes/accessattempt",
    "axes/accesslog",
    "axes/accessfailurelog",
)
ADMIN_MODEL_SUFFIXES = (
    "",
    "add/",
    "<path:object_id>/history/",
    "<path:object_id>/delete/",
    "<path:object_id>/change/",
    "<path:object_id>/",
)
# The review workspace on the document admin (claims/admin_review.py): pages and JSON endpoints.
ADMIN_REVIEW_ROUTES = frozenset(
    {
        "admin/corpus/document/review-queue/",
        "admin/corpus/document/review-queue/next/",
        "admin/corpus/document/review/lookup/entities/",
        "admin/corpus/document/review/lookup/properties/",
        "admin/corpus/document/<int:document_id>/review/",
        "admin/corpus/document/<int:document_id>/review/state/",
        "admin/corpus/document/<int:document_id>/review/claims/<int:claim_id>/status/",
        "admin/corpus/document/<int:document_id>/review/claims/<int:claim_id>/",
        "admin/corpus/document/<int:document_id>/review/mentions/<int:mention_id>/claim/",
        "admin/corpus/document/<int:document_id>/review/entities/",
    }
)
ADMIN_ROUTES = (
    ADMIN_SITE_ROUTES
    | ADMIN_REVIEW_ROUTES
    | {f"admin/{model}/{suffix}" for model in ADMIN_MODELS for suffix in ADMIN_MODEL_SUFFIXES}
)


# --- discovering routes ------------------------------------------------------------------------


def _walk(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def route_key(pattern: str) -> str:
    """A readable key for a resolver pattern: anchors dropped, DRF's `pk` and format groups named."""
    key = pattern.replace(r"\.(?P<format>[a-z0-9]+)/?", ".<format>").replace("(?P<pk>[^/.]+)", "<pk>")
    return key.replace("^", "").replace("$", "")


def discovered_routes() -> set[str]:
    return {route_key(pattern) for pattern in _walk(get_resolver().url_patterns)}


# --- the objects the URLs point at -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class World:
    """Real objects for every `<pk>`: a claim (accepted, in a fact) with its document and sentence."""

    claim: Claim
    document_id: int
    sentence_id: int
    mention_id: int
    entity_id: int
    entity_slug: str
    property_id: int
    fact_id: int
    alias_id: int
    cue_id: int
    review_id: int
    job_id: int
    source_id: int
    viewer: User
    curator: User


@pytest.fixture
def world(db, curator: User) -> World:
    _, viewer_group = groups_ensure()
    viewer = User.objects.create_user("victor", password=VIEWER_PASSWORD)
    viewer.groups.add(viewer_group)
    entity = EntityFactory(slug="global_coalition", name="Global Coalition")
    member_count = Property.objects.get(slug="member_count")
    fact = fact_for(subject=entity, prop=member_count, qualifiers={})
    claim = claim_with_evidence(subject=entity, fact=fact, status="accepted")
    job = ingest_job_create(documents=[JobDocument(raw=b"An article of 12 words.", file_name="a.txt")], via="api")
    evidence = claim.evidence.get()
    mention = Mention.objects.create(
        document_id=claim.document_id,
        sentence_id=evidence.sentence_id,
        start=evidence.start,
        end=evidence.end,
        text=evidence.quote,
        kind="quantity",
        nominal="80",
        extractor_version="test",
    )
    review = MentionReview.objects.create(
        document_id=claim.document_id,
        sentence_id=evidence.sentence_id,
        start=evidence.start,
        end=evidence.end,
        text=evidence.quote,
        kind="quantity",
        outcome="claimed",
        claim=claim,
    )
    return World(
        claim=claim,
        document_id=claim.document_id,
        sentence_id=evidence.sentence_id,
        mention_id=mention.pk,
        entity_id=entity.pk,
        entity_slug=entity.slug,
        property_id=member_count.pk,
        fact_id=fact.pk,
        alias_id=EntityAlias.objects.order_by("id").first().pk,
        cue_id=Cue.objects.order_by("id").first().pk,
        review_id=review.pk,
        job_id=job.pk,
        source_id=claim.document.source_id,
        viewer=viewer,
        curator=curator,
    )


@pytest.fixture(autouse=True)
def _fresh_throttle_history() -> Iterator[None]:
    """The anonymous throttle counts in the cache; start and leave each test with a clean count."""
    cache.clear()
    yield
    cache.clear()


def api_url(key: str, world: World) -> str:
    resource = key.removeprefix("api/v1/").split("/")[0].split(".")[0]
    ids = {
        "documents": world.document_id,
        "sentences": world.sentence_id,
        "mentions": world.mention_id,
        "entities": world.entity_id,
        "properties": world.property_id,
        "entity-aliases": world.alias_id,
        "cues": world.cue_id,
        "mention-reviews": world.review_id,
        "claims": world.claim.pk,
        "facts": world.fact_id,
        "ingest-jobs": world.job_id,
        "sources": world.source_id,
    }
    url = key.replace("<drf_format_suffix:format>", ".json").replace("<format>", "json")
    if "<pk>" in url:
        url = url.replace("<pk>", str(ids[resource]))
    return "/" + url


def api_body(key: str, method: str, world: World) -> dict:
    """A valid body for the route and method, so only the role can explain a refusal."""
    if key == "api/v1/extract/":
        return {"text": "ويضم التحالف الدولي 80 بلداً.", "language": "ar"}
    if key == "api/v1/crosscheck/":
        return {"claims": [world.claim.pk]}
    if key == "api/v1/tokens/":
        return {"username": world.curator.username, "password": CURATOR_PASSWORD}
    if key.startswith("api/v1/documents") and method == "POST":
        return {"text": "تستضيف المدينة اليوم 12 وفدا من الدول المجاورة.", "language": "ar"}
    if key.startswith("api/v1/ingest-jobs") and method == "POST":
        return {"documents": [{"text": "The city hosts 12 delegations today.", "language": "en"}]}
    if key.startswith("api/v1/facts/<pk>") and method == "PATCH":
        return {"resolution_note": "Checked against the ministry's figure."}
    if not key.startswith("api/v1/claims"):
        return {}
    value = {"nominal": "81", "lower": "81", "upper": "81", "unit": "country"}
    if method == "POST":
        start = world.claim.document.text.index("80")
        evidence = {"document": world.document_id, "start": start, "end": start + 2, "quote": "80"}
        figure = {"nominal": "80", "lower": "80", "upper": "80", "unit": "country"}
        return {"subject": None, "property": "member_count", **figure, "evidence": evidence}
    if method == "PUT":
        return {"subject": world.entity_slug, "property": "member_count", **value}
    return value


def api_client_for(role: Role, world: World) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(getattr(world, role))
    return client


def send(client: APIClient, method: str, url: str, body: dict) -> int:
    """The status of one request; whatever it wrote is rolled back, so the next starts afresh."""
    with transaction.atomic():
        if method == "GET":
            status = client.get(url).status_code
        else:
            status = getattr(client, method.lower())(url, body, format="json", HTTP_IF_MATCH='"1"').status_code
        transaction.set_rollback(True)
    return status


# --- the tests ---------------------------------------------------------------------------------


class TestRouteTable:
    def test_every_api_route_is_classified(self) -> None:
        discovered = {key for key in discovered_routes() if not key.startswith("admin/")}

        unclassified, stale = discovered - API_ROUTES.keys(), API_ROUTES.keys() - discovered

        assert (unclassified, stale) == (set(), set()), "classify new routes in API_ROUTES, drop removed ones"

    def test_every_admin_route_is_classified(self) -> None:
        discovered = {key for key in discovered_routes() if key.startswith("admin/")}

        unclassified, stale = discovered - ADMIN_ROUTES, ADMIN_ROUTES - discovered

        assert (unclassified, stale) == (set(), set()), "classify new admin routes in ADMIN_ROUTES"

    def test_only_compute_endpoints_let_anonymous_clients_post(self) -> None:
        open_writes = {
            key
            for key, rule in API_ROUTES.items()
            for method in METHODS
            if method != "GET" and 200 <= rule.expected("anonymous", method) < 300
        }

        assert open_writes == COMPUTE_ONLY_ALLOW_LIST | CREDENTIAL_ROUTES


@pytest.mark.django_db
class TestApiMatrix:
    """One test per route and role, each method's request undone before the next (see `send`)."""

    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize("key", sorted(API_ROUTES))
    def test_each_role_gets_the_declared_status_for_every_method(self, world: World, key: str, role: Role) -> None:
        rule = API_ROUTES[key]
        client = api_client_for(role, world)
        url = api_url(key, world)

        statuses = {method: send(client, method, url, api_body(key, method, world)) for method in METHODS}

        assert statuses == {method: rule.expected(role, method) for method in METHODS}, f"{role} on {url} ({rule.name})"
        if role != "curator" and key not in COMPUTE_ONLY_ALLOW_LIST | CREDENTIAL_ROUTES:
            wrote = {method for method, status in statuses.items() if method != "GET" and 200 <= status < 300}
            assert not wrote, f"{role} wrote through {url}"

    @pytest.mark.parametrize("key", sorted(API_ROUTES))
    def test_anonymous_clients_get_only_public_routes_when_anonymous_reads_are_off(
        self, world: World, settings, key: str
    ) -> None:
        settings.ANONYMOUS_READS = False
        rule = API_ROUTES[key]
        client, url = api_client_for("anonymous", world), api_url(key, world)

        statuses = {method: send(client, method, url, api_body(key, method, world)) for method in METHODS}

        expected = {method: rule.expected("anonymous", method) if rule.public else 401 for method in METHODS}
        assert statuses == expected, url

    @pytest.mark.parametrize("key", sorted(API_ROUTES))
    def test_signed_in_users_still_read_when_anonymous_reads_are_off(self, world: World, settings, key: str) -> None:
        settings.ANONYMOUS_READS = False
        rule = API_ROUTES[key]
        if rule.read is None:
            pytest.skip("a route without a read")
        url, body = api_url(key, world), api_body(key, rule.read, world)

        statuses = {role: send(api_client_for(role, world), rule.read, url, body) for role in ("viewer", "curator")}

        assert statuses == {"viewer": 200, "curator": 200}, url


def admin_url(key: str, world: World) -> str:
    """A concrete admin URL: object ids of real rows where the route names a model."""
    object_id: int = world.claim.pk
    match = re.match(r"admin/(\w+)/(\w+)/<path:object_id>/", key)
    if match:
        model = apps.get_model(*match.groups())
        object_id = model.objects.order_by("pk").values_list("pk", flat=True).first() or 1
    url = (
        key.replace("<path:object_id>", str(object_id))
        .replace("<path:content_type_id>", str(ContentType.objects.get_for_model(Claim).pk))
        .replace("<id>", str(world.viewer.pk))
        .replace("<int:document_id>", str(world.document_id))
        .replace("<int:claim_id>", str(world.claim.pk))
        .replace("<int:mention_id>", str(world.mention_id))
        .replace("(?P<app_label>auth|axes|corpus|claims)", "claims")
        .replace("(?P<url>.*)", "no-such-page/")
    )
    return "/" + url


@pytest.mark.django_db
class TestAdminRequiresStaffLogin:
    @pytest.mark.parametrize("key", sorted(ADMIN_ROUTES))
    def test_visitors_without_staff_rights_are_sent_to_the_login_page(self, world: World, key: str) -> None:
        url = admin_url(key, world)
        anonymous, viewer = Client(), Client()
        viewer.force_login(world.viewer)

        responses = [(client.get(url), client.post(url, {})) for client in (anonymous, viewer)]

        for response in (r for pair in responses for r in pair):
            if key == "admin/login/":
                assert response.status_code == 200  # the form itself (with errors for an empty POST)
            elif key == "admin/logout/":
                assert (response.status_code, response["Location"]) == (302, "/admin/")
            else:
                assert response.status_code == 302, url
                assert response["Location"].startswith("/admin/login/?next="), url

    def test_a_staff_curator_reads_the_corpus_in_the_admin_but_cannot_change_it(self, world: World) -> None:
        world.curator.is_staff = True
        world.curator.save()
        client = Client()
        client.force_login(world.curator)
        document = f"/admin/corpus/document/{world.document_id}"

        reads = [client.get(url).status_code for url in ("/admin/claims/claim/", "/admin/corpus/document/")]
        writes = [
            client.get("/admin/corpus/document/add/").status_code,
            client.post("/admin/corpus/document/add/", {}).status_code,
            client.post(f"{document}/delete/", {"post": "yes"}).status_code,
        ]

        assert reads == [200, 200]
        assert writes == [403, 403, 403]


@pytest.mark.django_db
class TestCsrf:
    def test_a_session_write_without_the_csrf_token_is_refused_and_with_it_succeeds(self, world: World) -> None:
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(world.curator)  # (a password login goes through django-axes, which needs a request)
        url = f"/api/v1/claims/{world.claim.pk}/"

        refused = client.patch(url, {"nominal": "81", "lower": "81", "upper": "81"}, format="json", HTTP_IF_MATCH='"1"')
        client.get("/admin/login/")  # any page with a form sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        accepted = client.patch(
            url,
            {"nominal": "81", "lower": "81", "upper": "81"},
            format="json",
            HTTP_IF_MATCH='"1"',
            HTTP_X_CSRFTOKEN=token,
        )

        assert refused.status_code == 403
        assert "CSRF" in refused.json()["detail"]
        assert accepted.status_code == 200, accepted.content
        assert Claim.objects.get(pk=world.claim.pk).nominal == "81"

    def test_a_token_write_needs_no_csrf_token(self, world: World) -> None:
        """Tokens are not sent by browsers on their own, so they cannot be ridden by a forged request."""
        _, key = token_create(user=world.curator, name="matrix")
        client = APIClient(enforce_csrf_checks=True)

        response = client.patch(
            f"/api/v1/claims/{world.claim.pk}/",
            {"status": "rejected"},
            format="json",
            HTTP_IF_MATCH='"1"',
            HTTP_AUTHORIZATION=f"Token {key}",
        )

        assert response.status_code == 200, response.content


@pytest.mark.django_db
class TestAnonymousThrottle:
    @pytest.fixture
    def three_per_minute(self, settings, monkeypatch) -> None:
        """DRF copies the rates onto the throttle class when it is defined, so patch both."""
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
        }
        monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
        cache.clear()

    def test_the_fourth_anonymous_read_in_a_minute_is_429(self, world: World, three_per_minute) -> None:
        client = APIClient()

        responses = [client.get("/api/v1/claims/") for _ in range(4)]

        assert [r.status_code for r in responses] == [200, 200, 200, 429]
        assert int(responses[-1]["Retry-After"]) > 0

    def test_signed_in_users_are_not_held_to_the_anonymous_rate(self, world: World, three_per_minute) -> None:
        client = api_client_for("viewer", world)

        statuses = [client.get("/api/v1/claims/").status_code for _ in range(5)]

        assert statuses == [200] * 5
