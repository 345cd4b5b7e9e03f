"""Issue 9, item 1: finishing a half-done 1:1 asks once; opening and leaving saves nothing."""

from __future__ import annotations

from textual.widgets import DataTable

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.records import SessionState
from oneonone_tui.domain.team import Stage
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.meeting import FinishQuestion, MeetingScreen
from oneonone_tui.ui.widgets import dom_id

from .conftest import SIZE

WEEK = "2026-W48"


async def _open(pilot, rep_id: str) -> MeetingScreen:
    table = pilot.app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep_id))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


async def _half_done(pilot, team) -> MeetingScreen:
    meeting = await _open(pilot, team.reps[0].id)
    metric = [m for m in team.metrics_in(Stage.RESULTS) if m.direction.value == "higher"][0]
    meeting.query_one("#" + dom_id("actual", metric.id)).focus()
    await pilot.pause()
    await pilot.press("1")
    await pilot.pause()
    return meeting


async def test_finishing_a_half_done_one_on_one_asks_what_is_missing_and_n_goes_back(make, team):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _half_done(pilot, team)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen is meeting and meeting.finish_question_shown
        assert isinstance(meeting.focused, FinishQuestion)
        text = str(meeting.query_one("#finish-missing").render())
        assert "1 gap without an answer" in text and "no commitment for next week" in text
        await pilot.press("a")  # a letter other than y / n is not typed into the field behind
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is meeting and not meeting.finish_question_shown
        assert meeting.session.state is SessionState.IN_PROGRESS
        assert not isinstance(meeting.focused, FinishQuestion), "back to the field the manager was in"


async def test_finish_anyway_marks_it_done_and_the_dashboard_counts_its_open_gaps(make, team):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await _half_done(pilot, team)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#reps", DataTable)
        cell = table.get_cell(team.reps[0].id, "This week")
        assert "done" in cell.plain and "1 gap open" in cell.plain
        assert app.saver.flush(timeout=10)
    assert app.store.get(team.reps[0].id, WEEK).state is SessionState.DONE


async def test_opening_and_leaving_without_typing_saves_no_session(make, team):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, team.reps[1].id)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#reps", DataTable)
        assert "not started" in table.get_cell(team.reps[1].id, "This week").plain
        assert app.saver.flush(timeout=10)
    assert app.store.get(team.reps[1].id, WEEK) is None


def test_missing_lists_every_part_in_words(team):
    from oneonone_tui.domain.records import Session
    from tests.conftest import TODAY

    session = one_on_one.begin(team.reps[0].id, WEEK, None)
    gaps = one_on_one.missing(team, team.reps[0], session, TODAY)
    assert gaps[-1] == "no commitment for next week"
    assert one_on_one.is_untouched(session)
    session.shared_notes = "x"
    assert not one_on_one.is_untouched(session)
    assert isinstance(session, Session)
