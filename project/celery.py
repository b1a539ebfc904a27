"""The Celery application: batch ingestion runs as tasks on workers (`make worker`).

Configured from Django's settings (the `CELERY_` names); without `CELERY_BROKER_URL` tasks run
in the calling process. Tasks are found by Celery's autodiscovery over INSTALLED_APPS (each
app's `tasks` module), so this package imports no app: imports run `claims` → `corpus` →
`project`.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

app = Celery("sanad")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
