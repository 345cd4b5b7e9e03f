"""ISO weeks: the 1:1 rhythm's unit, written `2026-W48`.

Two ranges, one format (ASCII digits only: `\\d` would take `２０２６-W47`, a second name for 2026-W47):

- `is_week`: a week the app can store and compute around — years 1000–9997, so a year of weeks on
  either side and every date in them stay inside the calendar (`date` ends at 9999-12-31). The store
  names its files with these; nothing else is a week file.
- `week_problem`: a week a person may type (`--week`, `demo --until`) — years FIRST_YEAR–LAST_YEAR.
  A week outside that is a typo (0226-W47, 9026-W47), and far from the edge of `is_week`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")  # [0-9], not \d: only ASCII digits name a week

STORE_FIRST_YEAR, STORE_LAST_YEAR = 1000, 9997
FIRST_YEAR, LAST_YEAR = 1900, 2999


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _parse(text: object) -> tuple[int, int] | None:
    """(year, week) of an ISO week written `YYYY-Www` with ASCII digits, or None."""
    if not isinstance(text, str):
        return None
    match = _WEEK.fullmatch(text)  # fullmatch: `$` would let `2026-W48\n` through
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return year, week


@lru_cache(maxsize=1024)
def monday_of(week: str) -> date:
    parsed = _parse(week)
    if parsed is None:
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")
    return date.fromisocalendar(parsed[0], parsed[1], 1)


def shift(week: str, weeks: int) -> str:
    return week_of(monday_of(week) + timedelta(weeks=weeks))


def is_week(text: object) -> bool:
    """An ISO week the app stores and computes around: `YYYY-Www`, ASCII digits, years 1000–9997."""
    parsed = _parse(text)
    return parsed is not None and STORE_FIRST_YEAR <= parsed[0] <= STORE_LAST_YEAR


def week_problem(text: str) -> str | None:
    """Why `text` is not a week a person can ask for (None when it is): for a one-line message."""
    parsed = _parse(text)
    if parsed is None:
        return "is not an ISO week; write it like 2026-W48 (ASCII digits)"
    if not FIRST_YEAR <= parsed[0] <= LAST_YEAR:
        return f"is outside the years {FIRST_YEAR}–{LAST_YEAR}; write a week like 2026-W48"
    return None
