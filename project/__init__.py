"""Project package: settings, URLs and the Celery app (loaded here so `shared_task`s bind to it)."""

from project.celery import app as celery_app

__all__ = ("celery_app",)
