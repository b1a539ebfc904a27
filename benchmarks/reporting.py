"""What every benchmark shares: alternating the sides, the spread of rounds, the machine line
and the Markdown sections of the reports in docs/."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Spread:
    """One figure measured over several rounds: min, median and max, never a single run."""

    values: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def text(self, *, scale: float = 1.0, digits: int = 2, unit: str = "") -> str:
        """`median (min–max)`, each multiplied by `scale`."""
        f = f"{{:,.{digits}f}}"
        return f"{f.format(self.median * scale)}{unit} ({f.format(self.min * scale)}–{f.format(self.max * scale)})"

    @classmethod
    def of(cls, values) -> Spread:
        return cls(tuple(values))

    def ratio_to(self, other: Spread) -> Spread:
        """Round by round ratio (rounds alternate the sides, so round n of each saw the same noise)."""
        return Spread(tuple(a / b for a, b in zip(self.values, other.values, strict=True)))

    def minus(self, other: Spread) -> Spread:
        return Spread(tuple(a - b for a, b in zip(self.values, other.values, strict=True)))


def alternate(
    sides: Mapping[str, Callable[[], object]], *, rounds: int, calls: int = 1, warmup: int = 1
) -> dict[str, Spread]:
    """Time each side `calls` times per round, the sides turn about call by call (A B A B …), so a
    burst of background load hits every side alike; per side, the spread of the per-round medians.

    `warmup` untimed calls of each side come first (connections, caches, prepared statements).
    """
    for _ in range(warmup):
        for fn in sides.values():
            fn()
    per_round: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(rounds):
        times: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(calls):
            for name, fn in sides.items():
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
        for name in sides:
            per_round[name].append(statistics.median(times[name]))
    return {name: Spread.of(values) for name, values in per_round.items()}


def machine_line(database: str) -> str:
    """Cores, memory, OS, Python, Django, DRF and the database server: what the figures depend on."""
    import django
    import rest_framework

    try:
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "unknown"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = "load average (1/5/15 min) {:.1f}/{:.1f}/{:.1f} as the run ended".format(*os.getloadavg())
    except OSError:
        load = ""
    return (
        f"{cpus} CPUs, {ram} RAM, {platform.machine()}, {platform.system()} {platform.release()}; {database}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, DRF {rest_framework.VERSION}; "
        f"{load} (the machine was shared with other work streams)"
    )


def today() -> str:
    return dt.date.today().isoformat()


def replace_section(path: Path, marker: str, lines: list[str], *, header: str) -> None:
    """Put `lines` between `<!-- marker -->` and `<!-- /marker -->` in a Markdown report.

    A benchmark rewrites only its own section, so the prose around it and the sections of other
    runs (the other database, another size) stay. A missing file starts with `header`; a missing
    section is appended.
    """
    begin, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else header
    section = "\n".join([begin, *lines, end])
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _old, tail = rest.split(end, 1)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
