"""The accountability progression: pro-rating, gaps, Activity folding, how-come questions, plans."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone_tui.domain.records import Diagnosis, MetricEntry, Session
from oneonone_tui.domain.progression import (
    ACTIVITY_FOLD_REASON,
    Standing,
    activity_folded,
    format_value,
    how_come,
    period_fraction,
    plan_for,
    results_attainment,
    standing,
    standings,
)
from oneonone_tui.domain.team import Direction, Indicator, Metric, Period, Rep, Stage, Team
from dataclasses import replace
from datetime import date, timedelta

from oneonone_tui.domain.weeks import monday_of

REVENUE = Metric(id="revenue", label="Closed-won revenue", stage=Stage.RESULTS, indicator=Indicator.LAGGING,
                 unit="$", period=Period.QUARTER, target=45000)
DEALS = Metric(id="deals", label="Deals won", stage=Stage.RESULTS, indicator=Indicator.LAGGING, period=Period.MONTH, target=3)
LEADS = Metric(id="leads", label="Qualified leads", stage=Stage.PIPELINE, indicator=Indicator.LEADING,
               period=Period.MONTH, target=15)
CYCLE = Metric(id="cycle", label="Sales cycle", stage=Stage.PIPELINE, indicator=Indicator.QUALITY, unit="days",
               period=Period.MONTH, target=45, direction=Direction.LOWER)
CALLS = Metric(id="calls", label="Prospecting calls", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, target=40)
FOLLOW_UP = Metric(id="followup", label="Follow-up within 24h", stage=Stage.ACTIVITY, indicator=Indicator.LEADING,
                   unit="%", period=Period.MONTH, target=90)

SAM = Rep(id="sam", name="Sam Okafor")
ANA = Rep(id="ana", name="Ana Lindqvist", targets={"leads": 20})
TEAM = Team(name="East", manager="Chris", metrics=[REVENUE, DEALS, LEADS, CYCLE, CALLS, FOLLOW_UP], reps=[SAM, ANA])

FULL_MONTH = "2026-W22"  # Sunday 31 May 2026: the whole of May has gone by


def at(metric: Metric, actual: float | None, week: str = FULL_MONTH, rep: Rep = SAM) -> Standing:
    """Held on the Sunday that ends `week` (a 1:1 may be held on a Sunday: to date is to that day)."""
    return standing(TEAM, rep, metric, actual, week, monday_of(week) + timedelta(days=6))


# ----- Activity folding --------------------------------------------------------------------------


def test_activity_stays_folded_when_results_and_pipeline_are_on_target():
    results = [at(REVENUE, 50000), at(DEALS, 3)]
    pipeline = [at(LEADS, 15), at(CYCLE, 40)]
    assert activity_folded(results, pipeline)
    assert ACTIVITY_FOLD_REASON == "Results and pipeline on target: activity is the rep's to manage."


def test_activity_opens_when_a_result_is_short():
    assert not activity_folded([at(REVENUE, 50000), at(DEALS, 2)], [at(LEADS, 15), at(CYCLE, 40)])


def test_activity_opens_when_the_pipeline_is_short():
    assert not activity_folded([at(REVENUE, 50000), at(DEALS, 3)], [at(LEADS, 15), at(CYCLE, 52)])


def test_activity_stays_open_until_every_result_and_pipeline_actual_is_in():
    assert not activity_folded([at(REVENUE, 50000), at(DEALS, None)], [at(LEADS, 15), at(CYCLE, 40)])


def test_activity_is_not_folded_with_no_data_at_all():
    assert not activity_folded([], [])
    assert not activity_folded([at(REVENUE, None)], [at(LEADS, None)])


def test_a_stage_without_metrics_does_not_hold_activity_open_by_itself():
    assert activity_folded([at(REVENUE, 50000)], [])
    assert activity_folded([], [at(LEADS, 16)])


# ----- pro-rating --------------------------------------------------------------------------------


def test_weekly_metrics_are_never_pro_rated():
    assert period_fraction(Period.WEEK, "2026-W03") == 1.0
    s = at(CALLS, 25, "2026-W03")
    assert (s.target, s.full_target, s.period_fraction) == (40, 40, 1.0)


def test_a_month_never_held_is_pro_rated_to_the_weeks_last_working_day():
    # A 1:1 of 2026-W03 never held counts to Friday 16 January: 16 of January's 31 days.
    assert period_fraction(Period.MONTH, "2026-W03") == pytest.approx(16 / 31)
    s = standing(TEAM, SAM, LEADS, 6, "2026-W03")
    assert s.full_target == 15
    assert s.target == 8  # 15 × 16/31 = 7.7, shown and compared as a whole lead


def test_a_week_across_a_month_end_counts_in_the_month_of_the_day_counted_to():
    # 2026-W14 runs Monday 30 March to Sunday 5 April: never held, Friday 3 April, 3 of April's 30 days;
    # held on Monday 30 March, March to date (30 of 31).
    assert period_fraction(Period.MONTH, "2026-W14") == pytest.approx(3 / 30)
    assert period_fraction(Period.MONTH, "2026-W14", date(2026, 3, 30)) == pytest.approx(30 / 31)


def test_a_quarter_is_pro_rated_by_days():
    # 2026-W12's Friday is 20 March: day 79 of the 90 in Q1 2026.
    assert period_fraction(Period.QUARTER, "2026-W12") == pytest.approx(79 / 90)
    assert standing(TEAM, SAM, REVENUE, 30000, "2026-W12").target == 39500
    assert at(REVENUE, 30000, "2026-W12").target == 40500  # held on Sunday 22 March: day 81


def test_pro_rated_targets_round_half_up_at_the_targets_own_precision():
    # Held on Sunday 20 September 2026: 20 of 30 days, 15 × 2/3 = 10 exactly; 3 deals × 2/3 = 2.
    sunday = date(2026, 9, 20)
    assert standing(TEAM, SAM, LEADS, 6, "2026-W38", sunday).target == 10
    assert standing(TEAM, SAM, DEALS, 1, "2026-W38", sunday).target == 2
    half = Metric(id="half", label="Demos", stage=Stage.PIPELINE, indicator=Indicator.LEADING, period=Period.MONTH, target=21)
    team = replace(TEAM, metrics=[half])
    assert standing(team, SAM, half, 1, "2026-W38", sunday).target == 14  # 14.0
    assert standing(team, SAM, half, 1, "2025-W16", date(2025, 4, 20)).target == 14  # 21 × 20/30 = 14


def test_quality_metrics_are_levels_and_are_not_pro_rated():
    s = at(CYCLE, 52, "2026-W03")
    assert s.target == 45
    assert s.period_fraction == pytest.approx(18 / 31)


def test_percent_metrics_are_levels_and_are_not_pro_rated():
    assert at(FOLLOW_UP, 80, "2026-W03").target == 90


def test_a_reps_own_target_is_honoured():
    s = at(LEADS, 20, rep=ANA)
    assert s.full_target == 20
    assert s.on_target
    assert standing(TEAM, "ana", LEADS, 20, FULL_MONTH).full_target == 20


# ----- gaps --------------------------------------------------------------------------------------


def test_higher_is_better_gap_is_how_far_short():
    s = at(CALLS, 25)
    assert (s.on_target, s.gap, s.attainment) == (False, 15, 25 / 40)
    assert at(CALLS, 44).gap == 0


def test_lower_is_better_is_short_when_above_target():
    short = at(CYCLE, 52)
    assert (short.on_target, short.gap) == (False, 7)
    assert short.attainment == pytest.approx(45 / 52)
    ahead = at(CYCLE, 40)
    assert (ahead.on_target, ahead.gap) == (True, 0)
    assert ahead.attainment == pytest.approx(45 / 40)
    assert at(CYCLE, 45).on_target


def test_no_actual_means_no_verdict():
    s = at(CALLS, None)
    assert (s.attainment, s.on_target, s.gap, how_come(s)) == (None, None, None, None)


def test_a_zero_target_is_met_by_any_non_negative_actual():
    zero = Metric(id="z", label="Escalations", stage=Stage.RESULTS, indicator=Indicator.LAGGING, target=0)
    team = replace(TEAM, metrics=[zero])
    s = standing(team, SAM, zero, 0, FULL_MONTH)
    assert (s.attainment, s.on_target, s.gap) == (1.0, True, 0)
    assert standing(team, SAM, zero, 4, FULL_MONTH).attainment == 1.0


def test_lower_is_better_with_a_zero_actual_is_met_without_dividing_by_zero():
    s = at(CYCLE, 0)
    assert (s.attainment, s.on_target, s.gap) == (1.0, True, 0)
    zero = Metric(id="z", label="Lost deals", stage=Stage.RESULTS, indicator=Indicator.QUALITY, target=0, direction=Direction.LOWER)
    team = replace(TEAM, metrics=[zero])
    assert standing(team, SAM, zero, 0, FULL_MONTH).on_target
    over = standing(team, SAM, zero, 2, FULL_MONTH)
    assert (over.on_target, over.gap, over.attainment) == (False, 2, 0.0)


# ----- how come ----------------------------------------------------------------------------------


def test_how_come_for_a_weekly_count():
    assert how_come(at(CALLS, 25)) == "How come 25 of 40 prospecting calls this week?"


def test_how_come_for_a_month_part_way_through_says_so_far_and_the_whole_target():
    assert how_come(at(LEADS, 6, "2026-W38")) == (
        "How come 6 of 10 qualified leads so far this month (target 15 for the month)?")


def test_how_come_at_the_end_of_the_month_drops_the_so_far():
    assert how_come(at(LEADS, 12)) == "How come 12 of 15 qualified leads this month?"


def test_how_come_formats_money():
    assert how_come(at(REVENUE, 38500, "2024-W26")) == "How come $38,500 of $45,000 closed-won revenue this quarter?"
    assert how_come(at(REVENUE, 30000, "2026-W12")) == (
        "How come $30,000 of $40,500 closed-won revenue so far this quarter (target $45,000 for the quarter)?")


def test_how_come_for_lower_is_better_uses_the_label():
    assert how_come(at(CYCLE, 52)) == "How come the sales cycle is 52 days against a target of 45?"


def test_how_come_for_a_percent_level():
    assert how_come(at(FOLLOW_UP, 80.5)) == "How come the follow-up within 24h is 80.5% against a target of 90%?"


def test_how_come_names_a_word_unit_the_label_does_not():
    hours = Metric(id="hours", label="Selling time", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, unit="hours", target=20)
    team = replace(TEAM, metrics=[hours])
    assert how_come(standing(team, SAM, hours, 12, FULL_MONTH)) == "How come 12 of 20 hours of selling time this week?"


def test_how_come_does_not_repeat_a_unit_the_label_already_names():
    opps = Metric(id="opps", label="Opportunities created", stage=Stage.PIPELINE, indicator=Indicator.LEADING, unit="opps",
                  target=8)
    revenue = Metric(id="rev", label="Closed-won revenue", stage=Stage.RESULTS, indicator=Indicator.LAGGING, unit="USD",
                     period=Period.MONTH, target=60000)
    team = replace(TEAM, metrics=[opps, revenue])
    assert how_come(standing(team, SAM, opps, 3, FULL_MONTH)) == "How come 3 of 8 opportunities created this week?"
    assert how_come(standing(team, SAM, revenue, 38500, FULL_MONTH, date(2026, 5, 31))) == (
        "How come $38,500 of $60,000 closed-won revenue this month?")


def test_how_come_keeps_an_acronym_label_as_written():
    sqls = Metric(id="sqls", label="SQLs", stage=Stage.PIPELINE, indicator=Indicator.LEADING, target=10)
    team = replace(TEAM, metrics=[sqls])
    assert how_come(standing(team, SAM, sqls, 7, FULL_MONTH)) == "How come 7 of 10 SQLs this week?"


def test_no_question_when_on_target():
    assert how_come(at(CALLS, 40)) is None
    assert how_come(at(CYCLE, 30)) is None


_metrics = st.builds(
    lambda label, unit, period, indicator, direction, target: Metric(
        id="m", label=label, stage=Stage.RESULTS, indicator=indicator, unit=unit, period=period, target=target,
        direction=direction),
    label=st.sampled_from(["Prospecting calls", "Closed-won revenue", "Sales cycle", "Win rate", "SQLs"]),
    unit=st.sampled_from(["", "$", "%", "days", "calls", "€"]),
    period=st.sampled_from(list(Period)),
    indicator=st.sampled_from(["lagging", "leading", "quality"]),
    direction=st.sampled_from(["higher", "lower"]),
    target=st.floats(min_value=0, max_value=1e7, allow_nan=False),
)


@given(metric=_metrics, actual=st.floats(min_value=0, max_value=1e8, allow_nan=False),
       week=st.sampled_from(["2026-W01", "2026-W03", "2026-W14", "2026-W38", "2024-W26", "2026-W53"]))
def test_how_come_never_asks_why(metric, actual, week):
    team = replace(TEAM, metrics=[metric])
    s = standing(team, SAM, metric, actual, week)
    question = how_come(s)
    if s.on_target:
        assert question is None
    else:
        assert question is not None and question.startswith("How come ")
        assert "why" not in question.lower()
        assert s.gap is not None and s.gap > 0


# ----- numbers and plans -------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "unit", "text"), [
    (25, "", "25"),
    (25.0, "calls", "25 calls"),
    (2.5, "", "2.5"),
    (1 / 3, "", "0.33"),
    (1200, "", "1,200"),
    (38500, "$", "$38,500"),
    (12.5, "$", "$12.50"),
    (-500, "$", "-$500"),
    (18, "%", "18%"),
    (80.5, "%", "80.5%"),
    (52, "days", "52 days"),
    (0, "€", "€0"),
    (60000, "USD", "$60,000"),
    (60000, "usd", "$60,000"),
    (1500.5, "CHF", "CHF 1,500.50"),
])
def test_format_value_has_no_needless_decimals(value, unit, text):
    assert format_value(value, unit) == text


def test_plan_for_effort_plans_the_time():
    assert plan_for(Diagnosis.EFFORT) == "Plan the time: block it in the calendar, and reinforce why it matters."


def test_plan_for_effectiveness_coaches_the_named_skill():
    assert plan_for(Diagnosis.EFFECTIVENESS, "objection handling") == (
        "Coach the skill: objection handling — role-play it before the next 1:1.")
    assert plan_for(Diagnosis.EFFECTIVENESS) == "Coach the skill: name the skill — role-play it before the next 1:1."


def test_plan_for_external_checks_the_target():
    assert plan_for(Diagnosis.EXTERNAL) == (
        "Check the territory, target or market with your own manager; adjust the target if it is wrong.")


# ----- a whole session ---------------------------------------------------------------------------


def session(week: str = FULL_MONTH, **actuals: float) -> Session:
    return Session(rep_id="sam", week=week,
                   entries={k: MetricEntry(metric_id=k, actual=v) for k, v in actuals.items()})


def test_standings_walk_a_stage_in_team_file_order_with_the_sessions_actuals():
    result = standings(TEAM, SAM, session(leads=12), Stage.PIPELINE, FULL_MONTH)
    assert [(s.metric.id, s.actual) for s in result] == [("leads", 12), ("cycle", None)]
    assert [s.actual for s in standings(TEAM, SAM, None, Stage.RESULTS, FULL_MONTH)] == [None, None]


def test_results_attainment_is_the_mean_over_results_with_actuals():
    quarter_end = "2024-W26"  # Sunday 30 June 2024: the end of a month and of a quarter
    both = session(quarter_end, revenue=45000, deals=1.5)
    sunday = date(2024, 6, 30)
    assert results_attainment(TEAM, SAM, both, quarter_end, sunday) == pytest.approx(0.75)
    assert results_attainment(TEAM, SAM, session(quarter_end, revenue=36000), quarter_end, sunday) == pytest.approx(0.8)
    assert results_attainment(TEAM, SAM, session(leads=3), FULL_MONTH) is None
    assert results_attainment(TEAM, SAM, None, FULL_MONTH) is None


def test_the_domain_modules_never_import_textual():
    code = ("import sys; import oneonone_tui.domain.progression, oneonone_tui.domain.commitments, oneonone_tui.domain.escalation, "
            "oneonone_tui.demo; sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@given(st.lists(st.tuples(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12),
                                    st.sampled_from([0.0, -0.0, 0, 1, 1.0, 12.5, -12.5, 0.005, -0.004])),
                          st.sampled_from(["$", "USD", " usd ", "EUR", "CHF", "%", "calls", "", " ", "days", "€", "k$"])),
                min_size=1, max_size=40))
def test_numbers_and_units_are_said_the_same_whatever_was_said_before(pairs):
    """format_value and money_prefix remember what they said (an export says the same few thousand
    amounts ~100k times): the words never depend on what came first — 0 after -0.0, 5 after 5.0,
    NaN after NaN — and are those of the rule itself."""
    from oneonone_tui.domain import progression

    for value, unit in pairs:
        for v in (value, -value if value == value else value):
            assert progression.format_value(v, unit) == progression.format_value.__wrapped__(v, unit)
            assert progression.money_prefix(unit) == progression.money_prefix.__wrapped__(unit)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31)), st.sampled_from([Period.MONTH, Period.QUARTER]))
def test_period_bounds_are_the_calendar_month_or_quarter(day, period):
    """The month or quarter a day falls in, first and last day, as `calendar.monthrange` has them
    (leap Februaries, December's year end, quarters ending in March, June, September, December)."""
    import calendar

    from oneonone_tui.domain.progression import _period_bounds

    start, end = _period_bounds.__wrapped__(period, day)
    assert start <= day <= end and start.year == end.year == day.year
    assert start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if period is Period.MONTH:
        assert start.month == end.month == day.month
    else:
        assert start.month in (1, 4, 7, 10) and end.month == start.month + 2
