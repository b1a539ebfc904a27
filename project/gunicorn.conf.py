"""gunicorn settings for `make serve`: sync workers sized for the machine, logs to stdout."""

import multiprocessing
import os

bind = os.environ.get("SANAD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SANAD_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("SANAD_THREADS", 4))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 10_000
max_requests_jitter = 1_000
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("SANAD_LOG_LEVEL", "info")
wsgi_app = "project.wsgi:application"
