"""Recognition from any length of history (`followthrough.recognitions`), on long built histories:
"calls up 30% over 4 weeks", "back on target after 3 weeks short"; and an override starts a 1:1."""

from __future__ import annotations

from oneonone_tui.domain import followthrough, one_on_one
from oneonone_tui.domain.records import Level, MetricEntry, Session, SessionState
from oneonone_tui.domain.weeks import shift

REP = "maya_okafor"
LAST = "2026-W47"


def history(values: list[dict[str, float]], *, rep: str = REP, last: str = LAST) -> list[Session]:
    """One finished 1:1 a week, oldest first, ending with `last`, with these actuals."""
    sessions = []
    for back, actuals in enumerate(reversed(values)):
        week = shift(last, -back)
        sessions.append(Session(rep_id=rep, week=week, state=SessionState.DONE,
                                entries={m: MetricEntry(metric_id=m, actual=v) for m, v in actuals.items()}))
    return list(reversed(sessions))


def calls(*weekly: float) -> list[dict[str, float]]:
    return [{"prospecting_calls": v} for v in weekly]


ON, SHORT = {"closed_won_revenue": 1e9, "deals_won": 1e6}, {"closed_won_revenue": 1.0, "deals_won": 0.0}


def test_calls_up_30_percent_over_4_weeks_against_the_4_before_on_a_long_history(team):
    sessions = history(calls(*[150] * 20, 200, 200, 200, 200, 260, 260, 260, 260))
    label, rise = followthrough.improvement(team, REP, sessions)
    assert label == "Prospecting calls" and round(rise, 6) == 0.3
    said = followthrough.recognitions(team, REP, sessions)
    assert "Prospecting calls up 30% over 4 weeks" in said


def test_less_than_20_percent_up_or_fewer_than_8_weeks_recorded_says_nothing(team):
    assert followthrough.improvement(team, REP, history(calls(*[200] * 4, *[230] * 4))) is None  # 15%
    assert followthrough.improvement(team, REP, history(calls(*[100] * 3, *[200] * 4))) is None  # 7 weeks
    assert followthrough.improvement(team, REP, history(calls(*[260] * 4, *[200] * 4))) is None  # down


def test_weeks_without_the_metric_are_skipped_not_counted_as_zero(team):
    values = calls(100, 100, 100, 100) + [{}] * 5 + calls(125, 125, 125, 125)  # 1:1s without calls typed
    sessions = history(values)
    assert round(followthrough.improvement(team, REP, sessions)[1], 2) == 0.25


def test_a_lower_is_better_metric_improves_when_it_goes_down(team):
    cycle = [{"sales_cycle_days": v} for v in [60] * 4 + [45] * 4]
    label, rise = followthrough.improvement(team, REP, history(cycle))
    assert label.startswith("Sales cycle") and rise >= 0.2


def test_results_metrics_are_not_named_as_improvement(team):
    values = [{"proposals_sent": 3, **SHORT}] * 4 + [{"proposals_sent": 3, **ON}] * 4
    assert followthrough.improvement(team, REP, history(values)) is None


def test_back_on_target_after_3_weeks_short_on_a_long_history(team):
    values = [ON] * 20 + [SHORT] * 3 + [ON]
    sessions = history(values)
    assert followthrough.back_on_target(team, REP, sessions) == 3
    assert "Back on target after 3 weeks short" in followthrough.recognitions(team, REP, sessions)


def test_one_week_short_is_not_a_comeback_and_still_short_is_not_either(team):
    assert followthrough.back_on_target(team, REP, history([ON, SHORT, ON])) == 0
    assert followthrough.back_on_target(team, REP, history([ON, SHORT, SHORT, SHORT])) == 0
    assert followthrough.back_on_target(team, REP, history([SHORT, SHORT])) == 0
    assert followthrough.back_on_target(team, REP, history([ON] * 30)) == 0


def test_every_week_short_since_the_start_counts(team):
    assert followthrough.back_on_target(team, REP, history([SHORT] * 12 + [ON])) == 12


def test_a_week_without_results_neither_breaks_nor_extends_the_run(team):
    values = [ON, SHORT, {}, SHORT, {"prospecting_calls": 10}, ON]
    assert followthrough.back_on_target(team, REP, history(values)) == 2


def test_both_said_together_and_in_the_history_screens_recognition(team):
    values = ([{**ON, "prospecting_calls": 100}] * 8 + [{**SHORT, "prospecting_calls": 100}] * 4
              + [{**SHORT, "prospecting_calls": 130}] * 3 + [{**ON, "prospecting_calls": 130}])
    sessions = history(values)
    said = followthrough.recognitions(team, REP, sessions)
    assert said == ["Back on target after 7 weeks short", "Prospecting calls up 30% over 4 weeks"]
    shown = followthrough.rep_history(team, REP, sessions, until=LAST).recognition
    assert set(said) <= set(shown)


def test_a_level_override_alone_is_an_edit_that_starts_the_1on1():
    session = Session(rep_id=REP, week="2026-W48")
    assert one_on_one.is_untouched(session)
    session.level_override, session.override_reason = Level.COACHING, "back from leave"
    assert not one_on_one.is_untouched(session)


def test_carry_date_reads_the_grammars_due_from_the_day_of_the_1on1():
    from datetime import date

    from oneonone_tui.domain.followthrough import carry_date

    held, next_one = date(2026, 11, 24), date(2026, 12, 1)  # a Tuesday
    assert carry_date("", held, next_one) == (next_one, "")
    assert carry_date("due:fri", held, next_one) == (date(2026, 11, 27), "")
    assert carry_date("  +1w ", held, next_one) == (date(2026, 12, 1), "")
    assert carry_date("due: 12-04", held, next_one) == (date(2026, 12, 4), "")
    due, problem = carry_date("someday\x1b", held, next_one)
    assert due is None and "not a date" in problem and "\x1b" not in problem
    due, problem = carry_date("2026-11-20", held, next_one)
    assert due is None and "before this 1:1" in problem


def test_every_screen_reads_at_most_the_horizon_of_a_rep_s_history():
    """The dashboard, the pane, the `c` list and the history read the same last 26 1:1s (not five years)."""
    from itertools import count

    from oneonone_tui.domain import one_on_one
    from oneonone_tui.domain.records import Session, SessionState

    read = count()

    def endless():
        for n in range(1000):
            next(read)
            yield Session(rep_id="ana", week=f"{2026 - n // 52}-W{52 - n % 52:02d}", state=SessionState.DONE)

    assert len(one_on_one.recent(endless())) == one_on_one.HISTORY_HORIZON
    assert next(read) == one_on_one.HISTORY_HORIZON  # nothing beyond the horizon was read
