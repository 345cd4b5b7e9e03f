"""Keys on the dashboard (filter, weeks, help) and Activity folding as the numbers say."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from oneonone_tui.domain.team import Direction, Stage
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.meeting import ActivitySection, MeetingScreen
from oneonone_tui.ui.modals import HelpScreen
from oneonone_tui.ui.widgets import dom_id

from .conftest import SIZE


async def test_slash_filters_the_reps_by_name_and_escape_clears_it(make, team):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        assert table.row_count == len(team.reps)
        await pilot.press("slash", *team.reps[0].name.split()[0])
        assert table.row_count == 1
        await pilot.press("escape")
        assert table.row_count == len(team.reps)
        assert app.focused is table


async def test_square_brackets_move_between_past_weeks_and_t_comes_back_to_this_one(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        label = app.screen.query_one("#week-label", Static)
        assert "2026-W48" in str(label.render()) and "this week" in str(label.render())
        await pilot.press("left_square_bracket")
        assert "2026-W47" in str(label.render())
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert "2026-W48" in str(label.render()), "no 1:1s in weeks that have not come yet"
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert "2026-W45" in str(label.render())
        await pilot.press("t")
        assert "2026-W48" in str(label.render())


async def test_question_mark_opens_the_help_with_the_method_and_escape_closes_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "how come" in text.lower() and "ctrl+f" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


def _on_target_value(team, rep, metric) -> str:
    target = team.target_for(rep, metric)
    return str(int(target * 2)) if metric.direction is Direction.HIGHER else "0"


async def _open_and_put_everything_on_target(pilot, team, rep) -> MeetingScreen:
    table = pilot.app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep.id))
    await pilot.press("enter")
    await pilot.pause()
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    assert not meeting.query_one("#activity", ActivitySection).collapsed, "no numbers yet: activity stays open"
    for metric in team.metrics_in(Stage.RESULTS) + team.metrics_in(Stage.PIPELINE):
        meeting.query_one("#" + dom_id("actual", metric.id)).focus()
        await pilot.press(*_on_target_value(team, rep, metric))
    await pilot.pause()
    return meeting


async def test_activity_folds_when_results_and_pipeline_are_on_target_and_ctrl_o_opens_it(make, team):
    rep = team.reps[0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_and_put_everything_on_target(pilot, team, rep)
        activity = meeting.query_one("#activity", ActivitySection)
        assert activity.collapsed
        assert "activity is the rep's to manage" in str(meeting.query_one("#fold-reason", Static).render())
        await pilot.press("ctrl+o")
        assert not activity.collapsed
        assert app.saver.flush()
        assert app.sessions.get(rep.id, "2026-W48").activity_opened


async def test_activity_opens_when_a_result_is_short(make, team):
    rep = team.reps[0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_and_put_everything_on_target(pilot, team, rep)
        assert meeting.query_one("#activity", ActivitySection).collapsed
        first = team.metrics_in(Stage.RESULTS)[0]
        actual = meeting.query_one("#" + dom_id("actual", first.id))
        actual.focus()
        actual.value = ""
        await pilot.press("1")
        await pilot.pause()
        assert not meeting.query_one("#activity", ActivitySection).collapsed
        assert "short" in str(meeting.query_one("#fold-reason", Static).render())


async def test_a_second_window_opens_read_only_and_cannot_change_anything(make, team, db_path):
    from oneonone_tui.store import DatabaseInUse, Store

    writer = make()
    async with writer.run_test(size=SIZE):
        try:
            Store.open(db_path)
        except DatabaseInUse as error:
            assert error.pid is not None
        else:
            raise AssertionError("a second writer was allowed")
        reader = make(read_only=True)
        async with reader.run_test(size=SIZE) as pilot:
            assert reader.saver is None
            await pilot.press("enter")
            await pilot.pause()
            meeting = reader.screen
            assert isinstance(meeting, MeetingScreen)
            assert all(field.disabled for field in meeting.query(".actual"))
            await pilot.press("ctrl+f", "y")  # the finish question, answered yes
            assert isinstance(reader.screen, MeetingScreen)
