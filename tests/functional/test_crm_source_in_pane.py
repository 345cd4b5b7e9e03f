"""The meeting pane says where an imported number came from, until the manager types over it."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from oneonone_tui.domain.records import Session
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import MetricRow, dom_id

from .conftest import SIZE

WEEK = "2026-W48"


async def test_an_imported_actual_shows_from_crm_and_a_hand_typed_one_does_not(team, make, db_path):
    from oneonone_tui.store import Store

    with Store.open(db_path) as store:
        session = Session(rep_id="maya_okafor", week=WEEK)
        session.entry("closed_won_revenue").actual = 78450
        session.entry("deals_won").actual = 7  # typed by hand: no source recorded
        store.save(session)
        store.set_sources(WEEK, {"maya_okafor": {"closed_won_revenue": {
            "source": "crm", "file": "report.csv", "at": "2026-11-25T09:12:00", "value": 78450}}})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index("maya_okafor"))
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        revenue = meeting.query_one("#" + dom_id("metric", "closed_won_revenue"), MetricRow)
        line = revenue.query_one(".metric-source", Static)
        assert line.display and str(line.render()) == "from CRM, 25 Nov 09:12"
        deals = meeting.query_one("#" + dom_id("metric", "deals_won"), MetricRow)
        assert not deals.query_one(".metric-source").display
        field = meeting.query_one("#" + dom_id("actual", "closed_won_revenue"))
        field.focus()
        field.value = ""
        await pilot.press(*"80000")
        await pilot.pause()
        assert not line.display  # the manager's own number now: no longer "from CRM"
