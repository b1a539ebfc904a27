from django.urls import path
from rest_framework.routers import DefaultRouter

from claims.views import (
    ClaimViewSet,
    ConflictViewSet,
    CrosscheckView,
    EntityViewSet,
    ExtractView,
    FactViewSet,
    PropertyViewSet,
)

router = DefaultRouter()
router.register("entities", EntityViewSet, basename="entity")
router.register("properties", PropertyViewSet, basename="property")
router.register("claims", ClaimViewSet, basename="claim")
router.register("facts", FactViewSet, basename="fact")
router.register("conflicts", ConflictViewSet, basename="conflict")

urlpatterns = [
    path("crosscheck/", CrosscheckView.as_view(), name="crosscheck"),
    path("extract/", ExtractView.as_view(), name="extract"),
    *router.urls,
]
