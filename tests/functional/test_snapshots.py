"""What the manager sees: the dashboard and the meeting pane at 80x24 and 120x40, dark and light."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from oneonone_tui.domain.team import Stage
from oneonone_tui.ui.widgets import dom_id


async def _open_first_rep_and_fill(pilot) -> None:
    app = pilot.app
    team = app.team
    table = app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(team.reps[0].id))
    await pilot.press("enter")
    await pilot.pause()
    results = team.metrics_in(Stage.RESULTS)
    first = results[0]
    app.screen.query_one("#" + dom_id("actual", first.id)).focus()
    await pilot.press(*"1")
    app.screen.query_one("#" + dom_id("answer", first.id)).focus()
    await pilot.press(*"Two deals slipped to December")
    app.screen.query_one("#" + dom_id("diagnosis", first.id)).focus()
    await pilot.press("f")
    await pilot.pause()
    app.saver.flush()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_dashboard_lists_every_rep_with_this_weeks_state(snap_compare, make, size):
    assert snap_compare(make(history_weeks=8), terminal_size=size)


def test_dashboard_of_a_new_team_says_never_and_not_started(snap_compare, make):
    assert snap_compare(make(), terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_meeting_pane_asks_how_come_under_a_short_result(snap_compare, make, size):
    assert snap_compare(make(history_weeks=8), terminal_size=size, run_before=_open_first_rep_and_fill)


def test_meeting_pane_reads_well_in_the_light_theme(snap_compare, make):
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await _open_first_rep_and_fill(pilot)

    assert snap_compare(make(history_weeks=8), terminal_size=(120, 40), run_before=light)


LONG_ANSWER = ("Two deals slipped to December because legal review at both accounts took three weeks longer than "
               "we planned, and the third stalled when their champion left the company")


def test_meeting_pane_shows_a_long_answer_in_full_after_focus_leaves(snap_compare, make):
    """Issue 9 item 5: the answer wraps and grows; with the focus on the diagnosis, every word shows."""
    async def long_answer(pilot):
        app = pilot.app
        first = app.team.metrics_in(Stage.RESULTS)[0]
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index(app.team.reps[0].id))
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#" + dom_id("actual", first.id)).focus()
        await pilot.press("1")
        app.screen.query_one("#" + dom_id("answer", first.id)).focus()
        await pilot.press(*LONG_ANSWER)
        app.screen.query_one("#" + dom_id("diagnosis", first.id)).focus()
        await pilot.pause()
        app.saver.flush()
        await pilot.pause()

    assert snap_compare(make(history_weeks=8), terminal_size=(80, 24), run_before=long_answer)
