"""Top-level routes: the admin, the versioned API and its schema and docs."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims import urls as claims_urls
from corpus import urls as corpus_urls
from project.health import healthz

# One router for the whole API, so its root lists every resource of both apps.
api = DefaultRouter()
for prefix, viewset, basename in (*corpus_urls.router.registry, *claims_urls.router.registry):
    api.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include([*claims_urls.extra_urlpatterns, *api.urls])),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

handler404 = "project.exceptions.not_found"
