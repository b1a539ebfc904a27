"""Real Celery workers against a real Redis, on a database the worker processes can open.

The tests here start `celery worker` processes and `manage.py ingest --queue` as the
deployment runs them. Redis must answer at SANAD_TEST_REDIS_URL (default db 4 of the local
server); without it the tests are skipped, unless SANAD_REQUIRE_REDIS=1 (set by `.ci/run`,
which starts Redis), where they fail. Each test uses its own queue, so stale messages of an
earlier run are never taken.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.concurrency.conftest import file_database  # noqa: F401  (a fixture used below)

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SANAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("SANAD_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required (SANAD_REQUIRE_REDIS=1) but {REDIS_URL} does not answer: {exc}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    return REDIS_URL


def database_url() -> str:
    """The test database as a URL another process can open (the file_database fixture's file on SQLite)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def job_env(file_database, redis_url, tmp_path) -> dict[str, str]:  # noqa: F811
    """The environment of the worker and submitting processes: this test's database, Redis and queue."""
    queue = f"sanad-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_url,
        "SANAD_CELERY_QUEUE": queue,
        # Redeliver a dead worker's message 3 s after it was taken, looking every second.
        "SANAD_CELERY_VISIBILITY_TIMEOUT": "3",
        "SANAD_CELERY_RESTORE_INTERVAL": "1",
        "DJANGO_DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    yield env
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete(queue)


class Workers:
    """Worker processes started for a test; each in its own session, so a kill takes its children too."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.processes: list[subprocess.Popen] = []

    def start(self, *, concurrency: int = 1) -> subprocess.Popen:
        n = len(self.processes)
        log = (self.logs / f"worker-{n}.log").open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "project",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"test{n}-{uuid.uuid4().hex[:6]}@%h",
                "--queues",
                self.env["SANAD_CELERY_QUEUE"],
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool processes at once: no shutdown, no acknowledgement."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)

    def log_tail(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.logs.glob("worker-*.log")))


@pytest.fixture
def workers(job_env, tmp_path) -> Iterator[Workers]:
    pool = Workers(job_env, tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str, poll: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
