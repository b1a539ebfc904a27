"""Every external suite's loader, by the name of its folder in `../shared/external-tests`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.evaluation.cases import Case
from benchmarks.evaluation.suites_arabic import load_duckling, load_nemo, load_recognizers
from benchmarks.evaluation.suites_numbers import (
    load_dateparser,
    load_humanizer,
    load_num2fawords,
    load_num2words,
    load_persian_tools,
)

LOADERS: dict[str, Callable[[Path], list[Case]]] = {
    "recognizers-text": load_recognizers,
    "duckling": load_duckling,
    "nemo": load_nemo,
    "humanizer": load_humanizer,
    "persian-tools": load_persian_tools,
    "num2words": load_num2words,
    "num2fawords": load_num2fawords,
    "dateparser": load_dateparser,
}
