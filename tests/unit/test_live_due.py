"""Issue 9, item 8: `due:wed` typed on a Wednesday means next Wednesday (calendars, taskwarrior)."""

from datetime import date, timedelta

import pytest

from oneonone_tui.domain.commitments import parse_commitment, parse_due

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@pytest.mark.parametrize("offset", range(7))
def test_a_weekday_named_on_that_weekday_is_a_week_away(offset):
    today = date(2026, 11, 23) + timedelta(days=offset)  # Monday 23 Nov .. Sunday 29 Nov
    assert parse_due(WEEKDAYS[today.weekday()], today) == today + timedelta(weeks=1)


def test_due_wed_on_a_wednesday_in_a_commitment_line():
    parsed = parse_commitment("book 3 demos due:wed", date(2026, 11, 25))
    assert parsed.due == date(2026, 12, 2)
    assert parsed.notes == []


def test_today_still_means_today_and_the_other_days_are_this_week():
    wednesday = date(2026, 11, 25)
    assert parse_due("today", wednesday) == wednesday
    assert parse_due("thu", wednesday) == date(2026, 11, 26)
    assert parse_due("tue", wednesday) == date(2026, 12, 1)
