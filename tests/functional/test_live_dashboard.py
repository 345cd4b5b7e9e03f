"""The dashboard tells the right story in any week (issue 9, item 7 and part of 8)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from textual.widgets import DataTable

from oneonone_tui.domain.records import Commitment, Session, SessionState
from oneonone_tui.store import Store
from oneonone_tui.ui.history import HistoryScreen

from .conftest import SIZE


def _cells(table: DataTable, rep_id: str) -> list[str]:
    return [str(cell) for cell in table.get_row(rep_id)]


async def test_an_unfinished_one_on_one_does_not_hide_the_last_one(make, db_path):
    """Luis with 26 weeks of history and W48 opened, never finished: W49 shows his last 1:1."""
    app = make(history_weeks=26, today=date(2026, 12, 1))
    app.store.save(Session(rep_id="luis_hernandez", week="2026-W48", state=SessionState.IN_PROGRESS,
                           started_at=datetime(2026, 11, 24, 9), shared_notes="started"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reps", DataTable)
        luis = _cells(table, "luis_hernandez")
        assert "never" not in luis and "—" not in luis[2], luis
        assert "last" in luis[2]  # the results of his last 1:1


async def test_a_past_week_with_no_one_on_one_says_skipped(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        assert "not started" in _cells(table, "maya_okafor")[1]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert _cells(table, "maya_okafor")[1] == "skipped"


async def test_a_rep_gone_from_the_team_file_is_listed_apart_with_their_history(make, team, db_path):
    seed = Store.open(db_path)
    seed.save(Session(rep_id="tomasz_kowalski", week="2026-W47", state=SessionState.DONE,
                      started_at=datetime(2026, 11, 17, 9), finished_at=datetime(2026, 11, 17, 9, 30),
                      commitments=[Commitment(id=f"t{i}", text=f"call {i}", due=date(2026, 11, 27),
                                              made_week="2026-W47") for i in range(4)]))
    seed.close()
    smaller = dataclasses.replace(team, reps=tuple(r for r in team.reps if r.id != "tomasz_kowalski"))
    app = make(team=smaller)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        # Listed a moment after the first frame (the year-long search does not hold it up).
        for _ in range(100):
            if table.row_count > len(smaller.reps):
                break
            await pilot.pause(0.02)
        assert table.row_count == len(smaller.reps) + 1
        tomasz = _cells(table, "tomasz_kowalski")
        assert tomasz[1] == "no longer in the team file" and tomasz[3] == "4"
        assert table.get_row_index("tomasz_kowalski") == table.row_count - 1  # apart, at the bottom
        table.move_cursor(row=table.get_row_index("tomasz_kowalski"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_at_80_columns_role_is_dropped_or_ellipsised_never_cut_to_a_letter(make):
    app = make(history_weeks=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reps", DataTable)
        if "Role" in [str(c.label) for c in table.columns.values()]:
            roles = [str(table.get_row(key)[-1]) for key in table.rows]
            assert all(len(r) >= 6 or r in ("SDR", "BDR") for r in roles), roles
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.size.width, "no column runs off the screen"


async def test_the_weeks_time_says_how_far_over_or_under_the_time_boxes(make):
    from textual.widgets import Static

    app = make()
    async with app.run_test(size=SIZE):
        text = str(app.screen.query_one("#week-progress", Static).render())
        assert "4h00m under" in text  # 8 reps × 30 min, nothing spent


async def test_a_read_only_window_shows_the_writers_saves(make, db_path):
    writer = Store.open(db_path)
    try:
        app = make(read_only=True)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#reps", DataTable)
            assert "not started" in _cells(table, "maya_okafor")[1]
            writer.save(Session(rep_id="maya_okafor", week="2026-W48", state=SessionState.DONE,
                                started_at=datetime(2026, 11, 24, 9), finished_at=datetime(2026, 11, 24, 9, 25),
                                shared_notes="held"))
            for _ in range(100):  # the window polls the store; wait for the tick, not a fixed time
                await pilot.pause(0.1)
                if "done" in _cells(table, "maya_okafor")[1]:
                    break
            assert "done" in _cells(table, "maya_okafor")[1]
    finally:
        writer.close()
