"""The versioned API (`/api/v1/`): one router for both apps, so its root lists every resource.

`claims` is the top layer and may import `corpus`; `project.urls` names this module by string
only, so the project package imports neither app.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from claims import urls as claims_urls
from corpus import urls as corpus_urls

api = DefaultRouter()
for prefix, viewset, basename in (*corpus_urls.router.registry, *claims_urls.router.registry):
    api.register(prefix, viewset, basename=basename)

urlpatterns = [path("", include([*claims_urls.extra_urlpatterns, *api.urls]))]
