from rest_framework.routers import DefaultRouter

from corpus.views import DocumentViewSet, SentenceViewSet

router = DefaultRouter()
router.register("documents", DocumentViewSet, basename="document")
router.register("sentences", SentenceViewSet, basename="sentence")

urlpatterns = router.urls
