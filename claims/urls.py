"""Claims API routes; `project.urls` mounts them, with the corpus routes, under one API root."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.views import ClaimViewSet, ConflictViewSet, CrosscheckView, ExtractView, FactViewSet
from claims.vocabulary.api import (
    CueViewSet,
    EntityAliasViewSet,
    MentionReviewViewSet,
    VocabularyEntityViewSet,
    VocabularyPropertyViewSet,
)

router = SimpleRouter()
router.register("entities", VocabularyEntityViewSet, basename="entity")
router.register("entity-aliases", EntityAliasViewSet, basename="entity-alias")
router.register("properties", VocabularyPropertyViewSet, basename="property")
router.register("cues", CueViewSet, basename="cue")
router.register("mention-reviews", MentionReviewViewSet, basename="mention-review")
router.register("claims", ClaimViewSet, basename="claim")
router.register("facts", FactViewSet, basename="fact")
router.register("conflicts", ConflictViewSet, basename="conflict")

# Endpoints that are not resources of a router.
extra_urlpatterns = [
    path("crosscheck/", CrosscheckView.as_view(), name="crosscheck"),
    path("extract/", ExtractView.as_view(), name="extract"),
]
urlpatterns = [*extra_urlpatterns, *router.urls]
