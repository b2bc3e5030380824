"""Phase timeframes: units, comparison and ISO-8601 durations (pure, no Django models)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Hours per unit, for ordering phases only. A month is the mean Gregorian month;
# the ISO-8601 output keeps the author's own unit, so no rounding leaks out.
HOURS_PER_UNIT: dict[str, Decimal] = {
    "hours": Decimal(1),
    "days": Decimal(24),
    "weeks": Decimal(24 * 7),
    "months": Decimal("730.485"),
}
UNIT_CHOICES = [("hours", "hours"), ("days", "days"), ("weeks", "weeks"), ("months", "months")]
_ISO_DESIGNATOR = {
    "hours": ("PT", "H"),
    "days": ("P", "D"),
    "weeks": ("P", "W"),
    "months": ("P", "M"),
}


@dataclass(frozen=True)
class Timeframe:
    """An amount of time after treatment, e.g. 3 days."""

    value: int
    unit: str

    @property
    def hours(self) -> Decimal:
        return self.value * HOURS_PER_UNIT[self.unit]

    def iso8601(self) -> str:
        prefix, suffix = _ISO_DESIGNATOR[self.unit]
        return f"{prefix}{self.value}{suffix}"

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.value == 1 else self.unit
        return f"{self.value} {unit}"


def timeframe_from(value: dict | None) -> Timeframe | None:
    """Build a Timeframe from a block value ({"value", "unit"}); None when open-ended."""
    if not value or value.get("value") in (None, ""):
        return None
    return Timeframe(int(value["value"]), value.get("unit") or "days")


@dataclass(frozen=True)
class PhaseOrderError:
    """A phase whose timeframe contradicts itself or the phase before it."""

    index: int
    message: str


def phase_order_errors(
    phases: list[tuple[Timeframe | None, Timeframe | None]],
) -> list[PhaseOrderError]:
    """Check (start, end) pairs: no phase starts before the previous one or ends before it starts."""
    errors: list[PhaseOrderError] = []
    previous_start: Timeframe | None = None
    for index, (start, end) in enumerate(phases):
        if start is not None and end is not None and end.hours < start.hours:
            errors.append(
                PhaseOrderError(index, f"This phase ends ({end}) before it starts ({start}).")
            )
        elif (
            start is not None and previous_start is not None and start.hours < previous_start.hours
        ):
            errors.append(
                PhaseOrderError(
                    index,
                    f"This phase starts ({start}) before the previous phase starts "
                    f"({previous_start}). Order phases by when they begin.",
                )
            )
        if start is not None:
            previous_start = start
    return errors


_UNIT_NAMES = {
    "hours": ("Hour", "Hours"),
    "days": ("Day", "Days"),
    "weeks": ("Week", "Weeks"),
    "months": ("Month", "Months"),
}


def span_label(start: Timeframe | None, end: Timeframe | None) -> str:
    """A phase's timeframe the way a timeline reads it: "Day 0", "Days 2–5", "Weeks 2–12",
    "Day 2 – week 3", "Week 3 onwards".

    A start of 0 is "day 0" in any unit (it is the treatment itself), and takes the end's unit
    so that 0 hours to 3 days reads "Days 0–3".
    """
    if start is None:
        return ""
    if start.value == 0:
        start = Timeframe(0, end.unit if end is not None else "days")
    singular, plural = _UNIT_NAMES[start.unit]
    if end is None:
        return f"{singular} {start.value} onwards"
    if end.unit == start.unit:
        if end.value == start.value:
            return f"{singular} {start.value}"
        return f"{plural} {start.value}–{end.value}"
    return f"{singular} {start.value} – {_UNIT_NAMES[end.unit][0].lower()} {end.value}"
