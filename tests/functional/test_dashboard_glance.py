"""The dashboard's first frame shows this week's 1:1s alone (issue 13): the rows' history — levels,
open commitments, follow-through, the last 1:1 — is read a moment after, and nothing that needs it
acts on the glance."""

from __future__ import annotations

import asyncio

import pytest

from textual.widgets import DataTable, Static

from oneonone_tui.domain.overview import first_glance, week_overview
from oneonone_tui.ui.dashboard import COLUMNS, DashboardScreen
from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

from .conftest import SIZE

WEEK = "2026-W48"


@pytest.fixture(autouse=True)
def _glance(monkeypatch):
    """The first frame a glance, as in the app (conftest turns it off for every other test)."""
    monkeypatch.setattr(DashboardScreen, "FIRST_GLANCE", True)


@pytest.fixture
def held(monkeypatch):
    """The full read waits until the test lets it (`dashboard._complete()`): the glance is seen."""
    monkeypatch.setattr(DashboardScreen, "COMPLETE_AFTER", 60.0)


async def _full(app, pilot, trigger: bool = True) -> DashboardScreen:
    if trigger:
        app.screen._complete()
    for _ in range(100):
        dashboard = app.screen
        if isinstance(dashboard, DashboardScreen) and dashboard.overview and not dashboard.overview.glance:
            return dashboard
        await asyncio.sleep(0.01)
    raise AssertionError("the dashboard never read the week in full")


def test_the_glance_tells_this_weeks_state_and_results_as_the_full_read_does(make):
    app = make(history_weeks=12)
    glance = first_glance(app.team, app.sessions, WEEK, app.today)
    full = week_overview(app.team, app.sessions, WEEK, app.today)
    assert glance.glance and not full.glance
    by_rep = {row.rep.id: row for row in full.rows}
    assert sorted(by_rep) == sorted(row.rep.id for row in glance.rows)
    for row in glance.rows:
        assert not row.known and by_rep[row.rep.id].known
        assert row.state is by_rep[row.rep.id].state
        assert row.attainment == by_rep[row.rep.id].attainment
        assert row.skipped == by_rep[row.rep.id].skipped
    assert (glance.done, glance.due, glance.seconds_spent) == (full.done, full.due, full.seconds_spent)


async def test_first_frame_shows_unknowns_then_the_full_week_in_its_order_with_the_cursor_on_top(make, held):
    app = make(history_weeks=12)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        table = dashboard.query_one("#reps", DataTable)
        legend = str(dashboard.query_one("#legend", Static).render())
        assert dashboard.overview.glance  # the first frame: nothing before this week read yet
        assert legend.startswith("reading the last 26 1:1s")
        cells = table.get_row_at(0)
        for column in ("Open", "Flag", "Kept 4w"):
            assert cells[COLUMNS.index(column)].plain == "…", column
        dashboard = await _full(app, pilot)
        await pilot.pause()
        assert str(dashboard.query_one("#legend", Static).render()) == "needs you most at the top"
        expected = week_overview(app.team, app.sessions, WEEK, app.today)
        assert [r.rep.id for r in dashboard.overview.rows] == [r.rep.id for r in expected.rows]
        assert table.cursor_row == 0
        shown = [table.get_row_at(i) for i in range(table.row_count)]
        assert not any(cell.plain == "…" for row in shown for cell in row)
        open_column = COLUMNS.index("Open")
        assert [row[open_column].plain for row in shown] == [str(len(r.owed)) for r in expected.rows]


async def test_a_cursor_moved_during_the_glance_stays_on_its_rep(make, held):
    app = make(history_weeks=12)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        assert dashboard.overview.glance
        table = dashboard.query_one("#reps", DataTable)
        table.move_cursor(row=3)
        chosen = dashboard.overview.rows[3].rep.id
        dashboard = await _full(app, pilot)
        await pilot.pause()
        assert dashboard._selected_rep_id() == chosen


async def test_c_during_the_glance_lists_the_full_weeks_open_commitments(make, held):
    app = make(history_weeks=12)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.overview.glance, "c must be pressed while only the glance is shown"
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OpenCommitmentsScreen)
        full = week_overview(app.team, app.sessions, WEEK, app.today)
        assert screen.ranked == full.open_commitments(app.today)[0] and screen.ranked


async def test_the_full_read_follows_the_glance_by_itself(make):
    app = make(history_weeks=12)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = await _full(app, pilot, trigger=False)
        assert all(row.known for row in dashboard.overview.rows)


def test_snapshot_the_first_glance(snap_compare, make, held):
    """What the manager sees for the moment before the history is read: every rep, this week's
    state, `…` where the history goes, and the legend saying what is being read."""
    assert snap_compare(make(history_weeks=8), terminal_size=(120, 24))
