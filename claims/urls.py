"""Claims API routes; `project.urls` mounts them, with the corpus routes, under one API root."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.views import (
    ClaimViewSet,
    ConflictViewSet,
    CrosscheckView,
    EntityViewSet,
    ExtractView,
    FactViewSet,
    PropertyViewSet,
)

router = SimpleRouter()
router.register("entities", EntityViewSet, basename="entity")
router.register("properties", PropertyViewSet, basename="property")
router.register("claims", ClaimViewSet, basename="claim")
router.register("facts", FactViewSet, basename="fact")
router.register("conflicts", ConflictViewSet, basename="conflict")

# Endpoints that are not resources of a router.
extra_urlpatterns = [
    path("crosscheck/", CrosscheckView.as_view(), name="crosscheck"),
    path("extract/", ExtractView.as_view(), name="extract"),
]
urlpatterns = [*extra_urlpatterns, *router.urls]
