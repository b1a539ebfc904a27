"""The versioned API (`/api/v1/`): one router for both apps, so its root lists every resource.

`claims` is the top layer and may import `corpus`; `project.urls` names this module by string
only, so the project package imports neither app. Where `claims.api` extends a resource
(documents gain POST, facts gain PATCH) its viewset replaces the app's own on the same prefix.
"""

from django.urls import include, path

from claims import urls as claims_urls
from claims.api.documents import DocumentViewSet
from claims.api.exports import export_view
from claims.api.facts import FactViewSet
from claims.api.jobs import IngestJobViewSet
from claims.api.revisions import RevisionFeedView
from claims.api.root import ApiRouter
from claims.api.tokens import TokenCreateView
from corpus import urls as corpus_urls

EXTENDED = {"documents": DocumentViewSet, "facts": FactViewSet}
ADDED = [("ingest-jobs", IngestJobViewSet, "ingest-job")]

api = ApiRouter(
    # Endpoints that are not router resources, listed in the API root by URL name.
    extra_root_entries={
        "extract": "extract",
        "crosscheck": "crosscheck",
        "revisions": "revisions",
        "tokens": "tokens",
        "exports/claims.csv": "export-claims-csv",
        "exports/claims.jsonl": "export-claims-jsonl",
        "exports/claims.jsonld": "export-claims-jsonld",
        "docs": "api-docs",
        "schema": "schema",
    }
)
for prefix, viewset, basename in (*corpus_urls.router.registry, *claims_urls.router.registry, *ADDED):
    api.register(prefix, EXTENDED.get(prefix, viewset), basename=basename)

# Endpoints that are not router resources.
extra_urlpatterns = [
    path("revisions/", RevisionFeedView.as_view(), name="revisions"),
    path("tokens/", TokenCreateView.as_view(), name="tokens"),
    *(
        path(f"exports/claims.{fmt}", export_view(fmt), name=f"export-claims-{fmt}")
        for fmt in ("csv", "jsonl", "jsonld")
    ),
]

urlpatterns = [path("", include([*claims_urls.extra_urlpatterns, *extra_urlpatterns, *api.urls]))]
