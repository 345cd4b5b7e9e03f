"""Issue 9, item 2: "to date" is to the day the 1:1 is held, and the screen names the period and the day."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.progression import period_fraction, standing
from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Indicator, Metric, Period, Rep, Stage
from oneonone_tui.domain.weeks import week_of

REVENUE = Metric(id="revenue", label="Closed-won revenue", stage=Stage.RESULTS, indicator=Indicator.LAGGING,
                 unit="USD", period=Period.MONTH, target=60000)
QUARTERLY = replace(REVENUE, id="q", period=Period.QUARTER, target=90000)
CALLS = Metric(id="calls", label="Prospecting calls", stage=Stage.ACTIVITY, indicator=Indicator.LEADING,
               unit="calls", target=200)
SAM = Rep(id="sam", name="Sam", role="AE")


@pytest.fixture
def team(team):
    return replace(team, metrics=[REVENUE, QUARTERLY, CALLS], reps=[SAM])


def test_the_week_of_monday_30_november_held_that_monday_is_november_to_date(team):
    # The bug: the Sunday (6 December) made it "December to date", and $58,000 read as 499%.
    held = date(2026, 11, 30)
    s = standing(team, SAM, REVENUE, 58000, "2026-W49", held)
    assert s.target == 60000 and s.full_target == 60000
    assert s.attainment == pytest.approx(58000 / 60000)
    assert s.target_text() == "target $60,000 · Nov 1–30"


def test_the_same_week_held_on_tuesday_1_december_is_december_to_date(team):
    s = standing(team, SAM, REVENUE, 2000, "2026-W49", date(2026, 12, 1))
    assert s.target == 1935  # 60,000 × 1/31
    assert s.target_text() == "to date $1,935 of $60,000 · Dec 1"


def test_mid_month_says_to_date_and_names_the_days(team):
    s = standing(team, SAM, REVENUE, 40000, "2026-W48", date(2026, 11, 24))
    assert s.target_text() == "to date $48,000 of $60,000 · Nov 1–24"


def test_a_quarter_names_its_first_month_and_the_day(team):
    s = standing(team, SAM, QUARTERLY, 40000, "2026-W48", date(2026, 11, 24))
    assert s.target_text().endswith("· Oct 1–Nov 24")
    assert s.period_fraction == pytest.approx(55 / 92)


def test_quarter_and_year_boundaries():
    # Held Wednesday 31 December 2025: the whole of Q4 and of December; Thursday 1 January: day 1 of both.
    assert period_fraction(Period.QUARTER, "2026-W01", date(2025, 12, 31)) == 1.0
    assert period_fraction(Period.MONTH, "2026-W01", date(2025, 12, 31)) == 1.0
    assert period_fraction(Period.QUARTER, "2026-W01", date(2026, 1, 1)) == pytest.approx(1 / 90)
    assert period_fraction(Period.MONTH, "2026-W01", date(2026, 1, 1)) == pytest.approx(1 / 31)


def test_iso_week_53_counts_to_its_friday_or_the_day_held():
    # 2026-W53 runs Monday 28 December 2026 to Sunday 3 January 2027; never held: Friday 1 January 2027.
    assert period_fraction(Period.MONTH, "2026-W53") == pytest.approx(1 / 31)
    assert period_fraction(Period.MONTH, "2026-W53", date(2026, 12, 29)) == pytest.approx(29 / 31)
    assert period_fraction(Period.QUARTER, "2026-W53", date(2026, 12, 29)) == pytest.approx(90 / 92)


def test_a_one_on_one_held_on_a_sunday(team):
    sunday = date(2026, 11, 29)
    session = Session(rep_id="sam", week="2026-W48", started_at=datetime(2026, 11, 29, 18, 0))
    held = one_on_one.held_on(session, "2026-W48", date(2026, 12, 3))
    assert held == sunday
    assert standing(team, SAM, REVENUE, 1, "2026-W48", held).target == 58000  # 29 of 30 days


def test_held_on_a_past_week_never_held_is_its_friday_and_this_week_is_today():
    assert one_on_one.held_on(None, "2026-W47", date(2026, 11, 24)) == date(2026, 11, 20)
    assert one_on_one.held_on(None, "2026-W48", date(2026, 11, 24)) == date(2026, 11, 24)
    assert week_of(date(2026, 11, 24)) == "2026-W48"


def test_weekly_metrics_name_the_week_not_days(team):
    assert standing(team, SAM, CALLS, 120, "2026-W48", date(2026, 11, 24)).target_text() == "target 200 calls/week"
