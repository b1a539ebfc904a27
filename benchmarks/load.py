"""Load benchmark: 50 concurrent clients against gunicorn + the database (not a test; never fails).

Why: the API must hold up when many clients read at once, not only answer one request fast.
This starts `make serve`'s gunicorn (project/gunicorn.conf.py, DEBUG off) on a free loopback
port over an existing database, then drives it from a separate process with `wrk`
(`apt-get install wrk`). Scenarios, each N connections for D seconds after a short warm-up:

- `floor`: `GET /api/v1/` (DRF's API root: token authentication, throttling, rendering, no
  query of its own): the framework floor, what any request through this stack costs;
- `claims`: `GET claims/?page_size=50&cursor=…`, a random page of the whole list;
- `filtered`: `GET claims/?property=…&status=accepted&page_size=50&cursor=…`, a random property
  and page;
- `crosscheck`: `GET facts/{id}/crosscheck/`, a random fact;
- `documents`: `POST documents/`, a new short article per request (ingest, extract, propose),
  by a curator; skipped with a note when the endpoint answers 404/405 (not built yet).

The scenarios run in rounds (at least three), one after the other within each round, so a
burst of background load spreads over all of them; the report gives each figure as median
(min–max) over the rounds, and the claims page's throughput as a share of the floor's. Clients
authenticate with API tokens, as a partner's integration would (anonymous reads are throttled
per address, and every wrk connection shares one). The script adds a `loadbench` viewer and a
`loadbench-curator` with tokens to the database.

    # 1 M synthetic claims on a scratch PostgreSQL database, kept after the API benchmark:
    createdb -h 127.0.0.1 -U postgres sanad_bench_api
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench_api make bench-api BENCH_API_ARGS=--keep
    .venv/bin/python -m benchmarks.load --database-url postgres://postgres@127.0.0.1:5432/sanad_bench_api
"""

from __future__ import annotations

import argparse
import base64
import json
import os
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
from urllib.parse import urlencode

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# wrk runs this Lua: a random path per request from the scenario's list (a POST gets a new
# article each time), and at the end one JSON line with the latency percentiles (microseconds)
# and the error counts.
LUA = r"""
local paths = {%(paths)s}
local method = "%(method)s"
local body = "%(body)s"
local headers = nil  -- wrk.format's headers replace wrk.headers (the token): copied on first use
local sent = 0
math.randomseed(%(seed)d)
request = function()
  local path = paths[math.random(1, #paths)]
  if method == "POST" then
    if headers == nil then
      headers = {["Content-Type"] = "application/json"}
      for name, value in pairs(wrk.headers) do headers[name] = value end
    end
    sent = sent + 1
    return wrk.format("POST", path, headers, string.format(body, math.random(100, 99999), sent, math.random(1, 2000000000)))
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
PREFIX = "/api/v1/"
# A new short article per request: a figure to extract, and numbers that make its bytes unique.
ARTICLE = (
    '{"title": "تقرير اختبار الحمل", "language": "ar", "text": "أعلن التحالف الدولي أن عدد أعضائه بلغ %d دولة '
    'ومنظمة. وقال المتحدث إن الاجتماع المقبل سيعقد في باريس. (رقم %d-%d)"}'
)


@dataclass
class Scenario:
    name: str
    label: str
    paths: list[str]
    method: str = "GET"
    token: str = "viewer"
    skipped: str = ""  # why it was not run


@dataclass
class Run:
    """One wrk run of one scenario."""

    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    server_5xx: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

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


def _cursor(position: int) -> str:
    """DRF's cursor: base64 of `p=<position>`."""
    return base64.b64encode(f"p={position}".encode()).decode()


def prepare(min_claims: int, seed: int = 7) -> tuple[dict[str, str], list[Scenario], dict[str, str]]:
    """Tokens, the scenarios with their random paths, and what the data set holds."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Max, Min

    from claims.accounts import groups_ensure
    from claims.models import Claim, Fact, Property
    from claims.tokens import token_create

    claims = Claim.objects.count()
    if claims < min_claims:
        sys.exit(
            f"bench_load: the database holds {claims:,} claims, fewer than --min-claims {min_claims:,}; "
            "generate them first with `make bench-api BENCH_API_ARGS=--keep`"
        )
    rng = random.Random(seed)
    facts = Fact.objects.aggregate(lo=Min("id"), hi=Max("id"))
    ids = Claim.objects.aggregate(lo=Min("id"), hi=Max("id"))
    slugs = list(Property.objects.filter(claims__isnull=False).distinct().values_list("slug", flat=True))
    curator_group, viewer_group = groups_ensure()
    tokens = {}
    for name, username, group in (
        ("viewer", "loadbench", viewer_group),
        ("curator", "loadbench-curator", curator_group),
    ):
        user, _ = User.objects.get_or_create(username=username)
        user.groups.add(group)
        tokens[name] = token_create(user=user, name="bench_load", days=1)[1]
    n = 2000

    def claims_page(**query: str) -> str:
        return f"{PREFIX}claims/?" + urlencode(
            {**query, "page_size": 50, "cursor": _cursor(rng.randint(ids["lo"], ids["hi"]))}
        )

    scenarios = [
        Scenario("floor", "`GET /api/v1/` (API root: the framework floor)", [PREFIX]),
        Scenario("claims", "`GET claims/?page_size=50&cursor=…` (a random page)", [claims_page() for _ in range(n)]),
        Scenario(
            "filtered",
            "`GET claims/?property=…&status=accepted&page_size=50&cursor=…`",
            [claims_page(property=rng.choice(slugs), status="accepted") for _ in range(n)],
        ),
        Scenario(
            "crosscheck",
            "`GET facts/{id}/crosscheck/` (a random fact)",
            [f"{PREFIX}facts/{rng.randint(facts['lo'], facts['hi'])}/crosscheck/" for _ in range(n)],
        ),
        Scenario(
            "documents", "`POST documents/` (a new article, by a curator)", [f"{PREFIX}documents/"], "POST", "curator"
        ),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    if connection.vendor == "sqlite":
        version = f"SQLite {version}"
    info = {"claims": f"{claims:,}", "facts": f"{Fact.objects.count():,}", "database": version}
    connection.close()
    return tokens, scenarios, info


def probe_documents(base: str, token: str) -> str:
    """'' if `POST documents/` takes an article; else why the scenario is skipped."""
    body = (ARTICLE % (80, 0, random.randint(1, 2_000_000_000))).encode()
    request = urllib.request.Request(
        base + PREFIX + "documents/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return "" if response.status in (200, 201) else f"answered {response.status}"
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 405):
            return f"`POST /api/v1/documents/` answered {exc.code}: the endpoint is not built on this branch yet"
        return f"`POST /api/v1/documents/` answered {exc.code}: {exc.read()[:200]!r}"


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
    base: str, token: str, scenario: Scenario, *, seconds: int, connections: int, threads: int, seed: int
) -> dict[str, int]:
    lua = LUA % {
        "paths": ", ".join(f'"{p}"' for p in scenario.paths),
        "method": scenario.method,
        "body": ARTICLE.replace('"', '\\"'),
        "seed": seed,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(lua)
        script = fh.name
    try:
        command = [
            "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
            "-H", f"Authorization: Token {token}", "-s", script, base + "/",
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


def measure(args: argparse.Namespace) -> tuple[list[Scenario], dict[str, list[Run]], dict[str, str]]:
    setup_django(args.database_url)
    tokens, scenarios, info = prepare(args.min_claims)
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
    runs: dict[str, list[Run]] = {s.name: [] for s in scenarios}
    try:
        wait_healthy(base, server, time.monotonic() + 60)
        info["workers"] = env.get("SANAD_WORKERS", "default (2 × CPUs + 1)")
        info["cache"] = env.get("SANAD_CACHE_URL") or "db:// (the default: a table in the database)"
        for scenario in scenarios:
            if scenario.name == "documents":
                scenario.skipped = probe_documents(base, tokens["curator"])
                if scenario.skipped:
                    print(f"bench_load: documents: skipped: {scenario.skipped}", flush=True)
        active = [s for s in scenarios if not s.skipped]
        for number, scenario in enumerate(active):
            print(f"bench_load: {scenario.name}: warm-up {args.warmup} s", flush=True)
            run_wrk(base, tokens[scenario.token], scenario, seconds=args.warmup, connections=args.connections,
                    threads=args.threads, seed=number)  # fmt: skip
        for round_number in range(args.rounds):
            for number, scenario in enumerate(active):
                start = log.stat().st_size
                raw = run_wrk(base, tokens[scenario.token], scenario, seconds=args.duration,
                              connections=args.connections, threads=args.threads,
                              seed=100 * (round_number + 1) + number)  # fmt: skip
                time.sleep(0.5)  # let the access log catch up
                run = Run(
                    requests=raw["requests"],
                    seconds=raw["duration_us"] / 1e6,
                    p50_ms=raw["p50"] / 1000,
                    p90_ms=raw["p90"] / 1000,
                    p99_ms=raw["p99"] / 1000,
                    max_ms=raw["max"] / 1000,
                    errors={k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
                    server_5xx=count_5xx(log, start),
                )
                runs[scenario.name].append(run)
                print(f"bench_load: round {round_number + 1}: {scenario.name}: {run.rps:,.0f} req/s, "
                      f"p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, errors {run.error_total}", flush=True)  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return scenarios, runs, info


TARGET_RPS, TARGET_P99_MS, TARGET_FLOOR_SHARE = 350, 250, 0.85


def report(scenarios: list[Scenario], runs: dict[str, list[Run]], info: dict[str, str], args) -> list[str]:
    from benchmarks.reporting import Spread, machine_line, today

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" [")[0]
    lines = [
        f"Run on {today()}: `python -m benchmarks.load {' '.join(sys.argv[1:])}`.",
        "",
        f"- Machine: {machine_line(info['database'])}. The load generator ({wrk_version}, {args.threads} "
        "thread(s)), gunicorn and the database share the same cores.",
        f"- Server: gunicorn `project/gunicorn.conf.py` (gthread), workers: {info['workers']}, DEBUG off, "
        "persistent database connections (`DJANGO_CONN_MAX_AGE=60`), prepared statements on; clients "
        f"authenticate with API tokens; throttle counts in `SANAD_CACHE_URL={info['cache']}`.",
        f"- Data: {info['claims']} claims in {info['facts']} facts (`make bench-api BENCH_API_ARGS=--keep`).",
        f"- Load: {args.connections} connections, {args.rounds} rounds of {args.duration} s per scenario (the "
        f"scenarios take turns within each round) after a {args.warmup} s warm-up each; wrk's timeout 10 s. "
        "Figures: median (min–max) over the rounds.",
        "",
        "| scenario | requests | req/s | p50 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario in scenarios:
        if scenario.skipped:
            lines.append(f"| {scenario.label} | skipped: {scenario.skipped} | | | | | |")
            continue
        rs = runs[scenario.name]
        errors = sum(r.error_total for r in rs)
        detail = {k: sum(r.errors[k] for r in rs) for k in rs[0].errors}
        text = ", ".join(f"{k} {v}" for k, v in detail.items() if v)
        if server := sum(r.server_5xx for r in rs):
            text = ", ".join(filter(None, [text, f"5xx in server log {server}"]))
        lines.append(
            f"| {scenario.label} | {sum(r.requests for r in rs):,} | {Spread.of(r.rps for r in rs).text(digits=0)} | "
            f"{Spread.of(r.p50_ms for r in rs).text(digits=1)} | {Spread.of(r.p99_ms for r in rs).text(digits=1)} | "
            f"{max(r.max_ms for r in rs):,.0f} | {errors}{f' ({text})' if text else ''} |"
        )
    if runs.get("claims") and runs.get("floor"):
        claims, floor = runs["claims"], runs["floor"]
        share = Spread.of(c.rps / f.rps for c, f in zip(claims, floor, strict=True))
        rps, p99 = Spread.of(r.rps for r in claims), Spread.of(r.p99_ms for r in claims)
        lines += [
            "",
            f"Claims page against the targets: {rps.median:,.0f} req/s (target ≥ {TARGET_RPS}: "
            f"{'met' if rps.median >= TARGET_RPS else 'MISSED'}), p99 {p99.median:,.0f} ms (target < {TARGET_P99_MS}: "
            f"{'met' if p99.median < TARGET_P99_MS else 'MISSED'}), {share.text(scale=100, digits=0, unit=' %')} of "
            f"the floor's throughput, round by round (target ≥ {TARGET_FLOOR_SHARE:.0%}: "
            f"{'met' if share.median >= TARGET_FLOOR_SHARE else 'MISSED'}).",
        ]
    return lines


def write_markdown(path: Path, lines: list[str]) -> None:
    from benchmarks.reporting import replace_section

    header = (
        "# Load benchmark (`make bench-load`)\n\n"
        "Concurrent clients against `make serve`'s gunicorn on loopback, driven by wrk from a separate "
        "process (`benchmarks/load.py`). Each run replaces the section below.\n"
    )
    replace_section(path, "bench-load", lines, header=header)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--duration", type=int, default=30, help="seconds per scenario and round")
    parser.add_argument("--rounds", type=int, default=3)
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
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a spread needs rounds")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install wrk)")
    scenarios, runs, info = measure(args)
    lines = report(scenarios, runs, info, args)
    print("\n".join(lines))
    if not args.no_write:
        write_markdown(args.output, lines)
        print(f"bench_load: wrote {args.output.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
