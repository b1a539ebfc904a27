"""Fuzz the live API against its own OpenAPI contract with schemathesis (issue 7).

Why: the unit tests check the cases someone thought of; schemathesis sends what the schema
allows (and, in negative mode, what it forbids) to every operation and checks that the answers
are never a 5xx and always match the declared status codes, content types and bodies. The
schema is what clients generate code from, so a response that breaks it is a bug either way.

    .venv/bin/python -m benchmarks.fuzz_api [--max-examples 30] [--seed 7] [--budget 360]

The run is bounded and reproducible: a fixed seed, a fixed number of examples per operation,
no example database carried between runs, and a wall-clock budget after which the run fails.
It never touches the configured database itself: DATABASE_URL only chooses the engine and the
server. SQLite (or no DATABASE_URL) gets a temporary file; PostgreSQL gets a `<name>_fuzz`
database on the same server, created empty and dropped afterwards. That database is migrated,
loaded with the curated seeds and the demo curator, and served by gunicorn exactly as in
production (DEBUG off), with a curator API token so the write operations are exercised too.

Exits non-zero when schemathesis reports a failure, when the server logged any 5xx (an
independent count from gunicorn's access log), or when the budget runs out.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The scratch database is named after the configured one (`sanad_ci` → `sanad_ci_fuzz`), so two
# checkouts fuzzing against one server never drop each other's.
SCRATCH_PG_SUFFIX = "_fuzz"
# Every check that holds for this API. Not enabled: negative_data_rejection and
# positive_data_acceptance (they judge DRF's leniency, e.g. "1" accepted for an integer, not the
# contract), missing_required_header (the If-Match header is checked after the 404/permission
# checks, by design), the stateful/auth checks (need links and a second user the seeds lack).
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
ACCESS_STATUS = re.compile(r'" (\d{3}) ')
# django.request's log line for each 4xx/5xx answer: "Not Found: /api/v1/...".
DJANGO_REQUEST_LOG = re.compile(r"^[A-Z][A-Za-z -]+: /")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_database_url(configured: str, workdir: Path) -> str:
    """The scratch database for this run: same engine and server as `configured`, never it."""
    if not configured or configured.startswith("sqlite"):
        return f"sqlite:///{workdir / 'fuzz.sqlite3'}"
    if configured.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(configured)
        name = (parts.path.lstrip("/") or "sanad")[: 63 - len(SCRATCH_PG_SUFFIX)] + SCRATCH_PG_SUFFIX
        return urlunsplit(parts._replace(path=f"/{name}", query=""))
    raise SystemExit(f"fuzz: unsupported DATABASE_URL scheme: {configured.split(':', 1)[0]}")


def postgres_admin(url: str, statement: str) -> None:
    """Run CREATE/DROP DATABASE on the server's `postgres` database (they cannot run in a transaction)."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(statement)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"fuzz: manage.py {' '.join(args)} failed")
    return result.stdout


def seed(env: dict[str, str], workdir: Path) -> str:
    """Migrate and seed the scratch database; return a curator API key."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    print("fuzz:", manage(env, "load_curated").strip())
    # `demo_setup`, except that the demo password goes to the scratch directory: the command
    # writes var/demo-curator.txt, and the developer's own demo login must survive a fuzz run.
    manage(
        env,
        "shell",
        "-c",
        "from pathlib import Path; from claims.accounts import demo_curator_ensure; "
        f"demo_curator_ensure(password_file=Path({str(workdir / 'demo-curator.txt')!r}))",
    )
    output = manage(env, "create_token", "curator", "--name", "fuzz", "--days", "1").strip()
    key = output.rsplit(": ", 1)[-1].strip()
    if not key or " " in key:
        raise SystemExit(f"fuzz: cannot read the API key from create_token's output: {output!r}")
    return key


def wait_healthy(base: str, server: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"fuzz: gunicorn exited with {server.returncode} before answering /healthz")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit("fuzz: the server did not answer /healthz in time")


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM the process (gunicorn: graceful stop of its workers), SIGKILL its group if it lingers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def server_errors(access_log: Path) -> tuple[collections.Counter, list[str]]:
    counts: collections.Counter = collections.Counter()
    errors = []
    for line in access_log.read_text("utf-8", errors="replace").splitlines():
        match = ACCESS_STATUS.search(line)
        if match:
            counts[match.group(1)] += 1
            if match.group(1).startswith("5"):
                errors.append(line)
    return counts, errors


def server_tracebacks(log: Path) -> list[str]:
    """The server log without access lines and Django's one-line 4xx warnings: the 500s' tracebacks."""
    kept, keep = [], True
    for line in log.read_text("utf-8", errors="replace").splitlines():
        if ACCESS_STATUS.search(line):
            continue
        if DJANGO_REQUEST_LOG.match(line):
            keep = line.startswith("Internal Server Error")
        if keep:
            kept.append(line)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--max-examples", type=int, default=30, help="per operation and phase (default 30)")
    parser.add_argument("--seed", type=int, default=7, help="Hypothesis seed (default 7)")
    # 32 operations (the writes, jobs, feed and exports included) took 167 s on a busy 2-core machine.
    parser.add_argument("--budget", type=int, default=360, help="seconds schemathesis may run (default 360)")
    parser.add_argument("--workers", default="2", help="schemathesis workers (default 2)")
    args = parser.parse_args()

    started = time.monotonic()
    configured = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="sanad-fuzz-") as tmp:
        workdir = Path(tmp)
        url = scratch_database_url(configured, workdir)
        engine = "postgresql" if url.startswith("postgres") else "sqlite"
        scratch_name = urlsplit(url).path.lstrip("/")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "fuzz-only",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SANAD_ANON_RATE": "100000/minute",
            "SANAD_BIND": f"127.0.0.1:{port}",
            "SANAD_WORKERS": "2",
            "SANAD_LOG_LEVEL": "warning",
        }
        print(f"fuzz: {engine} scratch database, server on {base}")
        if engine == "postgresql":
            postgres_admin(url, f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)')
            postgres_admin(url, f'CREATE DATABASE "{scratch_name}"')
        server = None
        access_log = workdir / "gunicorn.log"
        try:
            key = seed(env, workdir)
            with access_log.open("w") as log:
                server = subprocess.Popen(
                    [str(BIN / "gunicorn"), "--config", "project/gunicorn.conf.py"],
                    cwd=REPO_ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            wait_healthy(base, server, time.monotonic() + 60)
            command = [
                str(BIN / "schemathesis"),
                "run",
                f"{base}/api/schema/",
                "--checks",
                CHECKS,
                "--seed",
                str(args.seed),
                "--max-examples",
                str(args.max_examples),
                "--workers",
                args.workers,
                "--generation-database",
                "none",
                "--request-timeout",
                "30",
                "--header",
                f"Authorization: Token {key}",
                "--no-color",
                "--output-truncate",
                "false",
            ]
            shown = [("Authorization: Token <curator key>" if c.startswith("Authorization:") else c) for c in command]
            print("fuzz:", shlex.join(shown), flush=True)
            try:
                # Schemathesis ends with a pytest-style "=== N passed in Xs ===" banner; each of
                # its lines is prefixed so a CI log reader never takes it for the test suite's.
                fuzz = subprocess.run(
                    command,
                    cwd=workdir,
                    env=env,
                    timeout=args.budget,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                for line in fuzz.stdout.splitlines():
                    print("schemathesis|", line)
                failed = fuzz.returncode != 0
            except subprocess.TimeoutExpired:
                print(f"fuzz: FAIL: schemathesis did not finish within the {args.budget} s budget", file=sys.stderr)
                failed = True
        finally:
            if server is not None:
                stop(server)
            if engine == "postgresql":
                postgres_admin(url, f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)')
        counts, errors = server_errors(access_log)
        print("fuzz: responses by status:", ", ".join(f"{s}: {n}" for s, n in sorted(counts.items())))
        if errors:
            sys.stderr.write("\n".join(server_tracebacks(access_log)[-400:]) + "\n")
            print(f"fuzz: FAIL: the server answered {len(errors)} requests with a 5xx:", file=sys.stderr)
            sys.stderr.write("\n".join(errors[:20]) + "\n")
            failed = True
    print(f"fuzz: {engine}: {'FAIL' if failed else 'ok'} in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
