"""Corpus API routes; `project.urls` mounts them, with the claims routes, under one API root."""

from rest_framework.routers import SimpleRouter

from corpus.views import DocumentViewSet, MentionViewSet, SentenceViewSet, SourceViewSet

router = SimpleRouter()
router.register("documents", DocumentViewSet, basename="document")
router.register("sentences", SentenceViewSet, basename="sentence")
router.register("mentions", MentionViewSet, basename="mention")
router.register("sources", SourceViewSet, basename="source")

urlpatterns = router.urls
