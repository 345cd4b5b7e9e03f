"""`s` shows the manager's scorecard (Escape returns); `l` logs a coaching activity in one line."""

from __future__ import annotations

from textual.widgets import Input, Static

from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.scorecard import ActivityLogScreen, ScorecardScreen

from .conftest import SIZE


async def test_s_shows_the_scorecard_and_escape_returns(make):
    app = make(history_weeks=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        text = "\n".join(str(static.render()) for static in screen.query(Static))
        assert "1:1s held, last 13 weeks: 48/104 (46%)" in text  # 6 weeks x 8 reps held, 13 x 8 due
        assert "Reps per escalation level" in text and "Signals" in text
        assert len(screen.query(Static)) == 7  # a title, five sections, the signals
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_l_logs_a_coaching_line_with_the_week_and_the_scorecard_counts_it(make, db_path):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ActivityLogScreen)
        await pilot.press(*"lunch with maya", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivityLogScreen), "not an activity: the box stays, saying why"
        assert "start with pre-brief, debrief or ride-along" in str(app.screen.query_one("#log-error").render())
        app.screen.query_one("#log-line", Input).value = ""
        await pilot.press(*"debrief priya on Acme", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        [logged] = app.store.activities("2026-W48")
        assert (logged.kind.value, logged.rep_id, logged.about) == ("debrief", "priya_raman", "Acme")
        await pilot.press("s")
        await pilot.pause()
        text = "\n".join(str(static.render()) for static in app.screen.query(Static))
        assert "Priya Raman 0/1/0" in text
    from oneonone_tui.store import Store

    with Store.open(db_path, read_only=True) as store:  # kept on disk with its week
        assert [a.text for a in store.activities("2026-W48")] == ["debrief priya on Acme"]
