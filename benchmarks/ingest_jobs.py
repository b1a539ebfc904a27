"""Ingestion throughput on Celery workers: documents per second with one and with two workers.

Why: batch ingestion runs one document per task so that more workers (more processes, more
machines) ingest more documents per second; this measures what a second worker process buys
on this machine. Each run ingests a fresh batch of generated articles (Arabic and English,
a dozen figures and dates each, so extraction and proposing do their real work) submitted as
one job with `manage.py ingest --queue`, then timed from the job's first task to its last
(the job's `started_at` and `finished_at`, written by the tasks). The same batch size ingested
in process by `manage.py ingest` (no queue) is the baseline.

    .venv/bin/python -m benchmarks.ingest_jobs [--documents 400] [--workers 1 2] [--out docs/ingest-bench.md]

The database is a SCRATCH one: a temporary SQLite file without DATABASE_URL, else
`<configured name>_ingest_bench` on the same PostgreSQL server, created empty and dropped
afterwards. Redis: SANAD_BENCH_REDIS_URL (default db 4 of the local server), a queue of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks import setup_django

REPO_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REDIS_URL = os.environ.get("SANAD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")

CITIES_AR = ("حلب", "الموصل", "صنعاء", "طرابلس", "الخرطوم", "بنغازي", "إدلب", "مأرب")
CITIES_EN = ("Aldmere", "Brackwater", "Corvel", "Dunhollow", "Eastreach", "Fallowby", "Greyford", "Hollin")
MONTHS_AR = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September")


def article(n: int) -> tuple[str, str]:
    """(file name, text) of generated article `n`: every `n` gives different bytes."""
    day, month, year = 1 + n % 27, n % 9, 2019 + n % 5
    if n % 2:
        city = CITIES_AR[n % len(CITIES_AR)]
        text = (
            f"تقرير ميداني رقم {n} من {city}\n"
            f"{city} في {day} {MONTHS_AR[month]} {year} — قالت السلطات المحلية إن الفيضانات شردت أكثر من {1000 + n} "
            f"شخص في {city} وضواحيها.\n"
            f"وأضافت أن نحو {40 + n % 60} منزلاً دُمرت بالكامل، وأن {3 + n % 9} جسور خرجت عن الخدمة.\n"
            f"وقدرت الأمم المتحدة الأضرار بنحو {2 + n % 30} مليون دولار، فيما وصلت {12 + n % 20} شاحنة مساعدات أمس.\n"
            f"وقال مسؤول إن ما يقرب من {200 + n} أسرة ما زالت في مراكز الإيواء، وإن {n % 7 + 1} أشخاص لقوا حتفهم.\n"
            f"ومن المقرر أن يعقد المجلس المحلي اجتماعاً طارئاً يوم {1 + (day + 3) % 27} {MONTHS_AR[month]} {year}.\n"
        )
        return f"ar-{n:05d}.txt", text
    city = CITIES_EN[n % len(CITIES_EN)]
    text = (
        f"Field report {n} from {city}\n"
        f"{city}, {MONTHS_EN[month]} {day}, {year} — Floods displaced more than {1000 + n} people in {city}, "
        f"local officials said.\n"
        f"About {40 + n % 60} homes were destroyed and {3 + n % 9} bridges were closed to traffic.\n"
        f"The United Nations put the damage at nearly {2 + n % 30} million dollars; {12 + n % 20} aid trucks arrived "
        f"yesterday.\n"
        f"At least {200 + n} families remain in shelters, and {n % 7 + 1} people died, an official said.\n"
        f"The council will meet on {MONTHS_EN[month]} {1 + (day + 3) % 27}, {year}.\n"
    )
    return f"en-{n:05d}.txt", text


def write_batch(folder: Path, start: int, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(start, start + count):
        name, text = article(n)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def scratch_url(configured: str, workdir: Path) -> str:
    if not configured or configured.startswith("sqlite"):
        return f"sqlite:///{workdir / 'ingest-bench.sqlite3'}"
    parts = urlsplit(configured)
    name = (parts.path.lstrip("/") or "sanad")[:50] + "_ingest_bench"
    return urlunsplit(parts._replace(path=f"/{name}", query=""))


def postgres_admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(statement)


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=3600
    )
    if result.returncode not in (0,):
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"ingest-bench: manage.py {' '.join(args)} failed")
    return result.stdout


def job_times(url: str, job_id: int) -> tuple[str, dt.datetime | None, dt.datetime | None, int]:
    """(status, started_at, finished_at, documents stored) of a job, read straight from the database."""
    query = (
        "SELECT j.status, j.started_at, j.finished_at,"
        " (SELECT count(*) FROM claims_ingestjobitem i WHERE i.job_id = j.id AND i.status = 'ingested')"
        " FROM claims_ingestjob j WHERE j.id = %s"
    )
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(urlsplit(url).path) as conn:
            status, started, finished, stored = conn.execute(query.replace("%s", "?"), [job_id]).fetchone()
        parse = dt.datetime.fromisoformat
        return status, parse(started) if started else None, parse(finished) if finished else None, stored
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query, [job_id]).fetchone()


def run_workers(env: dict[str, str], url: str, folder: Path, workers: int, documents: int) -> dict[str, float]:
    queue = f"sanad-bench-{uuid.uuid4().hex[:10]}"
    run_env = {**env, "SANAD_CELERY_QUEUE": queue, "CELERY_BROKER_URL": REDIS_URL}
    submitted = manage(run_env, "ingest", "--queue", "--no-wait", "--no-progress", str(folder))
    job_id = int(submitted.split()[1].rstrip(":"))
    processes = []
    began = time.monotonic()
    for n in range(workers):
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "celery", "--app", "project", "worker", "--pool", "prefork", "--concurrency", "1",
                 "--hostname", f"bench{n}-{queue}@%h", "--queues", queue, "--loglevel", "WARNING",
                 "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=REPO_ROOT,
                env=run_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )  # fmt: skip
    try:
        while True:
            status, started, finished, stored = job_times(url, job_id)
            if status in ("done", "failed"):
                break
            if time.monotonic() - began > 3600:
                raise SystemExit("ingest-bench: the job did not finish within an hour")
            time.sleep(0.2)
        wall = time.monotonic() - began
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(60)
    if stored != documents:
        raise SystemExit(f"ingest-bench: {stored} of {documents} documents stored (job {status})")
    seconds = (finished - started).total_seconds()
    return {"seconds": seconds, "rate": documents / seconds, "wall": wall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "ingest-bench.md")
    args = parser.parse_args()

    configured = os.environ.get("DATABASE_URL", "")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="sanad-ingest-bench-") as tmp:
        workdir = Path(tmp)
        url = scratch_url(configured, workdir)
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "ingest-bench-only"),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("CELERY_BROKER_URL", None)
        if engine == "PostgreSQL":
            name = urlsplit(url).path.lstrip("/")
            postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            postgres_admin(url, f'CREATE DATABASE "{name}"')
        try:
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            print(f"ingest-bench: {engine}, {args.documents} documents a run", flush=True)
            start = 0
            baseline_folder = write_batch(workdir / "baseline", start, args.documents)
            began = time.monotonic()
            manage(env, "ingest", "--no-progress", str(baseline_folder))
            baseline = time.monotonic() - began
            print(f"  in process (no queue): {args.documents / baseline:.1f} documents/s ({baseline:.1f} s)")
            results = {}
            for workers in args.workers:
                start += args.documents
                folder = write_batch(workdir / f"w{workers}", start, args.documents)
                results[workers] = run_workers(env, url, folder, workers, args.documents)
                r = results[workers]
                print(
                    f"  {workers} worker(s): {r['rate']:.1f} documents/s ({r['seconds']:.1f} s; wall {r['wall']:.1f} s)"
                )
        finally:
            if engine == "PostgreSQL":
                postgres_admin(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')

    one = results.get(1)
    load_after = os.getloadavg()[0]
    lines = [
        f"### {engine}",
        "",
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores shared with other work, Python "
        f"{platform.python_version()}, {args.documents} generated articles a run (half Arabic, half English, "
        "12 figures and dates each), claims proposed for each. Load average (1 min) "
        f"{load_before:.1f} at the start, {load_after:.1f} at the end: other work shared the cores.",
        "",
        "| how | documents/s | seconds | speed-up |",
        "|---|---:|---:|---:|",
        f"| in process (`ingest`, no queue) | {args.documents / baseline:.1f} | {baseline:.1f} | |",
    ]
    for workers, r in results.items():
        speedup = f"{r['rate'] / one['rate']:.2f}×" if one else ""
        lines.append(
            f"| {workers} worker process(es), `ingest --queue` | {r['rate']:.1f} | {r['seconds']:.1f} | {speedup} |"
        )
    header = (
        "# Ingestion throughput on Celery workers\n\n"
        "Written by `python -m benchmarks.ingest_jobs` (see its docstring). A job's time runs from its first task's "
        "start to its last task's end; each worker is one process (`--concurrency 1`) taking one document per task.\n"
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "ingest-bench-only")
    setup_django()
    from benchmarks.reporting import replace_section

    replace_section(args.out, f"ingest-bench-{engine.lower()}", lines, header=header)
    print(f"ingest-bench: wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
