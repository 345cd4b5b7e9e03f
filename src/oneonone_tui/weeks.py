"""ISO weeks: the 1:1 rhythm's unit, written `2026-W48`."""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(week: str) -> date:
    match = _WEEK.match(week)
    if not match:
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")
    return date.fromisocalendar(int(match[1]), int(match[2]), 1)


def shift(week: str, weeks: int) -> str:
    return week_of(monday_of(week) + timedelta(weeks=weeks))


def is_week(text: str) -> bool:
    match = _WEEK.match(text)
    if not match:
        return False
    try:
        date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return False
    return True
