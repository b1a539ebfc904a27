"""Intervals with closed, open and unbounded ends, and the rounding width of a stated figure.

Every claim value is an interval, so comparing two claims is one intersection. Bounds are
`Decimal` (dates are compared as day ordinals); `None` is unbounded. An unbounded end is never
open: (−∞, 5] is written `Interval(None, 5)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from corpus.extraction.policy import POLICY

ROUNDING = POLICY["rounding"]
ROUNDING_RULE: str = ROUNDING["rule"]
ROUNDING_MODIFIERS: frozenset[str] = frozenset(ROUNDING["applies_to_modifiers"])


@dataclass(frozen=True, slots=True)
class Interval:
    lower: Decimal | None
    upper: Decimal | None
    lower_open: bool = False
    upper_open: bool = False

    def __post_init__(self) -> None:
        if self.lower is None and self.lower_open:
            raise ValueError("an unbounded lower end cannot be open")
        if self.upper is None and self.upper_open:
            raise ValueError("an unbounded upper end cannot be open")

    @property
    def is_empty(self) -> bool:
        if self.lower is None or self.upper is None:
            return False
        if self.lower > self.upper:
            return True
        return self.lower == self.upper and (self.lower_open or self.upper_open)

    def intersect(self, other: Interval) -> Interval:
        """The common part (possibly empty: check `is_empty`)."""
        lower, lower_open = _tighter_lower(self.lower, self.lower_open, other.lower, other.lower_open)
        upper, upper_open = _tighter_upper(self.upper, self.upper_open, other.upper, other.upper_open)
        return Interval(lower, upper, lower_open, upper_open)

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).is_empty

    def widen(self, by: Decimal) -> Interval:
        """Both bounded ends moved outwards by `by` (unbounded ends stay unbounded)."""
        return Interval(
            None if self.lower is None else self.lower - by,
            None if self.upper is None else self.upper + by,
            self.lower_open,
            self.upper_open,
        )

    def describe(self) -> str:
        left = "(−∞" if self.lower is None else f"{'(' if self.lower_open else '['}{_fmt(self.lower)}"
        right = "∞)" if self.upper is None else f"{_fmt(self.upper)}{')' if self.upper_open else ']'}"
        return f"{left}, {right}"


def _tighter_lower(a: Decimal | None, a_open: bool, b: Decimal | None, b_open: bool) -> tuple[Decimal | None, bool]:
    if a is None:
        return b, b_open
    if b is None or a > b:
        return a, a_open
    if b > a:
        return b, b_open
    return a, a_open or b_open


def _tighter_upper(a: Decimal | None, a_open: bool, b: Decimal | None, b_open: bool) -> tuple[Decimal | None, bool]:
    if a is None:
        return b, b_open
    if b is None or a < b:
        return a, a_open
    if b < a:
        return b, b_open
    return a, a_open or b_open


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value):,}"


def rounding_width(nominal: Decimal | None) -> Decimal:
    """How far a stated figure may be off because it was rounded.

    Half a unit of its last significant digit: a figure with k trailing zeros is known to
    10^k, except that from three zeros on only whole thousand-groups count, because such
    figures are stated with a scale word (110,000 is "110 thousand", known to the thousand:
    ±500; 670,000,000 is "670 million": ±500,000; 80 is known to the ten: ±5). Figures
    without trailing zeros (55, 178.3) are not widened.
    """
    if nominal is None or nominal == 0 or nominal != nominal.to_integral_value():
        return Decimal(0)
    digits = str(abs(int(nominal)))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros >= 3:
        zeros -= zeros % 3
    if zeros == 0:
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (zeros - 1)
