"""The claims page and the conflict scan against honest baselines (`benchmarks.run_api`).

1. **Claims page.** The API side is a `GET /api/v1/claims/` through Django's WSGI handler, as
   gunicorn calls it: middleware, DRF, pagination, the renderer, persistent connections with
   health checks (as `make serve` runs). The raw side is what a hand-written endpoint would do
   on its own psycopg connection: the same two SQL statements (the list's query, built by the
   same selector and cursor filter; the evidence query, with the page's ids as one array
   parameter), prepared, their rows shaped into the same dicts and encoded with the same
   library (orjson) in the same envelope. Both bodies are compared byte for byte before timing,
   so the two sides provably do the same work. Reported: the ratio and the absolute overhead in
   milliseconds per page. On PostgreSQL a third side, the API with client-side binding and no
   prepared statements (the configuration before `server_side_binding`), shows what preparing
   saves.
2. **Conflict scan.** `selectors.facts_in_conflict` (grouped SQL, the engine on the candidates)
   against the engine over every fact with all accepted claims streamed in one ordered query,
   which is what a scan without the SQL step would do. Both must find the same facts. The
   candidate query's plan is printed with EXPLAIN (ANALYZE, BUFFERS).

Every comparison alternates the sides call by call and reports the spread (median, min–max) of
the per-round medians over at least three rounds.
"""

from __future__ import annotations

import contextlib
import copy
import io
import random
import sqlite3
import sys
from base64 import b64encode
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

import orjson
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.db.models import Count

from benchmarks.reporting import Spread, alternate, machine_line, today
from benchmarks.synthetic import Generated
from claims import selectors
from claims.domain.crosscheck import ClaimValue, Verdict, crosscheck
from claims.domain.display import decimal_text
from claims.models import Claim, Evidence, Fact

# Defaults: a million claims on PostgreSQL (the size); a fifth of that on SQLite,
# which generates and scans in a few minutes on a 2-core machine.
DEFAULT_SIZES = {"postgresql": (1_000_000, 100_000), "sqlite": (200_000, 20_000)}
TARGET_RATIO = {"postgresql": 1.5, "sqlite": 3.0}
TARGET_SCAN_SECONDS = {"postgresql": 0.5, "sqlite": 2.0}
HOST = "127.0.0.1"


# --- the API side -------------------------------------------------------------------------------


class Wsgi:
    """GET requests through Django's WSGI handler, as gunicorn makes them (no test client)."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def get(self, path: str, query: str = "") -> bytes:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": HOST,
            "SERVER_PORT": "80",
            "HTTP_HOST": HOST,
            "REMOTE_ADDR": HOST,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        response = self.handler(environ, lambda s, _headers, _exc=None: status.append(s))
        try:
            body = b"".join(response)
        finally:
            response.close()  # request_finished: Django's end-of-request connection handling
        if not status[0].startswith("200"):
            raise RuntimeError(f"GET {path}?{query}: {status[0]}: {body[:300]!r}")
        return body


@contextlib.contextmanager
def persistent_connections(max_age: int = 60) -> Iterator[None]:
    """Keep the database connection between requests, with health checks, as `make serve` does."""
    wrapper = connections["default"]
    saved = wrapper.settings_dict["CONN_MAX_AGE"]
    wrapper.close()
    wrapper.settings_dict["CONN_MAX_AGE"] = max_age
    try:
        yield
    finally:
        wrapper.close()
        wrapper.settings_dict["CONN_MAX_AGE"] = saved


def unprepared_wrapper():
    """A second `default` connection configured as before server-side binding (PostgreSQL)."""
    current = connections["default"]
    settings_dict = copy.deepcopy(current.settings_dict)
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "server_side_binding": False, "prepare_threshold": None}
    return type(current)(settings_dict, alias="default")


@contextlib.contextmanager
def using(wrapper) -> Iterator[None]:
    """Serve with `wrapper` as the `default` connection for the duration."""
    saved = connections["default"]
    connections["default"] = wrapper
    try:
        yield
    finally:
        connections["default"] = saved


def prepared_statements_on() -> bool:
    options = connections["default"].settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and options.get("prepare_threshold") is not None


# --- the raw side ---------------------------------------------------------------------------------


def _cursor_link(query: dict[str, str], tokens: dict[str, str]) -> str:
    """A DRF cursor link: base64 of the cursor's query string, parameters sorted as DRF sorts them."""
    cursor = b64encode(urlencode(tokens).encode("ascii")).decode("ascii")
    return f"http://{HOST}/api/v1/claims/?" + urlencode(sorted({**query, "cursor": cursor}.items()))


class RawPage:
    """One claims page by hand, on its own database connection (see the module docstring)."""

    def __init__(self, *, page_size: int, deep: bool) -> None:
        self.page_size = page_size
        self.deep = deep
        page = selectors.claim_rows(Claim.objects.order_by("-id"))  # what the view pages, and DRF's cursor filter
        if deep:
            page = page.filter(id__lt=-1)  # the cursor's position is the statement's one parameter
        self.claims_sql, params = page[: page_size + 1].query.sql_with_params()
        if list(params) != ([-1] if deep else []):
            raise RuntimeError(f"unexpected claims page parameters: {params}")
        # The evidence statement as the selector writes it: the page's ids as one array parameter.
        evidence = Evidence.objects.filter(claim__in_array=[0]).order_by("claim_id", "id")
        self.evidence_sql, _params = evidence.values_list(*selectors.EVIDENCE_ROW_FIELDS).query.sql_with_params()
        self.sqlite = connection.vendor == "sqlite"
        self.conn = self._connect()

    def _connect(self):
        """A connection of its own: the driver's, with Django's type adapters, nothing else."""
        params = connections["default"].get_connection_params()
        if self.sqlite:
            conn = sqlite3.connect(params["database"], check_same_thread=False)
            conn.execute("PRAGMA query_only = 1")
            return conn
        import psycopg

        params.pop("cursor_factory", None)
        # Both statements are prepared on first use (`prepare=True` below; psycopg ignores it when
        # the threshold is None, so the threshold only has to be a number).
        params["prepare_threshold"] = 0
        conn = psycopg.connect(**params)
        conn.autocommit = True
        return conn

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params) -> list[tuple]:
        if self.sqlite:
            return self.conn.execute(sql.replace("%s", "?"), params).fetchall()
        return self.conn.execute(sql, params, prepare=True).fetchall()

    def __call__(self, position: int | None = None) -> bytes:
        """The page after cursor `position` (deep pages), or the first page."""
        rows = self._rows(self.claims_sql, [position] if self.deep else [])
        has_next = len(rows) > self.page_size
        rows = rows[: self.page_size]
        ids = [r[0] for r in rows]
        evidence: dict[int, list[dict]] = {}
        if ids:
            param = orjson.dumps(ids).decode() if self.sqlite else ids  # as `project.lookups.InArray` binds it
            for claim_id, quote, start, end, prefix, suffix, index, text, document in self._rows(
                self.evidence_sql, [param]
            ):
                evidence.setdefault(claim_id, []).append(
                    {
                        "quote": quote,
                        "start": start,
                        "end": end,
                        "prefix": prefix,
                        "suffix": suffix,
                        "sentence_index": index,
                        "sentence_text": text,
                        "document": document,
                    }
                )
        results = [self._claim(r, evidence.get(r[0], [])) for r in rows]
        query = {"page_size": str(self.page_size)}
        next_link = _cursor_link(query, {"p": str(ids[-1])}) if has_next and ids else None
        previous = _cursor_link(query, {"r": "1", "p": str(ids[0])}) if self.deep and ids else None
        return orjson.dumps({"next": next_link, "previous": previous, "results": results})

    def _claim(self, r: tuple, spans: list[dict]) -> dict:
        (
            pk,
            subject,
            subject_name,
            prop,
            qualifiers,
            value_type,
            nominal,
            lower,
            upper,
            lower_open,
            upper_open,
            unit,
            modifier,
            rule,
            date_lower,
            date_upper,
            precision,
            calendar,
            as_of,
            status,
            origin,
            confidence,
            cue,
            fact,
            verdict,
            document,
            source,
            language,
            version,
        ) = r  # fmt: skip  (selectors.CLAIM_ROW_FIELDS, in order)
        for span in spans:
            span["source"] = source
            span["language"] = language
        is_date = value_type == "date"
        return {
            "id": pk,
            "subject": subject,
            "subject_name": subject_name,
            "property": prop,
            "qualifiers": orjson.loads(qualifiers) if isinstance(qualifiers, str | bytes) else qualifiers,
            "value_type": value_type,
            "value": {
                "nominal": nominal,
                "lower": _day(date_lower) if is_date else _number(lower),
                "upper": _day(date_upper) if is_date else _number(upper),
                "lower_open": bool(lower_open),
                "upper_open": bool(upper_open),
                "unit": unit,
                "modifier": modifier,
                "rule": rule,
                "precision": precision or None,
                "calendar": calendar or None,
            },
            "as_of": _day(as_of),
            "status": status,
            "origin": origin,
            "confidence": f"{Decimal(str(confidence)) if isinstance(confidence, float) else confidence:.3f}",
            "cue": cue,
            "fact": fact,
            "verdict": verdict,
            "document": document,
            "source": source,
            "language": language,
            "version": version,
            "evidence": spans,
        }


def _day(value) -> str | None:
    return None if value is None else value if isinstance(value, str) else value.isoformat()


def _number(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, int):
        return str(value)
    return decimal_text(value if isinstance(value, Decimal) else Decimal(repr(value)))


# --- claims pages -------------------------------------------------------------------------------


@dataclass
class PageResult:
    label: str
    page_size: int
    rows: int
    api: Spread
    raw: Spread
    unprepared: Spread | None  # the API before server-side binding (PostgreSQL)

    @property
    def ratio(self) -> Spread:
        return self.api.ratio_to(self.raw)

    @property
    def overhead(self) -> Spread:
        return self.api.minus(self.raw)


def measure_pages(*, page_size: int, ids: tuple[int, int], rounds: int, calls: int, seed: int = 1) -> list[PageResult]:
    """The first page (the same every call, as the most requested page is) and deep pages: a
    different random cursor position within `ids` on every call, the same sequence for every
    side, so neither side is measured on rows it has just read (both bind the cursor position
    and the page's ids as parameters, so both prepare the same two statements)."""
    wsgi = Wsgi()
    path = "/api/v1/claims/"
    rng = random.Random(seed)
    warmup = 5
    positions = [rng.randint(ids[0] + page_size, ids[1]) for _ in range(warmup + rounds * calls)]
    checked = [rng.randint(ids[0] + page_size, ids[1]) for _ in range(3)]

    def query(position: int | None) -> str:
        if position is None:
            return urlencode({"page_size": page_size})
        cursor = b64encode(urlencode({"p": str(position)}).encode("ascii")).decode("ascii")
        return urlencode({"cursor": cursor, "page_size": page_size})

    def api(sequence: Iterator[int | None]) -> Callable[[], bytes]:
        return lambda: wsgi.get(path, query(next(sequence)))

    results = []
    old = None

    def before(sequence: Iterator[int | None]) -> Callable[[], bytes]:
        def call() -> bytes:
            with using(old):
                return wsgi.get(path, query(next(sequence)))

        return call

    with persistent_connections():
        # Made here, so it copies the persistent-connection setting.
        old = unprepared_wrapper() if prepared_statements_on() else None
        for label, deep in (("first page", False), ("deep pages, a random cursor each call", True)):
            sequence = positions if deep else [None] * len(positions)
            raw = RawPage(page_size=page_size, deep=deep)
            try:
                for position in checked if deep else [None]:
                    body = wsgi.get(path, query(position))
                    if raw(position) != body:
                        raise RuntimeError(
                            f"{label}: the raw page differs from the API's:\n{raw(position)[:300]!r}\n{body[:300]!r}"
                        )
                    if old is not None and before(iter([position]))() != body:
                        raise RuntimeError(f"{label}: the unprepared API answers differently")
                rows = len(orjson.loads(body)["results"])
                raw_positions = iter(sequence)
                sides: dict[str, Callable[[], object]] = {
                    "api": api(iter(sequence)),
                    "raw": lambda raw=raw, it=raw_positions: raw(next(it)),
                }
                if old is not None:
                    sides["unprepared"] = before(iter(sequence))
                spreads = alternate(sides, rounds=rounds, calls=calls, warmup=warmup)
            finally:
                raw.close()
            results.append(
                PageResult(label, page_size, rows, spreads["api"], spreads["raw"], spreads.get("unprepared"))
            )
    if old is not None:
        old.close()
    return results


# --- conflict scan ------------------------------------------------------------------------------


@dataclass
class ScanResult:
    facts: int
    claims: int
    scan: Spread
    streamed: Spread
    candidates_sql: Spread
    candidates: int
    conflicts: int
    agree: bool
    differences: list[int]
    plan: str

    @property
    def speedup(self) -> Spread:
        return self.streamed.ratio_to(self.scan)


def per_fact_loop(fact_ids: Iterable[int]) -> set[int]:
    """One query and one cross-check per fact (the generator's tests use it as a third opinion)."""
    conflicts = set()
    for fact in Fact.objects.filter(pk__in=list(fact_ids)).select_related("property").order_by("id"):
        rows = selectors.fact_claim_rows([fact.pk]).get(fact.pk, [])
        if rows:
            report = crosscheck(
                [selectors.claim_value_from_row(r) for r in rows],
                time_varying=fact.property.time_varying,
                cumulative=fact.property.cumulative,
                explain=False,
            )
            if report.verdict == Verdict.CONFLICT:
                conflicts.add(fact.pk)
    return conflicts


def batched_loop() -> set[int]:
    """Every fact through the engine, its accepted claims streamed in one ordered query."""
    time_varying = dict(Fact.objects.values_list("id", "property__time_varying"))
    cumulative = dict(Fact.objects.values_list("id", "property__cumulative"))
    conflicts: set[int] = set()
    current: int | None = None
    values: list[ClaimValue] = []

    def close() -> None:
        if (
            values
            and crosscheck(
                values, time_varying=time_varying[current], cumulative=cumulative[current], explain=False
            ).verdict
            == Verdict.CONFLICT
        ):
            conflicts.add(current)

    queryset = Claim.objects.filter(status="accepted", fact__isnull=False).order_by("fact_id", "id")
    for row in queryset.values(*selectors.ENGINE_ROW_FIELDS).iterator(chunk_size=20_000):
        if row["fact_id"] != current:
            close()
            current, values = row["fact_id"], []
        values.append(selectors.claim_value_from_row(row))
    close()
    return conflicts


def explain_candidates() -> str:
    """The candidate query's plan: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, QUERY PLAN on SQLite."""
    sql, params = selectors.conflict_candidates_sql()
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(r[0] for r in rows)
    return "\n".join(str(r[-1]) for r in rows)


def measure_scan(*, rounds: int) -> ScanResult:
    """The scan against the streamed engine pass, alternating; then the candidate query alone."""
    found: dict[str, set[int]] = {}

    def scan() -> None:
        found["scan"] = set(selectors.facts_in_conflict())

    def streamed() -> None:
        found["streamed"] = batched_loop()

    spreads = alternate({"scan": scan, "streamed": streamed}, rounds=rounds, warmup=1)
    candidates_sql = alternate({"sql": selectors.conflict_candidate_fact_ids}, rounds=rounds, warmup=0)["sql"]
    return ScanResult(
        facts=Fact.objects.count(),
        claims=Claim.objects.count(),
        scan=spreads["scan"],
        streamed=spreads["streamed"],
        candidates_sql=candidates_sql,
        candidates=len(selectors.conflict_candidate_fact_ids()),
        conflicts=len(found["scan"]),
        agree=found["scan"] == found["streamed"],
        differences=sorted(found["scan"] ^ found["streamed"])[:20],
        plan=explain_candidates(),
    )


# --- report -------------------------------------------------------------------------------------


def database_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"SQLite {sqlite3.sqlite_version}"


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report_lines(
    *,
    vendor: str,
    generated: Generated | None,
    pages: list[PageResult],
    scan: ScanResult,
    rounds: int,
    calls: int,
    command: str,
) -> list[str]:
    """The Markdown section for one database and size (also printed to the terminal)."""
    target, scan_target = TARGET_RATIO[vendor], TARGET_SCAN_SECONDS[vendor]
    name = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    lines = [
        f"## {name}, {scan.claims:,} claims",
        "",
        f"Run on {today()}: `{command}`.",
        "",
        f"- Machine: {machine_line(database_version())}.",
    ]
    if generated is not None:
        verdicts = ", ".join(f"{k} {v:,}" for k, v in sorted(generated.verdicts.items()))
        lines.append(
            f"- Data: {generated.claims:,} claims in {generated.facts:,} facts, {generated.entities:,} entities, "
            f"{generated.documents:,} documents, generated in {generated.seconds:.0f} s. Fact verdicts: {verdicts}."
        )
    else:
        counts = Fact.objects.values_list("verdict").annotate(n=Count("id")).order_by("verdict")
        verdicts = ", ".join(f"{verdict or 'none'} {n:,}" for verdict, n in counts)
        lines.append(f"- Data: {scan.claims:,} claims in {scan.facts:,} facts (reused). Fact verdicts: {verdicts}.")
    lines += [
        f"- Each figure: median (min–max) of {rounds} rounds' medians; per round {calls} calls of each side, "
        "alternating call by call. API: Django's WSGI handler, persistent connection with health checks, "
        "anonymous. Raw: the same SQL prepared on its own connection, the same rows, dicts and orjson body "
        "(checked byte for byte).",
        "",
        "| claims page | rows | API ms | raw ms | ratio | overhead ms/page | target ≤ "
        f"{target:g}× | API unprepared ms |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for p in pages:
        lines.append(
            f"| {p.label}, page_size={p.page_size} | {p.rows} | {p.api.text(scale=1000)} | {p.raw.text(scale=1000)} | "
            f"{p.ratio.text(unit='×')} | {p.overhead.text(scale=1000)} | {_met(p.ratio.median <= target)} | "
            f"{p.unprepared.text(scale=1000) if p.unprepared else '—'} |"
        )
    lines += [
        "",
        "| conflict scan | seconds | note |",
        "|---|---:|---|",
        f"| `facts_in_conflict()` (candidate SQL + engine on candidates) | {scan.scan.text(digits=3)} | "
        f"target < {scan_target:g} s: {_met(scan.scan.median < scan_target)} |",
        f"| the candidate query alone | {scan.candidates_sql.text(digits=3)} | {scan.candidates:,} candidates, "
        f"{scan.conflicts:,} conflicts |",
        f"| engine over every fact, accepted claims streamed in one query | {scan.streamed.text(digits=2)} | "
        f"{scan.facts:,} facts |",
        "",
        f"**Scan vs streaming every fact through the engine: {scan.speedup.text(digits=1, unit='×')} faster.** "
        + (
            f"Both find the same {scan.conflicts:,} conflicting facts."
            if scan.agree
            else f"They DISAGREE (first differences: {scan.differences})."
        ),
        "",
        "EXPLAIN (ANALYZE, BUFFERS) of the candidate query:"
        if vendor == "postgresql"
        else "Plan of the candidate query:",
        "",
        "```",
        *scan.plan.splitlines(),
        "```",
    ]
    return lines
