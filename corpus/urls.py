"""Corpus API routes; `project.urls` mounts them, with the claims routes, under one API root."""

from rest_framework.routers import SimpleRouter

from corpus.views import DocumentViewSet, SentenceViewSet

router = SimpleRouter()
router.register("documents", DocumentViewSet, basename="document")
router.register("sentences", SentenceViewSet, basename="sentence")

urlpatterns = router.urls
