"""Top-level routes: the admin, the versioned API and its schema and docs.

The apps' routes are named by string (`include("claims.api_urls")`), as `INSTALLED_APPS` names
the apps, so this package imports neither app: imports run `claims` → `corpus` → `project`.
"""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from project.favicon import favicon
from project.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from the project's static files (drf-spectacular-sidecar), its start-up script
    # from a URL rather than inline: both work offline and under the Content-Security-Policy.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

handler400 = "project.exceptions.bad_request"
handler404 = "project.exceptions.not_found"
handler500 = "project.exceptions.server_error"
