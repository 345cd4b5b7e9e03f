"""Follow-through in the pane, on demo data: every open commitment first, a miss asks how come, the
level updates as verdicts are given, and a miss can be carried forward as the same commitment."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.records import Owner, Verdict
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import Picker, ReviewRow

from .conftest import SIZE


async def _open_first(pilot) -> MeetingScreen:
    table = pilot.app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=0)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


async def test_open_commitments_come_first_and_a_miss_asks_how_come_and_moves_the_level(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_first(pilot)
        rows = meeting.review_rows()
        rep_rows = [r for r in rows if r.commitment.owner is Owner.REP]
        assert rep_rows, "last week's commitments are listed"
        assert meeting.query_one("#reviews").region.y < meeting.query_one("#stage-results").region.y
        titles = [str(s.render()) for s in meeting.query("#reviews .section-title").results(Static)]
        assert titles[0].startswith("Open commitments")
        before = meeting.escalation
        first = rep_rows[0]
        first.query_one(Picker).focus()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert meeting.session.verdict_for(first.commitment.id) is Verdict.NOT_KEPT
        assert first.asks_how_come
        question = str(first.query_one(".question", Static).render())
        assert question.startswith("How come")
        note = str(first.query_one(".review-note", Static).render())
        assert "Closed as not kept" in note and "press c" in note
        # The level is live: the same function the dashboard uses, on what the pane holds now.
        earlier = list(app.sessions.iter_history(meeting.session.rep_id, meeting.session.week))
        now = one_on_one.standing(meeting.session, earlier, app.team.escalation)
        assert meeting.escalation == now
        assert now.missed_weeks >= before.missed_weeks
        assert "W" in str(meeting.query_one("#escalation", Static).render())
        # Carry it forward: c, then Enter on an empty date: still one commitment, now due at the
        # next 1:1, and still open.
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        review = meeting.session.reviews[first.commitment.id]
        assert review.carried_to == one_on_one.next_one_on_one(
            one_on_one.held_on(meeting.session, meeting.session.week, app.today))
        assert first.commitment.id in [c.id for c in meeting.session.open_commitments()]
        assert "Carried forward to" in str(first.query_one(".review-note", Static).render())


async def test_h_shows_the_reps_history_with_sparklines_and_follow_through_and_escape_returns(make):
    from oneonone_tui.ui.dashboard import DashboardScreen
    from oneonone_tui.ui.history import HistoryScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        sparks = str(app.screen.query_one("#history-sparks", Static).render()).splitlines()
        assert [line[:28].strip() for line in sparks] == [m.label[:27] for m in app.team.metrics]
        assert all(len(line) == 28 + 3 * 12 and set(line[28:]) <= set("▁▂▃▄▅▆▇█") for line in sparks)
        summary = str(app.screen.query_one("#history-summary", Static).render())
        assert "4 weeks" in summary and "12 weeks" in summary and "effort" in summary
        weeks = str(app.screen.query_one("#history-weeks", Static).render())
        assert "2026-W47" in weeks and "kept" in weeks
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        meeting = await _open_first(pilot)
        meeting.query(Picker).first().focus()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting


async def test_c_ranks_every_open_commitment_by_urgency_and_enter_opens_that_reps_1on1(make):
    from oneonone_tui.domain import followthrough
    from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OpenCommitmentsScreen)
        assert screen.ranked, "demo data leaves commitments open"
        assert screen.ranked == followthrough.by_urgency(screen.ranked, app.today, screen.levels)
        assert any(item.mine for item in screen.ranked), "the manager's own are listed too"
        table = screen.query_one("#open-list", DataTable)
        assert table.row_count == len(screen.ranked)
        target = screen.ranked[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.rep.id == target.rep_id
