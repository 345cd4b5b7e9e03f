"""The dashboard and the meeting pane tell the manager the same thing about a rep's standing.

Both come from `domain.one_on_one.standing`; these tests open every rep's 1:1 from the dashboard,
in several weeks, and compare what the pane shows with the dashboard's row: the level, the count
of missed weeks and the recognition. On `oneonone demo` data, and on histories built by hand to
catch the cases two derivations used to disagree on: the oldest misses at the window's edge,
skipped weeks, a kept streak longer than the window, a 1:1 opened but not judged yet.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from oneonone_tui.domain.escalation import Level
from oneonone_tui.domain.records import Commitment, Review, Session, SessionState, Verdict
from oneonone_tui.domain.weeks import monday_of, shift
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.meeting import MeetingScreen

from .conftest import SIZE


async def _pane_standing(pilot, rep_id: str, week: str):
    app = pilot.app
    app.open_meeting(rep_id, week)
    for _ in range(200):
        await pilot.pause(0.01)
        if isinstance(app.screen, MeetingScreen) and app.screen.is_mounted:
            break
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    shown = str(screen.query_one("#escalation").render())
    standing = screen.escalation
    app.drop_held_keys()
    screen.dismiss("back")
    await pilot.pause()
    return standing, shown


async def _compare_every_rep(app, weeks: list[str]) -> int:
    compared = 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for week in weeks:
            overview = app.load_overview(week)
            assert overview is not None
            for row in overview.rows:
                pane, shown = await _pane_standing(pilot, row.rep.id, week)
                dashboard = row.escalation
                assert (pane.level, pane.missed_weeks, pane.kept_streak, pane.recognition) == (
                    dashboard.level, dashboard.missed_weeks, dashboard.kept_streak, dashboard.recognition), (
                    row.rep.id, week)
                assert dashboard.reason in shown
                if dashboard.recognition:
                    assert dashboard.recognition in shown
                compared += 1
            assert isinstance(app.screen, DashboardScreen)
    return compared


async def test_on_demo_history_every_rep_stands_the_same_on_both_screens(make, team):
    app = make(history_weeks=26)
    weeks = ["2026-W47", "2026-W40", "2026-W48"]  # the last week held, one mid-history, this week (not held)
    assert await _compare_every_rep(app, weeks) == len(team.reps) * len(weeks)


def _held(rep_id: str, week: str, verdicts: list[Verdict], state=SessionState.DONE) -> Session:
    made_in = shift(week, -1)
    to_review = [Commitment(id=f"{rep_id}-{made_in}-{n}", text=f"task {n}", due=monday_of(week) + timedelta(days=1),
                            made_week=made_in) for n in range(len(verdicts))]
    when = datetime.combine(monday_of(week) + timedelta(days=1), datetime.min.time()).replace(hour=10)
    return Session(rep_id=rep_id, week=week, state=state, to_review=to_review,
                   reviews={c.id: Review(commitment_id=c.id, verdict=v) for c, v in zip(to_review, verdicts)},
                   started_at=when, finished_at=when + timedelta(minutes=25) if state is SessionState.DONE else None)


K, N = Verdict.KEPT, Verdict.NOT_KEPT


@pytest.mark.parametrize("case", ["oldest-four-of-seven-missed", "skipped-weeks", "streak-longer-than-window",
                                  "opened-not-judged"])
async def test_on_hand_built_histories_the_pane_and_the_dashboard_agree(make, team, case):
    rep = team.reps[0].id
    this_week = "2026-W48"
    app = make()
    weeks = [shift(this_week, -n) for n in range(7, 0, -1)]  # W41..W47, oldest first
    if case == "oldest-four-of-seven-missed":
        sessions = [_held(rep, w, [N] if i < 4 else [K]) for i, w in enumerate(weeks)]
    elif case == "skipped-weeks":
        sessions = [_held(rep, w, [N]) for w in weeks[:2]] + [_held(rep, weeks[5], [K])]
    elif case == "streak-longer-than-window":
        sessions = [_held(rep, shift(this_week, -n), [K, K]) for n in range(20, 0, -1)]
    else:  # this week's 1:1 opened, nothing judged yet: it must not push the oldest miss out
        sessions = [_held(rep, w, [N] if i == 1 else [K]) for i, w in enumerate(weeks)]
        sessions.append(_held(rep, this_week, [], state=SessionState.IN_PROGRESS))
    for session in sessions:
        app.store.save(session)
    await _compare_every_rep(app, [this_week, "2026-W47"])
    overview = app.load_overview(this_week)
    standing = next(row.escalation for row in overview.rows if row.rep.id == rep)
    if case == "oldest-four-of-seven-missed":
        assert (standing.level, standing.missed_weeks) == (Level.PIP, 3)  # window of 6: W42..W47
    elif case == "streak-longer-than-window":
        assert standing.kept_streak == 40  # read back beyond the 6-week window
    elif case == "opened-not-judged":
        assert standing.missed_weeks == 1  # the 6 held weeks W42..W47 still count

