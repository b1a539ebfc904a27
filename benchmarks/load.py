"""Load benchmark: 50 concurrent clients against gunicorn + the database (not a test; never fails).

Why: the API must hold up when many clients read at once, not only answer one request fast.
This starts `make serve`'s gunicorn (project/gunicorn.conf.py, DEBUG off) on a free loopback
port over an existing database, then drives it from a separate process with `wrk`
(`apt-get install wrk`): for each scenario a short warm-up, then N connections for D seconds.
It reports requests per second, latency percentiles and every error (socket errors, timeouts,
non-2xx answers, and 5xx lines in the server log), and writes them to docs/load-bench.md.

    # 1 M synthetic claims on a scratch PostgreSQL database, kept after the API benchmark:
    createdb -h 127.0.0.1 -U postgres sanad_bench_api
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench_api make bench-api BENCH_API_ARGS=--keep
    .venv/bin/python -m benchmarks.load --database-url postgres://postgres@127.0.0.1:5432/sanad_bench_api

Scenarios: `claims/` (the list, 50 rows per page, each request a random page: one of 2,000
cursors spread over all claim ids, as DRF's cursor pagination encodes them) and `facts/{id}/crosscheck/` (a random
fact per request). Clients authenticate with a viewer's API token, as a partner's integration
would (anonymous reads are throttled per address, and every wrk connection shares one).
The script adds one `loadbench` user in the `viewer` group and a token to the database.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# wrk runs this Lua: a random path per request from the scenario's range, and at the end one
# JSON line with the latency percentiles (microseconds) and the error counts.
LUA = r"""
local kind, lo, hi = "%(kind)s", %(lo)d, %(hi)d
local cursors = {%(cursors)s}
math.randomseed(%(seed)d)
local prefix = "%(prefix)s"
request = function()
  local path
  if kind == "facts" then
    path = prefix .. "facts/" .. math.random(lo, hi) .. "/crosscheck/"
  else
    path = prefix .. "claims/?page_size=50&cursor=" .. cursors[math.random(1, #cursors)]
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


@dataclass
class Scenario:
    name: str
    label: str
    kind: str
    lo: int
    hi: int


@dataclass
class Result:
    scenario: Scenario
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    server_5xx: int

    @property
    def error_total(self) -> int:
        return sum(self.errors.values()) + self.server_5xx


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()


def prepare(min_claims: int) -> tuple[str, list[Scenario], dict[str, str]]:
    """A viewer token, the id ranges to draw from, and what the data set holds."""
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.db.models import Max, Min

    from claims.accounts import VIEWER, groups_ensure
    from claims.models import Claim, Fact
    from claims.tokens import token_create

    claims = Claim.objects.count()
    if claims < min_claims:
        sys.exit(
            f"bench_load: the database holds {claims:,} claims, fewer than --min-claims {min_claims:,}; "
            "generate them first with `make bench-api BENCH_API_ARGS=--keep`"
        )
    facts = Fact.objects.aggregate(lo=Min("id"), hi=Max("id"))
    ids = Claim.objects.aggregate(lo=Min("id"), hi=Max("id"))
    groups_ensure()
    user, _ = User.objects.get_or_create(username="loadbench")
    user.groups.add(Group.objects.get(name=VIEWER))
    _token, key = token_create(user=user, name="bench_load", days=1)
    scenarios = [
        Scenario("claims", "`GET claims/?page_size=50&cursor=…` (a random page)", "claims", ids["lo"], ids["hi"]),
        Scenario("crosscheck", "`GET facts/{id}/crosscheck/` (a random fact)", "facts", facts["lo"], facts["hi"]),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    if connection.vendor == "sqlite":
        version = f"SQLite {version}"
    info = {"claims": f"{claims:,}", "facts": f"{Fact.objects.count():,}", "database": version}
    connection.close()
    return key, scenarios, info


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, server: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench_load: gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit("bench_load: gunicorn did not become healthy")


def run_wrk(
    base: str, key: str, scenario: Scenario, *, seconds: int, connections: int, threads: int, seed: int
) -> dict[str, int]:
    rng = random.Random(seed)
    # DRF's cursor is base64("p=<last id>"): 2,000 positions spread over the whole id range.
    cursors = [base64.b64encode(f"p={rng.randint(scenario.lo, scenario.hi)}".encode()).decode() for _ in range(2000)]
    lua = LUA % {
        "kind": scenario.kind,
        "lo": scenario.lo,
        "hi": scenario.hi,
        "seed": seed,
        "prefix": "/api/v1/",
        "cursors": ", ".join(f'"{quote(c)}"' for c in cursors),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(lua)
        script = fh.name
    try:
        command = [
            "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
            "-H", f"Authorization: Token {key}", "-s", script, base + "/",
        ]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script)
    match = re.search(r"^RESULT (\{.*\})$", output, re.MULTILINE)
    if match is None:
        sys.exit(f"bench_load: no result from wrk:\n{output}")
    return json.loads(match.group(1))


def count_5xx(log: Path, start: int) -> int:
    """5xx answers in gunicorn's access log after byte offset `start`."""
    with log.open("rb") as fh:
        fh.seek(start)
        return sum(1 for line in fh if re.search(rb'" 5\d\d ', line))


def measure(args: argparse.Namespace) -> tuple[list[Result], dict[str, str]]:
    setup_django(args.database_url)
    key, scenarios, info = prepare(args.min_claims)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = REPO_ROOT / "var" / "bench-load-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    env = os.environ | {
        "SANAD_BIND": f"127.0.0.1:{port}",
        "DJANGO_DEBUG": "0",
        "DJANGO_CONN_MAX_AGE": "60",
        "SANAD_LOG_LEVEL": "warning",
    }
    if args.workers:
        env["SANAD_WORKERS"] = str(args.workers)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with log.open("wb") as out:
        server = subprocess.Popen(
            [gunicorn, "--config", "project/gunicorn.conf.py"],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    results = []
    try:
        wait_healthy(base, server, time.monotonic() + 60)
        info["workers"] = env.get("SANAD_WORKERS", "default (2 × CPUs + 1)")
        for number, scenario in enumerate(scenarios):
            print(f"bench_load: {scenario.name}: warm-up {args.warmup} s", flush=True)
            run_wrk(base, key, scenario, seconds=args.warmup, connections=args.connections, threads=args.threads,
                    seed=number)  # fmt: skip
            start = log.stat().st_size
            print(f"bench_load: {scenario.name}: {args.connections} connections for {args.duration} s", flush=True)
            raw = run_wrk(base, key, scenario, seconds=args.duration, connections=args.connections,
                          threads=args.threads, seed=100 + number)  # fmt: skip
            time.sleep(0.5)  # let the access log catch up
            seconds = raw["duration_us"] / 1e6
            result = Result(
                scenario=scenario,
                requests=raw["requests"],
                seconds=seconds,
                rps=raw["requests"] / seconds,
                p50_ms=raw["p50"] / 1000,
                p90_ms=raw["p90"] / 1000,
                p99_ms=raw["p99"] / 1000,
                max_ms=raw["max"] / 1000,
                errors={k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
                server_5xx=count_5xx(log, start),
            )
            print(f"bench_load: {scenario.name}: {result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, "
                  f"p99 {result.p99_ms:.1f} ms, errors {result.error_total}", flush=True)  # fmt: skip
            results.append(result)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return results, info


def report(results: list[Result], info: dict[str, str], args: argparse.Namespace) -> list[str]:
    import django
    import rest_framework

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" [")[0]
    lines = [
        f"Run on {dt.date.today().isoformat()} with `benchmarks/load.py`.",
        "",
        f"- Machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, DRF {rest_framework.VERSION}; "
        f"{info['database']}. The load generator ({wrk_version}, {args.threads} thread(s)), gunicorn and the "
        "database share the same cores.",
        f"- Server: gunicorn `project/gunicorn.conf.py` (gthread), workers: {info['workers']}, DEBUG off, "
        "persistent database connections (`DJANGO_CONN_MAX_AGE=60`); clients authenticate with a viewer token.",
        f"- Data: {info['claims']} claims in {info['facts']} facts (`make bench-api BENCH_API_ARGS=--keep`).",
        f"- Load: {args.connections} concurrent connections for {args.duration} s per scenario, after a "
        f"{args.warmup} s warm-up; wrk's timeout 10 s.",
        "",
        "| scenario | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        detail = ", ".join(f"{k} {v}" for k, v in r.errors.items() if v)
        if r.server_5xx:
            detail = ", ".join(filter(None, [detail, f"5xx in server log {r.server_5xx}"]))
        lines.append(
            f"| {r.scenario.label} | {r.requests:,} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p90_ms:.1f} | "
            f"{r.p99_ms:.1f} | {r.max_ms:.0f} | {r.error_total}{f' ({detail})' if detail else ''} |"
        )
    return lines


def write_markdown(path: Path, lines: list[str]) -> None:
    from benchmarks.reporting import replace_section

    header = (
        "# Load benchmark (`benchmarks/load.py`)\n\n"
        "Concurrent clients against `make serve`'s gunicorn on loopback, driven by wrk from a separate "
        "process. Each run replaces the section below.\n"
    )
    replace_section(path, "bench-load", lines, header=header)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: its config)")
    parser.add_argument("--min-claims", type=int, default=1_000_000)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "load-bench.md")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required: a database with the synthetic claims")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install wrk)")
    results, info = measure(args)
    lines = report(results, info, args)
    print("\n".join(lines))
    if not args.no_write:
        write_markdown(args.output, lines)
        print(f"bench_load: wrote {args.output.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
